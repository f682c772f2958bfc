// The allocation ranks every referral in bulk into flat verdicts. This checks
// that they are exactly what brokerage's own rank_services says for the same
// referral over the same services (the same rules, scores and order), with
// the allocation's two extra rules on top: declined-before services set
// aside, and no_room for a service whose places this council may not use.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "allocation/random_market.hpp"
#include "allocation/rankings.hpp"
#include "core/geo.hpp"

namespace caremarket::allocation {
namespace {

Problem market_with_declines(std::uint64_t seed) {
  testing::MarketShape shape;
  shape.seed = seed;
  shape.referrals = 400;
  shape.services = 120;
  shape.candidates = 25;
  shape.sibling_share = 0.2;
  shape.block_share = 0.4;
  shape.places_per_referral = 0.4;  // many services with no spot vacancy: no_room happens
  auto p = testing::random_market(shape);
  for (std::size_t r = 0; r < p.referrals.size(); r += 3) {
    for (std::size_t s = r % 7; s < p.supply.size(); s += 11)
      p.referrals[r].declined_services.push_back(p.supply[s].service.id);
  }
  return p;
}

TEST(AllocationRankings, EqualBrokerageRankServicesForEveryReferral) {
  for (std::uint64_t seed : {3u, 17u}) {
    const auto problem = market_with_declines(seed);
    const auto prepared = prepare(problem).value();
    const auto rankings = Rankings::of_all(prepared, 2, {});
    std::map<std::int64_t, int> index_of;  // service id -> index
    for (std::size_t s = 0; s < prepared.service_ids.size(); ++s)
      index_of[prepared.service_ids[s]] = static_cast<int>(s);
    int no_room = 0, declined = 0, excluded = 0;
    for (std::size_t r = 0; r < problem.referrals.size(); ++r) {
      const auto& ref = problem.referrals[r];
      // Brokerage's view: every service of the kinds within the limit, found by brute force.
      std::vector<brokerage::Candidate> candidates;
      std::set<std::int64_t> declined_ids;
      for (std::size_t s = 0; s < prepared.checked.size(); ++s) {
        const auto& service = prepared.checked[s];
        if (std::find(ref.need.kinds.begin(), ref.need.kinds.end(), service.kind) == ref.need.kinds.end()) continue;
        const double d = distance_miles(ref.need.home, service.location);
        if (d > ref.need.max_distance_miles) continue;
        if (std::find(ref.declined_services.begin(), ref.declined_services.end(), service.id) !=
            ref.declined_services.end()) {
          declined_ids.insert(service.id);
          continue;
        }
        candidates.push_back({&service, d, prepared.price(static_cast<int>(r), static_cast<int>(s))});
      }
      const auto expected = brokerage::rank_services(ref.need, candidates, ref.weights, problem.today);
      const auto got = rankings.of(r);
      ASSERT_EQ(got.candidates, static_cast<std::int64_t>(candidates.size())) << "referral " << ref.id;
      EXPECT_EQ(got.reference_price, expected.reference_price);
      auto id = [&](const Verdict& v) { return prepared.checked[static_cast<std::size_t>(v.service)].id; };
      // Brokerage's eligible list, in its order, less the services without room for this council.
      std::vector<std::pair<std::int64_t, double>> want, have;
      std::set<std::int64_t> without_room;
      for (const auto& e : expected.eligible) {
        const auto s = index_of.at(e.service_id);
        if (prepared.room_for(static_cast<int>(r), s) < ref.need.places_needed) without_room.insert(e.service_id);
        else want.emplace_back(e.service_id, e.score.total);
      }
      for (const auto& v : got.eligible) {
        have.emplace_back(id(v), v.total);
        const auto score = breakdown(prepared, static_cast<int>(r), got, v);
        EXPECT_EQ(score.total, v.total);
      }
      ASSERT_EQ(have, want) << "referral " << ref.id;
      std::vector<std::pair<std::int64_t, brokerage::ExclusionReason>> want_x, have_x;
      for (const auto& x : expected.excluded) want_x.emplace_back(x.service_id, x.reason);
      std::set<std::int64_t> room_seen;
      for (const auto& v : got.excluded) {
        if (v.kind == VerdictKind::no_room) {
          room_seen.insert(id(v));
          ++no_room;
          continue;
        }
        ASSERT_EQ(v.kind, VerdictKind::excluded);
        have_x.emplace_back(id(v), v.reason);
        ++excluded;
      }
      EXPECT_EQ(have_x, want_x) << "referral " << ref.id;  // nearest first, as brokerage sorts them
      EXPECT_EQ(room_seen, without_room) << "referral " << ref.id;
      std::set<std::int64_t> declined_seen;
      for (const auto& v : got.declined) declined_seen.insert(id(v));
      EXPECT_EQ(declined_seen, declined_ids) << "referral " << ref.id;
      declined += static_cast<int>(declined_seen.size());
    }
    // The market exercises every kind of verdict.
    EXPECT_GT(no_room, 0);
    EXPECT_GT(declined, 0);
    EXPECT_GT(excluded, 0);
  }
}

TEST(AllocationRankings, TheSameOnOneThreadAsOnSeveral) {
  const auto problem = market_with_declines(5);
  const auto prepared = prepare(problem).value();
  const auto one = Rankings::of_all(prepared, 1, {});
  const auto three = Rankings::of_all(prepared, 3, {});
  for (std::size_t r = 0; r < problem.referrals.size(); ++r) {
    const auto a = one.of(r), b = three.of(r);
    ASSERT_EQ(a.eligible.size(), b.eligible.size());
    ASSERT_EQ(a.excluded.size(), b.excluded.size());
    ASSERT_EQ(a.declined.size(), b.declined.size());
    for (std::size_t i = 0; i < a.eligible.size(); ++i) {
      EXPECT_EQ(a.eligible[i].service, b.eligible[i].service);
      EXPECT_EQ(a.eligible[i].total, b.eligible[i].total);
    }
  }
  EXPECT_EQ(one.total_eligible(), three.total_eligible());
}

}  // namespace
}  // namespace caremarket::allocation
