#include "allocation/explain.hpp"

#include "allocation/parallel.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace caremarket::allocation {
namespace {
using i64 = std::int64_t;

std::string points(i64 cost, int scale) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(cost) / scale);
  return buf;
}

// What putting all k places of referral r at service s costs, block places first.
struct Costed {
  i64 cost = 0;
  int block = 0;
};
Costed cost_at(const Prepared& p, const Config& cfg, int r, int s, double total, int k, int block_limit) {
  const i64 spot = unit_cost(cfg, total);
  const i64 block = std::max<i64>(0, spot - static_cast<i64>(cfg.block_discount_points) * cfg.cost_scale);
  const int node = p.block_node_of(s, p.council[static_cast<std::size_t>(r)]);
  const int b = node < 0 ? 0 : std::min({k, p.capacity[static_cast<std::size_t>(node)], block_limit});
  return {block * b + spot * (k - b), b};
}

OptionView view(const brokerage::Ranked& e, const Costed& c) {
  OptionView v;
  v.service_id = e.service_id;
  v.distance_miles = e.distance_miles;
  v.kind = c.block > 0 ? PlaceKind::block : PlaceKind::spot;
  v.block_places = c.block;
  v.price = e.price;
  v.score = e.score;
  v.cost = c.cost;
  return v;
}
}  // namespace

void explain(const Prepared& p, const std::vector<Considered>& all, const Instance& in, const Solved& solved, int workers, Outcome& out,
             const Progress& progress) {
  const auto& problem = *p.problem;
  const auto& cfg = problem.config;
  const auto& a = solved.assignment;
  const auto R = problem.referrals.size();
  std::vector<int> used(p.capacity.size(), 0);
  std::vector<std::vector<std::int32_t>> at_service(problem.supply.size());
  for (std::size_t r = 0; r < R; ++r) {
    const auto s = a.service[r];
    if (s < 0) continue;
    at_service[static_cast<std::size_t>(s)].push_back(static_cast<std::int32_t>(r));
    const int b = a.block_places[r];
    used[static_cast<std::size_t>(p.spot_node[static_cast<std::size_t>(s)])] += in.size[r] - b;
    if (b > 0) used[static_cast<std::size_t>(p.block_node_of(s, p.council[r]))] += b;
  }
  // Reduced costs are a valid bound only when the final answer is the flow optimum itself.
  const bool duals = solved.branch_nodes == 1 && solved.root_solution.feasible;
  out.matches.resize(R);
  parallel_chunks(R, workers, [&](std::size_t begin, std::size_t end, bool caller) {
  for (std::size_t r = begin; r < end; ++r) {
    const auto& ref = problem.referrals[r];
    const int k = ref.need.places_needed;
    auto& m = out.matches[r];
    m.referral_id = ref.id;
    m.council_id = ref.council_id;
    m.places = k;
    m.unplaced_cost = in.unplaced_cost[r] * k;
    const auto& considered = all[r];
    const auto& ranking = considered.ranking;
    const auto& index = considered.eligible_index;
    m.eligible = static_cast<int>(ranking.eligible.size());
    m.excluded = static_cast<int>(ranking.excluded.size());
    const int chosen = a.service[r];
    m.placed = chosen >= 0;
    double limit = std::numeric_limits<double>::infinity();
    for (std::size_t x = 0; x < ranking.eligible.size(); ++x) {
      const auto& e = ranking.eligible[x];
      const int s = index[x];
      if (s == chosen) {
        m.chosen = view(e, cost_at(p, cfg, static_cast<int>(r), s, e.score.total, k, a.block_places[r]));
        m.chosen->block_places = a.block_places[r];
        m.chosen->kind = a.block_places[r] > 0 ? PlaceKind::block : PlaceKind::spot;
        limit = e.distance_miles;
      }
    }
    const i64 current = m.chosen ? m.chosen->cost : m.unplaced_cost;
    for (std::size_t x = 0; x < ranking.eligible.size(); ++x) {
      const auto& e = ranking.eligible[x];
      const int s = index[x];
      if (s == chosen) continue;
      const auto c = cost_at(p, cfg, static_cast<int>(r), s, e.score.total, k, k);
      if (!m.next_best || c.cost < m.next_best->cost) m.next_best = view(e, c);
    }
    if (m.next_best) m.next_best_difference = m.next_best->cost - current;

    std::vector<NearerService> nearer;
    for (const auto& x : ranking.excluded) {
      if (x.distance_miles >= limit) continue;
      nearer.push_back({x.service_id, x.distance_miles, NearerWhy::excluded, std::string(brokerage::to_string(x.reason)), x.message, {}, 0});
    }
    for (const auto& [s, d] : considered.declined) {
      if (d >= limit) continue;
      nearer.push_back({problem.supply[static_cast<std::size_t>(s)].service.id, d, NearerWhy::declined_before, {},
                        "declined this referral in an earlier round", {}, 0});
    }
    for (std::size_t x = 0; x < ranking.eligible.size(); ++x) {
      const auto& e = ranking.eligible[x];
      const int s = index[x];
      if (s == chosen || e.distance_miles >= limit) continue;
      NearerService n{e.service_id, e.distance_miles, NearerWhy::full, {}, {}, {}, 0};
      const int spot = p.spot_node[static_cast<std::size_t>(s)];
      const int block = p.block_node_of(s, p.council[r]);
      const int room = p.capacity[static_cast<std::size_t>(spot)] - used[static_cast<std::size_t>(spot)] +
                       (block >= 0 ? p.capacity[static_cast<std::size_t>(block)] - used[static_cast<std::size_t>(block)] : 0);
      const auto c = cost_at(p, cfg, static_cast<int>(r), s, e.score.total, k, k);
      if (room >= k) {
        n.why = NearerWhy::higher_cost;
        n.extra_cost_at_least = c.cost - current;
        n.message = "had room, but costs " + points(n.extra_cost_at_least, cfg.cost_scale) + " points more (score " +
                    points(std::llround(e.score.total * 100), 100) + ")";
      } else {
        for (const auto other : at_service[static_cast<std::size_t>(s)]) {
          if (n.taken_by.size() < 5) n.taken_by.push_back(problem.referrals[static_cast<std::size_t>(other)].id);
        }
        n.message = k > 1 && room > 0 ? "not enough places left for all " + std::to_string(k) + " together; the rest went to other referrals"
                                      : "full: its places went to other referrals whose placement there costs less in total (higher priority or better fit)";
        if (duals) {
          i64 best = std::numeric_limits<i64>::max();
          const auto u = solved.root_first_unit[r];
          for (auto arc = solved.root.arc_begin[static_cast<std::size_t>(u)]; arc < solved.root.arc_begin[static_cast<std::size_t>(u) + 1]; ++arc) {
            const auto right = solved.root.arc_right[static_cast<std::size_t>(arc)];
            if (right == spot || right == block) best = std::min(best, solved.root_solution.reduced_cost(solved.root, u, arc));
          }
          if (best != std::numeric_limits<i64>::max()) {
            n.extra_cost_at_least = best * k;
            n.message += "; placing this referral there instead would add at least " + points(n.extra_cost_at_least, cfg.cost_scale) + " points";
          }
        }
      }
      nearer.push_back(std::move(n));
    }
    std::sort(nearer.begin(), nearer.end(), [](const NearerService& x, const NearerService& y) {
      return x.distance_miles != y.distance_miles ? x.distance_miles < y.distance_miles : x.service_id < y.service_id;
    });
    if (nearer.size() > static_cast<std::size_t>(cfg.max_nearer_listed)) nearer.resize(static_cast<std::size_t>(cfg.max_nearer_listed));
    // Brokerage's exclusion texts are written only for the services listed.
    for (auto& n : nearer) {
      if (n.why != NearerWhy::excluded || !n.message.empty()) continue;
      for (const auto& x : ranking.excluded) {
        if (x.service_id != n.service_id) continue;
        const auto& service = p.checked[static_cast<std::size_t>(p.index_of.at(x.service_id))];
        n.message = brokerage::exclusion_message(x.reason, ref.need, service, x.distance_miles);
        break;
      }
    }
    m.nearer = std::move(nearer);

    if (!m.placed) {
      if (ranking.eligible.empty()) {
        m.unplaced_reason = ranking.excluded.empty() && considered.declined.empty()
                                ? "no service of the kinds asked for within the distance limit"
                                : "no eligible service: every service within reach is excluded (see nearer) or declined before";
      } else {
        m.unplaced_reason = k > 1 ? "no eligible service had " + std::to_string(k) + " places left together after higher-priority placements"
                                  : "every eligible service is full after higher-priority placements";
      }
    }
    if (caller && progress && (r + 1) % 2000 == 0) progress("explanations", static_cast<double>(r + 1 - begin) / static_cast<double>(end - begin));
  }
  });
}

}  // namespace caremarket::allocation
