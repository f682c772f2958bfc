#include "api/json_contracts.hpp"

#include <cmath>

#include "api/json_input.hpp"

namespace caremarket::api {
using nlohmann::json;
namespace {
json money_json(Money m) { return {{"amount_pence", m.pence()}, {"amount", m.to_string()}}; }
json date_or_null(const std::optional<Date>& d) { return d ? json(d->to_string()) : json(nullptr); }
double round1(double v) { return std::round(v * 10) / 10; }

// Money as "1250.00" (a string) or in pence (an integer), never a float.
Result<std::optional<Money>> money_of(const JsonObject& in, const std::string& key, const std::string& where) {
  if (!in.has(key)) return std::optional<Money>{};
  CM_ASSIGN_OR_RETURN(const auto text, in.text(key, 20));
  auto m = Money::parse(*text);
  if (!m) return Error::invalid(m.error().message, where.empty() ? key : where + "." + key);
  return std::optional<Money>{*m};
}

Result<std::optional<Money>> price_of(const JsonObject& in, const std::string& key, const std::string& where) {
  const std::string pence_key = key + "_pence";
  const std::string field = where.empty() ? key : where + "." + key;
  if (in.has(key) && in.has(pence_key))
    return Error::invalid("give '" + key + "' or '" + pence_key + "', not both", field);
  CM_ASSIGN_OR_RETURN(const auto pence, in.integer(pence_key, 1, 10'000'000));
  if (pence) return std::optional<Money>{Money::from_pence(*pence)};
  return money_of(in, key, where);
}

Result<market::KindOfCare> kind_of(const std::string& text, const std::string& field) {
  const auto k = market::kind_of_care_from(text);
  if (!k) return Error::invalid("'" + text + "' is not a kind of care", field);
  return *k;
}

Result<std::int64_t> id_of(const json& v, const std::string& field) {
  if (!v.is_number_integer() || v.get<std::int64_t>() < 1)
    return Error::invalid("expected an id (a whole number above 0)", field);
  return v.get<std::int64_t>();
}

int as_int(std::int64_t v) { return static_cast<int>(v); }

// A list the model may leave out: empty when absent.
Result<std::vector<json>> list_of(const JsonObject& in, const std::string& key, std::size_t max_items) {
  if (!in.has(key)) return std::vector<json>{};
  return in.array(key, max_items);
}
}  // namespace

const std::vector<std::string>& contract_input_fields() {
  static const std::vector<std::string> fields{"model",
                                               "reference",
                                               "title",
                                               "parties",
                                               "providers",
                                               "services",
                                               "kinds",
                                               "start",
                                               "end",
                                               "extension_options",
                                               "extension_months",
                                               "notice_days",
                                               "price_unit",
                                               "unit_price",
                                               "unit_price_pence",
                                               "band_mode",
                                               "bands",
                                               "committed",
                                               "flex",
                                               "max_step",
                                               "target_percent",
                                               "review_weeks",
                                               "change_rules",
                                               "price_bands",
                                               "call_off_method",
                                               "membership_conditions",
                                               "notes"};
  return fields;
}

Result<storage::Contract> contract_from_json(const json& body) {
  CM_ASSIGN_OR_RETURN(const auto in, JsonObject::from(body, contract_input_fields(), ""));
  storage::Contract c;
  CM_ASSIGN_OR_RETURN(const auto model, in.required_text("model", 20));
  const auto m = storage::contract_model_from(model);
  if (!m) return Error::invalid("'model' is one of spot, block, soft_block, framework, dynamic_market", "model");
  c.model = *m;
  CM_ASSIGN_OR_RETURN(c.reference, in.required_text("reference", 60));
  CM_ASSIGN_OR_RETURN(c.title, in.required_text("title", 200));
  CM_ASSIGN_OR_RETURN(const auto parties, list_of(in, "parties", 50));
  for (std::size_t i = 0; i < parties.size(); ++i) {
    const std::string where = "parties[" + std::to_string(i) + "]";
    CM_ASSIGN_OR_RETURN(const auto p, JsonObject::from(parties[i], {"council_id", "share_bp", "lead"}, where));
    storage::ContractParty party;
    CM_ASSIGN_OR_RETURN(party.council_id, p.required_integer("council_id", 1, INT64_MAX));
    CM_ASSIGN_OR_RETURN(const auto share, p.integer("share_bp", 0, 10'000));
    party.share_bp = as_int(share.value_or(parties.size() == 1 ? 10'000 : 0));
    CM_ASSIGN_OR_RETURN(const auto lead, p.boolean("lead"));
    party.lead = lead.value_or(parties.size() == 1);
    c.parties.push_back(party);
  }
  CM_ASSIGN_OR_RETURN(const auto providers, list_of(in, "providers", 500));
  for (std::size_t i = 0; i < providers.size(); ++i) {
    CM_ASSIGN_OR_RETURN(const auto id, id_of(providers[i], "providers[" + std::to_string(i) + "]"));
    c.providers.push_back(id);
  }
  CM_ASSIGN_OR_RETURN(const auto services, list_of(in, "services", 500));
  for (std::size_t i = 0; i < services.size(); ++i) {
    const std::string where = "services[" + std::to_string(i) + "]";
    CM_ASSIGN_OR_RETURN(const auto s, JsonObject::from(services[i], {"service_id", "committed"}, where));
    storage::ContractService service;
    CM_ASSIGN_OR_RETURN(service.service_id, s.required_integer("service_id", 1, INT64_MAX));
    CM_ASSIGN_OR_RETURN(const auto committed, s.integer("committed", 0, 10'000));
    service.committed = as_int(committed.value_or(0));
    c.services.push_back(service);
  }
  CM_ASSIGN_OR_RETURN(const auto kinds, in.text_list("kinds", 30));
  if (kinds) {
    for (std::size_t i = 0; i < kinds->size(); ++i) {
      CM_ASSIGN_OR_RETURN(const auto k, kind_of((*kinds)[i], "kinds[" + std::to_string(i) + "]"));
      c.kinds.push_back(k);
    }
  }
  CM_ASSIGN_OR_RETURN(const auto start, in.date("start"));
  if (!start) return Error::invalid("'start' is required (YYYY-MM-DD)", "start");
  c.start = *start;
  CM_ASSIGN_OR_RETURN(const auto end, in.date("end"));
  if (!end) return Error::invalid("'end' is required (YYYY-MM-DD)", "end");
  c.end = *end;
  CM_ASSIGN_OR_RETURN(const auto options, in.integer("extension_options", 0, 10));
  c.extension_options = as_int(options.value_or(0));
  CM_ASSIGN_OR_RETURN(const auto months, in.integer("extension_months", 0, 60));
  c.extension_months = as_int(months.value_or(0));
  CM_ASSIGN_OR_RETURN(const auto notice, in.integer("notice_days", 0, 365));
  c.notice_days = as_int(notice.value_or(0));
  CM_ASSIGN_OR_RETURN(const auto unit, in.text("price_unit", 10));
  if (unit) {
    const auto u = market::price_unit_from(*unit);
    if (!u) return Error::invalid("'price_unit' is week or hour", "price_unit");
    c.price_unit = *u;
  }
  CM_ASSIGN_OR_RETURN(const auto price, price_of(in, "unit_price", ""));
  if (price) c.unit_price = *price;
  CM_ASSIGN_OR_RETURN(const auto mode, in.text("band_mode", 20));
  if (mode) {
    const auto bm = storage::band_mode_from(*mode);
    if (!bm) return Error::invalid("'band_mode' is whole_volume or marginal", "band_mode");
    c.band_mode = *bm;
  }
  CM_ASSIGN_OR_RETURN(const auto bands, list_of(in, "bands", 50));
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const std::string where = "bands[" + std::to_string(i) + "]";
    CM_ASSIGN_OR_RETURN(const auto b,
                        JsonObject::from(bands[i], {"from_places", "weekly_price", "weekly_price_pence"}, where));
    pricing::VolumeBand band;
    CM_ASSIGN_OR_RETURN(const auto from, b.required_integer("from_places", 1, 10'000));
    band.from_places = as_int(from);
    CM_ASSIGN_OR_RETURN(const auto weekly, price_of(b, "weekly_price", where));
    if (!weekly) return Error::invalid("give the band's 'weekly_price' (e.g. \"1050.00\")", where + ".weekly_price");
    band.weekly_price = *weekly;
    c.bands.push_back(band);
  }
  CM_ASSIGN_OR_RETURN(const auto committed, in.integer("committed", 0, 10'000));
  c.committed = as_int(committed.value_or(0));
  if (in.has("flex")) {
    CM_ASSIGN_OR_RETURN(const auto flex, JsonObject::from(body.at("flex"), {"min", "max"}, "flex"));
    CM_ASSIGN_OR_RETURN(const auto lo, flex.required_integer("min", 0, 10'000));
    CM_ASSIGN_OR_RETURN(const auto hi, flex.required_integer("max", 0, 10'000));
    c.flex_min = as_int(lo);
    c.flex_max = as_int(hi);
  }
  CM_ASSIGN_OR_RETURN(const auto step, in.integer("max_step", 0, 10'000));
  c.max_step = as_int(step.value_or(0));
  CM_ASSIGN_OR_RETURN(const auto target, in.integer("target_percent", 50, 100));
  c.target_percent = as_int(target.value_or(95));
  CM_ASSIGN_OR_RETURN(const auto review, in.integer("review_weeks", 0, 104));
  c.review_weeks = as_int(review.value_or(0));
  CM_ASSIGN_OR_RETURN(const auto rules, in.text("change_rules", 2000));
  if (rules) c.change_rules = *rules;
  CM_ASSIGN_OR_RETURN(const auto price_bands, list_of(in, "price_bands", 50));
  for (std::size_t i = 0; i < price_bands.size(); ++i) {
    const std::string where = "price_bands[" + std::to_string(i) + "]";
    CM_ASSIGN_OR_RETURN(
        const auto p,
        JsonObject::from(price_bands[i], {"kind", "unit", "floor", "floor_pence", "ceiling", "ceiling_pence"}, where));
    storage::PriceBand band;
    CM_ASSIGN_OR_RETURN(const auto kind, p.required_text("kind", 40));
    CM_ASSIGN_OR_RETURN(band.kind, kind_of(kind, where + ".kind"));
    CM_ASSIGN_OR_RETURN(const auto band_unit, p.text("unit", 10));
    band.unit = market::usual_unit(band.kind);
    if (band_unit) {
      const auto u = market::price_unit_from(*band_unit);
      if (!u) return Error::invalid("'unit' is week or hour", where + ".unit");
      band.unit = *u;
    }
    CM_ASSIGN_OR_RETURN(band.floor, price_of(p, "floor", where));
    CM_ASSIGN_OR_RETURN(const auto ceiling, price_of(p, "ceiling", where));
    if (!ceiling) return Error::invalid("give the band's 'ceiling' (e.g. \"1300.00\")", where + ".ceiling");
    band.ceiling = *ceiling;
    c.price_bands.push_back(band);
  }
  CM_ASSIGN_OR_RETURN(const auto method, in.text("call_off_method", 30));
  if (method) {
    const auto cm = storage::call_off_method_from(*method);
    if (!cm) return Error::invalid("'call_off_method' is direct_award or mini_competition", "call_off_method");
    c.call_off_method = *cm;
  }
  CM_ASSIGN_OR_RETURN(const auto conditions, in.text("membership_conditions", 4000));
  if (conditions) c.membership_conditions = *conditions;
  CM_ASSIGN_OR_RETURN(const auto notes, in.text("notes", 4000));
  if (notes) c.notes = *notes;
  return c;
}

json contract_input_json(const storage::Contract& c) {
  json parties = json::array();
  for (const auto& p : c.parties)
    parties.push_back({{"council_id", p.council_id}, {"share_bp", p.share_bp}, {"lead", p.lead}});
  json services = json::array();
  for (const auto& s : c.services) services.push_back({{"service_id", s.service_id}, {"committed", s.committed}});
  json kinds = json::array();
  for (const auto k : c.kinds) kinds.push_back(to_string(k));
  json bands = json::array();
  for (const auto& b : c.bands)
    bands.push_back({{"from_places", b.from_places}, {"weekly_price_pence", b.weekly_price.pence()}});
  json price_bands = json::array();
  for (const auto& p : c.price_bands) {
    json band{{"kind", to_string(p.kind)}, {"unit", to_string(p.unit)}, {"ceiling_pence", p.ceiling.pence()}};
    if (p.floor) band["floor_pence"] = p.floor->pence();
    price_bands.push_back(band);
  }
  json out{{"model", to_string(c.model)},
           {"reference", c.reference},
           {"title", c.title},
           {"parties", parties},
           {"providers", c.providers},
           {"services", services},
           {"kinds", kinds},
           {"start", c.start.to_string()},
           {"end", c.end.to_string()},
           {"extension_options", c.extension_options},
           {"extension_months", c.extension_months},
           {"notice_days", c.notice_days},
           {"notes", c.notes}};
  if (c.model == storage::ContractModel::block || c.model == storage::ContractModel::spot) {
    out["price_unit"] = to_string(c.price_unit);
    out["unit_price_pence"] = c.unit_price.pence();
  }
  if (c.model == storage::ContractModel::soft_block) {
    out["band_mode"] = to_string(c.band_mode);
    out["bands"] = bands;
    out["committed"] = c.committed;
    out["flex"] = {{"min", c.flex_min}, {"max", c.flex_max}};
    out["max_step"] = c.max_step;
    out["target_percent"] = c.target_percent;
    out["review_weeks"] = c.review_weeks;
    out["change_rules"] = c.change_rules;
  }
  if (c.model == storage::ContractModel::framework) {
    out["price_bands"] = price_bands;
    out["call_off_method"] = to_string(c.call_off_method);
  }
  if (c.model == storage::ContractModel::dynamic_market) out["membership_conditions"] = c.membership_conditions;
  return out;
}

json to_json(const storage::Contract& c) {
  json out = contract_input_json(c);
  out["id"] = c.id;
  out["status"] = to_string(c.status);
  out["status_reason"] = c.status_reason;
  out["status_date"] = date_or_null(c.status_date);
  if (out.contains("unit_price_pence")) {
    out.erase("unit_price_pence");
    out["unit_price"] = money_json(c.unit_price);
  }
  if (c.model == storage::ContractModel::soft_block) {
    json bands = json::array();
    for (const auto& b : c.bands)
      bands.push_back({{"from_places", b.from_places}, {"weekly_price", money_json(b.weekly_price)}});
    out["bands"] = bands;
  }
  if (c.model == storage::ContractModel::framework) {
    json bands = json::array();
    for (const auto& p : c.price_bands) {
      bands.push_back({{"kind", to_string(p.kind)},
                       {"unit", to_string(p.unit)},
                       {"floor", p.floor ? money_json(*p.floor) : json(nullptr)},
                       {"ceiling", money_json(p.ceiling)}});
    }
    out["price_bands"] = bands;
  }
  json services = json::array();
  for (const auto& s : c.services) {
    services.push_back({{"service_id", s.service_id}, {"provider_id", s.provider_id}, {"committed", s.committed}});
  }
  out["services"] = services;
  json extensions = json::array();
  for (const auto& e : c.extensions) {
    extensions.push_back({{"number", e.number},
                          {"from", e.from.to_string()},
                          {"to", e.to.to_string()},
                          {"reason", e.reason},
                          {"taken_by", e.taken_by},
                          {"taken_at", format_timestamp(e.taken_at)}});
  }
  out["extensions"] = extensions;
  out["extensions_left"] = c.extension_options - static_cast<int>(c.extensions.size());
  if (c.model == storage::ContractModel::dynamic_market) {
    json members = json::array();
    for (const auto& m : c.members) {
      members.push_back({{"provider_id", m.provider_id},
                         {"status", to_string(m.status)},
                         {"applied_on", m.applied_on.to_string()},
                         {"joined_on", date_or_null(m.joined_on)},
                         {"suspended_on", date_or_null(m.suspended_on)},
                         {"removed_on", date_or_null(m.removed_on)},
                         {"reason", m.reason}});
    }
    out["members"] = members;
  }
  out["synthetic"] = c.synthetic;
  out["created_at"] = format_timestamp(c.created_at);
  out["updated_at"] = format_timestamp(c.updated_at);
  return out;
}

json to_json(const app::Utilisation& u) {
  json weeks = json::array();
  for (const auto& w : u.weeks) {
    weeks.push_back({{"week_start", w.week_start.to_string()},
                     {"committed", w.committed},
                     {"occupied", w.occupied},
                     {"voids", w.voids},
                     {"overflow", w.overflow},
                     {"charge", money_json(w.charge)},
                     {"void_cost", money_json(w.void_cost)}});
  }
  const bool hours =
      u.contract.model == storage::ContractModel::block && u.contract.price_unit == market::PriceUnit::hour;
  return {{"contract_id", u.contract.id},
          {"model", to_string(u.contract.model)},
          {"band_mode", u.contract.model == storage::ContractModel::soft_block ? json(to_string(u.contract.band_mode))
                                                                               : json(nullptr)},
          {"unit", hours ? "hours" : "places"},
          {"occupancy_rule",
           "a place counts as occupied in a week when a call-off under this contract covers the week's first day"},
          {"weeks", weeks},
          {"totals",
           {{"committed", u.committed_total},
            {"occupied", u.occupied_total},
            {"voids", u.voids_total},
            {"charge", money_json(u.charge_total)},
            {"void_cost", money_json(u.void_cost_total)},
            {"utilisation_percent", round1(u.utilisation_percent)}}}};
}

json to_json(const storage::CommitmentReview& r) {
  return {{"id", r.id},
          {"contract_id", r.contract_id},
          {"review_date", r.review_date.to_string()},
          {"period_from", r.period_from.to_string()},
          {"weeks", r.weeks},
          {"current", r.current},
          {"proposed", r.proposed},
          {"average_occupied", round1(r.average_occupied)},
          {"utilisation_percent", round1(r.utilisation_percent)},
          {"proposal_reason", r.proposal_reason},
          {"decision", r.accepted ? "accept" : "other"},
          {"decided", r.decided},
          {"reason", r.reason},
          {"decided_on", r.decided_on.to_string()},
          {"decided_by", r.decided_by},
          {"decided_at", format_timestamp(r.decided_at)}};
}

json to_json(const app::ReviewsView& v) {
  json decided = json::array();
  for (const auto& r : v.decided) decided.push_back(to_json(r));
  json next = nullptr;
  if (v.next_review) {
    next = {{"review_date", v.next_review->to_string()},
            {"provisional", v.provisional},
            {"period_from", v.proposal_from.to_string()},
            {"weeks", v.proposal_weeks},
            {"proposal", nullptr}};
    if (v.proposal) {
      next["proposal"] = {{"current", v.proposal->current},
                          {"proposed", v.proposal->proposed},
                          {"average_occupied", round1(v.proposal->average_occupied)},
                          {"utilisation_percent", round1(v.proposal->utilisation_percent)},
                          {"reason", v.proposal->reason}};
    }
  }
  return {{"contract_id", v.contract.id},
          {"commitment_now", v.commitment_now},
          {"rules",
           {{"flex", {{"min", v.contract.flex_min}, {"max", v.contract.flex_max}}},
            {"max_step", v.contract.max_step},
            {"target_percent", v.contract.target_percent},
            {"review_weeks", v.contract.review_weeks},
            {"change_rules", v.contract.change_rules}}},
          {"decided", decided},
          {"next", next}};
}

}  // namespace caremarket::api
