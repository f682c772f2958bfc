#pragma once
// The Placements Data Standard v2, driven by its own machine-readable
// definition (standards/placements-v2/placements.json, embedded at build time).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace caremarket::pds {

struct Field {
  std::string name;
  std::string type;  // Integer, String, Categorical, Boolean, Date
  int min = 0;       // cardinality
  int max = 1;       // -1: unbounded
  std::string description;
  std::vector<std::string> options;
};

struct Entity {
  std::string name;
  std::string description;
  std::vector<Field> fields;
};

struct Definition {
  std::string version;
  std::vector<Entity> entities;
  const Entity* entity(const std::string& name) const;
};

const Definition& placements_v2();

// One entity's object: known fields only, required ones present, each of
// its type, option values spelt as the standard spells them.
Status validate_entity(const std::string& entity, const nlohmann::json& object);
// A referral: PlacementAvailability, PlacementRequirements,
// PlacementRecommendation and Risks, all four required.
Status validate_referral(const nlohmann::json& referral);
// An agreed placement: ActualPlacement and QualityAssurance.
Status validate_placement(const nlohmann::json& placement);

}  // namespace caremarket::pds
