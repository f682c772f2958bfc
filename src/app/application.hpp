#pragma once
// Every use case over one store and one clock, assembled in one place. The server, the
// CLI's in-process routes, the benchmarks and the fuzz targets open it; the
// API's routes and the web pages read their use cases from it.
#include <memory>

#include "app/accounts.hpp"
#include "app/allocation.hpp"
#include "app/brokerage.hpp"
#include "app/clock.hpp"
#include "app/contracts.hpp"
#include "app/invoices.hpp"
#include "app/market_intelligence.hpp"
#include "app/market_register.hpp"
#include "app/pricing.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct ApplicationConfig {
  AccountsConfig accounts;
  BrokerageConfig brokerage;
  allocation::Progress allocation_progress;  // the CLI's progress lines; empty elsewhere
  Clock clock;                               // the system's; tests set their own
};

class Application {
 public:
  // Loads the register into memory and checks the configuration.
  static Result<std::unique_ptr<Application>> open(storage::Store& store, std::shared_ptr<const Gazetteer> gazetteer,
                                                   ApplicationConfig config = {});
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

 private:
  Application(storage::Store& store, std::unique_ptr<MarketRegister> market, ApplicationConfig config);
  std::unique_ptr<MarketRegister> market_;  // owned here; `market` below names it

 public:
  const ApplicationConfig config;
  storage::Store& store;
  MarketRegister& market;
  Accounts accounts;
  Brokerage brokerage;
  Contracts contracts;
  Invoices invoices;
  Pricing pricing;
  Allocation allocation;
  MarketIntelligence intelligence;
};

}  // namespace caremarket::app
