#pragma once
// The transportation problem at the heart of an allocation, and its exact
// solver. Left nodes are units of demand (one per place a referral needs);
// each must be assigned to exactly one of its arcs; right nodes (a service's
// spot places, a council's block places there, a council's "unplaced") have
// capacities. Minimum total cost, integer costs.
//
// The first solver is successive shortest paths specialised to this shape: one
// Dijkstra per left unit over the residual graph with reduced costs, stopped
// at the first right node with room (Jonker-Volgenant style early exit), and
// only the nodes it scanned have their potentials changed. Right nodes with
// room keep potential 0, so the nearest in reduced cost is the nearest in
// true cost; every augmentation is a true shortest path and the result is
// optimal (the potentials it returns are the proof: every residual arc has a
// non-negative reduced cost).
#include <cstdint>
#include <vector>

namespace caremarket::allocation {

struct TransportProblem {
  int num_left = 0;
  std::vector<int> right_capacity;      // one per right node
  std::vector<std::int32_t> arc_begin;  // CSR: arcs of left i are [arc_begin[i], arc_begin[i+1])
  std::vector<std::int32_t> arc_right;
  std::vector<std::int64_t> arc_cost;

  int num_right() const { return static_cast<int>(right_capacity.size()); }
  int num_arcs() const { return static_cast<int>(arc_right.size()); }
};

struct TransportSolution {
  bool feasible = false;
  std::int64_t cost = 0;
  std::vector<std::int32_t> assigned_arc;    // per left; -1 if infeasible
  std::vector<std::int64_t> left_potential;  // duals: rc = cost + left - right >= 0
  std::vector<std::int64_t> right_potential;
  std::int64_t nodes_scanned = 0;  // work done, for the benchmark

  // Reduced cost of an arc: a lower bound on what moving its left unit there
  // (and re-optimising everything else) would add to the total cost.
  std::int64_t reduced_cost(const TransportProblem& p, int left, int arc) const {
    return p.arc_cost[static_cast<std::size_t>(arc)] + left_potential[static_cast<std::size_t>(left)] -
           right_potential[static_cast<std::size_t>(p.arc_right[static_cast<std::size_t>(arc)])];
  }
};

// Cost scaling (cost_scaling.hpp) when every unit may go unplaced, which is
// every root problem; successive shortest paths otherwise (a sibling search
// node that forbids leaving a group unplaced may be infeasible) and as the
// fallback. Both are exact and return proof potentials.
TransportSolution solve_transport(const TransportProblem& problem);
TransportSolution solve_transport_ssp(const TransportProblem& problem);

}  // namespace caremarket::allocation
