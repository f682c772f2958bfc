#pragma once
// Route tables, one function per area of the API.
#include <vector>

#include "api/router.hpp"
#include "app/application.hpp"

namespace caremarket::api {

// The routes read their use cases from the one assembled application.
using AppContext = app::Application;

// Each area's routes (routes_<area>.cpp) and component schemas
// (openapi_<area>.cpp), declared from the one list of areas.
#define CAREMARKET_AREA(name)                        \
  std::vector<Route> name##_routes(AppContext& ctx); \
  nlohmann::json name##_schemas();
#include "core/areas.inc"
#undef CAREMARKET_AREA

// Parts of the register area (routes_services.cpp, routes_organisations.cpp).
std::vector<Route> service_routes(AppContext& ctx);
std::vector<Route> organisation_routes(AppContext& ctx);
// Every route, including /health and /api/openapi.json.
std::vector<Route> all_routes(AppContext& ctx);

nlohmann::json openapi_document(const std::vector<Route>& routes);

}  // namespace caremarket::api
