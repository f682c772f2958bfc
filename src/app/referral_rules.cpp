#include "app/referral_rules.hpp"

#include "core/text.hpp"

namespace caremarket::app {

std::vector<FieldProblem> referral_problems(const ReferralInput& in, Date today) {
  std::vector<FieldProblem> out;
  const auto problem = [&](std::string field, std::string message) {
    out.push_back({std::move(field), std::move(message)});
  };
  if (trim(in.person.name).empty()) problem("person.name", "give the person's name (kept from providers until award)");
  if (!in.person.date_of_birth.empty()) {
    const auto dob = Date::parse_iso(in.person.date_of_birth);
    if (!dob) problem("person.date_of_birth", "the date of birth is not a date (use 2026-01-31)");
    else if (*dob > today) problem("person.date_of_birth", "the date of birth must be in the past");
  }
  const auto& nhs = in.person.nhs_number;
  if (!nhs.empty() && (nhs.size() != 10 || nhs.find_first_not_of("0123456789") != std::string::npos)) {
    problem("person.nhs_number", "an NHS number has 10 digits");
  }
  if (in.age < 0 || in.age > 120) problem("age", "the age must be a whole number from 0 to 120");
  else if (in.for_child && in.age > 17) problem("age", "a child's referral is for someone under 18");
  else if (!in.for_child && in.age < 18) problem("age", "an adult's referral is for someone aged 18 or over");
  if (in.max_distance_miles < 1 || in.max_distance_miles > 500) {
    problem("max_distance_miles", "the distance must be a whole number of miles from 1 to 500");
  }
  if (!in.for_child) {
    if (in.kinds.empty()) problem("kind", "say what kind of care is needed");
    for (const auto k : in.kinds) {
      if (market::is_childrens(k)) problem("kind", "children's placements use the Placements Data Standard form");
    }
    const bool hourly = !in.kinds.empty() && market::usual_unit(in.kinds.front()) == market::PriceUnit::hour;
    if (hourly && (in.hours_per_week < 1 || in.hours_per_week > 168)) {
      problem("hours_per_week", "home care needs the hours per week (1 to 168)");
    } else if (in.hours_per_week < 0 || in.hours_per_week > 168) {
      problem("hours_per_week", "hours a week must be a whole number from 0 to 168");
    }
  }
  if (in.needed_by && *in.needed_by < today) problem("needed_by", "the needed-by date is in the past");
  // Inadequate services are asked only for a recorded reason (DOMAIN.md: quality floor).
  if (in.min_rating == market::Rating::inadequate && trim(in.inadequate_override_reason).empty()) {
    problem("inadequate_override_reason", "give the reason for including inadequate services");
  }
  return out;
}

}  // namespace caremarket::app
