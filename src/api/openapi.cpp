#include <cctype>



#include "api/json_output.hpp"
#include "api/routes.hpp"
#include "market/types.hpp"

namespace caremarket::api {
nlohmann::json brokerage_schemas();  // openapi_brokerage.cpp
nlohmann::json contract_schemas();   // openapi_contracts.cpp
nlohmann::json invoice_schemas();    // openapi_invoices.cpp
nlohmann::json pricing_schemas();    // openapi_pricing.cpp
nlohmann::json allocation_schemas();  // openapi_allocation.cpp
namespace {
using nlohmann::json;

json string_enum(const std::vector<std::string>& values) { return {{"type", "string"}, {"enum", values}}; }

std::vector<std::string> kind_names() {
  std::vector<std::string> out;
  for (const auto k : market::all_kinds_of_care()) out.emplace_back(to_string(k));
  return out;
}

json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json schemas() {
  const json rating = string_enum({"not_rated", "inadequate", "requires_improvement", "good", "outstanding"});
  const json nullable_string = {{"type", "string"}, {"nullable", true}};
  json s;
  s["Error"] = {{"type", "object"},
                {"required", {"error"}},
                {"properties",
                 {{"error",
                   {{"type", "object"},
                    {"required", {"code", "message"}},
                    {"properties",
                     {{"code", string_enum({"invalid_input", "unauthenticated", "forbidden", "not_found", "conflict",
                                            "payload_too_large", "unavailable", "internal"})},
                      {"message", {{"type", "string"}, {"description", "what is wrong, in words a person can act on"}}},
                      {"field", {{"type", "string"}, {"description", "the input field at fault, when there is one"}}}}}}}}}};
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
  s["Organisation"] = {{"type", "object"},
                       {"properties",
                        {{"id", {{"type", "integer"}}},
                         {"kind", string_enum({"council", "provider", "operator"})},
                         {"name", {{"type", "string"}}},
                         {"ons_code", {{"type", "string"}}},
                         {"regulator_id", {{"type", "string"}}}}}};
  s["OrganisationList"] = {{"type", "object"},
                           {"properties", {{"items", {{"type", "array"}, {"items", ref("Organisation")}}},
                                           {"total", {{"type", "integer"}}}}}};
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
                    {"roles", {{"type", "array"},
                               {"items", string_enum({"placement_officer", "commissioner", "contract_officer",
                                                      "council_admin", "provider_manager", "provider_admin",
                                                      "operator_admin"})}}}}}};
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
              {"amount", {{"type", "string"}, {"description", "pounds and pence, e.g. \"1050.50\"; or give amount_pence"}}},
              {"valid_from", {{"type", "string"}, {"format", "date"}}}}}}}}}}}};
  s["VacancyInput"] = {{"type", "object"},
                       {"required", {"count"}},
                       {"additionalProperties", false},
                       {"properties", {{"count", {{"type", "integer"}, {"minimum", 0},
                                                  {"description", "at most the service's places"}}}}}};
  s["ServiceInput"] = {{"type", "object"},
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
        {"provider", {{"type", "object"}, {"properties", {{"id", {{"type", "integer"}}}, {"name", {{"type", "string"}}}}}}},
        {"regulator", string_enum({"none", "cqc", "ofsted"})},
        {"regulator_id", {{"type", "string"}}},
        {"address", {{"type", "string"}}},
        {"postcode", {{"type", "string"}}},
        {"location", {{"type", "object"},
                      {"properties",
                       {{"latitude", {{"type", "number"}}},
                        {"longitude", {{"type", "number"}}},
                        {"source", string_enum({"source_coordinates", "postcode_sector", "postcode_district",
                                                "local_authority_centroid"})}}}}},
        {"local_authority", {{"type", "object"}, {"properties", {{"code", {{"type", "string"}}}, {"name", {{"type", "string"}}}}}}},
        {"places", {{"type", "integer"}}},
        {"age_range", {{"type", "object"}, {"properties", {{"min", {{"type", "integer"}}}, {"max", {{"type", "integer"}}}}}}},
        {"needs", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"specialisms", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"risks_accepted", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"features", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"rating", {{"type", "object"},
                    {"properties", {{"overall", rating}, {"date", nullable_string},
                                    {"domains", {{"type", "object"}, {"additionalProperties", rating}}}}}}},
        {"status", string_enum({"active", "suspended", "dormant"})},
        {"vacancies", {{"type", "object"},
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
  s.update(brokerage_schemas());
  s.update(contract_schemas());
  s.update(invoice_schemas());
  s.update(pricing_schemas());
  s.update(allocation_schemas());
  s["Health"] = {{"type", "object"},
                 {"properties", {{"status", {{"type", "string"}}}, {"services", {{"type", "integer"}}},
                                 {"schema_version", {{"type", "integer"}}}}}};
  return s;
}

json error_response(const std::string& description) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", ref("Error")}}}}}};
}
}  // namespace

json openapi_document(const std::vector<Route>& routes) {
  json paths = json::object();
  for (const auto& route : routes) {
    // operationId: "get_api_services_id" from GET /api/services/{id}.
    std::string operation_id = route.method + route.path;
    for (auto& c : operation_id) c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '_';
    std::string tidy;
    for (char c : operation_id) if (c != '_' || (!tidy.empty() && tidy.back() != '_')) tidy += c;
    while (!tidy.empty() && tidy.back() == '_') tidy.pop_back();
    json op{{"summary", route.summary}, {"tags", {route.tag}}, {"operationId", tidy}};
    json parameters = json::array();
    if (route.path.find("{id}") != std::string::npos) {
      parameters.push_back({{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "integer"}}}});
    }
    for (const auto& p : route.query) {
      parameters.push_back({{"name", p.name}, {"in", "query"}, {"required", false}, {"description", p.description},
                            {"schema", {{"type", p.type}}}});
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    if (!route.request_schema.empty()) {
      op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", ref(route.request_schema)}}}}}};
      // Actuals may also be sent as the CSV file itself.
      if (route.request_schema == "ActualsInput") op["requestBody"]["content"]["text/csv"] = {{"schema", {{"type", "string"}}}};
    }
    json responses;
    json ok{{"description", "success"}};
    if (!route.response_schema.empty()) ok["content"] = {{"application/json", {{"schema", ref(route.response_schema)}}}};
    responses[std::to_string(route.success_status)] = ok;
    responses["400"] = error_response("the input is malformed, has unknown fields, wrong types or values out of range");
    if (route.authenticated) {
      responses["401"] = error_response("no valid login");
      responses["403"] = error_response("logged in, but not allowed");
      op["security"] = {{{"bearer", json::array()}}};
    }
    if (route.path.find("{id}") != std::string::npos) responses["404"] = error_response("no such record");
    if (route.method != "GET") {
      responses["409"] = error_response("clashes with what is stored");
      responses["413"] = error_response("the body is too large");
    }
    if (route.path == "/api/login") {
      responses["401"] = error_response("the email or password is not right");
      responses["429"] = error_response("too many failed sign-ins for this account or from this address: try again after "
                                        "the seconds in the Retry-After header");
    }
    op["responses"] = responses;
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[route.path][method] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "caremarket API"},
                    {"version", "0.1.0"},
                    {"description", "The shared register of the social care market: providers, services, places, "
                                    "vacancies, quality and prices. Every error body is {\"error\": {\"code\", \"message\"}}."}}},
          {"servers", {{{"url", "/"}}}},
          {"paths", paths},
          {"components", {{"schemas", schemas()},
                          {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

std::vector<Route> all_routes(AppContext& ctx) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/health", "Is the server up, and how big is the register", "system", false, {}, "", "Health",
                    200, [&ctx](Request&) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const int version, ctx.store.schema_version());
                      return Response{200, {{"status", "ok"},
                                            {"services", ctx.market.service_count()},
                                            {"schema_version", version}}};
                    }});
  for (auto* group : {&account_routes, &service_routes, &organisation_routes, &brokerage_routes, &contract_routes,
                      &invoice_routes, &pricing_routes, &allocation_routes}) {
    for (auto& r : (*group)(ctx)) routes.push_back(std::move(r));
  }
  // The document describes every route above and itself.
  routes.push_back({"GET", "/api/openapi.json", "This API's OpenAPI 3 description", "system", false, {}, "", "", 200,
                    nullptr});
  const auto document = std::make_shared<json>();
  routes.back().handler = [document](Request&) -> Result<Response> { return Response{200, *document}; };
  *document = openapi_document(routes);
  return routes;
}


}  // namespace caremarket::api
