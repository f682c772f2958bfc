#pragma once
// Scores and ranks services (before sending) and offers (at the deadline)
// with the council's published weights. Every result carries its breakdown
// and the weights used, so the decision can be explained and checked.
#include <cstdint>
#include <optional>
#include <vector>

#include "brokerage/eligibility.hpp"

namespace caremarket::brokerage {

struct ScoreBreakdown {
  double quality = 0;  // each component 0-100
  double price = 0;
  double distance = 0;
  double fit = 0;
  double total = 0;  // weighted, 0-100
};

struct Candidate {
  const market::Service* service = nullptr;
  double distance_miles = 0;
  std::optional<Money> price;  // list price (services) or offered price (offers)
};

struct Ranked {
  std::int64_t service_id = 0;
  double distance_miles = 0;
  std::optional<Money> price;
  ScoreBreakdown score;
};

struct Ranking {
  std::vector<Ranked> eligible;     // best first; ties by distance, then id
  std::vector<Exclusion> excluded;  // nearest first
  Weights weights;
  std::optional<Money> reference_price;  // what price scores were measured against
};

// Quality component: regulator rating, discounted as the inspection ages.
double quality_score(const market::Service& service, Date today);
// Price component: 100 at 80% of the reference or less, 0 at 140% or more.
double price_score(std::optional<Money> price, std::optional<Money> reference);
double distance_score(double distance_miles, double max_distance_miles);
double fit_score(const Need& need, const market::Service& service);

// The pieces rank_services is made of, for callers that rank in bulk
// (regional allocation) and keep only what they need of each candidate.
// The reference price from the prices of the eligible candidates (reordered).
std::optional<Money> reference_price(const Need& need, std::vector<std::int64_t>& eligible_prices_pence);
ScoreBreakdown score_candidate(const Need& need, const Candidate& c, const Weights& w, std::optional<Money> reference,
                               Date today);
// Ranking order: higher total first, then nearer, then lower id.
inline bool ranks_before(double total_a, double miles_a, std::int64_t id_a, double total_b, double miles_b,
                         std::int64_t id_b) {
  if (total_a != total_b) return total_a > total_b;
  if (miles_a != miles_b) return miles_a < miles_b;
  return id_a < id_b;
}

// Checks every candidate, scores the eligible ones and sorts both lists.
// Messages::left_out leaves Exclusion::message empty (exclusion_message()
// writes it on demand): for callers that rank thousands of referrals.
enum class Messages { written, left_out };
Ranking rank_services(const Need& need, const std::vector<Candidate>& candidates, const Weights& weights, Date today,
                      Messages messages = Messages::written);
// Offers are already from eligible services: score with the offered price.
Ranking rank_offers(const Need& need, const std::vector<Candidate>& offers, const Weights& weights, Date today);

}  // namespace caremarket::brokerage
