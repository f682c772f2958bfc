// OpenAPI component schemas for the market intelligence routes.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/openapi_schema.hpp"

namespace caremarket::api {
using nlohmann::json;
using schema::string_enum;

json intelligence_schemas() {
  const json integer = {{"type", "integer"}};
  const json share = {{"type", "number"}, {"minimum", 0}, {"maximum", 1}};
  const json measure = {{"type", "object"},
                        {"properties",
                         {{"top10_share", share},
                          {"top20_share", share},
                          {"hhi", {{"type", "number"}, {"minimum", 0}, {"maximum", 10000}}},
                          {"reading", string_enum({"unconcentrated", "concentrated", "highly concentrated"})}}}};
  json s;
  s["MarketConcentration"] = {
      {"type", "object"},
      {"properties",
       {{"area", {{"type", "string"}, {"description", "England or the council's name"}}},
        {"council", {{"type", "string"}, {"nullable", true}}},
        {"kind",
         {{"type", "string"}, {"nullable", true}, {"description", "the kind of care counted; null: every kind"}}},
        {"view", string_enum({"owners", "groups"})},
        {"active_only", {{"type", "boolean"}}},
        {"top", integer},
        {"services", integer},
        {"places", integer},
        {"owners", integer},
        {"by_places", measure},
        {"by_services", measure},
        {"largest_owners",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"owner", {{"type", "string"}}},
              {"services", integer},
              {"places", integer},
              {"share_of_services", share},
              {"share_of_places", share}}}}}}}}}};
  const json text = {{"type", "string"}};
  s["OwnershipGroup"] = {{"type", "object"},
                         {"properties",
                          {{"company", text},
                           {"group", text},
                           {"source", text},
                           {"as_of", {{"type", "string"}, {"format", "date"}}},
                           {"set_by", integer},
                           {"set_at", {{"type", "string"}, {"format", "date-time"}}}}}};
  s["OwnershipGroupList"] = {
      {"type", "object"},
      {"properties", {{"items", {{"type", "array"}, {"items", schema::ref("OwnershipGroup")}}}, {"total", integer}}}};
  s["OwnershipGroupInput"] = {
      {"type", "object"},
      {"required", {"company", "group", "source", "as_of"}},
      {"additionalProperties", false},
      {"properties",
       {{"company", {{"type", "string"}, {"description", "the registered provider's name, as the register spells it"}}},
        {"group", {{"type", "string"}, {"description", "its ultimate owner"}}},
        {"source", {{"type", "string"}, {"description", "where the link was found"}}},
        {"as_of", {{"type", "string"}, {"format", "date"}, {"description", "the date the source speaks for"}}}}}};
  s["OwnershipGroupRemoval"] = {{"type", "object"},
                                {"required", {"company"}},
                                {"additionalProperties", false},
                                {"properties", {{"company", text}}}};
  return s;
}

}  // namespace caremarket::api
