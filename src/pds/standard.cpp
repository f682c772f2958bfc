#include "pds/standard.hpp"

#include <algorithm>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "pds/placements_v2_json.hpp"

namespace caremarket::pds {
namespace {

std::pair<int, int> cardinality(const std::string& text) {
  const auto dots = text.find("..");
  if (dots == std::string::npos) return {1, 1};
  const auto low = std::stoi(text.substr(0, dots));
  const auto high = text.substr(dots + 2);
  return {low, high == "*" ? -1 : std::stoi(high)};
}

Definition parse_definition() {
  const auto doc = nlohmann::json::parse(kPlacementsV2Json);
  Definition d;
  d.version = doc.at("metadata").value("version", "");
  for (const auto& e : doc.at("entities")) {
    Entity entity{e.at("name").get<std::string>(), e.value("description", ""), {}};
    for (const auto& f : e.at("fields")) {
      Field field;
      field.name = f.at("name").get<std::string>();
      field.type = f.at("type").get<std::string>();
      std::tie(field.min, field.max) = cardinality(f.value("cardinality", "0..1"));
      field.description = f.value("description", "");
      if (f.contains("options")) field.options = f.at("options").get<std::vector<std::string>>();
      entity.fields.push_back(std::move(field));
    }
    d.entities.push_back(std::move(entity));
  }
  return d;
}

std::string quoted_list(const std::vector<std::string>& options) {
  std::vector<std::string> q;
  for (const auto& o : options) q.push_back("'" + o + "'");
  return join(q, ", ");
}

Status check_value(const Field& field, const nlohmann::json& v, const std::string& path) {
  const std::string label = "'" + path + "' (" + field.description + ")";
  if (field.type == "Integer") {
    if (!v.is_number_integer()) return Error::invalid(label + " must be a whole number", path);
  } else if (field.type == "Boolean") {
    if (!v.is_boolean()) return Error::invalid(label + " must be true or false", path);
  } else if (field.type == "String") {
    if (!v.is_string()) return Error::invalid(label + " must be text", path);
    if (v.get<std::string>().size() > 2000) return Error::invalid(label + " is longer than 2,000 characters", path);
  } else if (field.type == "Date") {
    if (!v.is_string() || !Date::parse_iso(v.get<std::string>())) {
      return Error::invalid(label + " must be a date written YYYY-MM-DD", path);
    }
  } else if (field.type == "Categorical") {
    if (!v.is_string() || std::find(field.options.begin(), field.options.end(), v.get<std::string>()) == field.options.end()) {
      return Error::invalid(label + " must be one of " + quoted_list(field.options) +
                                (v.is_string() ? ", not '" + v.get<std::string>() + "'" : ""),
                            path);
    }
  }
  return {};
}

Status validate_entities(const nlohmann::json& doc, const std::vector<std::string>& names) {
  if (!doc.is_object()) return Error::invalid("the document must be a JSON object with " + join(names, ", "));
  for (const auto& [key, value] : doc.items()) {
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      return Error::invalid("unknown part '" + key + "'; the parts are " + join(names, ", "), key);
    }
  }
  for (const auto& name : names) {
    if (!doc.contains(name)) return Error::invalid("'" + name + "' is required", name);
    CM_TRY_STATUS(validate_entity(name, doc.at(name)));
  }
  return {};
}
}  // namespace

const Entity* Definition::entity(const std::string& name) const {
  for (const auto& e : entities) if (e.name == name) return &e;
  return nullptr;
}

const Definition& placements_v2() {
  static const Definition definition = parse_definition();
  return definition;
}

Status validate_entity(const std::string& entity_name, const nlohmann::json& object) {
  const Entity* entity = placements_v2().entity(entity_name);
  if (!entity) return Error::invalid("'" + entity_name + "' is not part of the Placements Data Standard");
  if (!object.is_object()) return Error::invalid("'" + entity_name + "' must be a JSON object", entity_name);
  std::vector<std::string> names;
  for (const auto& f : entity->fields) names.push_back(f.name);
  for (const auto& [key, value] : object.items()) {
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      return Error::invalid("unknown field '" + entity_name + "." + key + "'; its fields are " + join(names, ", "),
                            entity_name + "." + key);
    }
  }
  for (const auto& field : entity->fields) {
    const std::string path = entity_name + "." + field.name;
    if (!object.contains(field.name) || object.at(field.name).is_null()) {
      if (field.min > 0) return Error::invalid("'" + path + "' (" + field.description + ") is required", path);
      continue;
    }
    const auto& v = object.at(field.name);
    if (field.max == 1) {
      if (v.is_array()) return Error::invalid("'" + path + "' takes one value, not a list", path);
      CM_TRY_STATUS(check_value(field, v, path));
      continue;
    }
    if (!v.is_array()) return Error::invalid("'" + path + "' takes a list of values", path);
    if (static_cast<int>(v.size()) < field.min) {
      return Error::invalid("'" + path + "' needs at least " + std::to_string(field.min) + " value(s)", path);
    }
    if (field.max > 0 && static_cast<int>(v.size()) > field.max) {
      return Error::invalid("'" + path + "' takes at most " + std::to_string(field.max) + " values", path);
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      CM_TRY_STATUS(check_value(field, v[i], path));
      for (std::size_t j = 0; j < i; ++j) {
        if (v[j] == v[i]) return Error::invalid("'" + path + "' repeats " + v[i].dump(), path);
      }
    }
  }
  return {};
}

Status validate_referral(const nlohmann::json& referral) {
  return validate_entities(referral, {"PlacementAvailability", "PlacementRequirements", "PlacementRecommendation", "Risks"});
}

Status validate_placement(const nlohmann::json& placement) {
  return validate_entities(placement, {"ActualPlacement", "QualityAssurance"});
}

}  // namespace caremarket::pds
