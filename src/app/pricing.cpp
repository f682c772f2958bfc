#include "app/pricing.hpp"

#include <nlohmann/json.hpp>

#include "app/audit_event.hpp"
#include "app/json_detail.hpp"

namespace caremarket::app {
namespace {

Status read_stored_contracts(FeeReviewRequest& request, storage::Store& store, const Caller& caller, Date on) {
  for (std::size_t i = 0; i < request.input.contracts.size(); ++i) {
    if (!request.stored[i]) continue;
    auto& fc = request.input.contracts[i];
    auto figures = contract_fee_figures(store, caller, fc.id, on);
    if (!figures) {
      auto e = figures.error();
      if (e.field.empty() || e.field == "contracts") e.field = "contracts[" + std::to_string(i) + "].contract_id";
      return e;
    }
    fc.annual_spend = figures->annual_spend;
    fc.rating = figures->rating;
    request.weekly[i] = std::make_pair(figures->weekly_price, figures->places);
    request.figures[i] = std::move(*figures);
  }
  return request.input.validate();
}

}  // namespace

Result<pricing::PricedModel> Pricing::calculate(const Caller& caller, const pricing::ModelSpec& spec) const {
  CM_TRY_STATUS(can_read_register(caller));
  return pricing::price_model(spec);
}

Result<pricing::BlockSizingAdvice> Pricing::size_block(const Caller& caller,
                                                       const pricing::BlockSizingInput& input) const {
  CM_TRY_STATUS(can_use_commissioning_tools(caller));
  return pricing::advise_block_size(input);
}

Result<pricing::FeeReviewResult> Pricing::review_fees(const Caller& caller, FeeReviewRequest& request) {
  CM_TRY_STATUS(can_use_commissioning_tools(caller));
  CM_TRY_STATUS(read_stored_contracts(request, store_, caller, request.as_of.value_or(clock_.today())));
  return pricing::review_fees(request.input);
}

namespace {
using market::KindOfCare;
using pricing::LineKind;

std::optional<LineKind> line_kind_from(std::string_view text) {
  for (const auto k :
       {LineKind::fixed, LineKind::quantity_rate, LineKind::percent_of_pay, LineKind::percent_of_price}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

market::PriceUnit unit_for(KindOfCare kind, const pricing::ModelSpec& spec) {
  if (spec.parameters)
    return spec.parameters->kind == pricing::TemplateKind::care_home ? market::PriceUnit::week
                                                                     : market::PriceUnit::hour;
  return market::usual_unit(kind);
}

// A template fits only the kinds of care it describes.
Status check_fits(KindOfCare kind, const pricing::ModelSpec& spec, const std::string& field) {
  if (!spec.parameters) return {};
  const auto fits = template_for(kind);
  if (!fits || *fits != spec.parameters->kind) {
    return Error::invalid("the " + std::string(to_string(spec.parameters->kind)) + " template does not describe " +
                              std::string(to_string(kind)) + "; give your own 'lines' instead",
                          field);
  }
  if (kind == KindOfCare::care_home_nursing && spec.parameters->get("nursing_hours") == 0) {
    return Error::invalid("a nursing home model needs registered nurse hours: set 'nursing_hours'",
                          field + ".parameters.nursing_hours");
  }
  return {};
}

Status audit(storage::Store& store, Timestamp at, const Caller& caller, const std::string& action,
             const std::string& subject, const nlohmann::json& detail) {
  return store.append_audit(audit_event(at, caller, action, subject, detail.dump(-1, ' ', false, kReplaceBadBytes)));
}

nlohmann::json audit_detail(const pricing::PricedModel& priced) {
  nlohmann::json d{{"price_pence", priced.breakdown.price.pence()}, {"lines", priced.lines.size()}};
  if (priced.parameters) d["template"] = to_string(priced.parameters->kind);
  return d;
}
}  // namespace

std::optional<pricing::TemplateKind> template_for(KindOfCare kind) {
  if (kind == KindOfCare::care_home_residential || kind == KindOfCare::care_home_nursing)
    return pricing::TemplateKind::care_home;
  if (kind == KindOfCare::home_care) return pricing::TemplateKind::home_care;
  return std::nullopt;
}

storage::PriceModelContent content_of(const pricing::ModelSpec& spec) {
  storage::PriceModelContent c;
  if (spec.parameters) {
    c.template_name = std::string(to_string(spec.parameters->kind));
    c.parameters = spec.parameters->values;
    return c;
  }
  for (const auto& l : spec.lines) {
    c.lines.push_back(
        {l.name, std::string(to_string(l.kind)), l.amount, l.quantity_hundredths, l.is_pay, l.basis_points});
  }
  return c;
}

Result<pricing::ModelSpec> spec_of(const storage::PriceModelContent& c) {
  pricing::ModelSpec spec;
  if (!c.template_name.empty()) {
    const auto kind = pricing::template_kind_from(c.template_name);
    if (!kind) return Error::internal("a stored price model names an unknown template '" + c.template_name + "'");
    // Parameters added to a template after a model was saved take their defaults.
    CM_ASSIGN_OR_RETURN(spec.parameters, pricing::TemplateParameters::with(*kind, c.parameters));
    return spec;
  }
  for (const auto& l : c.lines) {
    const auto kind = line_kind_from(l.kind);
    if (!kind) return Error::internal("a stored cost line has an unknown kind '" + l.kind + "'");
    spec.lines.push_back({l.name, *kind, l.amount, l.quantity_hundredths, l.is_pay, l.basis_points});
  }
  return spec;
}

Result<std::vector<PriceModelView>> Pricing::council_models(const Caller& caller, std::int64_t council_id) {
  CM_TRY_STATUS(can_read_register(caller));
  CM_ASSIGN_OR_RETURN(const auto council, store_.get_organisation(council_id));
  if (council.kind != market::OrganisationKind::council) {
    return Error::not_found("organisation " + std::to_string(council_id) + " is not a council");
  }
  CM_ASSIGN_OR_RETURN(const auto records, store_.price_models(council_id));
  const auto today = clock_.today();
  std::vector<PriceModelView> out;
  for (const auto& r : records) {
    CM_ASSIGN_OR_RETURN(const auto spec, spec_of(r.content));
    CM_ASSIGN_OR_RETURN(auto priced, pricing::price_model(spec));
    out.push_back({r, std::move(priced), false});
  }
  // Records come by kind, then date: the last of each kind on or before today is in force.
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto& r = out[i].record;
    const bool next_same_and_due =
        i + 1 < out.size() && out[i + 1].record.kind == r.kind && !(today < out[i + 1].record.effective_from);
    out[i].current = !(today < r.effective_from) && !next_same_and_due;
  }
  return out;
}

Result<std::vector<PriceModelView>> Pricing::set_council_models(const Caller& caller, std::int64_t council_id,
                                                                const std::vector<PriceModelChange>& changes) {
  CM_ASSIGN_OR_RETURN(const auto council, store_.get_organisation(council_id));
  if (council.kind != market::OrganisationKind::council) {
    return Error::not_found("organisation " + std::to_string(council_id) + " is not a council");
  }
  CM_TRY_STATUS(can_change_price_models(caller, council_id));
  if (changes.empty()) return Error::invalid("give at least one model in 'models'", "models");
  std::vector<std::pair<storage::CouncilPriceModel, pricing::PricedModel>> ready;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& c = changes[i];
    const std::string field = "models[" + std::to_string(i) + "]";
    for (std::size_t j = 0; j < i; ++j) {
      if (changes[j].kind == c.kind && changes[j].effective_from == c.effective_from) {
        return Error::invalid(
            "two models for " + std::string(to_string(c.kind)) + " from " + c.effective_from.to_string(), field);
      }
    }
    CM_TRY_STATUS(check_fits(c.kind, c.spec, field));
    auto priced = pricing::price_model(c.spec);
    if (!priced) return Error::invalid(field + ": " + priced.error().message, field);
    storage::CouncilPriceModel m;
    m.council_id = council_id;
    m.kind = c.kind;
    m.effective_from = c.effective_from;
    m.content = content_of(c.spec);
    m.note = c.note;
    m.synthetic = c.synthetic;
    m.set_by = caller.user_id;
    m.set_at = clock_.now();
    ready.emplace_back(std::move(m), std::move(*priced));
  }
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    for (auto& [m, priced] : ready) {
      CM_ASSIGN_OR_RETURN(m.id, store_.save_price_model(m));
      auto detail = audit_detail(priced);
      detail["kind"] = to_string(m.kind);
      detail["effective_from"] = m.effective_from.to_string();
      CM_TRY_STATUS(
          audit(store_, clock_.now(), caller, "price_model.set", "council:" + std::to_string(council_id), detail));
    }
    return {};
  }));
  return council_models(caller, council_id);
}

Result<OpenBookView> Pricing::submit_open_book(const Caller& caller, std::int64_t service_id,
                                               const OpenBookChange& change) {
  CM_ASSIGN_OR_RETURN(const auto service, store_.get_service(service_id));
  CM_TRY_STATUS(can_change_service(caller, service.provider_id));
  CM_TRY_STATUS(check_fits(service.kind, change.spec, "template"));
  CM_ASSIGN_OR_RETURN(auto priced, pricing::price_model(change.spec));
  storage::OpenBookSubmission s;
  s.service_id = service_id;
  s.provider_id = service.provider_id;
  s.effective_from = change.effective_from;
  s.content = content_of(change.spec);
  s.note = change.note;
  s.synthetic = change.synthetic;
  s.submitted_by = caller.user_id;
  s.submitted_at = clock_.now();
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(s.id, store_.add_open_book(s));
    auto detail = audit_detail(priced);
    detail["submission_id"] = s.id;
    return audit(store_, clock_.now(), caller, "open_book.submit", "service:" + std::to_string(service_id), detail);
  }));
  return OpenBookView{s, std::move(priced)};
}

Result<std::vector<OpenBookView>> Pricing::open_book(const Caller& caller, std::int64_t service_id) {
  CM_ASSIGN_OR_RETURN(const auto service, store_.get_service(service_id));
  CM_TRY_STATUS(can_read_prices(caller, service.provider_id));
  CM_ASSIGN_OR_RETURN(const auto records, store_.open_book(service_id));
  std::vector<OpenBookView> out;
  for (const auto& r : records) {
    CM_ASSIGN_OR_RETURN(const auto spec, spec_of(r.content));
    CM_ASSIGN_OR_RETURN(auto priced, pricing::price_model(spec));
    out.push_back({r, std::move(priced)});
  }
  return out;
}

Result<std::optional<PriceModelView>> Pricing::model_in_force(std::int64_t council_id, KindOfCare kind, Date on) {
  CM_ASSIGN_OR_RETURN(const auto records, store_.price_models(council_id));
  const storage::CouncilPriceModel* found = nullptr;
  for (const auto& r : records) {
    if (r.kind == kind && !(on < r.effective_from)) found = &r;  // oldest first: the last one due wins
  }
  if (!found) return std::optional<PriceModelView>{};
  CM_ASSIGN_OR_RETURN(const auto spec, spec_of(found->content));
  CM_ASSIGN_OR_RETURN(auto priced, pricing::price_model(spec));
  return std::optional<PriceModelView>{PriceModelView{*found, std::move(priced), true}};
}

Result<std::optional<OpenBookView>> Pricing::latest_open_book(std::int64_t service_id) {
  CM_ASSIGN_OR_RETURN(const auto records, store_.open_book(service_id));
  if (records.empty()) return std::optional<OpenBookView>{};
  CM_ASSIGN_OR_RETURN(const auto spec, spec_of(records.back().content));
  CM_ASSIGN_OR_RETURN(auto priced, pricing::price_model(spec));
  return std::optional<OpenBookView>{OpenBookView{records.back(), std::move(priced)}};
}

Result<std::int64_t> Pricing::council_of_area(const market::Service& service) {
  CM_ASSIGN_OR_RETURN(const auto council, store_.find_organisation_by_key("ons:" + service.local_authority_code));
  if (!council)
    return Error::not_found("no council is recorded for the area of service " + std::to_string(service.id) +
                            "; say which with council_id");
  return council->id;
}

Result<PriceExplanation> Pricing::explain_open_book(const Caller& caller, std::int64_t service_id,
                                                    std::optional<std::int64_t> council_id) {
  CM_ASSIGN_OR_RETURN(const auto service, store_.get_service(service_id));
  CM_TRY_STATUS(can_read_prices(caller, service.provider_id));
  PriceExplanation e;
  e.service_id = service_id;
  e.kind = service.kind;
  if (council_id) {
    e.council_id = *council_id;
  } else if (caller.is_council()) {
    e.council_id = caller.organisation_id;
  } else {
    CM_ASSIGN_OR_RETURN(e.council_id, council_of_area(service));
  }
  CM_ASSIGN_OR_RETURN(const auto submission, latest_open_book(service_id));
  if (!submission) return Error::not_found("service " + std::to_string(service_id) + " has no open-book submission");
  CM_ASSIGN_OR_RETURN(const auto model, model_in_force(e.council_id, service.kind, clock_.today()));
  if (!model) {
    return Error::not_found("council " + std::to_string(e.council_id) + " has no price model in force for " +
                            std::string(to_string(service.kind)));
  }
  CM_ASSIGN_OR_RETURN(const auto spec, spec_of(submission->record.content));
  const auto unit = unit_for(service.kind, spec);
  CM_ASSIGN_OR_RETURN(const auto model_spec, spec_of(model->record.content));
  e.unit = unit_for(service.kind, model_spec);
  if (unit != e.unit)
    return Error::conflict("the submission is priced per " + std::string(to_string(unit)) +
                           " and the council's model per " + std::string(to_string(e.unit)));
  e.price_model_id = model->record.id;
  e.model_price = model->priced.breakdown.price;
  e.offer_price = submission->priced.breakdown.price;
  e.open_book_price = e.offer_price;
  e.open_book_id = submission->record.id;
  e.lines = pricing::explain(model->priced.breakdown, submission->priced.breakdown);
  return e;
}

Result<PriceExplanation> Pricing::explain_offer(const Caller& caller, std::int64_t offer_id) {
  CM_TRY_STATUS(can_read_register(caller));
  const auto hidden = Error::not_found("offer " + std::to_string(offer_id) + " does not exist");
  auto offer = store_.get_offer(offer_id);
  if (!offer) return hidden;
  CM_ASSIGN_OR_RETURN(const auto referral, store_.get_referral(offer->referral_id));
  // The referring council and the offering provider see it; for anyone else it does not exist.
  const bool allowed = caller.is_operator() || (caller.is_council() && caller.organisation_id == referral.council_id) ||
                       (caller.is_provider() && caller.organisation_id == offer->provider_id);
  if (!allowed) return hidden;
  CM_ASSIGN_OR_RETURN(const auto service, store_.get_service(offer->service_id));
  PriceExplanation e;
  e.council_id = referral.council_id;
  e.service_id = service.id;
  e.kind = service.kind;
  e.offer_id = offer_id;
  e.offer_price = offer->price;
  e.unit = offer->unit;
  CM_ASSIGN_OR_RETURN(const auto model, model_in_force(referral.council_id, service.kind, offer->start_date));
  if (!model) {
    return Error::not_found("the council has no price model for " + std::string(to_string(service.kind)) +
                            " in force on " + offer->start_date.to_string());
  }
  CM_ASSIGN_OR_RETURN(const auto model_spec, spec_of(model->record.content));
  if (unit_for(service.kind, model_spec) != offer->unit) {
    return Error::conflict("the offer is priced per " + std::string(to_string(offer->unit)) +
                           " and the council's model per " +
                           std::string(to_string(unit_for(service.kind, model_spec))));
  }
  e.price_model_id = model->record.id;
  e.model_price = model->priced.breakdown.price;
  CM_ASSIGN_OR_RETURN(const auto submission, latest_open_book(service.id));
  std::optional<market::PriceUnit> submission_unit;
  if (submission) {
    CM_ASSIGN_OR_RETURN(const auto submission_spec, spec_of(submission->record.content));
    submission_unit = unit_for(service.kind, submission_spec);
  }
  if (submission && submission_unit == offer->unit) {
    e.open_book_price = submission->priced.breakdown.price;
    e.open_book_id = submission->record.id;
    e.lines = pricing::explain(model->priced.breakdown, submission->priced.breakdown);
    e.note = "lines from the provider's open-book submission " + std::to_string(submission->record.id) +
             "; the offer's difference from that submission is not explained by any line";
  } else {
    e.note = "the provider has no open-book submission for this service: only the total can be compared";
  }
  return e;
}

}  // namespace caremarket::app
