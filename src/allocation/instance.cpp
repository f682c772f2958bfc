#include "allocation/instance.hpp"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace caremarket::allocation {
namespace {
using i64 = std::int64_t;
constexpr std::int32_t kNone = -2;
constexpr std::int32_t kUnplaced = -1;

bool equity_on(const Instance& in) { return !in.equity_free.empty(); }

int total_units(const Instance& in) {
  int n = 0;
  for (const int k : in.size) n += k;
  return n;
}

// One node of the sibling search: some groups fixed to a place (or to
// unplaced), some (group, service) pairs forbidden.
struct Decisions {
  std::vector<std::pair<std::int32_t, std::int32_t>> fixed;      // referral -> service or kUnplaced
  std::vector<std::pair<std::int32_t, std::int32_t>> forbidden;  // referral, service (or kUnplaced)
};

struct NodeProblem {
  TransportProblem flow;
  std::vector<std::int32_t> first_unit;  // per referral, -1 if fixed
  std::vector<std::int32_t> fixed;       // per referral: kNone, kUnplaced or service
  std::vector<int> fixed_block;
  i64 fixed_cost = 0;
  bool feasible = true;
};

std::int64_t key(std::int32_t r, std::int32_t s) { return (static_cast<i64>(r) << 32) ^ static_cast<std::uint32_t>(s); }

NodeProblem build_node(const Instance& in, const Decisions& d) {
  NodeProblem np;
  const int R = in.num_referrals();
  const int C = static_cast<int>(in.capacity.size());
  const int units = total_units(in);
  np.fixed.assign(static_cast<std::size_t>(R), kNone);
  np.fixed_block.assign(static_cast<std::size_t>(R), 0);
  std::vector<int> cap = in.capacity;
  std::vector<int> forced_unplaced(static_cast<std::size_t>(in.num_councils), 0);
  for (const auto& [r, s] : d.fixed) {
    const auto ur = static_cast<std::size_t>(r);
    np.fixed[ur] = s;
    const int k = in.size[ur];
    if (s == kUnplaced) {
      forced_unplaced[static_cast<std::size_t>(in.council[ur])] += k;
      np.fixed_cost += in.unplaced_cost[ur] * k;
      continue;
    }
    // Block places first (cheaper), the rest spot.
    int left = k;
    for (auto o = in.option_begin[ur]; o < in.option_begin[ur + 1] && left > 0; ++o) {
      const auto& opt = in.options[static_cast<std::size_t>(o)];
      if (opt.service != s || !opt.block) continue;
      const int take = std::min(left, cap[static_cast<std::size_t>(opt.right)]);
      cap[static_cast<std::size_t>(opt.right)] -= take;
      np.fixed_block[ur] += take;
      np.fixed_cost += opt.unit_cost * take;
      left -= take;
    }
    for (auto o = in.option_begin[ur]; o < in.option_begin[ur + 1] && left > 0; ++o) {
      const auto& opt = in.options[static_cast<std::size_t>(o)];
      if (opt.service != s || opt.block) continue;
      const int take = std::min(left, cap[static_cast<std::size_t>(opt.right)]);
      cap[static_cast<std::size_t>(opt.right)] -= take;
      np.fixed_cost += opt.unit_cost * take;
      left -= take;
    }
    if (left > 0) np.feasible = false;
  }
  std::unordered_set<i64> forbidden;
  for (const auto& [r, s] : d.forbidden) forbidden.insert(key(r, s));

  auto& f = np.flow;
  f.right_capacity = cap;
  for (int c = 0; c < in.num_councils; ++c) {
    const auto uc = static_cast<std::size_t>(c);
    if (equity_on(in)) {
      const int free = in.equity_free[uc];
      f.right_capacity.push_back(std::max(0, free - forced_unplaced[uc]));
      f.right_capacity.push_back(units);
      np.fixed_cost += in.equity_penalty * std::max(0, forced_unplaced[uc] - free);
    } else {
      f.right_capacity.push_back(units);
      f.right_capacity.push_back(0);
    }
  }
  np.first_unit.assign(static_cast<std::size_t>(R), -1);
  // Each unit's options plus at most two "unplaced" arcs.
  std::size_t arcs = 0;
  for (int r = 0; r < R; ++r) {
    const auto ur = static_cast<std::size_t>(r);
    arcs += static_cast<std::size_t>(in.size[ur]) *
            static_cast<std::size_t>(in.option_begin[ur + 1] - in.option_begin[ur] + 2);
  }
  f.arc_right.reserve(arcs);
  f.arc_cost.reserve(arcs);
  f.arc_begin.reserve(static_cast<std::size_t>(units) + 1);
  f.arc_begin.push_back(0);
  for (int r = 0; r < R; ++r) {
    const auto ur = static_cast<std::size_t>(r);
    if (np.fixed[ur] != kNone) continue;
    np.first_unit[ur] = f.num_left;
    const int k = in.size[ur];
    const int council_node = C + 2 * in.council[ur];
    const bool may_leave = !forbidden.contains(key(r, kUnplaced));
    for (int unit = 0; unit < k; ++unit) {
      for (auto o = in.option_begin[ur]; o < in.option_begin[ur + 1]; ++o) {
        const auto& opt = in.options[static_cast<std::size_t>(o)];
        if (!forbidden.empty() && forbidden.contains(key(r, opt.service))) continue;
        f.arc_right.push_back(opt.right);
        f.arc_cost.push_back(opt.unit_cost);
      }
      if (may_leave) {
        f.arc_right.push_back(council_node);
        f.arc_cost.push_back(in.unplaced_cost[ur]);
        if (f.right_capacity[static_cast<std::size_t>(council_node) + 1] > 0) {
          f.arc_right.push_back(council_node + 1);
          f.arc_cost.push_back(in.unplaced_cost[ur] + in.equity_penalty);
        }
      }
      f.arc_begin.push_back(static_cast<std::int32_t>(f.arc_right.size()));
      ++f.num_left;
    }
  }
  return np;
}

// Where a unit went: the service index, or kUnplaced.
std::int32_t destination(const Instance& in, const TransportProblem& f, const TransportSolution& s, std::int32_t unit,
                         const std::vector<std::int32_t>& right_service) {
  const auto right = f.arc_right[static_cast<std::size_t>(s.assigned_arc[static_cast<std::size_t>(unit)])];
  (void)in;
  return right < static_cast<std::int32_t>(right_service.size()) ? right_service[static_cast<std::size_t>(right)]
                                                                 : kUnplaced;
}

struct Search {
  const Instance& in;
  std::vector<std::int32_t> right_service;  // capacity node -> service
  Assignment best;
  i64 best_objective = -1;
  i64 best_penalty = 0;
  int nodes = 0;
  i64 scanned = 0;

  // 1 if the referral's option on this capacity node is a block place.
  int block_of(std::size_t ur, std::int32_t right) const {
    for (auto o = in.option_begin[ur]; o < in.option_begin[ur + 1]; ++o) {
      if (in.options[static_cast<std::size_t>(o)].right == right)
        return in.options[static_cast<std::size_t>(o)].block ? 1 : 0;
    }
    return 0;
  }

  // Reads a node's flow as an assignment; returns the first split group (or -1).
  std::int32_t read(const NodeProblem& np, const TransportSolution& s, Assignment& a, std::int32_t* split_at) {
    const int R = in.num_referrals();
    a.service.assign(static_cast<std::size_t>(R), kUnplaced);
    a.block_places.assign(static_cast<std::size_t>(R), 0);
    std::int32_t split = -1;
    int split_size = 0;
    for (int r = 0; r < R; ++r) {
      const auto ur = static_cast<std::size_t>(r);
      if (np.fixed[ur] != kNone) {
        a.service[ur] = np.fixed[ur];
        a.block_places[ur] = np.fixed_block[ur];
        continue;
      }
      const auto u0 = np.first_unit[ur];
      if (in.size[ur] == 1) {  // nearly every referral: no group to split
        const auto dest = destination(in, np.flow, s, u0, right_service);
        a.service[ur] = dest;
        if (dest != kUnplaced)
          a.block_places[ur] =
              block_of(ur, np.flow.arc_right[static_cast<std::size_t>(s.assigned_arc[static_cast<std::size_t>(u0)])]);
        continue;
      }
      std::map<std::int32_t, int> count;
      int block = 0;
      for (int unit = 0; unit < in.size[ur]; ++unit) {
        const auto u = u0 + unit;
        const auto dest = destination(in, np.flow, s, u, right_service);
        ++count[dest];
        if (dest != kUnplaced) {
          block +=
              block_of(ur, np.flow.arc_right[static_cast<std::size_t>(s.assigned_arc[static_cast<std::size_t>(u)])]);
        }
      }
      if (count.size() == 1) {
        a.service[ur] = count.begin()->first;
        a.block_places[ur] = block;
      } else {
        a.service[ur] = kUnplaced;  // the repair: a split group waits
        a.block_places[ur] = 0;
        if (in.size[ur] > split_size) {
          split = r;
          split_size = in.size[ur];
          int most = 0;
          for (const auto& [dest, n] : count)
            if (n > most) {
              most = n;
              *split_at = dest;
            }
        }
      }
    }
    return split;
  }

  void offer(Assignment&& a) {
    i64 penalty = 0;
    const i64 value = evaluate(in, a, &penalty);
    if (value >= 0 && (best_objective < 0 || value < best_objective)) {
      best_objective = value;
      best_penalty = penalty;
      best = std::move(a);
    }
  }
};
}  // namespace

TransportProblem build_transport(const Instance& in, std::vector<std::int32_t>* first_unit) {
  auto np = build_node(in, {});
  if (first_unit) *first_unit = np.first_unit;
  return std::move(np.flow);
}

std::int64_t evaluate(const Instance& in, const Assignment& a, std::int64_t* penalty) {
  const int R = in.num_referrals();
  if (static_cast<int>(a.service.size()) != R || static_cast<int>(a.block_places.size()) != R) return -1;
  std::vector<int> used(in.capacity.size(), 0);
  std::vector<int> unplaced(static_cast<std::size_t>(in.num_councils), 0);
  i64 cost = 0;
  for (int r = 0; r < R; ++r) {
    const auto ur = static_cast<std::size_t>(r);
    const int k = in.size[ur];
    if (a.service[ur] == kUnplaced) {
      if (a.block_places[ur] != 0) return -1;
      unplaced[static_cast<std::size_t>(in.council[ur])] += k;
      cost += in.unplaced_cost[ur] * k;
      continue;
    }
    const Option* spot = nullptr;
    const Option* block = nullptr;
    for (auto o = in.option_begin[ur]; o < in.option_begin[ur + 1]; ++o) {
      const auto& opt = in.options[static_cast<std::size_t>(o)];
      if (opt.service != a.service[ur]) continue;
      (opt.block ? block : spot) = &opt;
    }
    const int b = a.block_places[ur];
    if (b < 0 || b > k || (b > 0 && !block) || (b < k && !spot)) return -1;
    if (block) {
      used[static_cast<std::size_t>(block->right)] += b;
      cost += block->unit_cost * b;
    }
    if (spot) {
      used[static_cast<std::size_t>(spot->right)] += k - b;
      cost += spot->unit_cost * (k - b);
    }
  }
  for (std::size_t j = 0; j < used.size(); ++j)
    if (used[j] > in.capacity[j]) return -1;
  i64 pen = 0;
  if (equity_on(in)) {
    for (int c = 0; c < in.num_councils; ++c) {
      pen += in.equity_penalty *
             std::max(0, unplaced[static_cast<std::size_t>(c)] - in.equity_free[static_cast<std::size_t>(c)]);
    }
  }
  if (penalty) *penalty = pen;
  return cost + pen;
}

Solved solve_instance(const Instance& in, int max_branch_nodes) {
  Search search{in, {}, {}, -1, 0, 0, 0};
  search.right_service.assign(in.capacity.size(), kUnplaced);
  for (const auto& o : in.options) search.right_service[static_cast<std::size_t>(o.right)] = o.service;

  Solved out;
  struct Open {
    Decisions d;
    i64 parent_bound;
  };
  std::vector<Open> stack;
  stack.push_back({{}, 0});
  i64 open_bound_min = -1;  // smallest bound among nodes left unexplored at the limit
  bool root = true;
  while (!stack.empty()) {
    if (search.nodes >= max_branch_nodes) {
      for (const auto& o : stack)
        open_bound_min = open_bound_min < 0 ? o.parent_bound : std::min(open_bound_min, o.parent_bound);
      break;
    }
    Open node = std::move(stack.back());
    stack.pop_back();
    if (search.best_objective >= 0 && node.parent_bound >= search.best_objective) continue;
    ++search.nodes;
    auto np = build_node(in, node.d);
    if (!np.feasible) continue;
    auto sol = solve_transport(np.flow);
    search.scanned += sol.nodes_scanned;
    const bool first = root;
    if (root) {
      out.lower_bound = sol.feasible ? sol.cost : 0;
      root = false;
    }
    // The root is kept for the explanations; moved, not copied, once read.
    auto keep_root = [&] {
      if (!first) return;
      out.root = std::move(np.flow);
      out.root_solution = std::move(sol);
      out.root_first_unit = std::move(np.first_unit);
    };
    if (!sol.feasible) {
      keep_root();
      continue;
    }
    const i64 bound = sol.cost + np.fixed_cost;
    if (search.best_objective >= 0 && bound >= search.best_objective) {
      keep_root();
      continue;
    }
    Assignment a;
    std::int32_t split_at = kUnplaced;
    const auto split = search.read(np, sol, a, &split_at);
    keep_root();
    search.offer(std::move(a));  // feasible either way: split groups were left unplaced
    if (split < 0) continue;     // integral: this subtree's optimum
    Decisions forbid = node.d;
    forbid.forbidden.emplace_back(split, split_at);
    Decisions fix = std::move(node.d);
    fix.fixed.emplace_back(split, split_at);
    stack.push_back({std::move(forbid), bound});
    stack.push_back({std::move(fix), bound});
  }
  out.assignment = std::move(search.best);
  out.objective = search.best_objective;
  out.penalty = search.best_penalty;
  out.branch_nodes = search.nodes;
  out.nodes_scanned = search.scanned;
  out.optimal = open_bound_min < 0;
  out.lower_bound = out.optimal ? out.objective : std::min(out.objective, std::max(out.lower_bound, open_bound_min));
  return out;
}

}  // namespace caremarket::allocation
