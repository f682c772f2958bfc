#pragma once
// Route tables, one function per area of the API.
#include <vector>

#include "api/router.hpp"
#include "app/accounts.hpp"
#include "app/allocation.hpp"
#include "app/brokerage.hpp"
#include "app/contracts.hpp"
#include "app/invoices.hpp"
#include "app/market_register.hpp"
#include "storage/store.hpp"

namespace caremarket::api {

struct AppContext {
  storage::Store& store;
  app::Accounts& accounts;
  app::MarketRegister& market;
  app::Brokerage& brokerage;
  app::Contracts& contracts;
  app::Invoices& invoices;
  app::Allocation& allocation;
};

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
