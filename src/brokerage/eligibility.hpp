#pragma once
// Hard constraints: a service either may be asked or is excluded, and an
// excluded service always carries the reason, so an officer can see why a
// nearby home was not asked.
#include <cstdint>
#include <optional>
#include <string>

#include "brokerage/need.hpp"

namespace caremarket::brokerage {

enum class ExclusionReason {
  kind_of_care,
  not_active,
  not_registered,
  age_range,
  needs,
  risks,
  living_alongside,
  pets,
  adaptations,
  deprivation_of_liberty,
  communication,
  no_vacancy,
  too_far,
  rating,
};
std::string_view to_string(ExclusionReason reason);

struct Exclusion {
  std::int64_t service_id = 0;
  ExclusionReason reason = ExclusionReason::kind_of_care;
  std::string message;  // what a person reads: "does not accept: dementia"
  double distance_miles = 0;
};

// nullopt: eligible. Checks run in a fixed order; the first failure is reported.
std::optional<Exclusion> check_eligibility(const Need& need, const market::Service& service, double distance_miles);
// The same checks without the text, for callers that check many services
// and show few (regional allocation); exclusion_message() writes the text
// for a reason first_failure() returned.
std::optional<ExclusionReason> first_failure(const Need& need, const market::Service& service, double distance_miles);
std::string exclusion_message(ExclusionReason reason, const Need& need, const market::Service& service,
                              double distance_miles);

}  // namespace caremarket::brokerage
