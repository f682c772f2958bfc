#pragma once
// How the register's values look in JSON. One function per value, used by
// every route and by the CLI's --json output.
#include <nlohmann/json.hpp>

#include "app/market_register.hpp"
#include "app/register_import.hpp"
#include "storage/store.hpp"

namespace caremarket::api {

nlohmann::json to_json(const app::ServiceView& view);
nlohmann::json to_json(const market::Organisation& organisation);
nlohmann::json to_json(const market::PriceEntry& price);
nlohmann::json to_json(const std::vector<market::PriceEntry>& prices);
nlohmann::json to_json(const storage::User& user);
nlohmann::json to_json(const app::SearchResult& result);
nlohmann::json to_json(const app::ImportSummary& summary);

}  // namespace caremarket::api
