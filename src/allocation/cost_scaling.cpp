#include "allocation/cost_scaling.hpp"

#include <algorithm>
#include <limits>
#include <queue>
#include <utility>

namespace caremarket::allocation {
namespace {
using i64 = std::int64_t;
using i32 = std::int32_t;
constexpr i64 kNegInf = std::numeric_limits<i64>::min() / 4;
constexpr i32 kSink = -1;             // arc target: a right node with room for every unit, merged into the sink
constexpr i32 kNever = -2;            // arc target: a right node with no places
constexpr i64 kFactor = 8;            // epsilon shrinks this much per refinement
constexpr i64 kNeverPrice = kNegInf;  // the price of a node with no places: never bid on

i64 floor_div(i64 a, i64 b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Push-relabel with epsilon-scaling (Goldberg) on the network
//   unit i --cost--> right node j --0--> sink,   unit i --cost--> sink
// where right nodes with room for every unit are merged into the sink.
// Prices p follow Goldberg's sign: reduced cost rc(u,v) = c + p(u) - p(v),
// epsilon-optimal when every residual arc has rc >= -eps, and a relabel
// lowers a price. Each refinement unassigns every unit and lets them bid
// again, which is the bipartite "double push": a unit moves to its best
// node and takes the second best value as its price; a node over capacity
// evicts the unit whose stay there is worth least.
class CostScaling {
 public:
  explicit CostScaling(const TransportProblem& p)
      : p_(p),
        L_(p.num_left),
        R_(p.num_right()),
        alpha_(static_cast<i64>(L_) + R_ + 2),
        kind_(static_cast<std::size_t>(R_)),
        pl_(static_cast<std::size_t>(L_), 0),
        pr_(static_cast<std::size_t>(R_), 0),
        assigned_(static_cast<std::size_t>(L_), -1),
        slot_(static_cast<std::size_t>(L_), -1),
        f_(static_cast<std::size_t>(R_), 0),
        members_(static_cast<std::size_t>(R_) + 1) {
    for (i32 j = 0; j < R_; ++j) {
      const int c = cap(j);
      kind_[static_cast<std::size_t>(j)] = c >= L_ ? kSink : c <= 0 ? kNever : j;
      if (c >= L_) merged_.push_back(j);
      if (c <= 0) pr_[static_cast<std::size_t>(j)] = kNeverPrice;
    }
    for (const auto c : p.arc_cost) max_cost_ = std::max(max_cost_, (c < 0 ? -c : c) * alpha_);
  }

  TransportSolution run() {
    TransportSolution sol;
    for (int i = 0; i < L_; ++i) {
      if (p_.arc_begin[static_cast<std::size_t>(i)] == p_.arc_begin[static_cast<std::size_t>(i) + 1])
        return infeasible();
    }
    eps_ = std::max<i64>(1, max_cost_);
    do {
      eps_ = std::max<i64>(1, eps_ / kFactor);
      if (!refine()) return infeasible();
    } while (eps_ > 1);
    sol.feasible = true;
    sol.assigned_arc = assigned_;
    for (int i = 0; i < L_; ++i)
      sol.cost += p_.arc_cost[static_cast<std::size_t>(assigned_[static_cast<std::size_t>(i)])];
    sol.nodes_scanned = work_;
    if (!exact_potentials(sol)) return infeasible();
    return sol;
  }

 private:
  TransportSolution infeasible() const {
    TransportSolution s;
    s.assigned_arc.assign(static_cast<std::size_t>(L_), -1);
    return s;
  }

  std::vector<i32>& members(i32 t) {
    return members_[t == kSink ? static_cast<std::size_t>(R_) : static_cast<std::size_t>(t)];
  }
  int cap(i32 j) const { return p_.right_capacity[static_cast<std::size_t>(j)]; }
  // Where an arc leads: a right node, kSink or kNever; and its scaled cost.
  i32 target(i32 a) const { return kind_[static_cast<std::size_t>(p_.arc_right[static_cast<std::size_t>(a)])]; }
  i64 cost(i32 a) const { return p_.arc_cost[static_cast<std::size_t>(a)] * alpha_; }
  // Right nodes merged into the sink carry its price, so that bidding reads
  // every head's price from pr_ alone.
  void set_sink_price(i64 v) {
    pt_ = v;
    for (const auto j : merged_) pr_[static_cast<std::size_t>(j)] = v;
  }

  void attach(i32 i, i32 arc) {
    assigned_[static_cast<std::size_t>(i)] = arc;
    auto& m = members(target(arc));
    slot_[static_cast<std::size_t>(i)] = static_cast<i32>(m.size());
    m.push_back(i);
    if (target(arc) == kSink) {
      ++sink_in_;
      sink_units_.push({pl_[static_cast<std::size_t>(i)] + cost(arc), i});
    }
  }
  void detach(i32 i) {
    const auto arc = assigned_[static_cast<std::size_t>(i)];
    auto& m = members(target(arc));
    const auto s = static_cast<std::size_t>(slot_[static_cast<std::size_t>(i)]);
    m[s] = m.back();
    slot_[static_cast<std::size_t>(m[s])] = static_cast<i32>(s);
    m.pop_back();
    if (target(arc) == kSink) --sink_in_;
    assigned_[static_cast<std::size_t>(i)] = -1;
    queue_.push_back(i);
  }

  // One epsilon phase. Nodes that were full keep their (lowered) prices and
  // their places open; the others start level with the sink, closed.
  bool refine() {
    sink_in_ = 0;
    sink_nodes_ = {};
    sink_units_ = {};
    for (i32 j = 0; j < R_; ++j) {
      const auto uj = static_cast<std::size_t>(j);
      const bool full = cap(j) > 0 && static_cast<int>(members_[uj].size()) >= cap(j);
      if (full && pr_[uj] < pt_ - eps_) {
        f_[uj] = cap(j);
      }  // contested: open, to be refilled
      else if (full) {
        f_[uj] = 0;
      }  // within eps of the sink's price: closed is eps-optimal
      else {
        pr_[uj] = kind_[uj] == kNever ? kNeverPrice : pt_;
        f_[uj] = 0;
      }
      sink_in_ += f_[uj];
      if (f_[uj] > 0) sink_nodes_.push({pr_[uj], j});
      members_[uj].clear();
    }
    members_[static_cast<std::size_t>(R_)].clear();
    queue_.clear();
    for (i32 i = 0; i < L_; ++i) {
      assigned_[static_cast<std::size_t>(i)] = -1;
      queue_.push_back(i);
    }
    // Goldberg's bound on the work of one refinement is O(n^2 m); a budget
    // far beyond what these problems take turns a bug into a fallback, never
    // into a hang.
    budget_ = work_ + 1000 * (static_cast<i64>(p_.arc_right.size()) + L_ + R_) + 1000000;
    for (;;) {
      while (!queue_.empty()) {
        const i32 i = queue_.back();
        queue_.pop_back();
        if (!bid(i)) return false;
      }
      if (sink_in_ <= L_) break;
      if (!drain_sink()) return false;
      if (queue_.empty()) break;
    }
    return true;
  }

  // An unassigned unit moves to the node of best value (price - cost) and
  // takes the second best value, less eps, as its own price.
  bool bid(i32 i) {
    if (++work_ > budget_) return false;
    i64 v1 = kNegInf, v2 = kNegInf;
    i32 a1 = -1;
    const auto b = p_.arc_begin[static_cast<std::size_t>(i)], e = p_.arc_begin[static_cast<std::size_t>(i) + 1];
    for (auto a = b; a < e; ++a) {
      const i64 price = pr_[static_cast<std::size_t>(p_.arc_right[static_cast<std::size_t>(a)])];
      if (price == kNeverPrice) continue;
      const i64 v = price - p_.arc_cost[static_cast<std::size_t>(a)] * alpha_;
      if (v > v1) {
        v2 = v1;
        v1 = v;
        a1 = a;
      } else if (v > v2) v2 = v;
    }
    if (a1 < 0) return false;
    pl_[static_cast<std::size_t>(i)] = (v2 > kNegInf ? v2 : v1) - eps_;
    attach(i, a1);
    const auto t = target(a1);
    return t == kSink || settle(t);
  }

  // A right node with more units than the places it sends on: push to the
  // sink while it has places and that is admissible, else evict the member
  // whose stay is worth least, else relabel.
  bool settle(i32 j) {
    const auto uj = static_cast<std::size_t>(j);
    auto& m = members_[uj];
    while (static_cast<int>(m.size()) > f_[uj]) {
      if (f_[uj] < cap(j) && pr_[uj] < pt_) {
        const int room = std::min(cap(j), static_cast<int>(m.size())) - f_[uj];
        if (f_[uj] == 0) sink_nodes_.push({pr_[uj], j});
        f_[uj] += room;
        sink_in_ += room;
        continue;
      }
      i64 m1 = kNegInf;
      i32 who = -1;
      for (const auto u : m) {
        const i64 v = pl_[static_cast<std::size_t>(u)] + cost(assigned_[static_cast<std::size_t>(u)]);
        if (v > m1) {
          m1 = v;
          who = u;
        }
      }
      if (m1 > pr_[uj]) {
        detach(who);
        continue;
      }
      ++work_;
      pr_[uj] = std::max(m1, f_[uj] < cap(j) ? pt_ : kNegInf) - eps_;
      if (f_[uj] > 0) sink_nodes_.push({pr_[uj], j});
      if (work_ > budget_) return false;
    }
    return true;
  }

  // More flow reached the sink than there are units (places opened at the
  // start of the phase were not all taken): the sink sends the surplus back
  // along its admissible arcs, best value first, relabelling when none is
  // left. Its arcs sit in two max-heaps (nodes it takes flow from, units
  // left unplaced) with stale entries skipped, so each step is a heap
  // operation, not a scan of every node.
  bool drain_sink() {
    auto node_top = [&]() -> std::pair<i64, i32> {
      while (!sink_nodes_.empty()) {
        const auto [v, j] = sink_nodes_.top();
        if (f_[static_cast<std::size_t>(j)] > 0 && pr_[static_cast<std::size_t>(j)] == v) return {v, j};
        sink_nodes_.pop();
      }
      return {kNegInf, -1};
    };
    auto unit_top = [&]() -> std::pair<i64, i32> {
      while (!sink_units_.empty()) {
        const auto [v, i] = sink_units_.top();
        const auto a = assigned_[static_cast<std::size_t>(i)];
        if (a >= 0 && target(a) == kSink && pl_[static_cast<std::size_t>(i)] + cost(a) == v) return {v, i};
        sink_units_.pop();
      }
      return {kNegInf, -1};
    };
    while (sink_in_ > L_) {
      if (++work_ > budget_) return false;
      const auto [nv, j] = node_top();
      const auto [uv, i] = unit_top();
      const i64 best = std::max(nv, uv);
      if (best == kNegInf) return false;
      if (best <= pt_) {
        set_sink_price(best - eps_);
        continue;
      }  // relabel: nothing admissible
      if (nv >= uv) {
        const auto uj = static_cast<std::size_t>(j);
        const int back = static_cast<int>(std::min<i64>(f_[uj], sink_in_ - L_));
        f_[uj] -= back;
        sink_in_ -= back;
        if (!settle(j)) return false;
      } else {
        detach(i);  // the unit bids again
      }
      if (!queue_.empty()) return true;  // evicted units bid before the sink looks again
    }
    return true;
  }

  // Exact integer potentials for the optimum: the scaled prices divided by
  // alpha are within 1/alpha of a feasible potential, so label correcting
  // from them fixes the few arcs that are still short, and terminates
  // because an optimal residual graph has no negative cycle.
  bool exact_potentials(TransportSolution& sol) {
    const i32 T = L_ + R_;
    const auto n = static_cast<std::size_t>(L_ + R_ + 1);
    std::vector<i64> d(n);
    for (i32 i = 0; i < L_; ++i) d[static_cast<std::size_t>(i)] = floor_div(pl_[static_cast<std::size_t>(i)], alpha_);
    for (i32 j = 0; j < R_; ++j)
      d[static_cast<std::size_t>(L_ + j)] = floor_div(pr_[static_cast<std::size_t>(j)], alpha_);
    d[static_cast<std::size_t>(T)] = floor_div(pt_, alpha_);
    std::vector<int> used(static_cast<std::size_t>(R_), 0);
    for (i32 i = 0; i < L_; ++i) {
      const auto t = target(assigned_[static_cast<std::size_t>(i)]);
      if (t >= 0) ++used[static_cast<std::size_t>(t)];
    }
    auto node_of = [&](i32 t) { return t == kSink ? T : L_ + t; };
    std::vector<i32> queue;
    std::vector<char> queued(n, 1);
    for (i32 v = 0; v <= T; ++v) queue.push_back(v);
    std::size_t head = 0;
    std::int64_t budget = 64 * (static_cast<i64>(p_.arc_right.size()) + static_cast<i64>(n)) + 1000000;
    auto relax = [&](i32 u, i32 v, i64 c) {
      if (d[static_cast<std::size_t>(u)] + c < d[static_cast<std::size_t>(v)]) {
        d[static_cast<std::size_t>(v)] = d[static_cast<std::size_t>(u)] + c;
        if (!queued[static_cast<std::size_t>(v)]) {
          queued[static_cast<std::size_t>(v)] = 1;
          queue.push_back(v);
        }
      }
    };
    while (head < queue.size()) {
      if (--budget < 0) return false;
      const i32 u = queue[head++];
      queued[static_cast<std::size_t>(u)] = 0;
      if (head > 4096 && head * 2 > queue.size()) {
        queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(head));
        head = 0;
      }
      if (u < L_) {
        const auto own = assigned_[static_cast<std::size_t>(u)];
        for (auto a = p_.arc_begin[static_cast<std::size_t>(u)]; a < p_.arc_begin[static_cast<std::size_t>(u) + 1];
             ++a) {
          const auto t = target(a);
          if (a == own || t == kNever) continue;
          relax(u, node_of(t), p_.arc_cost[static_cast<std::size_t>(a)]);
        }
      } else if (u < T) {
        const i32 j = u - L_;
        for (const auto m : members_[static_cast<std::size_t>(j)])
          relax(u, m, -p_.arc_cost[static_cast<std::size_t>(assigned_[static_cast<std::size_t>(m)])]);
        if (used[static_cast<std::size_t>(j)] < cap(j)) relax(u, T, 0);
      } else {
        for (i32 j = 0; j < R_; ++j)
          if (used[static_cast<std::size_t>(j)] > 0) relax(u, L_ + j, 0);
        for (const auto m : members_[static_cast<std::size_t>(R_)])
          relax(u, m, -p_.arc_cost[static_cast<std::size_t>(assigned_[static_cast<std::size_t>(m)])]);
      }
    }
    // A unit's own arc is saturated, so only its reverse bounds the unit's
    // potential: take the tightest value, which makes its reduced cost 0 and
    // every other arc's as large (as informative a bound) as it can be.
    for (i32 i = 0; i < L_; ++i) {
      const auto a = static_cast<std::size_t>(assigned_[static_cast<std::size_t>(i)]);
      d[static_cast<std::size_t>(i)] =
          d[static_cast<std::size_t>(node_of(target(static_cast<i32>(a))))] - p_.arc_cost[a];
    }
    const i64 base = d[static_cast<std::size_t>(T)];
    sol.left_potential.resize(static_cast<std::size_t>(L_));
    sol.right_potential.assign(static_cast<std::size_t>(R_), 0);
    for (i32 i = 0; i < L_; ++i)
      sol.left_potential[static_cast<std::size_t>(i)] = d[static_cast<std::size_t>(i)] - base;
    for (i32 j = 0; j < R_; ++j) {
      const auto uj = static_cast<std::size_t>(j);
      // Nodes with room sit level with the sink; a node with no places takes
      // a potential low enough for every arc into it.
      if (cap(j) >= L_ || used[uj] < cap(j)) continue;
      sol.right_potential[uj] = std::min<i64>(0, d[static_cast<std::size_t>(L_ + j)] - base);
    }
    for (i32 i = 0; i < L_; ++i) {
      for (auto a = p_.arc_begin[static_cast<std::size_t>(i)]; a < p_.arc_begin[static_cast<std::size_t>(i) + 1]; ++a) {
        if (target(a) != kNever) continue;
        auto& r = sol.right_potential[static_cast<std::size_t>(p_.arc_right[static_cast<std::size_t>(a)])];
        r = std::min(r, p_.arc_cost[static_cast<std::size_t>(a)] + sol.left_potential[static_cast<std::size_t>(i)]);
      }
    }
    return true;
  }

  const TransportProblem& p_;
  const int L_, R_;
  const i64 alpha_;
  std::vector<i32> kind_;    // per right node: itself, kSink (merged) or kNever (no places)
  std::vector<i32> merged_;  // the right nodes merged into the sink
  std::vector<i64> pl_, pr_;
  i64 pt_ = 0;
  std::vector<i32> assigned_, slot_;
  std::vector<int> f_;
  std::vector<std::vector<i32>> members_;  // per right node; the sink's at index R_
  std::vector<i32> queue_;
  std::priority_queue<std::pair<i64, i32>> sink_nodes_, sink_units_;  // the sink's out-arcs, by value
  i64 sink_in_ = 0;
  i64 eps_ = 1;
  i64 max_cost_ = 1;
  i64 budget_ = 0;
  i64 work_ = 0;
};
}  // namespace

TransportSolution solve_transport_cost_scaling(const TransportProblem& problem) { return CostScaling(problem).run(); }

}  // namespace caremarket::allocation
