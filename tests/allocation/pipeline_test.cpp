// The whole pipeline on random placement-shaped markets: every constraint of
// every result checked, the objective equal to LEMON's on the identical
// graph (including the equity terms when a run needed them), explanations
// consistent with the result, and bad input refused.
#include <gtest/gtest.h>

#include <cstdio>

#include "allocation/check_outcome.hpp"
#include "allocation/lemon_reference.hpp"
#include "allocation/pipeline.hpp"
#include "allocation/random_market.hpp"

namespace caremarket::allocation {
namespace {

TEST(AllocationPipeline, OptimalAndValidOnRandomMarkets) {
  int repaired = 0, with_siblings = 0;
  for (std::uint64_t seed = 1; seed <= 24; ++seed) {
    testing::MarketShape shape;
    shape.seed = seed;
    shape.referrals = 80 + static_cast<int>(seed * 13 % 150);
    shape.services = 15 + static_cast<int>(seed * 7 % 40);
    shape.candidates = 8;
    shape.councils = 1 + static_cast<int>(seed % 4);
    shape.places_per_referral = 0.3 + 0.1 * static_cast<double>(seed % 8);
    shape.sibling_share = seed % 3 == 0 ? 0.15 : 0;
    const auto problem = testing::random_market(shape);
    const auto outcome = allocate(problem);
    ASSERT_TRUE(outcome) << outcome.error().message;
    testing::check_outcome(problem, *outcome);
    ASSERT_TRUE(outcome->optimal) << "seed " << seed;
    auto instance = build_instance(problem).value();
    if (outcome->fairness_repair) {
      std::vector<int> floors;
      for (const auto& c : outcome->councils) floors.push_back(c.fair_floor);
      add_equity_terms(instance, floors, problem.config);
      ++repaired;
    }
    const std::int64_t lemon = testing::lemon_network_simplex(build_transport(instance));
    if (shape.sibling_share == 0) {
      EXPECT_EQ(outcome->objective, lemon) << "seed " << seed;
    } else {
      EXPECT_GE(outcome->objective, lemon);  // the flow relaxation bounds the exact answer
      ++with_siblings;
    }
    for (const auto& c : outcome->councils)
      EXPECT_GE(c.places_placed, std::min(c.fair_floor, c.places_usable)) << "seed " << seed;
  }
  EXPECT_GT(with_siblings, 0);
}

TEST(AllocationPipeline, ExplanationsMatchTheResult) {
  int full_seen = 0, higher_seen = 0, excluded_seen = 0;
  // Scarce places (nearer services full) and plentiful ones (nearer services
  // with room that cost more).
  for (const double places : {0.5, 3.0}) {
    testing::MarketShape shape;
    shape.referrals = 300;
    shape.services = 40;
    shape.candidates = 10;
    shape.places_per_referral = places;
    shape.seed = 99;
    const auto problem = testing::random_market(shape);
    const auto outcome = allocate(problem).value();
    auto points = [](std::int64_t cost) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(cost) / 100);
      return std::string(buf);
    };
    for (const auto& m : outcome.matches) {
      if (m.placed && m.next_best) {
        // The chosen option was at least as cheap for this referral as any that had room.
        for (const auto& n : m.nearer) {
          if (n.why == NearerWhy::higher_cost) { EXPECT_GE(n.extra_cost_at_least, 0); }
        }
      }
      for (const auto& n : m.nearer) {
        EXPECT_LT(n.distance_miles, m.placed ? m.chosen->distance_miles : 1e9);
        if (n.why == NearerWhy::full) {
          ++full_seen;
          EXPECT_FALSE(n.taken_by.empty());
          EXPECT_GE(n.extra_cost_at_least, 0);
          // The bound in the text is the bound in the field, in points to two decimals.
          if (n.extra_cost_at_least > 0) {
            EXPECT_NE(n.message.find("at least " + points(n.extra_cost_at_least) + " points"), std::string::npos)
                << n.message;
          }
        }
        if (n.why == NearerWhy::higher_cost) {
          ++higher_seen;
          EXPECT_EQ(n.message.rfind("had room, but costs " + points(n.extra_cost_at_least) + " points more (score ", 0),
                    0u)
              << n.message;
        }
        if (n.why == NearerWhy::excluded) {
          ++excluded_seen;
          EXPECT_FALSE(n.reason.empty());
          EXPECT_FALSE(n.message.empty());
        }
      }
      // The nearest first, at most max_nearer_listed of them.
      EXPECT_LE(m.nearer.size(), static_cast<std::size_t>(problem.config.max_nearer_listed));
      for (std::size_t i = 1; i < m.nearer.size(); ++i)
        EXPECT_LE(m.nearer[i - 1].distance_miles, m.nearer[i].distance_miles);
      // The unplaced cost as the model states it: 150 points, +100 if urgent, +1 a day waited.
      const auto& r = problem.referrals[static_cast<std::size_t>(&m - outcome.matches.data())];
      EXPECT_EQ(m.unplaced_cost, 100 * (150 + (r.urgent ? 100 : 0) + std::min(r.days_waiting, 365)) * m.places);
    }
  }
  EXPECT_GT(full_seen, 0);
  EXPECT_GT(higher_seen, 0);
  EXPECT_GT(excluded_seen, 0);
}

TEST(AllocationPipeline, RefusesBadInput) {
  testing::MarketShape shape;
  shape.referrals = 5;
  shape.services = 3;
  auto p = testing::random_market(shape);
  auto twice = p;
  twice.referrals.push_back(twice.referrals.front());
  EXPECT_EQ(allocate(twice).error().code, ErrorCode::invalid_input);
  auto bad_config = p;
  bad_config.config.unplaced_points = 90;  // placing would no longer beat not placing
  EXPECT_EQ(allocate(bad_config).error().field, "unplaced_points");
  auto negative = p;
  negative.supply.front().service.vacancies = -1;
  EXPECT_FALSE(allocate(negative).has_value());
  auto no_council = p;
  no_council.referrals.front().council_id = 0;
  EXPECT_FALSE(allocate(no_council).has_value());
  auto empty = p;
  empty.referrals.clear();
  const auto nothing = allocate(empty);
  ASSERT_TRUE(nothing);
  EXPECT_EQ(nothing->places_needed, 0);
  EXPECT_TRUE(nothing->optimal);
}

}  // namespace
}  // namespace caremarket::allocation
