#pragma once
// Route tables, one function per area of the API.
#include <vector>

#include "api/router.hpp"
#include "app/application.hpp"

namespace caremarket::api {

// The routes read their use cases from the one assembled application.
using AppContext = app::Application;

std::vector<Route> account_routes(AppContext& ctx);
std::vector<Route> service_routes(AppContext& ctx);
std::vector<Route> organisation_routes(AppContext& ctx);
std::vector<Route> brokerage_routes(AppContext& ctx);
std::vector<Route> contract_routes(AppContext& ctx);
std::vector<Route> invoice_routes(AppContext& ctx);
std::vector<Route> pricing_routes(AppContext& ctx);
std::vector<Route> allocation_routes(AppContext& ctx);
// Every route, including /health and /api/openapi.json.
std::vector<Route> all_routes(AppContext& ctx);

nlohmann::json openapi_document(const std::vector<Route>& routes);

}  // namespace caremarket::api
