#pragma once
// What the matching engine knows of a referral: the need, never the person.
// Personal details live apart (app layer) and never reach this component.
#include <optional>
#include <string>
#include <vector>

#include "market/types.hpp"

namespace caremarket::brokerage {

// Placements Data Standard v2: what a child's placement must provide.
struct ChildRequirements {
  std::vector<std::string> risks_present;  // PDS risk fields marked "Risk Present"
  std::string living_companions;           // PDS livingCompanions option
  std::string pets;                        // PDS pets option
  bool home_adaptation = false;
  bool deprivation_of_liberty = false;
  std::vector<std::string> communication;  // PDS specificCommunicationRequirements
  // Kinds the social worker marked "Preferred" (the others acceptable are
  // "Suitable but not preferred"); used for fit, not eligibility.
  std::vector<market::KindOfCare> preferred_kinds;
};

struct Need {
  std::vector<market::KindOfCare> kinds;  // acceptable kinds of care
  int age = 0;
  std::vector<std::string> needs;        // every one must be accepted (adults)
  LatLon home;                           // centre of the home postcode's sector
  std::string preferred_authority;       // ONS code; "" for no preference
  std::string need_level = "standard";   // which price applies
  std::optional<Money> budget_ceiling;   // per week or hour
  std::optional<Money> benchmark_price;  // the council's reference price
  double max_distance_miles = 50;
  market::Rating min_rating = market::Rating::requires_improvement;
  bool allow_inadequate = false;  // only with the officer's recorded reason
  int places_needed = 1;          // the child and siblings placed together
  std::optional<ChildRequirements> child;

  Status validate() const;
};

// Published weights, per council, in whole percentages summing to 100.
struct Weights {
  int quality = 60;
  int price = 20;
  int distance = 20;
  int fit = 0;
  Status validate() const;
};

}  // namespace caremarket::brokerage
