#include "app/application.hpp"

namespace caremarket::app {

Result<std::unique_ptr<Application>> Application::open(storage::Store& store,
                                                       std::shared_ptr<const Gazetteer> gazetteer,
                                                       ApplicationConfig config) {
  CM_TRY_STATUS(config.accounts.validate());
  CM_ASSIGN_OR_RETURN(auto market, MarketRegister::open(store, std::move(gazetteer), config.clock));
  return std::unique_ptr<Application>(new Application(store, std::move(market), std::move(config)));
}

Application::Application(storage::Store& store_in, std::unique_ptr<MarketRegister> market_in,
                         ApplicationConfig config_in)
    : market_(std::move(market_in)),
      config(std::move(config_in)),
      store(store_in),
      market(*market_),
      accounts(store, config.accounts, config.clock),
      brokerage(store, market, config.brokerage, config.clock),
      contracts(store, config.clock),
      invoices(store, config.clock),
      pricing(store, config.clock),
      allocation(store, market, brokerage, config.allocation_progress, config.clock),
      intelligence(store, config.clock) {}

}  // namespace caremarket::app
