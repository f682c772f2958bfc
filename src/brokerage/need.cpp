#include "brokerage/need.hpp"

#include "core/text.hpp"

namespace caremarket::brokerage {

Status Need::validate() const {
  if (kinds.empty()) return Error::invalid("say what kind of care is needed", "kind");
  if (age < 0 || age > 120) return Error::invalid("the age must be between 0 and 120", "age");
  for (const auto& n : needs) {
    if (!market::is_known_need(n)) {
      return Error::invalid(
          "'" + n + "' is not a need caremarket knows; use one of: " + join(market::known_needs(), ", "), "needs");
    }
  }
  if (!(max_distance_miles > 0) || max_distance_miles > 500) {
    return Error::invalid("the maximum distance must be more than 0 and at most 500 miles", "max_distance_miles");
  }
  if (places_needed < 1 || places_needed > 10)
    return Error::invalid("between 1 and 10 places can be sought together", "sibling_count");
  if (budget_ceiling && budget_ceiling->pence() <= 0)
    return Error::invalid("the budget ceiling must be above zero", "budget_ceiling");
  return {};
}

Status Weights::validate() const {
  for (const int w : {quality, price, distance, fit}) {
    if (w < 0 || w > 100) return Error::invalid("each weight is a whole percentage from 0 to 100", "weights");
  }
  if (quality + price + distance + fit != 100) {
    return Error::invalid("the weights must add up to 100 (quality " + std::to_string(quality) + " + price " +
                              std::to_string(price) + " + distance " + std::to_string(distance) + " + fit " +
                              std::to_string(fit) + " = " + std::to_string(quality + price + distance + fit) + ")",
                          "weights");
  }
  return {};
}

}  // namespace caremarket::brokerage
