#include "brokerage/ranking.hpp"

#include <algorithm>
#include <cmath>

namespace caremarket::brokerage {
namespace {
using market::Rating;

double clamp100(double v) { return std::clamp(v, 0.0, 100.0); }

void sort_ranked(std::vector<Ranked>& ranked) {
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return ranks_before(a.score.total, a.distance_miles, a.service_id, b.score.total, b.distance_miles, b.service_id);
  });
}

std::optional<Money> reference_of(const Need& need, const std::vector<Candidate>& priced) {
  std::vector<std::int64_t> prices;
  if (!need.benchmark_price && !need.budget_ceiling) {
    prices.reserve(priced.size());
    for (const auto& c : priced)
      if (c.price) prices.push_back(c.price->pence());
  }
  return reference_price(need, prices);
}
}  // namespace

// The reference a price is judged against: the council's benchmark, else
// the budget ceiling, else the median of the prices on the table.
std::optional<Money> reference_price(const Need& need, std::vector<std::int64_t>& prices) {
  if (need.benchmark_price) return need.benchmark_price;
  if (need.budget_ceiling) return need.budget_ceiling;
  if (prices.empty()) return std::nullopt;
  const auto middle = prices.begin() + static_cast<std::ptrdiff_t>(prices.size() / 2);
  std::nth_element(prices.begin(), middle, prices.end());
  return Money::from_pence(*middle);
}

ScoreBreakdown score_candidate(const Need& need, const Candidate& c, const Weights& w, std::optional<Money> reference,
                               Date today) {
  ScoreBreakdown s;
  s.quality = quality_score(*c.service, today);
  s.price = price_score(c.price, reference);
  // Over the budget ceiling scores nothing on price, whatever the benchmark.
  if (c.price && need.budget_ceiling && *c.price > *need.budget_ceiling) s.price = 0;
  s.distance = distance_score(c.distance_miles, need.max_distance_miles);
  s.fit = fit_score(need, *c.service);
  s.total = (w.quality * s.quality + w.price * s.price + w.distance * s.distance + w.fit * s.fit) / 100.0;
  // Rounded to a millionth so that equal scores are equal, and ties fall to
  // distance and id rather than to floating-point noise.
  s.total = std::round(s.total * 1e6) / 1e6;
  return s;
}

double quality_score(const market::Service& s, Date today) {
  double points = 50;  // not yet rated: neither rewarded nor punished
  switch (s.rating) {
    case Rating::outstanding: points = 100; break;
    case Rating::good: points = 75; break;
    case Rating::requires_improvement: points = 35; break;
    case Rating::inadequate: points = 0; break;
    case Rating::not_rated: return points;
  }
  // A rating loses up to a fifth of its weight between 2 and 5 years old.
  double factor = 0.9;  // rated, but the date is unknown
  if (s.rating_date) {
    const double years = static_cast<double>(s.rating_date->days_until(today)) / 365.25;
    factor = years <= 2 ? 1.0 : years >= 5 ? 0.8 : 1.0 - 0.2 * (years - 2) / 3;
  }
  return points * factor;
}

double price_score(std::optional<Money> price, std::optional<Money> reference) {
  if (!price || !reference || reference->pence() <= 0) return 50;  // unknown: the middle
  const double ratio = static_cast<double>(price->pence()) / static_cast<double>(reference->pence());
  return clamp100(100 * (1.4 - ratio) / 0.6);
}

double distance_score(double distance_miles, double max_distance_miles) {
  if (max_distance_miles <= 0) return 0;
  return clamp100(100 * (1 - distance_miles / max_distance_miles));
}

double fit_score(const Need& need, const market::Service& s) {
  double fit = 0;
  if (!need.preferred_authority.empty() && s.local_authority_code == need.preferred_authority) fit += 50;
  if (need.child) {
    const auto& preferred = need.child->preferred_kinds;
    if (std::find(preferred.begin(), preferred.end(), s.kind) != preferred.end()) fit += 50;
  } else if (!need.kinds.empty() && s.kind == need.kinds.front()) {
    fit += 50;  // the kind asked for first
  }
  return fit;
}

Ranking rank_services(const Need& need, const std::vector<Candidate>& candidates, const Weights& weights, Date today,
                      Messages messages) {
  Ranking out;
  out.weights = weights;
  std::vector<Candidate> eligible;
  eligible.reserve(candidates.size());
  for (const auto& c : candidates) {
    if (const auto reason = first_failure(need, *c.service, c.distance_miles)) {
      out.excluded.push_back({c.service->id, *reason,
                              messages == Messages::written
                                  ? exclusion_message(*reason, need, *c.service, c.distance_miles)
                                  : std::string(),
                              c.distance_miles});
    } else {
      eligible.push_back(c);
    }
  }
  out.eligible.reserve(eligible.size());
  out.reference_price = reference_of(need, eligible);
  for (const auto& c : eligible)
    out.eligible.push_back(
        {c.service->id, c.distance_miles, c.price, score_candidate(need, c, weights, out.reference_price, today)});
  sort_ranked(out.eligible);
  std::sort(out.excluded.begin(), out.excluded.end(), [](const Exclusion& a, const Exclusion& b) {
    if (a.distance_miles != b.distance_miles) return a.distance_miles < b.distance_miles;
    return a.service_id < b.service_id;
  });
  return out;
}

Ranking rank_offers(const Need& need, const std::vector<Candidate>& offers, const Weights& weights, Date today) {
  Ranking out;
  out.weights = weights;
  out.reference_price = reference_of(need, offers);
  for (const auto& c : offers)
    out.eligible.push_back(
        {c.service->id, c.distance_miles, c.price, score_candidate(need, c, weights, out.reference_price, today)});
  sort_ranked(out.eligible);
  return out;
}

}  // namespace caremarket::brokerage
