// The exact solvers against LEMON's NetworkSimplex on the identical graph
// (random and structured instances) and against an exhaustive search on
// small ones with sibling groups and equity terms; every constraint of every
// result is checked by evaluate().
#include <gtest/gtest.h>

#include <functional>

#include "allocation/cost_scaling.hpp"
#include "allocation/instance.hpp"
#include "allocation/lemon_reference.hpp"
#include "allocation/random_instances.hpp"

namespace caremarket::allocation {
namespace {
using testing::Shape;

// Every residual arc has a non-negative reduced cost: the optimality proof.
void expect_certificate(const TransportProblem& p, const TransportSolution& s) {
  std::vector<int> used(static_cast<std::size_t>(p.num_right()), 0);
  for (int i = 0; i < p.num_left; ++i)
    ++used[static_cast<std::size_t>(
        p.arc_right[static_cast<std::size_t>(s.assigned_arc[static_cast<std::size_t>(i)])])];
  for (int j = 0; j < p.num_right(); ++j) {
    ASSERT_LE(used[static_cast<std::size_t>(j)], p.right_capacity[static_cast<std::size_t>(j)]);
    // Room left: potential 0 (the sink's); full: potential <= 0.
    if (used[static_cast<std::size_t>(j)] < p.right_capacity[static_cast<std::size_t>(j)]) {
      EXPECT_EQ(s.right_potential[static_cast<std::size_t>(j)], 0);
    } else EXPECT_LE(s.right_potential[static_cast<std::size_t>(j)], 0);
  }
  for (int i = 0; i < p.num_left; ++i) {
    for (auto a = p.arc_begin[static_cast<std::size_t>(i)]; a < p.arc_begin[static_cast<std::size_t>(i) + 1]; ++a) {
      const auto rc = s.reduced_cost(p, i, a);
      if (a == s.assigned_arc[static_cast<std::size_t>(i)]) {
        EXPECT_EQ(rc, 0);
      } else EXPECT_GE(rc, 0);
    }
  }
}

// Both exact solvers, each with its own proof, against LEMON.
void compare_with_lemon(const Instance& in) {
  const auto flow = build_transport(in);
  const auto lemon = testing::lemon_network_simplex(flow);
  const auto scaled = solve_transport_cost_scaling(flow);
  ASSERT_TRUE(scaled.feasible);
  EXPECT_EQ(scaled.cost, lemon);
  expect_certificate(flow, scaled);
  const auto ssp = solve_transport_ssp(flow);
  ASSERT_TRUE(ssp.feasible);
  EXPECT_EQ(ssp.cost, lemon);
  expect_certificate(flow, ssp);
}

TEST(AllocationSolver, EqualsLemonOnRandomUnitInstances) {
  std::mt19937_64 rng(20261201);
  int checked = 0;
  for (int round = 0; round < 150; ++round) {
    Shape shape;
    shape.referrals = 5 + static_cast<int>(rng() % 120);
    shape.services = 1 + static_cast<int>(rng() % 40);
    shape.councils = 1 + static_cast<int>(rng() % 4);
    shape.options_per_referral = 1 + static_cast<int>(rng() % 8);
    shape.max_capacity = static_cast<int>(rng() % 5);
    shape.equity = round % 3 == 0;
    shape.max_cost = round % 5 == 0 ? 3 : 10000;  // few distinct costs: many ties
    const auto in = testing::random_instance(rng, shape);
    compare_with_lemon(in);
    const auto solved = solve_instance(in, 100);
    EXPECT_TRUE(solved.optimal);
    EXPECT_EQ(solved.objective, build_transport(in).num_left ? solve_transport(build_transport(in)).cost : 0);
    EXPECT_EQ(evaluate(in, solved.assignment), solved.objective);
    ++checked;
  }
  EXPECT_EQ(checked, 150);
}

TEST(AllocationSolver, EqualsLemonOnGroupRelaxations) {
  // With groups the flow is the relaxation; it must still equal LEMON's.
  std::mt19937_64 rng(7);
  for (int round = 0; round < 60; ++round) {
    Shape shape;
    shape.referrals = 10 + static_cast<int>(rng() % 60);
    shape.services = 2 + static_cast<int>(rng() % 15);
    shape.group_share = 0.3;
    shape.equity = round % 2 == 0;
    compare_with_lemon(testing::random_instance(rng, shape));
  }
}

Instance structured(int referrals, int services, int capacity, std::function<std::int64_t(int, int)> cost,
                    std::function<bool(int, int)> linked) {
  Instance in;
  in.num_councils = 1;
  for (int s = 0; s < services; ++s) in.capacity.push_back(capacity);
  in.option_begin.push_back(0);
  for (int r = 0; r < referrals; ++r) {
    in.size.push_back(1);
    in.council.push_back(0);
    in.unplaced_cost.push_back(20000 + r % 7);
    for (int s = 0; s < services; ++s)
      if (linked(r, s)) in.options.push_back({s, s, cost(r, s), false});
    in.option_begin.push_back(static_cast<std::int32_t>(in.options.size()));
  }
  return in;
}

TEST(AllocationSolver, EqualsLemonOnStructuredInstances) {
  // Everyone wants the same one service.
  compare_with_lemon(structured(
      50, 1, 5, [](int r, int) { return r % 10; }, [](int, int) { return true; }));
  // No supply at all.
  compare_with_lemon(structured(
      30, 10, 0, [](int, int) { return 1; }, [](int, int) { return true; }));
  // Complete bipartite, all costs equal (ties everywhere).
  compare_with_lemon(structured(
      40, 8, 3, [](int, int) { return 500; }, [](int, int) { return true; }));
  // A chain: referral r may go to r or r+1; pushing along the chain.
  compare_with_lemon(structured(
      60, 61, 1, [](int r, int s) { return s == r ? 100 : 0; }, [](int r, int s) { return s == r || s == r + 1; }));
  // Nearest-first geometry on a line: cost grows with |r - s|.
  compare_with_lemon(structured(
      200, 40, 4, [](int r, int s) { return std::abs(r / 5 - s) * 37; },
      [](int r, int s) { return std::abs(r / 5 - s) < 6; }));
  // Referrals with no option at all.
  compare_with_lemon(structured(
      20, 3, 2, [](int, int) { return 0; }, [](int r, int) { return r % 2 == 0; }));
}

TEST(AllocationSolver, CostScalingEqualsLemonFromScarceToPlentiful) {
  // Supply from a tenth of demand to five times it: the plentiful end makes
  // the sink send back places opened at the start of a refinement.
  std::mt19937_64 rng(2026);
  for (int round = 0; round < 40; ++round) {
    Shape shape;
    shape.referrals = 200 + static_cast<int>(rng() % 300);
    shape.services = 20 + static_cast<int>(rng() % 200);
    shape.councils = 1 + static_cast<int>(rng() % 5);
    shape.options_per_referral = 2 + static_cast<int>(rng() % 30);
    shape.max_capacity = 1 + static_cast<int>(rng() % 12);
    shape.equity = round % 4 == 0;
    shape.max_cost = round % 3 == 0 ? 5 : 10000;
    compare_with_lemon(testing::random_instance(rng, shape));
  }
}

TEST(AllocationSolver, CostScalingDeclinesAProblemThatCannotAllBePlaced) {
  // No unit may go unplaced and there is one place for two: no solution.
  TransportProblem p;
  p.num_left = 2;
  p.right_capacity = {1};
  p.arc_begin = {0, 1, 2};
  p.arc_right = {0, 0};
  p.arc_cost = {5, 7};
  EXPECT_FALSE(solve_transport_cost_scaling(p).feasible);
  EXPECT_FALSE(solve_transport(p).feasible);
}

// Every allocation, by brute force.
std::int64_t exhaustive(const Instance& in) {
  Assignment a;
  a.service.assign(static_cast<std::size_t>(in.num_referrals()), -1);
  a.block_places.assign(static_cast<std::size_t>(in.num_referrals()), 0);
  std::int64_t best = -1;
  std::function<void(int)> go = [&](int r) {
    if (r == in.num_referrals()) {
      const auto v = evaluate(in, a);
      if (v >= 0 && (best < 0 || v < best)) best = v;
      return;
    }
    const auto ur = static_cast<std::size_t>(r);
    a.service[ur] = -1;
    a.block_places[ur] = 0;
    go(r + 1);
    std::vector<std::int32_t> services;
    for (auto o = in.option_begin[ur]; o < in.option_begin[ur + 1]; ++o) {
      const auto s = in.options[static_cast<std::size_t>(o)].service;
      if (std::find(services.begin(), services.end(), s) == services.end()) services.push_back(s);
    }
    for (const auto s : services) {
      for (int b = 0; b <= in.size[ur]; ++b) {
        a.service[ur] = s;
        a.block_places[ur] = b;
        go(r + 1);
      }
    }
    a.service[ur] = -1;
    a.block_places[ur] = 0;
  };
  go(0);
  return best;
}

TEST(AllocationSolver, EqualsExhaustiveSearchWithSiblingsAndEquity) {
  std::mt19937_64 rng(42);
  int with_branching = 0;
  for (int round = 0; round < 120; ++round) {
    Shape shape;
    shape.referrals = 3 + static_cast<int>(rng() % 4);
    shape.services = 2 + static_cast<int>(rng() % 3);
    shape.councils = 1 + static_cast<int>(rng() % 2);
    shape.options_per_referral = 1 + static_cast<int>(rng() % 3);
    shape.max_capacity = 1 + static_cast<int>(rng() % 3);
    shape.group_share = 0.5;
    shape.equity = round % 2 == 1;
    const auto in = testing::random_instance(rng, shape);
    const auto solved = solve_instance(in, 100000);
    ASSERT_TRUE(solved.optimal);
    EXPECT_EQ(solved.objective, exhaustive(in)) << "round " << round;
    EXPECT_EQ(evaluate(in, solved.assignment), solved.objective);
    EXPECT_LE(solved.root_solution.cost, solved.objective);  // the relaxation bounds it
    with_branching += solved.branch_nodes > 1;
  }
  EXPECT_GT(with_branching, 0);  // the search was exercised, not just the flow
}

TEST(AllocationSolver, SearchLimitReportsAnHonestGap) {
  // Two groups of 2 and two services of 3: the flow splits one group.
  Instance in;
  in.num_councils = 1;
  in.capacity = {3, 3};
  in.size = {2, 2, 2};
  in.council = {0, 0, 0};
  in.unplaced_cost = {50000, 50000, 50000};
  in.option_begin = {0, 2, 4, 6};
  in.options = {{0, 0, 10, false}, {1, 1, 20, false}, {0, 0, 10, false},
                {1, 1, 20, false}, {0, 0, 10, false}, {1, 1, 20, false}};
  const auto full = solve_instance(in, 100000);
  ASSERT_TRUE(full.optimal);
  EXPECT_EQ(full.objective, exhaustive(in));
  EXPECT_EQ(full.objective, 2 * 10 + 2 * 20 + 2 * 50000);  // one group must wait
  const auto cut = solve_instance(in, 1);
  EXPECT_FALSE(cut.optimal);
  EXPECT_LE(cut.lower_bound, full.objective);
  EXPECT_GE(cut.objective, full.objective);
  EXPECT_EQ(evaluate(in, cut.assignment), cut.objective);
}

}  // namespace
}  // namespace caremarket::allocation
