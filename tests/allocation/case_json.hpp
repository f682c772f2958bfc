#pragma once
// Reads an allocation case file (tests/cases/allocation/*.json) into a Problem.
#include <nlohmann/json.hpp>

#include "allocation/model.hpp"

namespace caremarket::allocation::testing {
using nlohmann::json;

inline LatLon point(const json& j) { return {j.at(0).get<double>(), j.at(1).get<double>()}; }
inline std::vector<std::string> strings(const json& j, const char* key) {
  return j.contains(key) ? j.at(key).get<std::vector<std::string>>() : std::vector<std::string>{};
}

inline WaitingReferral referral_from(const json& j) {
  WaitingReferral r;
  r.id = j.at("id").get<std::int64_t>();
  r.council_id = j.value("council", 1);
  auto& n = r.need;
  for (const auto& k : j.value("kinds", json::array({"care_home_residential"})))
    n.kinds.push_back(market::kind_of_care_from(k.get<std::string>()).value());
  n.age = j.value("age", 80);
  n.needs = strings(j, "needs");
  n.home = point(j.at("home"));
  n.max_distance_miles = j.value("max_distance_miles", 20.0);
  n.places_needed = j.value("places_needed", 1);
  if (j.contains("benchmark_price"))
    n.benchmark_price = Money::parse(j.at("benchmark_price").get<std::string>()).value();
  if (j.contains("weights")) {
    const auto& w = j.at("weights");
    r.weights = {w.value("quality", 60), w.value("price", 20), w.value("distance", 20), w.value("fit", 0)};
  }
  r.urgent = j.value("urgent", false);
  r.days_waiting = j.value("days_waiting", 0);
  if (j.contains("declined")) r.declined_services = j.at("declined").get<std::vector<std::int64_t>>();
  return r;
}

inline Supply supply_from(const json& j) {
  Supply sup;
  auto& s = sup.service;
  s.id = j.at("id").get<std::int64_t>();
  s.kind = market::kind_of_care_from(j.value("kind", "care_home_residential")).value();
  s.location = point(j.at("location"));
  s.rating = market::rating_from(j.value("rating", "good")).value();
  s.rating_date = Date::parse_iso(j.value("rating_date", "2026-01-01")).value();
  s.vacancies = j.value("vacancies", 1);
  s.places = j.value("places", 10);
  s.needs = strings(j, "needs");
  s.regulator = market::Regulator::cqc;
  s.local_authority_code = j.value("local_authority", "E08000025");
  if (j.contains("price")) sup.prices.emplace_back("standard", Money::parse(j.at("price").get<std::string>()).value());
  for (const auto& b : j.value("block", json::array()))
    sup.block.push_back({b.at("council").get<std::int64_t>(), b.at("places").get<int>()});
  return sup;
}

inline Problem problem_from(const json& c) {
  Problem p;
  for (const auto& r : c.at("referrals")) p.referrals.push_back(referral_from(r));
  for (const auto& s : c.at("services")) p.supply.push_back(supply_from(s));
  p.today = Date::parse_iso(c.value("today", "2026-12-01")).value();
  const auto cfg = c.value("config", json::object());
  p.config.fairness = cfg.value("fairness", true);
  p.config.fairness_tolerance = cfg.value("fairness_tolerance", p.config.fairness_tolerance);
  p.config.equity_points = cfg.value("equity_points", p.config.equity_points);
  p.config.block_discount_points = cfg.value("block_discount_points", p.config.block_discount_points);
  return p;
}

}  // namespace caremarket::allocation::testing
