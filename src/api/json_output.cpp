#include "api/json_output.hpp"

namespace caremarket::api {

using nlohmann::json;

json to_json(const app::ServiceView& view) {
  const auto& s = view.service;
  json domains = json::object();
  for (const auto& d : s.domain_ratings) domains[d.domain] = to_string(d.rating);
  json vacancies{{"count", s.vacancies},
                 {"as_of", s.vacancies_as_of ? json(format_timestamp(*s.vacancies_as_of)) : json(nullptr)},
                 {"set_by_user_id", s.vacancies_set_by == 0 ? json(nullptr) : json(s.vacancies_set_by)},
                 {"synthetic", s.vacancies_synthetic}};
  json out{
      {"id", s.id},
      {"name", s.name},
      {"kind", to_string(s.kind)},
      {"provider", {{"id", s.provider_id}, {"name", view.provider_name}}},
      {"regulator", to_string(s.regulator)},
      {"regulator_id", s.regulator_id},
      {"address", s.address},
      {"postcode", s.postcode},
      {"location",
       {{"latitude", s.location.lat}, {"longitude", s.location.lon}, {"source", to_string(s.location_source)}}},
      {"local_authority", {{"code", s.local_authority_code}, {"name", view.local_authority_name}}},
      {"places", s.places},
      {"age_range", {{"min", s.age_min}, {"max", s.age_max}}},
      {"needs", s.needs},
      {"specialisms", s.specialisms},
      {"risks_accepted", s.risks_accepted},
      {"features", s.features},
      {"rating",
       {{"overall", to_string(s.rating)},
        {"date", s.rating_date ? json(s.rating_date->to_string()) : json(nullptr)},
        {"domains", domains}}},
      {"status", to_string(s.status)},
      {"vacancies", vacancies},
      {"price_unit", to_string(market::usual_unit(s.kind))},
      {"notes", s.notes},
      {"source", s.source},
      {"updated_at", format_timestamp(s.updated_at)},
  };
  if (view.distance_miles) out["distance_miles"] = std::round(*view.distance_miles * 100) / 100;
  if (view.prices) out["prices"] = to_json(*view.prices);
  return out;
}

json to_json(const market::Organisation& o) {
  json out{{"id", o.id}, {"kind", to_string(o.kind)}, {"name", o.name}};
  if (!o.ons_code.empty()) out["ons_code"] = o.ons_code;
  if (!o.regulator_id.empty()) out["regulator_id"] = o.regulator_id;
  return out;
}

json to_json(const market::PriceEntry& p) {
  return {{"need_level", p.need_level},
          {"unit", to_string(p.unit)},
          {"amount_pence", p.amount.pence()},
          {"amount", p.amount.to_string()},
          {"valid_from", p.valid_from.to_string()},
          {"synthetic", p.synthetic}};
}

json to_json(const std::vector<market::PriceEntry>& prices) {
  json out = json::array();
  for (const auto& p : prices) out.push_back(to_json(p));
  return out;
}

json to_json(const storage::User& u) {
  return {{"id", u.id},       {"organisation_id", u.organisation_id},
          {"email", u.email}, {"name", u.name},
          {"roles", u.roles}, {"active", u.active}};
}

json to_json(const app::SearchResult& r) {
  json items = json::array();
  for (const auto& v : r.items) items.push_back(to_json(v));
  json out{{"items", items}, {"total", r.total}, {"offset", r.offset}, {"limit", r.limit}};
  if (r.near_postcode) out["near"] = *r.near_postcode;
  return out;
}

json to_json(const app::ImportSummary& s) {
  auto notes = [](const std::vector<importers::RowNote>& rows) {
    json out = json::array();
    for (const auto& r : rows) out.push_back({{"line", r.line}, {"reason", r.reason}});
    return out;
  };
  return {{"source", s.source},
          {"format", s.format},
          {"rows_read", s.rows_read},
          {"imported", s.imported},
          {"updated", s.updated},
          {"unchanged", s.unchanged},
          {"rejected", s.rejected.size()},
          {"skipped", s.skipped.size()},
          {"rejected_rows", notes(s.rejected)},
          {"skipped_rows", notes(s.skipped)},
          {"warnings", s.warnings.size()},
          {"warning_rows", notes(s.warnings)}};
}

}  // namespace caremarket::api
