#include "brokerage/eligibility.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace caremarket::brokerage {
namespace {
using market::Service;

constexpr auto kNames = enum_names<ExclusionReason>({
    {ExclusionReason::kind_of_care, "kind_of_care"},
    {ExclusionReason::not_active, "not_active"},
    {ExclusionReason::not_registered, "not_registered"},
    {ExclusionReason::age_range, "age_range"},
    {ExclusionReason::needs, "needs"},
    {ExclusionReason::risks, "risks"},
    {ExclusionReason::living_alongside, "living_alongside"},
    {ExclusionReason::pets, "pets"},
    {ExclusionReason::adaptations, "adaptations"},
    {ExclusionReason::deprivation_of_liberty, "deprivation_of_liberty"},
    {ExclusionReason::communication, "communication"},
    {ExclusionReason::no_vacancy, "no_vacancy"},
    {ExclusionReason::too_far, "too_far"},
    {ExclusionReason::rating, "rating"},
});

bool has(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string kinds_text(const std::vector<market::KindOfCare>& kinds) {
  std::vector<std::string> names;
  for (const auto k : kinds) names.emplace_back(to_string(k));
  return join(names, " or ");
}

std::string miles(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", d);
  return buf;
}

std::optional<Exclusion> check_child(const ChildRequirements& child, const Service& s, const Need& need) {
  auto exclude = [&](ExclusionReason reason, std::string message) {
    return Exclusion{s.id, reason, std::move(message), 0};
  };
  std::vector<std::string> unmanaged;
  for (const auto& risk : child.risks_present)
    if (!has(s.risks_accepted, risk)) unmanaged.push_back(risk);
  if (!unmanaged.empty()) return exclude(ExclusionReason::risks, "does not manage: " + join(unmanaged, ", "));
  if (child.living_companions == "Solo placement recommended" && s.places != 1 && !has(s.features, "solo_placements")) {
    return exclude(ExclusionReason::living_alongside,
                   "a solo placement is recommended; the service does not offer one");
  }
  if (child.living_companions == "With other children recommended" && s.places == 1 && need.places_needed == 1) {
    return exclude(ExclusionReason::living_alongside,
                   "living with other children is recommended; it is a single-place home");
  }
  if (child.pets == "Yes - must" && !has(s.features, "pets_in_home")) {
    return exclude(ExclusionReason::pets, "the child must live with pets; the service has none");
  }
  if (child.pets == "No" && has(s.features, "pets_in_home")) {
    return exclude(ExclusionReason::pets, "the child cannot live with pets; the service has pets");
  }
  if (child.home_adaptation && !has(s.features, "adapted_home")) {
    return exclude(ExclusionReason::adaptations, "the child needs an adapted home");
  }
  if (child.deprivation_of_liberty && !has(s.features, "deprivation_of_liberty")) {
    return exclude(ExclusionReason::deprivation_of_liberty, "the child is under a deprivation of liberty order");
  }
  for (const auto& [requirement, feature] : std::array<std::pair<std::string_view, std::string_view>, 3>{
           {{"BSL", "bsl"}, {"Makaton", "makaton"}, {"ESOL", "esol"}}}) {
    if (has(child.communication, std::string(requirement)) && !has(s.features, feature)) {
      return exclude(ExclusionReason::communication, "the child needs " + std::string(requirement));
    }
  }
  return std::nullopt;
}
}  // namespace

std::string_view to_string(ExclusionReason reason) { return kNames.name(reason, "unknown"); }

std::optional<ExclusionReason> first_failure(const Need& need, const Service& s, double distance_miles) {
  if (std::find(need.kinds.begin(), need.kinds.end(), s.kind) == need.kinds.end()) return ExclusionReason::kind_of_care;
  if (s.status != market::ServiceStatus::active) return ExclusionReason::not_active;
  if (s.regulator == market::Regulator::none && s.kind != market::KindOfCare::supported_living &&
      s.kind != market::KindOfCare::housing_support && s.kind != market::KindOfCare::day_services) {
    return ExclusionReason::not_registered;
  }
  if (need.age < s.age_min || need.age > s.age_max) return ExclusionReason::age_range;
  for (const auto& n : need.needs)
    if (!has(s.needs, n)) return ExclusionReason::needs;
  if (need.child) {
    if (auto child = check_child(*need.child, s, need)) return child->reason;
  }
  if (s.vacancies < need.places_needed) return ExclusionReason::no_vacancy;
  if (distance_miles > need.max_distance_miles) return ExclusionReason::too_far;
  if (s.rating == market::Rating::inadequate && !need.allow_inadequate) return ExclusionReason::rating;
  if (s.rating != market::Rating::not_rated && s.rating != market::Rating::inadequate && s.rating < need.min_rating) {
    return ExclusionReason::rating;
  }
  return std::nullopt;
}

std::string exclusion_message(ExclusionReason reason, const Need& need, const Service& s, double distance_miles) {
  switch (reason) {
    case ExclusionReason::kind_of_care:
      return "gives " + std::string(to_string(s.kind)) + "; the referral needs " + kinds_text(need.kinds);
    case ExclusionReason::not_active: return "the service is " + std::string(to_string(s.status));
    case ExclusionReason::not_registered: return "this kind of care must be registered with CQC or Ofsted";
    case ExclusionReason::age_range:
      return "takes ages " + std::to_string(s.age_min) + "-" + std::to_string(s.age_max) + ", not " +
             std::to_string(need.age);
    case ExclusionReason::needs: {
      std::vector<std::string> missing;
      for (const auto& n : need.needs)
        if (!has(s.needs, n)) missing.push_back(n);
      return "does not accept: " + join(missing, ", ");
    }
    case ExclusionReason::risks:
    case ExclusionReason::living_alongside:
    case ExclusionReason::pets:
    case ExclusionReason::adaptations:
    case ExclusionReason::deprivation_of_liberty:
    case ExclusionReason::communication:
      if (need.child) {
        if (auto child = check_child(*need.child, s, need)) return child->message;
      }
      return std::string(to_string(reason));
    case ExclusionReason::no_vacancy:
      return need.places_needed == 1 ? "no vacancy reported"
                                     : "needs " + std::to_string(need.places_needed) + " places together; " +
                                           std::to_string(s.vacancies) + " vacant";
    case ExclusionReason::too_far:
      return miles(distance_miles) + " miles from home; the limit is " + miles(need.max_distance_miles);
    case ExclusionReason::rating:
      if (s.rating == market::Rating::inadequate)
        return "rated inadequate (an officer may override with a recorded reason)";
      return "rated " + std::string(to_string(s.rating)) + ", below the floor of " +
             std::string(to_string(need.min_rating));
  }
  return std::string(to_string(reason));
}

std::optional<Exclusion> check_eligibility(const Need& need, const Service& s, double distance_miles) {
  const auto reason = first_failure(need, s, distance_miles);
  if (!reason) return std::nullopt;
  return Exclusion{s.id, *reason, exclusion_message(*reason, need, s, distance_miles), distance_miles};
}

}  // namespace caremarket::brokerage
