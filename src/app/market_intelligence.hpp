#pragma once
// Market intelligence use cases shared by the API and the CLI: the register
// turned into the figures commissioners act on. Built from public register
// facts only (who owns which services and places), so any signed-in user may
// read them.
#include <optional>
#include <string>

#include "app/access.hpp"
#include "intelligence/concentration.hpp"
#include "market/types.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct ConcentrationRequest {
  std::optional<market::KindOfCare> kind;      // all kinds when absent
  std::optional<std::string> council_code;     // an upper-tier ONS code; England when absent
  bool active_only = true;                     // leave out suspended and dormant services
};

struct MarketConcentration {
  ConcentrationRequest request;
  std::string area;  // "England" or the council's name
  intelligence::Concentration figures;
};

// Owners are the registered providers (CQC's provider, Ofsted's owning organisation).
Result<MarketConcentration> market_concentration(storage::Store& store, const Caller& caller,
                                                 const ConcentrationRequest& request);

}  // namespace caremarket::app
