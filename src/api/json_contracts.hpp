#pragma once
// Contracts in JSON: reading a contract's input strictly, and one to_json
// per value, shared by the routes and the CLI.
#include <nlohmann/json.hpp>

#include "app/contracts.hpp"

namespace caremarket::api {

// The body of POST /api/contracts (and, merged over the stored contract,
// of PATCH): every field checked, errors naming it.
Result<storage::Contract> contract_from_json(const nlohmann::json& body);
// The stored contract in the same shape, so a PATCH can be merged over it.
nlohmann::json contract_input_json(const storage::Contract& contract);
const std::vector<std::string>& contract_input_fields();

nlohmann::json to_json(const storage::Contract& contract);
nlohmann::json to_json(const app::Utilisation& utilisation);
nlohmann::json to_json(const storage::CommitmentReview& review);
nlohmann::json to_json(const app::ReviewsView& view);

}  // namespace caremarket::api
