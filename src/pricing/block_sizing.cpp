#include "pricing/block_sizing.hpp"

#include <algorithm>
#include <cmath>

namespace caremarket::pricing {
namespace {

Money spot_cost(const BlockSizingInput& in, int demand, int spot_places) {
  Money cost = in.spot_price * spot_places;
  if (in.short_supply_above > 0 && demand > in.short_supply_above) cost += cost.percent_bp(in.spot_premium_bp);
  return cost;
}

// The week's cost with `commitment` block places; `flex` 0 is a rigid block.
Money week_cost(const BlockSizingInput& in, int demand, int commitment, int flex) {
  if (commitment == 0) return spot_cost(in, demand, demand);
  const int floor = std::max(0, commitment - flex);
  const int ceiling = commitment + flex;
  const int paid = std::clamp(demand, floor, ceiling);
  const int voids = std::max(0, floor - demand);
  const int spot = std::max(0, demand - ceiling);
  return weekly_charge(in.block_schedule, paid).value().total + in.void_cost * voids + spot_cost(in, demand, spot);
}

StrategyCost evaluate(const BlockSizingInput& in, int commitment, int flex) {
  std::vector<std::int64_t> weeks;
  std::int64_t sum = 0;
  for (const int d : in.demand_samples) {
    weeks.push_back(week_cost(in, d, commitment, flex).pence());
    sum += weeks.back();
  }
  std::sort(weeks.begin(), weeks.end());
  const auto n = static_cast<std::int64_t>(weeks.size());
  // The 90th percentile week: the smallest cost at or above 90% of weeks.
  const auto p90_index = static_cast<std::size_t>(std::max<std::int64_t>(0, (9 * n + 9) / 10 - 1));
  return {commitment, Money::from_pence(sum).scaled(1, n), Money::from_pence(weeks[p90_index])};
}

StrategyCost best(const BlockSizingInput& in, int flex) {
  const int most = *std::max_element(in.demand_samples.begin(), in.demand_samples.end());
  StrategyCost chosen = evaluate(in, 1, flex);
  for (int c = 2; c <= most + flex; ++c) {
    const auto candidate = evaluate(in, c, flex);
    if (candidate.expected_weekly < chosen.expected_weekly) chosen = candidate;
  }
  return chosen;
}
}  // namespace

Status BlockSizingInput::validate() const {
  if (demand_samples.empty())
    return Error::invalid("give the demand forecast as samples or a mean and spread", "demand");
  for (const int d : demand_samples) {
    if (d < 0 || d > 10'000) return Error::invalid("each demand sample must be 0 to 10,000 places", "demand");
  }
  if (spot_price.pence() <= 0) return Error::invalid("the spot price must be above £0", "spot_price");
  if (spot_premium_bp < 0 || spot_premium_bp > 100'000)
    return Error::invalid("the spot premium must be 0% to 1,000%", "spot_premium");
  if (void_cost.pence() < 0) return Error::invalid("the cost of a void cannot be negative", "void_cost");
  if (soft_flex < 0 || soft_flex > 1000)
    return Error::invalid("the soft block's flex must be 0 to 1,000 places", "soft_flex");
  return block_schedule.validate();
}

std::vector<int> demand_from_normal(double mean, double spread, int samples) {
  std::vector<int> out;
  for (int i = 0; i < samples; ++i) {
    // The quantile at the middle of each equal slice of probability.
    const double p = (i + 0.5) / samples;
    // Inverse normal by bisection on erf: exact enough for place counts.
    double lo = -8, hi = 8;
    for (int k = 0; k < 60; ++k) {
      const double mid = (lo + hi) / 2;
      if (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p) lo = mid;
      else hi = mid;
    }
    out.push_back(std::max(0, static_cast<int>(std::lround(mean + spread * (lo + hi) / 2))));
  }
  return out;
}

Result<BlockSizingAdvice> advise_block_size(const BlockSizingInput& input) {
  CM_TRY_STATUS(input.validate());
  BlockSizingAdvice advice;
  advice.spot_only = evaluate(input, 0, 0);
  advice.rigid_block = best(input, 0);
  advice.soft_block = best(input, input.soft_flex);
  return advice;
}

}  // namespace caremarket::pricing
