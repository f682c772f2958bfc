#include "allocation/explain.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include "allocation/parallel.hpp"

namespace caremarket::allocation {
namespace {
using i64 = std::int64_t;

// cost / scale to two decimals ("12.50"), in integers: thousands of these
// are written per run, and the texts must not depend on the locale.
void append_points(std::string& out, i64 cost, int scale) {
  const bool negative = cost < 0;
  const i64 magnitude = negative ? -cost : cost;
  const i64 hundredths = (magnitude * 100 + scale / 2) / scale;
  if (negative && hundredths > 0) out += '-';
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, hundredths / 100);
  out.append(buf, end);
  const int cents = static_cast<int>(hundredths % 100);
  out += '.';
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
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

OptionView view(const Prepared& p, int r, const Considered& c, const Verdict& v, const Costed& cost) {
  OptionView o;
  o.service_id = p.service_ids[static_cast<std::size_t>(v.service)];
  o.distance_miles = v.distance_miles;
  o.kind = cost.block > 0 ? PlaceKind::block : PlaceKind::spot;
  o.block_places = cost.block;
  o.price = p.price(r, v.service);
  o.score = breakdown(p, r, c, v);
  o.cost = cost.cost;
  return o;
}

// A service nearer than the chosen one, before its explanation is written.
struct Nearer {
  double miles;
  i64 id;
  const Verdict* v;
  bool operator<(const Nearer& o) const { return miles != o.miles ? miles < o.miles : id < o.id; }
};

std::string no_room_message(const Prepared& p, int r, int k, int s) {
  if (k == 1) return "no place this council may use (the vacancies are another council's block places)";
  return "needs " + std::to_string(k) + " places together; " + std::to_string(p.room_for(r, s)) +
         " this council may use";
}

class Explainer {
 public:
  Explainer(const Prepared& p, const Rankings& rankings, const Instance& in, const Solved& solved)
      : p_(p),
        rankings_(rankings),
        in_(in),
        solved_(solved),
        cfg_(p.problem->config),
        used_(p.capacity.size(), 0),
        at_service_(p.problem->supply.size()),
        // Reduced costs are a valid bound only when the final answer is the flow optimum itself.
        duals_(solved.branch_nodes == 1 && solved.root_solution.feasible) {
    const auto& a = solved.assignment;
    for (std::size_t r = 0; r < a.service.size(); ++r) {
      const auto s = a.service[r];
      if (s < 0) continue;
      at_service_[static_cast<std::size_t>(s)].push_back(static_cast<std::int32_t>(r));
      const int b = a.block_places[r];
      used_[static_cast<std::size_t>(p.spot_node[static_cast<std::size_t>(s)])] += in.size[r] - b;
      if (b > 0) used_[static_cast<std::size_t>(p.block_node_of(s, p.council[r]))] += b;
    }
  }

  void explain(int r, Match& m, std::vector<Nearer>& picks) const {
    const auto ur = static_cast<std::size_t>(r);
    const auto& ref = p_.problem->referrals[ur];
    const auto& a = solved_.assignment;
    const int k = ref.need.places_needed;
    const auto c = rankings_.of(ur);
    m.referral_id = ref.id;
    m.council_id = ref.council_id;
    m.places = k;
    m.unplaced_cost = in_.unplaced_cost[ur] * k;
    m.eligible = static_cast<int>(c.eligible.size());
    m.excluded = static_cast<int>(c.excluded.size());
    const int chosen = a.service[ur];
    m.placed = chosen >= 0;
    double limit = std::numeric_limits<double>::infinity();
    const Verdict* next = nullptr;
    Costed next_cost;
    for (const auto& v : c.eligible) {
      if (v.service == chosen) {
        m.chosen = view(p_, r, c, v, cost_at(p_, cfg_, r, v.service, v.total, k, a.block_places[ur]));
        m.chosen->block_places = a.block_places[ur];
        m.chosen->kind = a.block_places[ur] > 0 ? PlaceKind::block : PlaceKind::spot;
        limit = v.distance_miles;
        continue;
      }
      const auto cost = cost_at(p_, cfg_, r, v.service, v.total, k, k);
      if (!next || cost.cost < next_cost.cost) {
        next = &v;
        next_cost = cost;
      }
    }
    const i64 current = m.chosen ? m.chosen->cost : m.unplaced_cost;
    if (next) {
      m.next_best = view(p_, r, c, *next, next_cost);
      m.next_best_difference = next_cost.cost - current;
    }

    // The nearest few of the services nearer than the chosen one; only they are written out.
    picks.clear();
    for (const auto* list : {&c.excluded, &c.declined, &c.eligible}) {
      for (const auto& v : *list) {
        if (v.distance_miles < limit && v.service != chosen)
          picks.push_back({v.distance_miles, p_.service_ids[static_cast<std::size_t>(v.service)], &v});
      }
    }
    const auto listed = std::min(picks.size(), static_cast<std::size_t>(cfg_.max_nearer_listed));
    std::partial_sort(picks.begin(), picks.begin() + static_cast<std::ptrdiff_t>(listed), picks.end());
    m.nearer.clear();
    m.nearer.reserve(listed);
    for (std::size_t i = 0; i < listed; ++i) m.nearer.push_back(nearer(r, k, current, *picks[i].v));

    if (!m.placed) {
      if (c.eligible.empty()) {
        m.unplaced_reason =
            c.excluded.empty() && c.declined.empty()
                ? "no service of the kinds asked for within the distance limit"
                : "no eligible service: every service within reach is excluded (see nearer) or declined before";
      } else {
        m.unplaced_reason = k > 1 ? "no eligible service had " + std::to_string(k) +
                                        " places left together after higher-priority placements"
                                  : "every eligible service is full after higher-priority placements";
      }
    }
  }

 private:
  NearerService nearer(int r, int k, i64 current, const Verdict& v) const {
    const auto& ref = p_.problem->referrals[static_cast<std::size_t>(r)];
    const int s = v.service;
    const auto& service = p_.checked[static_cast<std::size_t>(s)];
    NearerService n{service.id, v.distance_miles, NearerWhy::excluded, {}, {}, {}, 0};
    switch (v.kind) {
      case VerdictKind::excluded:
        n.reason = brokerage::to_string(v.reason);
        n.message = brokerage::exclusion_message(v.reason, ref.need, service, v.distance_miles);
        return n;
      case VerdictKind::no_room:
        n.reason = brokerage::to_string(v.reason);
        n.message = no_room_message(p_, r, k, s);
        return n;
      case VerdictKind::declined:
        n.why = NearerWhy::declined_before;
        n.message = "declined this referral in an earlier round";
        return n;
      case VerdictKind::eligible: break;
    }
    const int spot = p_.spot_node[static_cast<std::size_t>(s)];
    const int block = p_.block_node_of(s, p_.council[static_cast<std::size_t>(r)]);
    const int block_room =
        block >= 0 ? p_.capacity[static_cast<std::size_t>(block)] - used_[static_cast<std::size_t>(block)] : 0;
    const int room = p_.capacity[static_cast<std::size_t>(spot)] - used_[static_cast<std::size_t>(spot)] + block_room;
    if (room >= k) {
      n.why = NearerWhy::higher_cost;
      // Priced at the places left there: its block places only if some are still free.
      n.extra_cost_at_least = cost_at(p_, cfg_, r, s, v.total, k, block_room).cost - current;
      n.message.reserve(64);
      n.message += "had room, but costs ";
      append_points(n.message, n.extra_cost_at_least, cfg_.cost_scale);
      n.message += " points more (score ";
      append_points(n.message, std::llround(v.total * 100), 100);
      n.message += ')';
      return n;
    }
    n.why = NearerWhy::full;
    for (const auto other : at_service_[static_cast<std::size_t>(s)]) {
      if (n.taken_by.size() < 5) n.taken_by.push_back(p_.problem->referrals[static_cast<std::size_t>(other)].id);
    }
    n.message = k > 1 && room > 0 ? "not enough places left for all " + std::to_string(k) +
                                        " together; the rest went to other referrals"
                                  : "full: its places went to other referrals whose placement there costs less in "
                                    "total (higher priority or better fit)";
    if (duals_) {
      i64 best = std::numeric_limits<i64>::max();
      const auto u = solved_.root_first_unit[static_cast<std::size_t>(r)];
      const auto& root = solved_.root;
      for (auto arc = root.arc_begin[static_cast<std::size_t>(u)];
           arc < root.arc_begin[static_cast<std::size_t>(u) + 1]; ++arc) {
        const auto right = root.arc_right[static_cast<std::size_t>(arc)];
        if (right == spot || right == block) best = std::min(best, solved_.root_solution.reduced_cost(root, u, arc));
      }
      if (best != std::numeric_limits<i64>::max()) {
        n.extra_cost_at_least = best * k;
        n.message += "; placing this referral there instead would add at least ";
        append_points(n.message, n.extra_cost_at_least, cfg_.cost_scale);
        n.message += " points";
      }
    }
    return n;
  }

  const Prepared& p_;
  const Rankings& rankings_;
  const Instance& in_;
  const Solved& solved_;
  const Config& cfg_;
  std::vector<int> used_;
  std::vector<std::vector<std::int32_t>> at_service_;
  bool duals_;
};
}  // namespace

void explain(const Prepared& p, const Rankings& rankings, const Instance& in, const Solved& solved, int workers,
             Outcome& out, const Progress& progress) {
  const auto R = p.problem->referrals.size();
  const Explainer explainer(p, rankings, in, solved);
  out.matches.resize(R);
  parallel_chunks(R, workers, [&](std::size_t chunk, std::size_t begin, std::size_t end) {
    std::vector<Nearer> picks;
    for (std::size_t r = begin; r < end; ++r) {
      explainer.explain(static_cast<int>(r), out.matches[r], picks);
      if (chunk == 0 && progress && (r + 1) % 2000 == 0)
        progress("explanations", static_cast<double>(r + 1 - begin) / static_cast<double>(end - begin));
    }
  });
}

}  // namespace caremarket::allocation
