// Runs every case file in tests/cases/brokerage: one file a case, each a
// small market, a need, the weights and what must come out. Adding a case
// means adding a file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "brokerage/ranking.hpp"

namespace caremarket::brokerage {
namespace {
using nlohmann::json;

Money money(const json& j) { return Money::parse(j.get<std::string>()).value(); }

LatLon point(const json& j) { return {j.at(0).get<double>(), j.at(1).get<double>()}; }

std::vector<std::string> strings(const json& j, const char* key) {
  return j.contains(key) ? j.at(key).get<std::vector<std::string>>() : std::vector<std::string>{};
}

Need need_from(const json& j) {
  Need n;
  for (const auto& k : j.at("kinds")) n.kinds.push_back(market::kind_of_care_from(k.get<std::string>()).value());
  n.age = j.value("age", 80);
  n.needs = strings(j, "needs");
  n.home = point(j.at("home"));
  n.preferred_authority = j.value("preferred_authority", "");
  if (j.contains("budget_ceiling")) n.budget_ceiling = money(j.at("budget_ceiling"));
  if (j.contains("benchmark_price")) n.benchmark_price = money(j.at("benchmark_price"));
  n.max_distance_miles = j.value("max_distance_miles", 50.0);
  if (j.contains("min_rating")) n.min_rating = market::rating_from(j.at("min_rating").get<std::string>()).value();
  n.allow_inadequate = j.value("allow_inadequate", false);
  n.places_needed = j.value("places_needed", 1);
  if (j.contains("child")) {
    const auto& c = j.at("child");
    ChildRequirements child;
    child.risks_present = strings(c, "risks_present");
    child.living_companions = c.value("living_companions", "No preference");
    child.pets = c.value("pets", "Not Known");
    child.home_adaptation = c.value("home_adaptation", false);
    child.deprivation_of_liberty = c.value("deprivation_of_liberty", false);
    child.communication = strings(c, "communication");
    for (const auto& k : strings(c, "preferred_kinds"))
      child.preferred_kinds.push_back(market::kind_of_care_from(k).value());
    n.child = child;
  }
  return n;
}

struct Listed {
  market::Service service;
  std::optional<Money> price;
};

Listed service_from(const json& j) {
  Listed l;
  auto& s = l.service;
  s.id = j.at("id").get<std::int64_t>();
  s.kind = market::kind_of_care_from(j.at("kind").get<std::string>()).value();
  s.location = point(j.at("location"));
  s.rating = market::rating_from(j.value("rating", "good")).value();
  if (j.contains("rating_date")) s.rating_date = Date::parse_iso(j.at("rating_date").get<std::string>()).value();
  s.vacancies = j.value("vacancies", 1);
  s.places = j.value("places", 10);
  s.age_min = j.value("age_min", 0);
  s.age_max = j.value("age_max", 120);
  s.needs = strings(j, "needs");
  s.risks_accepted = strings(j, "risks_accepted");
  s.features = strings(j, "features");
  s.local_authority_code = j.value("local_authority", "E08000025");
  s.status = market::service_status_from(j.value("status", "active")).value();
  s.regulator = market::regulator_from(j.value("regulator", "cqc")).value();
  s.regulator_id = "R" + std::to_string(s.id);
  if (j.contains("price")) l.price = money(j.at("price"));
  return l;
}

std::vector<std::filesystem::path> case_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(CAREMARKET_TEST_DIR) + "/cases/brokerage")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class BrokerageCase : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(BrokerageCase, RanksAndExcludesAsExpected) {
  std::ifstream in(GetParam());
  const json c = json::parse(in);
  SCOPED_TRACE(c.value("description", ""));
  const Need need = need_from(c.at("need"));
  ASSERT_TRUE(need.validate());
  Weights weights;
  if (c.contains("weights")) {
    const auto& w = c.at("weights");
    weights = {w.value("quality", 60), w.value("price", 20), w.value("distance", 20), w.value("fit", 0)};
  }
  ASSERT_TRUE(weights.validate());
  std::vector<Listed> listed;
  for (const auto& s : c.at("services")) listed.push_back(service_from(s));
  std::vector<Candidate> candidates;
  for (const auto& l : listed)
    candidates.push_back({&l.service, distance_miles(need.home, l.service.location), l.price});
  const Date today = Date::parse_iso(c.value("today", "2026-11-22")).value();
  const bool offers = c.value("offers", false);
  const Ranking r =
      offers ? rank_offers(need, candidates, weights, today) : rank_services(need, candidates, weights, today);

  const auto& expect = c.at("expect");
  std::vector<std::int64_t> order;
  for (const auto& e : r.eligible) order.push_back(e.service_id);
  EXPECT_EQ(order, expect.at("order").get<std::vector<std::int64_t>>());
  std::map<std::string, std::string> excluded;
  for (const auto& e : r.excluded) {
    excluded[std::to_string(e.service_id)] = std::string(to_string(e.reason));
    EXPECT_FALSE(e.message.empty());
  }
  EXPECT_EQ(excluded, expect.value("excluded", std::map<std::string, std::string>{}));
  if (!offers) {
    // Without messages (as regional allocation ranks): the same decisions,
    // and exclusion_message() writes the very text check_eligibility() does.
    const Ranking quiet = rank_services(need, candidates, weights, today, Messages::left_out);
    ASSERT_EQ(quiet.excluded.size(), r.excluded.size());
    for (std::size_t i = 0; i < r.excluded.size(); ++i) {
      EXPECT_EQ(quiet.excluded[i].reason, r.excluded[i].reason);
      EXPECT_TRUE(quiet.excluded[i].message.empty());
      const auto it = std::find_if(listed.begin(), listed.end(),
                                   [&](const Listed& l) { return l.service.id == r.excluded[i].service_id; });
      ASSERT_NE(it, listed.end());
      EXPECT_EQ(exclusion_message(r.excluded[i].reason, need, it->service, r.excluded[i].distance_miles),
                r.excluded[i].message);
    }
    std::vector<std::int64_t> quiet_order;
    for (const auto& e : quiet.eligible) quiet_order.push_back(e.service_id);
    EXPECT_EQ(quiet_order, order);
  }
  if (expect.contains("scores")) {
    for (const auto& [id, components] : expect.at("scores").items()) {
      const auto it = std::find_if(r.eligible.begin(), r.eligible.end(),
                                   [&](const Ranked& e) { return std::to_string(e.service_id) == id; });
      ASSERT_NE(it, r.eligible.end()) << id;
      for (const auto& [name, value] : components.items()) {
        const double actual = name == "quality"    ? it->score.quality
                              : name == "price"    ? it->score.price
                              : name == "distance" ? it->score.distance
                              : name == "fit"      ? it->score.fit
                                                   : it->score.total;
        EXPECT_NEAR(actual, value.get<double>(), 0.05) << "service " << id << " " << name;
      }
    }
  }
  // Whatever the case, the breakdown must add up under the weights used.
  for (const auto& e : r.eligible) {
    const double total = (r.weights.quality * e.score.quality + r.weights.price * e.score.price +
                          r.weights.distance * e.score.distance + r.weights.fit * e.score.fit) /
                         100.0;
    EXPECT_NEAR(e.score.total, total, 1e-6);
  }
}

INSTANTIATE_TEST_SUITE_P(Files, BrokerageCase, ::testing::ValuesIn(case_files()), [](const auto& param_info) {
  std::string name = param_info.param.stem().string();
  for (auto& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
});

TEST(Weights, MustAddUpTo100) {
  EXPECT_TRUE((Weights{60, 20, 20, 0}).validate());
  EXPECT_FALSE((Weights{60, 20, 20, 10}).validate());
  EXPECT_FALSE((Weights{110, -10, 0, 0}).validate());
}

TEST(Scores, QualityAgesAndPriceSlides) {
  market::Service s;
  s.rating = market::Rating::good;
  const Date today = Date::from_ymd(2026, 11, 22).value();
  s.rating_date = Date::from_ymd(2025, 11, 22).value();
  EXPECT_DOUBLE_EQ(quality_score(s, today), 75);
  s.rating_date = Date::from_ymd(2020, 11, 22).value();  // six years: a fifth off
  EXPECT_DOUBLE_EQ(quality_score(s, today), 60);
  s.rating = market::Rating::not_rated;
  EXPECT_DOUBLE_EQ(quality_score(s, today), 50);
  const auto ref = Money::from_pounds(1000);
  EXPECT_DOUBLE_EQ(price_score(Money::from_pounds(800), ref), 100);
  EXPECT_DOUBLE_EQ(price_score(Money::from_pounds(1400), ref), 0);
  EXPECT_NEAR(price_score(Money::from_pounds(1100), ref), 50, 1e-9);
  EXPECT_DOUBLE_EQ(price_score(std::nullopt, ref), 50);
  EXPECT_DOUBLE_EQ(distance_score(5, 20), 75);
  EXPECT_DOUBLE_EQ(distance_score(30, 20), 0);
}

}  // namespace
}  // namespace caremarket::brokerage
