#pragma once
// LEMON's NetworkSimplex on exactly the graph our solver sees: each left unit
// supplies 1, each capacity node passes at most its capacity to one sink.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include "allocation/transport.hpp"

namespace caremarket::allocation::testing {

inline std::int64_t lemon_network_simplex(const TransportProblem& p) {
  lemon::SmartDigraph g;
  std::vector<lemon::SmartDigraph::Node> nodes;
  const int n = p.num_left + p.num_right() + 1;
  g.reserveNode(n);
  g.reserveArc(p.num_arcs() + p.num_right());
  for (int i = 0; i < n; ++i) nodes.push_back(g.addNode());
  lemon::SmartDigraph::ArcMap<std::int64_t> cost(g), cap(g);
  lemon::SmartDigraph::NodeMap<std::int64_t> supply(g, 0);
  for (int i = 0; i < p.num_left; ++i) {
    supply[nodes[static_cast<std::size_t>(i)]] = 1;
    for (auto a = p.arc_begin[static_cast<std::size_t>(i)]; a < p.arc_begin[static_cast<std::size_t>(i) + 1]; ++a) {
      const auto arc = g.addArc(nodes[static_cast<std::size_t>(i)],
                                nodes[static_cast<std::size_t>(p.num_left + p.arc_right[static_cast<std::size_t>(a)])]);
      cost[arc] = p.arc_cost[static_cast<std::size_t>(a)];
      cap[arc] = 1;
    }
  }
  const auto sink = nodes.back();
  supply[sink] = -p.num_left;
  for (int j = 0; j < p.num_right(); ++j) {
    const auto arc = g.addArc(nodes[static_cast<std::size_t>(p.num_left + j)], sink);
    cost[arc] = 0;
    cap[arc] = p.right_capacity[static_cast<std::size_t>(j)];
  }
  lemon::NetworkSimplex<lemon::SmartDigraph, std::int64_t, std::int64_t> ns(g);
  ns.costMap(cost).upperMap(cap).supplyMap(supply);
  if (ns.run() != decltype(ns)::OPTIMAL) return -1;
  return ns.totalCost();
}

}  // namespace caremarket::allocation::testing
