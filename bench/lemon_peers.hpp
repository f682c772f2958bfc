#pragma once
// LEMON's NetworkSimplex and CostScaling on the identical graph, raw solve
// timed. In a file of its own: LEMON's CostScaling headers use
// std::allocator members removed in C++20, so this one file is C++17.
#include <cstdint>

#include "allocation/transport.hpp"

namespace caremarket::bench {

struct PeerResult {
  double seconds = -1;
  std::int64_t objective = -1;
};

PeerResult lemon_network_simplex(const allocation::TransportProblem& p);
PeerResult lemon_cost_scaling(const allocation::TransportProblem& p);

}  // namespace caremarket::bench
