#pragma once
// The numbers the optimiser sees, after eligibility and scoring: who may go
// where at what integer cost. Kept apart from the domain values so that the
// exact solvers (and the tests that compare them with LEMON and with an
// exhaustive search) work on exactly the same problem.
#include <cstdint>
#include <vector>

#include "allocation/transport.hpp"

namespace caremarket::allocation {

struct Option {
  std::int32_t service = 0;    // index into the services
  std::int32_t right = 0;      // capacity node: the service's spot places or a council's block places there
  std::int64_t unit_cost = 0;  // per place
  bool block = false;
};

struct Instance {
  std::vector<int> size;                    // places needed, per referral
  std::vector<int> council;                 // council index, per referral
  std::vector<std::int64_t> unplaced_cost;  // per place, per referral
  std::vector<std::int32_t> option_begin;   // CSR over options, per referral
  std::vector<Option> options;
  std::vector<int> capacity;  // per capacity node
  int num_councils = 0;
  // Equity terms, per council: places that may go unplaced before each
  // further one costs equity_penalty. Empty: no equity terms.
  std::vector<int> equity_free;
  std::int64_t equity_penalty = 0;

  int num_referrals() const { return static_cast<int>(size.size()); }
};

// An integral allocation: per referral, the service (-1 = unplaced) and how
// many of its places are block places.
struct Assignment {
  std::vector<std::int32_t> service;
  std::vector<int> block_places;
};

// The objective of an assignment, or -1 if it breaks a constraint
// (capacity, siblings apart, an option that does not exist).
std::int64_t evaluate(const Instance& in, const Assignment& a, std::int64_t* penalty = nullptr);

struct Solved {
  Assignment assignment;
  std::int64_t objective = 0;
  std::int64_t penalty = 0;
  std::int64_t lower_bound = 0;
  bool optimal = false;
  int branch_nodes = 0;
  std::int64_t nodes_scanned = 0;
  // The root relaxation, kept for explanations (reduced costs) and for
  // comparing with other solvers on the identical graph.
  TransportProblem root;
  TransportSolution root_solution;
  std::vector<std::int32_t> root_first_unit;  // per referral: its first left unit in root
};

// The flow problem for an instance (groups as k unit copies).
TransportProblem build_transport(const Instance& in, std::vector<std::int32_t>* first_unit = nullptr);

// Exact: min-cost flow, then branch and bound on sibling groups that split.
Solved solve_instance(const Instance& in, int max_branch_nodes);

}  // namespace caremarket::allocation
