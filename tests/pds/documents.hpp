#pragma once
// Complete, valid Placements Data Standard v2 documents: every field of the
// standard is filled, so each test can break exactly one thing.
#include <nlohmann/json.hpp>

namespace caremarket::pds::testing {

inline nlohmann::json complete_referral() {
  return nlohmann::json::parse(R"({
    "PlacementAvailability": {
      "childId": 104233,
      "neededBy": "in less than 5 days",
      "siblingCount": 1,
      "preferredLocation": "Within 20 miles of Wolverhampton"
    },
    "PlacementRequirements": {
      "communicationNeeds": "Y",
      "specificCommunicationRequirements": ["BSL", "Makaton"],
      "homeAdaptation": false,
      "culturalNeeds": "Required",
      "livingCompanions": "Only with other younger children",
      "pets": "Yes - can",
      "additionalSupport": "taxis to school",
      "deprivationOfLiberty": false
    },
    "PlacementRecommendation": {
      "fosterCareSuitability": "Preferred",
      "residentialCareSuitability": "Suitable but not preferred",
      "supportedAccommodationSuitability": "Unsuitable"
    },
    "Risks": {
      "riskSelfHarm": "No known risk",
      "riskSexualExploitation": "No known risk",
      "riskCriminalExploitation": "Risk Present",
      "riskDrugAlcohol": "No known risk",
      "riskEatingDisorder": "No known risk",
      "riskMissing": "Risk Present",
      "riskOther": "Has been approached by older men near school",
      "riskToOthersPhysical": "No known risk",
      "riskToOthersSexual": "No known risk",
      "riskToOthersFire": "No known risk",
      "riskToOthersAnimals": "Risk Present",
      "riskToOthersCriminal": "No known risk",
      "riskToOthersOther": "Damaged property at the last placement"
    }
  })");
}

inline nlohmann::json complete_placement() {
  return nlohmann::json::parse(R"({
    "ActualPlacement": {
      "totalWeeklyCost": 1050,
      "placementLocation": "Wolverhampton",
      "preferabilityLocation": true,
      "educationContinuity": true,
      "providerURN": "SC123456",
      "siblingsPlacedTogether": 2,
      "placementType": "Foster"
    },
    "QualityAssurance": {
      "referralOfficerName": "Priya Shah",
      "referralDate": "2026-02-02",
      "placementOfficerName": "Tom Evans",
      "placementDate": "2026-02-06",
      "costOfficerName": "Ann Lee",
      "costDate": "2026-02-06"
    }
  })");
}

}  // namespace caremarket::pds::testing
