#pragma once
// The Placements Data Standard v2, driven by its own machine-readable
// definition (standards/placements-v2/placements.json, compiled in).
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace caremarket::pds {

enum class FieldType { integer, string, categorical, boolean, date };

// As the standard spells them: "Integer", "String", "Categorical", "Boolean", "Date".
std::string_view to_string(FieldType type);
Result<FieldType> field_type_from(std::string_view text);

struct Field {
  static constexpr int unbounded = -1;

  std::string name;
  FieldType type = FieldType::string;
  int min = 0;  // cardinality "min..max"; "*" is unbounded
  int max = 1;
  std::string description;           // as the standard writes it
  std::string label;                 // the description without its full stop, for messages
  std::vector<std::string> options;  // Categorical only

  bool required() const { return min > 0; }
  bool many() const { return max == unbounded || max > 1; }
};

struct Entity {
  std::string name;
  std::string description;
  std::vector<Field> fields;
  const Field* field(std::string_view field_name) const;
};

struct Definition {
  std::string version;
  std::vector<Entity> entities;
  const Entity* entity(std::string_view entity_name) const;
};

// Parsed once, on first use.
const Definition& placements_v2();

// The human label of Entity.field (the standard's description), or the field
// name when the standard has no such field.
std::string field_label(std::string_view entity, std::string_view field);

// One entity's object: known fields only, required ones present, each of its
// type, option values spelt as the standard spells them. Errors are
// invalid_input with field "<entity>.<field>".
Status validate_entity(const std::string& entity, const nlohmann::json& object);
// A referral: PlacementAvailability, PlacementRequirements,
// PlacementRecommendation and Risks, all four required and nothing else.
Status validate_referral(const nlohmann::json& referral);
// An agreed placement: ActualPlacement and QualityAssurance, both required.
Status validate_placement(const nlohmann::json& placement);

// The Categorical fields of Risks, in the standard's order: risks to the
// child, and risks to others or property (the riskToOthers... fields).
std::vector<std::string> risk_fields_to_child();
std::vector<std::string> risk_fields_to_others();

}  // namespace caremarket::pds
