#pragma once
// Small builders for OpenAPI component schemas, shared by the areas'
// openapi_*.cpp files.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "market/types.hpp"

namespace caremarket::api::schema {

inline nlohmann::json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
inline nlohmann::json string_enum(const std::vector<std::string>& values) {
  return {{"type", "string"}, {"enum", values}};
}
inline std::vector<std::string> kind_names() {
  std::vector<std::string> out;
  for (const auto k : market::all_kinds_of_care()) out.emplace_back(to_string(k));
  return out;
}

}  // namespace caremarket::api::schema
