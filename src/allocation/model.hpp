#pragma once
// Regional allocation: the waiting referrals of an alliance of councils
// against the whole supply at once. Values in, values out.
//
// The model (README "Regional allocation" says the same in words).
//   Referral r (council c_r) needs k_r places together (k_r > 1: siblings).
//   Its options are exactly the services brokerage's eligibility accepts
//   (same rules, same candidates: the kinds asked for, within its distance
//   limit), minus services that declined it in an earlier run. Scores are
//   brokerage's, under r's council's published weights.
//   Cost of placing r at s, per place, in integer units:
//       cost(r,s) = round((100 - score_total(r,s)) * cost_scale)
//     and using a block place already paid for by c_r at s costs
//       max(0, cost(r,s) - block_discount_points * cost_scale).
//   Cost of leaving r unplaced, per place:
//       u_r = cost_scale * (unplaced_points + urgent_points * urgent_r
//                           + waiting_points_per_day * min(days_waiting_r, waiting_cap_days))
//     with unplaced_points > 100, so placing always beats not placing and
//     urgent, long-waiting referrals win scarce places.
//   Capacities: at most the spot vacancies of s in total, at most the free
//   block places of (s, c) to council c's referrals.
//   Siblings: all k_r places at one service (block and spot places of that
//   service may be combined), or r is unplaced.
//   Fairness: council c's fair floor is F_c = floor((1 - fairness_tolerance)
//     * P * need_c / need_total), capped at the places c could use at all,
//     where P is the places placed by the unfair optimum; each place c falls
//     below F_c costs equity_points * cost_scale more. (A convex cost on a
//     council's unplaced count: still a min-cost flow.)
//   Objective: minimise sum of placement costs + unplaced costs + equity
//   penalties.
// Guarantees: without sibling groups the model is a min-cost flow and is
// solved exactly. Sibling groups are solved by branch and bound over the
// flow relaxation (a group's places may split there, so the relaxation is a
// lower bound); the result says `optimal` when the search finished, and
// otherwise gives the best bound found (gap reported, never hidden).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "brokerage/ranking.hpp"
#include "core/dates.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "market/types.hpp"

namespace caremarket::allocation {

struct WaitingReferral {
  std::int64_t id = 0;
  std::int64_t council_id = 0;
  brokerage::Need need;        // need.places_needed = the sibling group's size
  brokerage::Weights weights;  // the council's published weights
  bool urgent = false;
  int days_waiting = 0;
  std::vector<std::int64_t> declined_services;  // declined it before: never proposed again
};

// Places a council has already paid for under a block contract, empty now.
struct BlockPlaces {
  std::int64_t council_id = 0;
  int places = 0;
};

struct Supply {
  market::Service service;                            // service.vacancies = spot vacancies, open to any council
  std::vector<std::pair<std::string, Money>> prices;  // need level -> current price
  std::vector<BlockPlaces> block;                     // committed block places free at this service
};

struct Config {
  int cost_scale = 100;            // integer cost units per score point
  int block_discount_points = 15;  // a paid-for block place is this much cheaper to use
  int unplaced_points = 150;       // > 100: any eligible place beats none
  int urgent_points = 100;
  int waiting_points_per_day = 1;
  int waiting_cap_days = 365;
  bool fairness = true;
  double fairness_tolerance = 0.10;  // a council may fall this fraction below its share
  int equity_points = 60;            // per place below a council's fair floor
  int max_branch_nodes = 20000;      // sibling search limit; past it the gap is reported
  int max_nearer_listed = 10;        // explanations: nearer services listed per referral
  int threads = 0;                   // eligibility and explanations; 0: one per core
  Status validate() const;
};

struct Problem {
  std::vector<WaitingReferral> referrals;
  std::vector<Supply> supply;
  Config config;
  Date today;
};

enum class PlaceKind { spot, block };
std::string_view to_string(PlaceKind kind);

struct OptionView {
  std::int64_t service_id = 0;
  double distance_miles = 0;
  PlaceKind kind = PlaceKind::spot;
  int block_places = 0;  // of the k places, how many are block places
  std::optional<Money> price;
  brokerage::ScoreBreakdown score;
  std::int64_t cost = 0;  // for all k places
};

// Why a service nearer than the chosen one was not used.
enum class NearerWhy { excluded, declined_before, full, higher_cost };
std::string_view to_string(NearerWhy why);

struct NearerService {
  std::int64_t service_id = 0;
  double distance_miles = 0;
  NearerWhy why = NearerWhy::excluded;
  std::string reason;                    // exclusion reason code, or empty
  std::string message;                   // what an officer reads
  std::vector<std::int64_t> taken_by;    // full: the referrals its places went to
  std::int64_t extra_cost_at_least = 0;  // eligible: moving there would add at least this
};

struct Match {
  std::int64_t referral_id = 0;
  std::int64_t council_id = 0;
  int places = 1;
  bool placed = false;
  std::optional<OptionView> chosen;
  std::optional<OptionView> next_best;               // best other service, whether or not it has room
  std::optional<std::int64_t> next_best_difference;  // next_best.cost - chosen cost (or - unplaced cost)
  std::int64_t unplaced_cost = 0;
  std::string unplaced_reason;  // when not placed
  int eligible = 0;
  int excluded = 0;
  std::vector<NearerService> nearer;
};

struct CouncilShare {
  std::int64_t council_id = 0;
  int referrals = 0;
  int places_needed = 0;
  int places_placed = 0;
  int places_usable = 0;       // places of referrals with at least one eligible service
  double need_share = 0;       // of all places needed
  double placement_share = 0;  // of all places placed
  double distance_miles = 0;   // total distance of its placements (per place)
  double distance_share = 0;
  double mean_distance_miles = 0;
  int fair_floor = 0;
  int placed_before_repair = 0;  // in the optimum without equity terms
};

struct Stats {
  int units = 0;  // left nodes: one per place needed
  int right_nodes = 0;
  std::int64_t arcs = 0;
  std::int64_t candidates_checked = 0;
  std::int64_t nodes_scanned = 0;
  double seconds_eligibility = 0, seconds_graph = 0, seconds_solve = 0, seconds_explain = 0;
  int threads = 1;  // used for eligibility and explanations (the solver is single-threaded)
};

struct Outcome {
  std::vector<Match> matches;  // in the order of the referrals given
  std::vector<CouncilShare> councils;
  std::int64_t placement_cost = 0;  // placed + unplaced costs
  std::int64_t equity_penalty = 0;
  std::int64_t objective = 0;    // the two together: what was minimised
  std::int64_t lower_bound = 0;  // == objective when optimal
  bool optimal = false;
  bool fairness_repair = false;  // the equity terms were needed
  int branch_nodes = 0;
  int places_needed = 0;
  int places_placed = 0;
  Stats stats;
};

// Progress for long runs: a stage name and the fraction of it done.
using Progress = std::function<void(std::string_view stage, double fraction)>;

Result<Outcome> allocate(const Problem& problem, const Progress& progress = {});

}  // namespace caremarket::allocation
