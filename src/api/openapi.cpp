#include <cctype>

#include "api/json_output.hpp"
#include "api/openapi_schema.hpp"
#include "api/routes.hpp"
#include "market/types.hpp"

namespace caremarket::api {
namespace {
using nlohmann::json;

using schema::ref;
using schema::string_enum;

std::vector<std::string> error_codes() {
  std::vector<std::string> out;
  for (const auto name : error_code_names()) out.emplace_back(name);
  return out;
}

json schemas() {
  json s;
  s["Error"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message"}},
          {"properties",
           {{"code", string_enum(error_codes())},
            {"message", {{"type", "string"}, {"description", "what is wrong, in words a person can act on"}}},
            {"field", {{"type", "string"}, {"description", "the input field at fault, when there is one"}}}}}}}}}};
#define CAREMARKET_AREA(name) s.update(name##_schemas());
#include "core/areas.inc"
#undef CAREMARKET_AREA
  s["Health"] = {{"type", "object"},
                 {"properties",
                  {{"status", {{"type", "string"}}},
                   {"services", {{"type", "integer"}}},
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
    for (auto& c : operation_id)
      c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                                                      : '_';
    std::string tidy;
    for (char c : operation_id)
      if (c != '_' || (!tidy.empty() && tidy.back() != '_')) tidy += c;
    while (!tidy.empty() && tidy.back() == '_') tidy.pop_back();
    json op{{"summary", route.summary}, {"tags", {route.tag}}, {"operationId", tidy}};
    json parameters = json::array();
    if (route.path.find("{id}") != std::string::npos) {
      parameters.push_back({{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "integer"}}}});
    }
    for (const auto& p : route.query) {
      parameters.push_back({{"name", p.name},
                            {"in", "query"},
                            {"required", false},
                            {"description", p.description},
                            {"schema", {{"type", p.type}}}});
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    if (!route.request_schema.empty()) {
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", ref(route.request_schema)}}}}}};
      // Actuals may also be sent as the CSV file itself.
      if (route.request_schema == "ActualsInput")
        op["requestBody"]["content"]["text/csv"] = {{"schema", {{"type", "string"}}}};
    }
    json responses;
    json ok{{"description", "success"}};
    if (!route.response_schema.empty())
      ok["content"] = {{"application/json", {{"schema", ref(route.response_schema)}}}};
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
      responses["429"] = error_response(
          "too many failed sign-ins for this account or from this address: try again after "
          "the seconds in the Retry-After header");
    }
    op["responses"] = responses;
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[route.path][method] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "caremarket API"},
            {"version", "0.1.0"},
            {"description",
             "The shared register of the social care market: providers, services, places, "
             "vacancies, quality and prices. Every error body is {\"error\": {\"code\", \"message\"}}."}}},
          {"servers", {{{"url", "/"}}}},
          {"paths", paths},
          {"components",
           {{"schemas", schemas()}, {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

std::vector<Route> all_routes(AppContext& ctx) {
  std::vector<Route> routes;
  routes.push_back({"GET",
                    "/health",
                    "Is the server up, and how big is the register",
                    "system",
                    false,
                    {},
                    "",
                    "Health",
                    200,
                    [&ctx](Request&) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const int version, ctx.store.schema_version());
                      return Response{
                          200,
                          {{"status", "ok"}, {"services", ctx.market.service_count()}, {"schema_version", version}}};
                    }});
#define CAREMARKET_AREA(name) \
  for (auto& r : name##_routes(ctx)) routes.push_back(std::move(r));
#include "core/areas.inc"
#undef CAREMARKET_AREA
  // The document describes every route above and itself.
  routes.push_back(
      {"GET", "/api/openapi.json", "This API's OpenAPI 3 description", "system", false, {}, "", "", 200, nullptr});
  const auto document = std::make_shared<json>();
  routes.back().handler = [document](Request&) -> Result<Response> { return Response{200, *document}; };
  *document = openapi_document(routes);
  return routes;
}

}  // namespace caremarket::api
