#pragma once
// Market intelligence as JSON: the API's body and the CLI's --json.
#include <nlohmann/json.hpp>

#include "app/market_intelligence.hpp"

namespace caremarket::api {

// The figures with the request's `top` largest owners listed.
nlohmann::json to_json(const app::MarketConcentration& result);
nlohmann::json to_json(const storage::OwnershipGroup& group);

}  // namespace caremarket::api
