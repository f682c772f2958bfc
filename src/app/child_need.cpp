// Reading a Placements Data Standard v2 referral into what matching needs.
#include "app/brokerage.hpp"
#include "pds/standard.hpp"

namespace caremarket::app {
namespace {
using market::KindOfCare;

std::string text_at(const nlohmann::json& doc, const char* entity, const char* field) {
  const auto& e = doc.at(entity);
  if (!e.contains(field) || !e.at(field).is_string()) return {};
  return e.at(field).get<std::string>();
}
}  // namespace

Result<ChildNeed> read_child_need(const nlohmann::json& pds) {
  CM_TRY_STATUS(pds::validate_referral(pds));
  ChildNeed out;
  // Suitability decides which kinds of care may be asked: "Unsuitable" never,
  // "Preferred" scores for fit, the others are acceptable.
  const std::pair<const char*, KindOfCare> suitability[] = {
      {"fosterCareSuitability", KindOfCare::fostering_agency},
      {"residentialCareSuitability", KindOfCare::childrens_home},
      {"supportedAccommodationSuitability", KindOfCare::supported_accommodation},
  };
  for (const auto& [field, kind] : suitability) {
    const auto value = text_at(pds, "PlacementRecommendation", field);
    if (value == "Unsuitable") continue;
    out.kinds.push_back(kind);
    if (value == "Preferred") out.requirements.preferred_kinds.push_back(kind);
  }
  if (out.kinds.empty()) {
    return Error::invalid("every kind of placement is marked Unsuitable: nothing can be searched for",
                          "PlacementRecommendation");
  }
  for (const auto& risk : market::known_risks()) {
    if (text_at(pds, "Risks", risk.c_str()) == "Risk Present") out.requirements.risks_present.push_back(risk);
  }
  const auto& req = pds.at("PlacementRequirements");
  out.requirements.living_companions = text_at(pds, "PlacementRequirements", "livingCompanions");
  out.requirements.pets = text_at(pds, "PlacementRequirements", "pets");
  out.requirements.home_adaptation = req.value("homeAdaptation", false);
  out.requirements.deprivation_of_liberty = req.value("deprivationOfLiberty", false);
  if (req.contains("specificCommunicationRequirements")) {
    for (const auto& c : req.at("specificCommunicationRequirements")) {
      out.requirements.communication.push_back(c.get<std::string>());
    }
  }
  const auto& availability = pds.at("PlacementAvailability");
  out.sibling_count = availability.value("siblingCount", 0);
  if (out.sibling_count < 0 || out.sibling_count > 9) {
    return Error::invalid("siblingCount must be between 0 and 9", "PlacementAvailability.siblingCount");
  }
  out.needed_today = availability.value("neededBy", "") == "Today";
  return out;
}

std::string age_band(int age) {
  if (age < 18) {
    if (age <= 4) return "0-4";
    if (age <= 9) return "5-9";
    if (age <= 12) return "10-12";
    if (age <= 15) return "13-15";
    return "16-17";
  }
  if (age <= 24) return "18-24";
  if (age <= 64) {
    const int low = (age - 25) / 10 * 10 + 25;  // 25-34, 35-44, 45-54, 55-64
    return std::to_string(low) + "-" + std::to_string(low + 9);
  }
  if (age <= 74) return "65-74";
  if (age <= 84) return "75-84";
  return "85+";
}

}  // namespace caremarket::app
