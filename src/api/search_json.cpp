#include "api/search_json.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "api/json_writer.hpp"
#include "core/dates.hpp"

namespace caremarket::api {
namespace {
void write_list(JsonWriter& w, const std::vector<std::string>& items) {
  w.begin_array();
  for (const auto& item : items) w.value(item);
  w.end_array();
}

void write_price(JsonWriter& w, const market::PriceEntry& p) {
  w.begin_object();
  w.key("amount").value(p.amount.to_string());
  w.key("amount_pence").value(p.amount.pence());
  w.key("need_level").value(p.need_level);
  w.key("synthetic").value(p.synthetic);
  w.key("unit").value(to_string(p.unit));
  w.key("valid_from").value(p.valid_from.to_string());
  w.end_object();
}

// Keys in sorted order, as nlohmann's objects (std::map) write them.
void write_service(JsonWriter& w, const app::ServiceView& view) {
  const auto& s = view.service;
  w.begin_object();
  w.key("address").value(s.address);
  w.key("age_range").begin_object().key("max").value(s.age_max).key("min").value(s.age_min).end_object();
  if (view.distance_miles) w.key("distance_miles").value(std::round(*view.distance_miles * 100) / 100);
  w.key("features");
  write_list(w, s.features);
  w.key("id").value(s.id);
  w.key("kind").value(to_string(s.kind));
  w.key("local_authority")
      .begin_object()
      .key("code")
      .value(s.local_authority_code)
      .key("name")
      .value(view.local_authority_name)
      .end_object();
  w.key("location")
      .begin_object()
      .key("latitude")
      .value(s.location.lat)
      .key("longitude")
      .value(s.location.lon)
      .key("source")
      .value(to_string(s.location_source))
      .end_object();
  w.key("name").value(s.name);
  w.key("needs");
  write_list(w, s.needs);
  w.key("notes").value(s.notes);
  w.key("places").value(s.places);
  w.key("postcode").value(s.postcode);
  w.key("price_unit").value(to_string(market::usual_unit(s.kind)));
  if (view.prices) {
    w.key("prices").begin_array();
    for (const auto& p : *view.prices) write_price(w, p);
    w.end_array();
  }
  w.key("provider").begin_object().key("id").value(s.provider_id).key("name").value(view.provider_name).end_object();
  // Each domain once, the last rating given for it winning, sorted by name.
  std::vector<std::pair<std::string_view, market::Rating>> domains;
  for (const auto& d : s.domain_ratings) {
    const auto at = std::find_if(domains.begin(), domains.end(), [&](const auto& e) { return e.first == d.domain; });
    if (at == domains.end()) {
      domains.emplace_back(d.domain, d.rating);
    } else {
      at->second = d.rating;
    }
  }
  std::sort(domains.begin(), domains.end());
  w.key("rating").begin_object();
  w.key("date");
  if (s.rating_date) {
    w.value(s.rating_date->to_string());
  } else {
    w.null();
  }
  w.key("domains").begin_object();
  for (const auto& [domain, rating] : domains) w.key(domain).value(to_string(rating));
  w.end_object();
  w.key("overall").value(to_string(s.rating));
  w.end_object();
  w.key("regulator").value(to_string(s.regulator));
  w.key("regulator_id").value(s.regulator_id);
  w.key("risks_accepted");
  write_list(w, s.risks_accepted);
  w.key("source").value(s.source);
  w.key("specialisms");
  write_list(w, s.specialisms);
  w.key("status").value(to_string(s.status));
  w.key("updated_at").value(format_timestamp(s.updated_at));
  w.key("vacancies").begin_object();
  w.key("as_of");
  if (s.vacancies_as_of) {
    w.value(format_timestamp(*s.vacancies_as_of));
  } else {
    w.null();
  }
  w.key("count").value(s.vacancies);
  w.key("set_by_user_id");
  if (s.vacancies_set_by == 0) {
    w.null();
  } else {
    w.value(s.vacancies_set_by);
  }
  w.key("synthetic").value(s.vacancies_synthetic);
  w.end_object();
  w.end_object();
}
}  // namespace

std::string service_text(const app::ServiceView& view) {
  std::string out;
  JsonWriter w(out);
  write_service(w, view);
  return out;
}

std::string search_result_text(const app::SearchResult& result) {
  std::string out;
  out.reserve(1024 * (result.items.size() + 1));
  JsonWriter w(out);
  w.begin_object();
  w.key("items").begin_array();
  for (const auto& item : result.items) write_service(w, item);
  w.end_array();
  w.key("limit").value(result.limit);
  if (result.near_postcode) w.key("near").value(*result.near_postcode);
  w.key("offset").value(result.offset);
  w.key("total").value(result.total);
  w.end_object();
  return out;
}

}  // namespace caremarket::api
