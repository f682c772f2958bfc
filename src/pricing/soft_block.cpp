#include "pricing/soft_block.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace caremarket::pricing {

Result<WeekUtilisation> utilisation(const CostVolumeSchedule& schedule, int committed, int occupied) {
  if (committed < 0 || occupied < 0) return Error::invalid("places cannot be negative", "places");
  WeekUtilisation w;
  w.committed = committed;
  w.occupied = occupied;
  w.voids = std::max(0, committed - occupied);
  w.overflow = std::max(0, occupied - committed);
  CM_ASSIGN_OR_RETURN(const auto charge, weekly_charge(schedule, committed));
  w.charge = charge.total;
  // Empty places cost their share of the charge: the average price per place.
  w.void_cost = committed > 0 ? charge.total.scaled(w.voids, committed) : Money();
  return w;
}

Status FlexRules::validate() const {
  if (min_commitment < 0 || max_commitment < min_commitment) {
    return Error::invalid("the flex band needs 0 <= minimum <= maximum", "flex");
  }
  if (max_step < 0) return Error::invalid("the most a review may move cannot be negative", "max_step");
  if (target_percent < 50 || target_percent > 100)
    return Error::invalid("the occupancy target runs from 50% to 100%", "target_percent");
  return {};
}

Result<ReviewProposal> propose_commitment(int current, const FlexRules& rules,
                                          const std::vector<int>& weekly_occupied) {
  CM_TRY_STATUS(rules.validate());
  if (weekly_occupied.empty()) return Error::invalid("a review needs the weeks of use since the last one", "weeks");
  if (current < rules.min_commitment || current > rules.max_commitment) {
    return Error::invalid("the current commitment is outside the agreed band", "current");
  }
  ReviewProposal p;
  p.current = current;
  p.average_occupied = std::accumulate(weekly_occupied.begin(), weekly_occupied.end(), 0.0) /
                       static_cast<double>(weekly_occupied.size());
  p.utilisation_percent = current > 0 ? 100 * p.average_occupied / current : 0;
  // The commitment that average use would fill to the target occupancy.
  const int wanted = static_cast<int>(std::ceil(p.average_occupied * 100 / rules.target_percent - 1e-9));
  int proposed = std::clamp(wanted, rules.min_commitment, rules.max_commitment);
  char average[32];
  std::snprintf(average, sizeof average, "%.1f", p.average_occupied);
  std::string why = "average use of " + std::string(average) + " places fills " + std::to_string(wanted) + " at " +
                    std::to_string(rules.target_percent) + "%";
  if (proposed != wanted)
    why += "; held within the agreed band " + std::to_string(rules.min_commitment) + "-" +
           std::to_string(rules.max_commitment);
  if (rules.max_step > 0 && std::abs(proposed - current) > rules.max_step) {
    proposed = current + (proposed > current ? rules.max_step : -rules.max_step);
    why += "; moved at most " + std::to_string(rules.max_step) + " at one review";
  }
  p.proposed = proposed;
  p.reason = proposed == current
                 ? "keep " + std::to_string(current) + ": " + why
                 : (proposed > current ? "raise to " : "lower to ") + std::to_string(proposed) + ": " + why;
  return p;
}

}  // namespace caremarket::pricing
