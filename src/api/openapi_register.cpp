// OpenAPI component schemas for the register (services and organisations) routes.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/openapi_schema.hpp"
#include "market/types.hpp"

namespace caremarket::api {
using nlohmann::json;
using schema::kind_names;
using schema::ref;
using schema::string_enum;

json register_schemas() {
  json s;
  const json rating = string_enum({"not_rated", "inadequate", "requires_improvement", "good", "outstanding"});
  const json nullable_string = {{"type", "string"}, {"nullable", true}};
  s["Organisation"] = {{"type", "object"},
                       {"properties",
                        {{"id", {{"type", "integer"}}},
                         {"kind", string_enum({"council", "provider", "operator"})},
                         {"name", {{"type", "string"}}},
                         {"ons_code", {{"type", "string"}}},
                         {"regulator_id", {{"type", "string"}}}}}};
  s["OrganisationList"] = {
      {"type", "object"},
      {"properties",
       {{"items", {{"type", "array"}, {"items", ref("Organisation")}}}, {"total", {{"type", "integer"}}}}}};
  s["Price"] = {{"type", "object"},
                {"properties",
                 {{"need_level", string_enum(market::known_need_levels())},
                  {"unit", string_enum({"week", "hour"})},
                  {"amount_pence", {{"type", "integer"}, {"description", "whole pence; never a float"}}},
                  {"amount", {{"type", "string"}, {"example", "1050.50"}}},
                  {"valid_from", {{"type", "string"}, {"format", "date"}}},
                  {"synthetic", {{"type", "boolean"}, {"description", "demo data, not a real price"}}}}}};
  s["PriceList"] = {{"type", "object"}, {"properties", {{"items", {{"type", "array"}, {"items", ref("Price")}}}}}};
  s["PriceInput"] = {
      {"type", "object"},
      {"required", {"prices"}},
      {"additionalProperties", false},
      {"properties",
       {{"prices",
         {{"type", "array"},
          {"maxItems", 50},
          {"items",
           {{"type", "object"},
            {"required", {"need_level", "unit", "valid_from"}},
            {"additionalProperties", false},
            {"properties",
             {{"need_level", string_enum(market::known_need_levels())},
              {"unit", string_enum({"week", "hour"})},
              {"amount_pence", {{"type", "integer"}, {"minimum", 1}}},
              {"amount",
               {{"type", "string"}, {"description", "pounds and pence, e.g. \"1050.50\"; or give amount_pence"}}},
              {"valid_from", {{"type", "string"}, {"format", "date"}}}}}}}}}}}};
  s["VacancyInput"] = {
      {"type", "object"},
      {"required", {"count"}},
      {"additionalProperties", false},
      {"properties",
       {{"count", {{"type", "integer"}, {"minimum", 0}, {"description", "at most the service's places"}}}}}};
  s["ServiceInput"] = {
      {"type", "object"},
      {"additionalProperties", false},
      {"description", "on create, name, kind and postcode are required; on update every field is optional"},
      {"properties",
       {{"provider_id", {{"type", "integer"}}},
        {"name", {{"type", "string"}, {"maxLength", 200}}},
        {"kind", string_enum(kind_names())},
        {"regulator", string_enum({"none", "cqc", "ofsted"})},
        {"regulator_id", {{"type", "string"}}},
        {"address", {{"type", "string"}}},
        {"postcode", {{"type", "string"}, {"example", "B44 8DD"}}},
        {"places", {{"type", "integer"}, {"minimum", 0}, {"maximum", 2000}}},
        {"age_min", {{"type", "integer"}, {"minimum", 0}, {"maximum", 120}}},
        {"age_max", {{"type", "integer"}, {"minimum", 0}, {"maximum", 120}}},
        {"needs", {{"type", "array"}, {"items", string_enum(market::known_needs())}}},
        {"specialisms", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"risks_accepted", {{"type", "array"}, {"items", string_enum(market::known_risks())}}},
        {"features", {{"type", "array"}, {"items", string_enum(market::known_features())}}},
        {"rating", rating},
        {"rating_date", {{"type", "string"}, {"format", "date"}}},
        {"status", string_enum({"active", "suspended", "dormant"})}}}};
  s["Service"] = {
      {"type", "object"},
      {"properties",
       {{"id", {{"type", "integer"}}},
        {"name", {{"type", "string"}}},
        {"kind", string_enum(kind_names())},
        {"provider",
         {{"type", "object"}, {"properties", {{"id", {{"type", "integer"}}}, {"name", {{"type", "string"}}}}}}},
        {"regulator", string_enum({"none", "cqc", "ofsted"})},
        {"regulator_id", {{"type", "string"}}},
        {"address", {{"type", "string"}}},
        {"postcode", {{"type", "string"}}},
        {"location",
         {{"type", "object"},
          {"properties",
           {{"latitude", {{"type", "number"}}},
            {"longitude", {{"type", "number"}}},
            {"source", string_enum({"source_coordinates", "postcode_sector", "postcode_district",
                                    "local_authority_centroid"})}}}}},
        {"local_authority",
         {{"type", "object"}, {"properties", {{"code", {{"type", "string"}}}, {"name", {{"type", "string"}}}}}}},
        {"places", {{"type", "integer"}}},
        {"age_range",
         {{"type", "object"}, {"properties", {{"min", {{"type", "integer"}}}, {"max", {{"type", "integer"}}}}}}},
        {"needs", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"specialisms", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"risks_accepted", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"features", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"rating",
         {{"type", "object"},
          {"properties",
           {{"overall", rating},
            {"date", nullable_string},
            {"domains", {{"type", "object"}, {"additionalProperties", rating}}}}}}},
        {"status", string_enum({"active", "suspended", "dormant"})},
        {"vacancies",
         {{"type", "object"},
          {"properties",
           {{"count", {{"type", "integer"}}},
            {"as_of", nullable_string},
            {"set_by_user_id", {{"type", "integer"}, {"nullable", true}}},
            {"synthetic", {{"type", "boolean"}}}}}}},
        {"price_unit", string_enum({"week", "hour"})},
        {"notes", {{"type", "string"}}},
        {"source", {{"type", "string"}}},
        {"updated_at", {{"type", "string"}, {"format", "date-time"}}},
        {"distance_miles", {{"type", "number"}, {"description", "present when searching near a postcode"}}},
        {"prices", {{"type", "array"}, {"items", ref("Price")}}}}}};
  s["ServiceList"] = {{"type", "object"},
                      {"properties",
                       {{"items", {{"type", "array"}, {"items", ref("Service")}}},
                        {"total", {{"type", "integer"}}},
                        {"offset", {{"type", "integer"}}},
                        {"limit", {{"type", "integer"}}},
                        {"near", {{"type", "string"}}}}}};
  return s;
}

}  // namespace caremarket::api
