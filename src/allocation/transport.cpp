#include "allocation/transport.hpp"

#include "allocation/cost_scaling.hpp"

#include <algorithm>
#include <limits>
#include <queue>

namespace caremarket::allocation {
namespace {
using i64 = std::int64_t;
constexpr i64 kInf = std::numeric_limits<i64>::max() / 4;

// Nodes: left i is i, right j is num_left + j.
class Solver {
 public:
  explicit Solver(const TransportProblem& p)
      : p_(p),
        L_(p.num_left),
        n_(p.num_left + p.num_right()),
        pot_(static_cast<std::size_t>(n_), 0),
        dist_(static_cast<std::size_t>(n_), kInf),
        pred_(static_cast<std::size_t>(n_), -1),
        stamp_(static_cast<std::size_t>(n_), 0),
        used_(static_cast<std::size_t>(p.num_right()), 0),
        members_(static_cast<std::size_t>(p.num_right())),
        slot_(static_cast<std::size_t>(L_), -1) {
    sol_.assigned_arc.assign(static_cast<std::size_t>(L_), -1);
  }

  TransportSolution run() {
    sol_.feasible = true;
    for (int i = 0; i < L_; ++i) {
      if (!augment_from(i)) {
        sol_.feasible = false;
        break;
      }
    }
    if (sol_.feasible) {
      for (int i = 0; i < L_; ++i)
        sol_.cost += p_.arc_cost[static_cast<std::size_t>(sol_.assigned_arc[static_cast<std::size_t>(i)])];
    }
    sol_.left_potential.assign(pot_.begin(), pot_.begin() + L_);
    sol_.right_potential.assign(pot_.begin() + L_, pot_.end());
    return std::move(sol_);
  }

 private:
  using Item = std::pair<i64, std::int32_t>;

  bool has_room(int j) const {
    return used_[static_cast<std::size_t>(j)] < p_.right_capacity[static_cast<std::size_t>(j)];
  }

  void reach(std::int32_t v, i64 d, std::int32_t pred) {
    auto& sv = stamp_[static_cast<std::size_t>(v)];
    if (sv != round_) {
      sv = round_;
      dist_[static_cast<std::size_t>(v)] = kInf;
    }
    if (d < dist_[static_cast<std::size_t>(v)]) {
      dist_[static_cast<std::size_t>(v)] = d;
      pred_[static_cast<std::size_t>(v)] = pred;
      heap_.push({d, v});
    }
  }

  bool augment_from(int i0) {
    const auto b = p_.arc_begin[static_cast<std::size_t>(i0)], e = p_.arc_begin[static_cast<std::size_t>(i0) + 1];
    if (b == e) return false;
    // Start with reduced costs >= 0 on the new unit's own arcs.
    i64 best = kInf;
    for (auto a = b; a < e; ++a)
      best = std::min(best, p_.arc_cost[static_cast<std::size_t>(a)] -
                                pot_[static_cast<std::size_t>(L_ + p_.arc_right[static_cast<std::size_t>(a)])]);
    pot_[static_cast<std::size_t>(i0)] = -best;
    ++round_;
    heap_ = {};
    scanned_.clear();
    reach(i0, 0, -1);
    std::int32_t terminal = -1;
    i64 D = 0;
    while (!heap_.empty()) {
      const auto [d, v] = heap_.top();
      heap_.pop();
      if (d != dist_[static_cast<std::size_t>(v)] || done_[v]) continue;
      if (v >= L_ && has_room(v - L_)) {
        terminal = v;
        D = d;
        break;
      }
      done_[v] = true;
      scanned_.push_back(v);
      if (v < L_) {
        const auto own = sol_.assigned_arc[static_cast<std::size_t>(v)];
        const i64 pv = pot_[static_cast<std::size_t>(v)];
        const auto vb = p_.arc_begin[static_cast<std::size_t>(v)], ve = p_.arc_begin[static_cast<std::size_t>(v) + 1];
        for (auto a = vb; a < ve; ++a) {
          if (a == own) continue;
          const std::int32_t w = L_ + p_.arc_right[static_cast<std::size_t>(a)];
          if (stamp_[static_cast<std::size_t>(w)] == round_ && done_[w]) continue;
          reach(w, d + p_.arc_cost[static_cast<std::size_t>(a)] + pv - pot_[static_cast<std::size_t>(w)], a);
        }
      } else {
        const i64 pv = pot_[static_cast<std::size_t>(v)];
        for (const auto u : members_[static_cast<std::size_t>(v - L_)]) {
          if (stamp_[static_cast<std::size_t>(u)] == round_ && done_[u]) continue;
          const auto a = sol_.assigned_arc[static_cast<std::size_t>(u)];
          reach(u, d - p_.arc_cost[static_cast<std::size_t>(a)] + pv - pot_[static_cast<std::size_t>(u)], v);
        }
      }
    }
    sol_.nodes_scanned += static_cast<i64>(scanned_.size());
    for (const auto v : scanned_) {
      pot_[static_cast<std::size_t>(v)] += dist_[static_cast<std::size_t>(v)] - D;
      done_[v] = false;
    }
    if (terminal < 0) return false;
    // Walk back: each right node on the path hands one unit on.
    std::int32_t cur = terminal;
    for (;;) {
      const auto a = pred_[static_cast<std::size_t>(cur)];
      const int v = left_of(a);
      const auto old = sol_.assigned_arc[static_cast<std::size_t>(v)];
      if (old >= 0) detach(v, p_.arc_right[static_cast<std::size_t>(old)]);
      sol_.assigned_arc[static_cast<std::size_t>(v)] = a;
      attach(v, cur - L_);
      if (v == i0) break;
      cur = L_ + p_.arc_right[static_cast<std::size_t>(old)];
    }
    return true;
  }

  int left_of(std::int32_t arc) const {
    const auto it = std::upper_bound(p_.arc_begin.begin(), p_.arc_begin.end(), arc);
    return static_cast<int>(it - p_.arc_begin.begin()) - 1;
  }
  void attach(int v, int j) {
    auto& m = members_[static_cast<std::size_t>(j)];
    slot_[static_cast<std::size_t>(v)] = static_cast<std::int32_t>(m.size());
    m.push_back(v);
    ++used_[static_cast<std::size_t>(j)];
  }
  void detach(int v, int j) {
    auto& m = members_[static_cast<std::size_t>(j)];
    const auto s = static_cast<std::size_t>(slot_[static_cast<std::size_t>(v)]);
    m[s] = m.back();
    slot_[static_cast<std::size_t>(m[s])] = static_cast<std::int32_t>(s);
    m.pop_back();
    --used_[static_cast<std::size_t>(j)];
  }

  const TransportProblem& p_;
  const int L_;
  const int n_;
  std::vector<i64> pot_, dist_;
  std::vector<std::int32_t> pred_;
  std::vector<std::uint32_t> stamp_;
  std::uint32_t round_ = 0;
  std::vector<int> used_;
  std::vector<std::vector<std::int32_t>> members_;
  std::vector<std::int32_t> slot_;
  std::vector<std::int32_t> scanned_;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap_;
  struct Flags {
    std::vector<char> v;
    std::vector<char>::reference operator[](std::int32_t i) { return v[static_cast<std::size_t>(i)]; }
  } done_{std::vector<char>(static_cast<std::size_t>(n_), 0)};
  TransportSolution sol_;
};
}  // namespace

TransportSolution solve_transport_ssp(const TransportProblem& problem) { return Solver(problem).run(); }

TransportSolution solve_transport(const TransportProblem& problem) {
  bool always_room = true;
  for (int i = 0; i < problem.num_left && always_room; ++i) {
    bool has = false;
    for (auto a = problem.arc_begin[static_cast<std::size_t>(i)];
         a < problem.arc_begin[static_cast<std::size_t>(i) + 1] && !has; ++a) {
      has = problem.right_capacity[static_cast<std::size_t>(problem.arc_right[static_cast<std::size_t>(a)])] >=
            problem.num_left;
    }
    always_room = has;
  }
  if (always_room && problem.num_left > 0) {
    auto s = solve_transport_cost_scaling(problem);
    if (s.feasible) return s;
  }
  return solve_transport_ssp(problem);
}

}  // namespace caremarket::allocation
