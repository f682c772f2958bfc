// The provider's pages: its services and their vacancies (one action per
// service), the referrals sent to it in their redacted form, offers made,
// declined and withdrawn; the person's details appear only once awarded.
#include "api/input_policy.hpp"
#include "core/text.hpp"
#include "pds/standard.hpp"
#include "web/labels.hpp"
#include "web/layout.hpp"

namespace caremarket::web {
namespace {

std::string inbox_path(std::int64_t id) { return "/inbox/" + std::to_string(id); }

std::vector<app::ServiceView> own_services(SiteContext& ctx, const app::Caller& caller) {
  app::SearchRequest request;
  request.query.provider_id = caller.organisation_id;
  request.query.include_inactive = true;
  request.query.limit = 500;  // the most one search returns
  auto found = ctx.market.search(caller, request);
  return found ? found->items : std::vector<app::ServiceView>{};
}

Reply services_page(SiteContext& ctx, const Request& req, const FieldErrors& errors = {}, int status = 200) {
  if (!req.caller->is_provider()) return error_page(req, Error::forbidden("This page is for providers."));
  auto org = ctx.market.organisation(*req.caller, req.caller->organisation_id);
  if (!org) return error_page(req, org.error());
  Html main = error_summary(errors);
  if (req.param("done") == "vacancies") {
    const auto id = parse_integer(req.param("service")).value_or(0);
    const auto s = ctx.market.service(id);
    if (s) main += success_banner("Vacancies at " + s->name + " are now " + std::to_string(s->vacancies));
  }
  main += heading(org->name, "Your organisation");
  main += summary_list(
      {{"Regulator's provider id", text(org->regulator_id.empty() ? "not published" : org->regulator_id)}});
  const auto services = own_services(ctx, *req.caller);
  Table t{"Services and vacancies (" + std::to_string(services.size()) + ")",
          {"Service", "Kind", "Rating", "Places", "Vacancies now"},
          {},
          {false, false, false, true, false}};
  for (const auto& v : services) {
    const auto& s = v.service;
    const std::string field = "vacancies-" + std::to_string(s.id);
    // One form per service: type the number and press Save; nothing else to do.
    FieldErrors one;
    if (const auto* m = errors.find(field)) one.add(field, *m);
    const Html form =
        "<form method=\"post\" action=\"/services/" + Html::number(s.id) +
        "/vacancies\" class=\"cm-inline-form\" novalidate>" + csrf_field(req.csrf) +
        text_input(field, "Vacancies at " + s.name, std::to_string(s.vacancies), one,
                   FieldOptions().with_width("govuk-input--width-3").numeric()) +
        "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Save<span "
        "class=\"govuk-visually-hidden\"> vacancies at " +
        text(s.name) + "</span></button></form>" +
        (s.vacancies_as_of ? "<p class=\"govuk-body-s\">Last set " + text(time_label(*s.vacancies_as_of)) +
                                 (s.vacancies_synthetic ? Html(" (demo figure)") : Html()) + "</p>"
                           : Html());
    t.rows.push_back({link("/services/" + std::to_string(s.id), s.name), text(human(to_string(s.kind))),
                      text(human(to_string(s.rating))), Html::number(s.places), form});
  }
  main += services.empty() ? paragraph("Your organisation has no services in the register.") : table(t);
  return Reply::html(layout(req, "Services and vacancies", main, !errors.empty()), status);
}

Reply service_page(SiteContext& ctx, const Request& req) {
  auto view = ctx.market.get_service(*req.caller, req.id);
  if (!view) return error_page(req, view.error());
  const auto& s = view->service;
  std::vector<SummaryRow> rows{
      {"Provider", text(view->provider_name)},
      {"Kind of care", text(human(to_string(s.kind)))},
      {"Regulator", text(human(to_string(s.regulator)) + (s.regulator_id.empty() ? "" : " " + s.regulator_id))},
      {"Rating", text(human(to_string(s.rating)) + (s.rating_date ? ", inspected " + date_label(*s.rating_date) : ""))},
      {"Address", text(s.address.empty() ? "not published" : s.address)},
      {"Postcode", text(s.postcode.empty() ? "not published" : s.postcode)},
      {"Council area", text(view->local_authority_name)},
      {"Places", Html::number(s.places)},
      {"Vacancies", Html::number(s.vacancies)},
      {"Ages", text(std::to_string(s.age_min) + " to " + std::to_string(s.age_max))},
      {"Needs accepted", text(list_label(s.needs))},
      {"Specialisms", text(list_label(s.specialisms))},
  };
  if (market::is_childrens(s.kind)) {
    rows.push_back({"Risks it can manage", text(list_label(s.risks_accepted))});
    rows.push_back({"What it offers", text(list_label(s.features))});
  }
  if (!s.notes.empty()) rows.push_back({"Notes", text(s.notes)});
  Html main = heading(s.name, human(to_string(s.kind))) + summary_list(rows);
  if (view->prices && !view->prices->empty()) {
    Table t{"Prices", {"Need level", "Amount", "From", "Source"}, {}, {false, true, false, false}};
    for (const auto& p : *view->prices) {
      t.rows.push_back({text(human(p.need_level)),
                        text(p.amount.to_display() + (p.unit == market::PriceUnit::hour ? " an hour" : " a week")),
                        text(date_label(p.valid_from)), text(p.synthetic ? "demo figure" : "provider")});
    }
    main += table(t);
  }
  return Reply::html(layout(req, s.name, main));
}

Reply inbox_page(SiteContext& ctx, const Request& req) {
  auto list = ctx.brokerage.provider_referrals(*req.caller);
  if (!list) return error_page(req, list.error());
  Table t{"", {"Referral", "Status", "Kinds of care", "Age", "District", "Offers close", "Your answer"}, {}, {}};
  auto items = *list;
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
  for (const auto& r : items) {
    int waiting = 0;
    for (const auto& a : r.asked) waiting += a.status == storage::RecipientStatus::asked ? 1 : 0;
    t.rows.push_back({link(inbox_path(r.id), "Referral " + std::to_string(r.id)), referral_status_tag(r.status),
                      text(kinds_label(r.kinds)), text(r.age_band), text(r.home_district), text(time_label(r.deadline)),
                      waiting > 0 ? tag(std::to_string(waiting) + " to answer", "yellow") : tag("Answered", "green")});
  }
  Html main = heading("Referrals received");
  main += t.rows.empty() ? paragraph("No referral has been sent to your services yet.") : table(t);
  return Reply::html(layout(req, "Referrals received", main));
}

Html pds_summary(const nlohmann::json& document) {
  Html out;
  for (const auto& [entity, object] : document.items()) {
    if (!object.is_object()) continue;
    std::vector<SummaryRow> rows;
    for (const auto& [field, value] : object.items()) {
      std::string shown;
      if (value.is_string()) shown = value.get<std::string>();
      else if (value.is_boolean()) shown = value.get<bool>() ? "Yes" : "No";
      else if (value.is_array()) {
        for (const auto& v : value)
          shown += (shown.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : api::json_text(v));
      } else shown = api::json_text(value);
      rows.push_back({pds::field_label(entity, field), text(shown)});
    }
    out += "<h3 class=\"govuk-heading-s\">" + text(human(entity)) + "</h3>" + summary_list(rows);
  }
  return out;
}

Reply referral_page(SiteContext& ctx, const Request& req, const FieldErrors& errors = {}, int status = 200) {
  auto view = ctx.brokerage.provider_view(*req.caller, req.id, true);
  if (!view) return error_page(req, view.error());
  const auto& v = *view;
  Html main = error_summary(errors);
  const std::string done = req.param("done");
  if (done == "offered") main += success_banner("Offer sent", "The council ranks the offers when they close.");
  if (done == "declined") main += success_banner("Referral declined for that service");
  if (done == "withdrawn") main += success_banner("Offer withdrawn");
  main += heading("Referral " + std::to_string(v.id), kinds_label(v.kinds));
  if (v.person) {
    main +=
        "<h2 class=\"govuk-heading-m\">The person placed with you</h2>" +
        inset(text("You were awarded this placement, so you now see who the person is. Your view is recorded in the "
                   "audit trail.")) +
        summary_list({{"Name", text(v.person->name)},
                      {"Date of birth", text(v.person->date_of_birth.empty() ? "not given" : v.person->date_of_birth)},
                      {"NHS number", text(v.person->nhs_number.empty() ? "not given" : v.person->nhs_number)},
                      {"Home postcode", text(v.person->home_postcode)}});
  } else {
    main += inset(text("The person's name and identifiers are shared only with the provider awarded the placement."));
  }
  main +=
      "<h2 class=\"govuk-heading-m\">The need</h2>" +
      summary_list({{"Status", referral_status_tag(v.status)},
                    {"Age band", text(v.age_band)},
                    {"Home postcode district", text(v.home_district)},
                    {"Needs", text(list_label(v.needs))},
                    {"Hours a week", text(v.hours_per_week > 0 ? std::to_string(v.hours_per_week) : "not home care")},
                    {"Needed by", text(date_label(v.needed_by) + (v.urgent ? " (urgent: needed today)" : ""))},
                    {"Offers close", text(time_label(v.deadline))}});
  if (!v.pds.is_null())
    main += "<h2 class=\"govuk-heading-m\">Placements Data Standard details</h2>" + pds_summary(v.pds);
  for (const auto& asked : v.asked) {
    const auto s = ctx.market.service(asked.service_id);
    const std::string name = s ? s->name : "service " + std::to_string(asked.service_id);
    const auto miles = static_cast<std::int64_t>(asked.distance_miles);
    main += "<h2 class=\"govuk-heading-m\">" + text(name) + "</h2><p class=\"govuk-body\">About " +
            Html::number(miles) + (miles == 1 ? Html(" mile") : Html(" miles")) +
            " from the person's home district.</p>";
    if (asked.status == storage::RecipientStatus::declined) {
      main += paragraph("You declined: " + asked.decline_reason);
      continue;
    }
    if (asked.status == storage::RecipientStatus::offered) continue;
    if (v.status != storage::ReferralStatus::sent) {
      main += paragraph("Offers are closed.");
      continue;
    }
    const std::string sid = std::to_string(asked.service_id);
    FieldErrors mine;
    for (const auto& [field, message] : errors.items()) {
      if (field.ends_with("-" + sid)) mine.add(field, message);
    }
    Form typed = req.form.get("service_id") == sid ? req.form : Form();
    const Html offer_fields =
        hidden_field("service_id", sid) +
        text_input("price-" + sid, "Weekly price in pounds", typed.get("price-" + sid), mine,
                   FieldOptions().with_width("govuk-input--width-10").with_hint("For example, 1250.00")) +
        date_input("start-" + sid, "Start date", typed, mine, FieldOptions().with_hint("For example, 4 12 2026")) +
        textarea("conditions-" + sid, "Conditions (optional)", typed.get("conditions-" + sid), mine);
    main += "<h3 class=\"govuk-heading-s\">Make an offer</h3>" +
            post_form(inbox_path(v.id) + "/offers", req.csrf, offer_fields, "Make an offer for " + name) +
            "<h3 class=\"govuk-heading-s\">Or decline</h3>" +
            post_form(inbox_path(v.id) + "/declines", req.csrf,
                      hidden_field("service_id", sid) + textarea("decline-" + sid,
                                                                 "Why can " + name + " not take this referral?",
                                                                 typed.get("decline-" + sid), mine),
                      "Decline for " + name, true);
  }
  if (!v.offers.empty()) {
    Table t{"Your offers",
            {"Service", "Price", "Start", "Status", "Feedback", ""},
            {},
            {false, true, false, false, false, false}};
    for (const auto& o : v.offers) {
      const auto s = ctx.market.service(o.service_id);
      Html action;
      if (o.status == storage::OfferStatus::open) {
        action = post_form("/offers/" + std::to_string(o.id) + "/withdraw", req.csrf,
                           hidden_field("referral_id", std::to_string(v.id)), "Withdraw offer " + std::to_string(o.id),
                           false, true);
      }
      t.rows.push_back({text(s ? s->name : "service"), text(o.price.to_display()), text(date_label(o.start_date)),
                        offer_status_tag(o.status), text(o.feedback), action});
    }
    main += table(t);
  }
  return Reply::html(layout(req, "Referral " + std::to_string(v.id), main, !errors.empty()), status);
}

Reply failed(SiteContext& ctx, const Request& req, const Error& error, const std::string& field) {
  if (error.code == ErrorCode::not_found || error.code == ErrorCode::forbidden) return error_page(req, error);
  FieldErrors errors;
  errors.add(field, error.message);
  return referral_page(ctx, req, errors, status_of(error));
}

}  // namespace

std::vector<Page> provider_pages(SiteContext& ctx) {
  std::vector<Page> p;
  p.push_back({"GET", "/services", true, [&ctx](Request& req) { return services_page(ctx, req); }});
  p.push_back({"GET", "/services/{id}", true, [&ctx](Request& req) { return service_page(ctx, req); }});
  p.push_back({"POST", "/services/{id}/vacancies", true, [&ctx](Request& req) {
                 const std::string field = "vacancies-" + std::to_string(req.id);
                 FieldErrors errors;
                 const auto count = read_whole_number(req.form, field, errors, "Enter the number of vacancies", 0,
                                                      10000, "Vacancies must be a whole number, 0 or more");
                 if (!count) return services_page(ctx, req, errors, 400);
                 auto set = ctx.market.set_vacancies(*req.caller, req.id, static_cast<int>(*count));
                 if (!set) {
                   if (set.error().code == ErrorCode::not_found || set.error().code == ErrorCode::forbidden)
                     return error_page(req, set.error());
                   errors.add(field, set.error().message);
                   return services_page(ctx, req, errors, status_of(set.error()));
                 }
                 return Reply::redirect("/services?done=vacancies&service=" + std::to_string(req.id));
               }});
  p.push_back({"GET", "/inbox", true, [&ctx](Request& req) { return inbox_page(ctx, req); }});
  p.push_back({"GET", "/inbox/{id}", true, [&ctx](Request& req) { return referral_page(ctx, req); }});
  p.push_back({"POST", "/inbox/{id}/offers", true, [&ctx](Request& req) {
                 const std::string sid = req.form.get("service_id");
                 FieldErrors errors;
                 app::OfferInput in;
                 in.service_id = parse_integer(sid).value_or(0);
                 const auto price = read_money(req.form, "price-" + sid, errors, "Enter the weekly price you offer");
                 const auto start =
                     read_date(req.form, "start-" + sid, errors, "Enter the date the placement could start");
                 if (!errors.empty()) return referral_page(ctx, req, errors, 400);
                 in.price = *price;
                 in.start_date = *start;
                 in.conditions = req.form.get("conditions-" + sid);
                 auto made = ctx.brokerage.make_offer(*req.caller, req.id, in);
                 if (!made) {
                   const auto& f = made.error().field;
                   return failed(ctx, req, made.error(),
                                 (f == "start_date"   ? "start-"
                                  : f == "conditions" ? "conditions-"
                                                      : "price-") +
                                     sid);
                 }
                 return Reply::redirect(inbox_path(req.id) + "?done=offered");
               }});
  p.push_back({"POST", "/inbox/{id}/declines", true, [&ctx](Request& req) {
                 const std::string sid = req.form.get("service_id");
                 const std::string reason = req.form.get("decline-" + sid);
                 if (reason.empty()) {
                   FieldErrors errors;
                   errors.add("decline-" + sid, "Say why the service cannot take this referral");
                   return referral_page(ctx, req, errors, 400);
                 }
                 auto done = ctx.brokerage.decline(*req.caller, req.id, parse_integer(sid).value_or(0), reason);
                 if (!done) return failed(ctx, req, done.error(), "decline-" + sid);
                 return Reply::redirect(inbox_path(req.id) + "?done=declined");
               }});
  p.push_back({"POST", "/offers/{id}/withdraw", true, [&ctx](Request& req) {
                 const auto referral = parse_integer(req.form.get("referral_id")).value_or(0);
                 auto done = ctx.brokerage.withdraw_offer(*req.caller, req.id);
                 if (!done) return error_page(req, done.error());
                 return Reply::redirect(inbox_path(referral) + "?done=withdrawn");
               }});
  return p;
}

}  // namespace caremarket::web
