#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

#include "allocation/explain.hpp"
#include "allocation/instance.hpp"
#include "allocation/parallel.hpp"
#include "allocation/pipeline.hpp"
#include "allocation/prepared.hpp"
#include "allocation/rankings.hpp"

namespace caremarket::allocation {
namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The instance the optimiser sees.
Instance instance_from(const Prepared& p, const Rankings& rankings, Stats& stats) {
  const auto& problem = *p.problem;
  const auto& cfg = problem.config;
  Instance in;
  in.num_councils = static_cast<int>(p.council_ids.size());
  in.capacity = p.capacity;
  in.option_begin.push_back(0);
  const auto n = problem.referrals.size();
  const auto options = rankings.total_eligible();
  in.options.reserve(options + options / 4);
  in.option_begin.reserve(n + 1);
  in.size.reserve(n);
  in.council.reserve(n);
  in.unplaced_cost.reserve(n);
  for (std::size_t r = 0; r < n; ++r) {
    const auto& ref = problem.referrals[r];
    const auto considered = rankings.of(r);
    stats.candidates_checked += considered.candidates;
    in.size.push_back(ref.need.places_needed);
    in.council.push_back(p.council[r]);
    in.unplaced_cost.push_back(unplaced_unit_cost(cfg, ref));
    for (const auto& v : considered.eligible) {
      const int s = v.service;
      const auto cost = unit_cost(cfg, v.total);
      const int spot = p.spot_node[static_cast<std::size_t>(s)];
      if (p.capacity[static_cast<std::size_t>(spot)] > 0) in.options.push_back({s, spot, cost, false});
      const int block = p.block_node_of(s, p.council[r]);
      if (block >= 0) {
        in.options.push_back(
            {s, block,
             std::max<std::int64_t>(0, cost - static_cast<std::int64_t>(cfg.block_discount_points) * cfg.cost_scale),
             true});
      }
    }
    in.option_begin.push_back(static_cast<std::int32_t>(in.options.size()));
  }
  return in;
}

struct Tally {
  std::vector<int> needed, placed, usable;
};

Tally tally(const Instance& in, const Assignment& a) {
  Tally t{std::vector<int>(static_cast<std::size_t>(in.num_councils), 0),
          std::vector<int>(static_cast<std::size_t>(in.num_councils), 0),
          std::vector<int>(static_cast<std::size_t>(in.num_councils), 0)};
  for (int r = 0; r < in.num_referrals(); ++r) {
    const auto ur = static_cast<std::size_t>(r);
    const auto c = static_cast<std::size_t>(in.council[ur]);
    t.needed[c] += in.size[ur];
    if (in.option_begin[ur + 1] > in.option_begin[ur]) t.usable[c] += in.size[ur];
    if (a.service[ur] >= 0) t.placed[c] += in.size[ur];
  }
  return t;
}
}  // namespace

Result<Instance> build_instance(const Problem& problem) {
  CM_ASSIGN_OR_RETURN(const auto prepared, prepare(problem));
  Stats stats;
  const auto rankings = Rankings::of_all(prepared, worker_count(problem.config.threads, problem.referrals.size()), {});
  return instance_from(prepared, rankings, stats);
}

void add_equity_terms(Instance& in, const std::vector<int>& fair_floor, const Config& config) {
  in.equity_penalty = static_cast<std::int64_t>(config.equity_points) * config.cost_scale;
  in.equity_free.assign(static_cast<std::size_t>(in.num_councils), 0);
  for (int r = 0; r < in.num_referrals(); ++r)
    in.equity_free[static_cast<std::size_t>(in.council[static_cast<std::size_t>(r)])] +=
        in.size[static_cast<std::size_t>(r)];
  for (int c = 0; c < in.num_councils; ++c)
    in.equity_free[static_cast<std::size_t>(c)] -= fair_floor[static_cast<std::size_t>(c)];
}

std::string_view to_string(PlaceKind kind) { return kind == PlaceKind::block ? "block" : "spot"; }

std::string_view to_string(NearerWhy why) {
  constexpr std::array<std::string_view, 4> names{"excluded", "declined_before", "full", "higher_cost"};
  return names[static_cast<std::size_t>(why)];
}

Status Config::validate() const {
  if (cost_scale < 1 || cost_scale > 10000) return Error::invalid("cost_scale must be 1-10000", "cost_scale");
  if (unplaced_points <= 100)
    return Error::invalid("unplaced_points must be above 100 so that any eligible place beats none", "unplaced_points");
  if (block_discount_points < 0 || block_discount_points > 100)
    return Error::invalid("block_discount_points must be 0-100", "block_discount_points");
  if (urgent_points < 0 || waiting_points_per_day < 0 || waiting_cap_days < 0)
    return Error::invalid("priority points cannot be negative", "urgent_points");
  if (!(fairness_tolerance >= 0 && fairness_tolerance <= 1))
    return Error::invalid("fairness_tolerance must be 0-1", "fairness_tolerance");
  if (equity_points < 0) return Error::invalid("equity_points cannot be negative", "equity_points");
  if (max_branch_nodes < 1) return Error::invalid("max_branch_nodes must be at least 1", "max_branch_nodes");
  if (max_nearer_listed < 0) return Error::invalid("max_nearer_listed cannot be negative", "max_nearer_listed");
  if (threads < 0 || threads > 256) return Error::invalid("threads must be 0 (one per core) to 256", "threads");
  return {};
}

Result<Outcome> allocate(const Problem& problem, const Progress& progress) {
  Outcome out;
  auto t = Clock::now();
  CM_ASSIGN_OR_RETURN(const auto prepared, prepare(problem));
  const int workers = worker_count(problem.config.threads, problem.referrals.size());
  out.stats.threads = workers;
  const auto rankings = Rankings::of_all(prepared, workers, progress);
  auto in = instance_from(prepared, rankings, out.stats);
  out.stats.seconds_eligibility = since(t);
  const auto& cfg = problem.config;

  t = Clock::now();
  if (progress) progress("solve", 0);
  auto solved = solve_instance(in, cfg.max_branch_nodes);
  out.branch_nodes = solved.branch_nodes;
  out.stats.nodes_scanned = solved.nodes_scanned;
  const auto before = tally(in, solved.assignment);
  std::vector<int> floors(static_cast<std::size_t>(in.num_councils), 0);
  if (cfg.fairness && in.num_councils > 1) {
    int placed = 0, needed = 0;
    for (int c = 0; c < in.num_councils; ++c) {
      placed += before.placed[static_cast<std::size_t>(c)];
      needed += before.needed[static_cast<std::size_t>(c)];
    }
    bool short_of_floor = false;
    for (int c = 0; c < in.num_councils; ++c) {
      const auto uc = static_cast<std::size_t>(c);
      const double share = needed > 0 ? static_cast<double>(before.needed[uc]) / needed : 0;
      // The small epsilon keeps an exact share (say 0.9 x 20 = 18) from flooring to 17.
      floors[uc] = std::min(before.usable[uc],
                            static_cast<int>(std::floor((1 - cfg.fairness_tolerance) * placed * share + 1e-9)));
      if (before.placed[uc] < floors[uc]) short_of_floor = true;
    }
    if (short_of_floor) {
      if (progress) progress("fairness repair", 0);
      add_equity_terms(in, floors, cfg);
      auto repaired = solve_instance(in, cfg.max_branch_nodes);
      out.branch_nodes += repaired.branch_nodes;
      out.stats.nodes_scanned += repaired.nodes_scanned;
      solved = std::move(repaired);
      out.fairness_repair = true;
    }
  }
  out.stats.seconds_solve = since(t);
  out.stats.units = solved.root.num_left;
  out.stats.right_nodes = solved.root.num_right();
  out.stats.arcs = solved.root.num_arcs();
  out.objective = solved.objective;
  out.equity_penalty = solved.penalty;
  out.placement_cost = solved.objective - solved.penalty;
  out.lower_bound = solved.lower_bound;
  out.optimal = solved.optimal;
  if (progress) progress("solve", 1);

  t = Clock::now();
  explain(prepared, rankings, in, solved, workers, out, progress);
  out.stats.seconds_explain = since(t);

  const auto after = tally(in, solved.assignment);
  double miles_total = 0;
  std::vector<double> miles(static_cast<std::size_t>(in.num_councils), 0);
  for (const auto& m : out.matches) {
    if (!m.placed) continue;
    const auto c = static_cast<std::size_t>(
        std::lower_bound(prepared.council_ids.begin(), prepared.council_ids.end(), m.council_id) -
        prepared.council_ids.begin());
    miles[c] += m.chosen->distance_miles * m.places;
    miles_total += m.chosen->distance_miles * m.places;
  }
  for (int c = 0; c < in.num_councils; ++c) {
    const auto uc = static_cast<std::size_t>(c);
    out.places_needed += after.needed[uc];
    out.places_placed += after.placed[uc];
  }
  for (int c = 0; c < in.num_councils; ++c) {
    const auto uc = static_cast<std::size_t>(c);
    CouncilShare s;
    s.council_id = prepared.council_ids[uc];
    for (std::size_t r = 0; r < problem.referrals.size(); ++r) s.referrals += prepared.council[r] == c;
    s.places_needed = after.needed[uc];
    s.places_placed = after.placed[uc];
    s.places_usable = after.usable[uc];
    s.need_share = out.places_needed ? static_cast<double>(s.places_needed) / out.places_needed : 0;
    s.placement_share = out.places_placed ? static_cast<double>(s.places_placed) / out.places_placed : 0;
    s.distance_miles = miles[uc];
    s.distance_share = miles_total > 0 ? miles[uc] / miles_total : 0;
    s.mean_distance_miles = s.places_placed ? miles[uc] / s.places_placed : 0;
    s.fair_floor = floors[uc];
    s.placed_before_repair = before.placed[uc];
    out.councils.push_back(s);
  }
  return out;
}

}  // namespace caremarket::allocation
