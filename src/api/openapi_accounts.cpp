// OpenAPI component schemas for the accounts routes.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/openapi_schema.hpp"

namespace caremarket::api {
using nlohmann::json;
using schema::ref;
using schema::string_enum;

json accounts_schemas() {
  json s;
  s["LoginRequest"] = {{"type", "object"},
                       {"required", {"email", "password"}},
                       {"additionalProperties", false},
                       {"properties", {{"email", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}};
  s["User"] = {{"type", "object"},
               {"properties",
                {{"id", {{"type", "integer"}}},
                 {"organisation_id", {{"type", "integer"}}},
                 {"email", {{"type", "string"}}},
                 {"name", {{"type", "string"}}},
                 {"roles", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                 {"active", {{"type", "boolean"}}}}}};
  s["LoginResponse"] = {{"type", "object"},
                        {"properties",
                         {{"token", {{"type", "string"}}},
                          {"token_type", string_enum({"Bearer"})},
                          {"expires_at", {{"type", "string"}, {"format", "date-time"}}},
                          {"user", ref("User")},
                          {"organisation", ref("Organisation")}}}};
  s["Me"] = {{"type", "object"}, {"properties", {{"user", ref("User")}, {"organisation", ref("Organisation")}}}};
  s["NewUser"] = {{"type", "object"},
                  {"required", {"organisation_id", "email", "name", "password", "roles"}},
                  {"additionalProperties", false},
                  {"properties",
                   {{"organisation_id", {{"type", "integer"}}},
                    {"email", {{"type", "string"}}},
                    {"name", {{"type", "string"}}},
                    {"password", {{"type", "string"}, {"minLength", 12}}},
                    {"roles",
                     {{"type", "array"},
                      {"items", string_enum({"placement_officer", "commissioner", "contract_officer", "council_admin",
                                             "provider_manager", "provider_admin", "operator_admin"})}}}}}};
  return s;
}

}  // namespace caremarket::api
