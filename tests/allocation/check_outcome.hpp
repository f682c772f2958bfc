#pragma once
// Checks every constraint of an allocation result against the problem,
// independently of the engine: eligibility (brokerage's own check), declined
// services, capacities (spot places, each council's own block places),
// siblings together, the costs adding up to the objective.
#include <gtest/gtest.h>

#include <map>

#include "allocation/model.hpp"
#include "brokerage/eligibility.hpp"

namespace caremarket::allocation::testing {

inline void check_outcome(const Problem& p, const Outcome& o) {
  ASSERT_EQ(o.matches.size(), p.referrals.size());
  std::map<std::int64_t, const Supply*> supply;
  for (const auto& s : p.supply) supply[s.service.id] = &s;
  std::map<std::int64_t, int> spot_used;
  std::map<std::pair<std::int64_t, std::int64_t>, int> block_used;
  std::int64_t cost = 0;
  int placed = 0, needed = 0;
  for (std::size_t i = 0; i < p.referrals.size(); ++i) {
    const auto& r = p.referrals[i];
    const auto& m = o.matches[i];
    EXPECT_EQ(m.referral_id, r.id);
    EXPECT_EQ(m.places, r.need.places_needed);
    needed += m.places;
    if (!m.placed) {
      EXPECT_FALSE(m.chosen.has_value());
      EXPECT_FALSE(m.unplaced_reason.empty());
      cost += m.unplaced_cost;
      continue;
    }
    ASSERT_TRUE(m.chosen.has_value());
    placed += m.places;
    const auto* s = supply.at(m.chosen->service_id);
    const double d = distance_miles(r.need.home, s->service.location);
    EXPECT_NEAR(d, m.chosen->distance_miles, 1e-9);
    EXPECT_LE(d, r.need.max_distance_miles);
    EXPECT_NE(std::find(r.need.kinds.begin(), r.need.kinds.end(), s->service.kind), r.need.kinds.end());
    EXPECT_EQ(std::find(r.declined_services.begin(), r.declined_services.end(), s->service.id),
              r.declined_services.end());
    auto as_checked = s->service;
    as_checked.vacancies = 1000;  // capacity is checked below, jointly
    EXPECT_FALSE(brokerage::check_eligibility(r.need, as_checked, d).has_value()) << "referral " << r.id;
    // Siblings together: all places at this one service.
    EXPECT_GE(m.chosen->block_places, 0);
    EXPECT_LE(m.chosen->block_places, m.places);
    spot_used[s->service.id] += m.places - m.chosen->block_places;
    if (m.chosen->block_places > 0) block_used[{s->service.id, r.council_id}] += m.chosen->block_places;
    cost += m.chosen->cost;
    if (m.next_best) { EXPECT_EQ(*m.next_best_difference, m.next_best->cost - m.chosen->cost); }
  }
  for (const auto& [id, used] : spot_used) EXPECT_LE(used, supply.at(id)->service.vacancies) << "service " << id;
  for (const auto& [key, used] : block_used) {
    int have = 0;
    for (const auto& b : supply.at(key.first)->block)
      if (b.council_id == key.second) have += b.places;
    EXPECT_LE(used, have) << "block places at " << key.first;
  }
  EXPECT_EQ(cost, o.placement_cost);
  EXPECT_EQ(o.placement_cost + o.equity_penalty, o.objective);
  EXPECT_EQ(placed, o.places_placed);
  EXPECT_EQ(needed, o.places_needed);
  int council_placed = 0;
  double share = 0;
  for (const auto& c : o.councils) {
    council_placed += c.places_placed;
    share += c.need_share;
  }
  EXPECT_EQ(council_placed, placed);
  if (!o.councils.empty()) { EXPECT_NEAR(share, 1.0, 1e-9); }
  if (o.optimal) { EXPECT_EQ(o.lower_bound, o.objective); }
}

}  // namespace caremarket::allocation::testing
