#include "lemon_peers.hpp"

#include <lemon/cost_scaling.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>

namespace caremarket::bench {
namespace {
using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
using Graph = lemon::SmartDigraph;

// The identical graph: unit supplies, arcs of capacity 1, capacity nodes into one sink.
struct LemonGraph {
  Graph g;
  Graph::ArcMap<std::int64_t> cost{g}, cap{g};
  Graph::NodeMap<std::int64_t> supply{g};
  explicit LemonGraph(const allocation::TransportProblem& p) {
    const int n = p.num_left + p.num_right() + 1;
    g.reserveNode(n);
    g.reserveArc(p.num_arcs() + p.num_right());
    for (int i = 0; i < n; ++i) g.addNode();
    for (int i = 0; i < p.num_left; ++i) {
      supply[g.nodeFromId(i)] = 1;
      for (auto a = p.arc_begin[static_cast<std::size_t>(i)]; a < p.arc_begin[static_cast<std::size_t>(i) + 1]; ++a) {
        const auto arc = g.addArc(g.nodeFromId(i), g.nodeFromId(p.num_left + p.arc_right[static_cast<std::size_t>(a)]));
        cost[arc] = p.arc_cost[static_cast<std::size_t>(a)];
        cap[arc] = 1;
      }
    }
    supply[g.nodeFromId(n - 1)] = -p.num_left;
    for (int j = 0; j < p.num_right(); ++j) {
      const auto arc = g.addArc(g.nodeFromId(p.num_left + j), g.nodeFromId(n - 1));
      cost[arc] = 0;
      cap[arc] = p.right_capacity[static_cast<std::size_t>(j)];
    }
  }
};

}  // namespace

PeerResult lemon_network_simplex(const allocation::TransportProblem& p) {
  LemonGraph lg(p);
  lemon::NetworkSimplex<Graph, std::int64_t, std::int64_t> ns(lg.g);
  ns.costMap(lg.cost).upperMap(lg.cap).supplyMap(lg.supply);
  const auto t = Clock::now();
  const auto status = ns.run();
  PeerResult out{seconds_since(t), -1};
  if (status == decltype(ns)::OPTIMAL) out.objective = ns.totalCost();
  return out;
}

PeerResult lemon_cost_scaling(const allocation::TransportProblem& p) {
  LemonGraph lg(p);
  lemon::CostScaling<Graph, std::int64_t, std::int64_t> cs(lg.g);
  cs.costMap(lg.cost).upperMap(lg.cap).supplyMap(lg.supply);
  const auto t = Clock::now();
  const auto status = cs.run();
  PeerResult out{seconds_since(t), -1};
  if (status == decltype(cs)::OPTIMAL) out.objective = cs.totalCost();
  return out;
}

}  // namespace caremarket::bench
