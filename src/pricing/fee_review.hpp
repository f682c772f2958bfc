#pragma once
// Annual fee review: each contract's uplift follows its cost pressure (the
// change in the National Living Wage on the pay share of its costs, CPI on
// the rest), weighted for quality (regulator rating and KPI performance),
// kept within the council's budget envelope; and, for comparison, the same
// money spent as one flat uplift for everyone.
#include <cstdint>
#include <vector>

#include "core/money.hpp"
#include "core/result.hpp"
#include "market/types.hpp"

namespace caremarket::pricing {

struct FeeReviewContract {
  std::int64_t id = 0;
  Money annual_spend;
  market::Rating rating = market::Rating::not_rated;
  int kpi_score = 50;                // 0-100: the contract's KPI performance this year
  std::int64_t pay_share_bp = 6000;  // share of the provider's costs that is pay
};

struct FeeReviewInput {
  Money envelope;                  // the most the uplifts may add in a year
  std::int64_t nlw_change_bp = 0;  // e.g. 670 = 6.7%
  std::int64_t cpi_bp = 0;
  std::vector<FeeReviewContract> contracts;
  Status validate() const;
};

struct ContractUplift {
  std::int64_t id = 0;
  Money cost_pressure;                   // what the cost index alone implies
  std::int64_t quality_permille = 1000;  // rating x KPI weight applied to it
  Money uplift;                          // quality-weighted, within the envelope
  Money flat_uplift;                     // the same total as one flat percentage
};

struct FeeReviewResult {
  std::vector<ContractUplift> contracts;
  Money total;                    // <= envelope
  bool envelope_binding = false;  // the weighted pressures exceeded the envelope
};

Result<FeeReviewResult> review_fees(const FeeReviewInput& input);

// Splits `total` in proportion to `weights` in whole pence that add up to
// `total` exactly: floors first, then the spare pennies to the largest
// remainders (ties to the earlier item).
std::vector<Money> allocate(Money total, const std::vector<std::int64_t>& weights);

}  // namespace caremarket::pricing
