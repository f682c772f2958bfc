#pragma once
// Prices in JSON: reading price model, block sizing and fee review inputs
// strictly, and writing their results. Money is {amount_pence, amount};
// percentages and hours are two-decimal strings ("12.07", "26.00").
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/fee_review_figures.hpp"
#include "core/result.hpp"
#include "pricing/block_sizing.hpp"
#include "pricing/fee_review.hpp"
#include "pricing/price_templates.hpp"

namespace caremarket::api {

// A model as given: a template with parameters (defaults for any left out),
// or the cost lines themselves. `where` prefixes field names in errors.
using ModelInput = pricing::ModelSpec;
Result<ModelInput> model_input(const nlohmann::json& value, const std::string& where);
using PricedModel = pricing::PricedModel;

nlohmann::json money_json(Money m);
nlohmann::json to_json(const pricing::TemplateParameters& parameters);
nlohmann::json to_json(const PricedModel& model);
nlohmann::json template_json(pricing::TemplateKind kind);
nlohmann::json lines_json(const std::vector<pricing::CostLine>& lines);  // the input form, for storage and echo
nlohmann::json to_json(const std::vector<pricing::LineDifference>& differences);

Result<pricing::BlockSizingInput> block_sizing_input(const std::string& body);
nlohmann::json to_json(const pricing::BlockSizingAdvice& advice, const pricing::BlockSizingInput& input);

struct FeeReviewRequest {
  pricing::FeeReviewInput input;
  std::vector<std::optional<std::pair<Money, int>>> weekly;  // per contract: weekly price and places, when given
  // Per contract: read from the store by its id ('contract_id'), and then
  // the figures read; whether the KPI score was given.
  std::vector<bool> stored;
  std::vector<std::optional<app::ContractFeeFigures>> figures;
  std::vector<bool> kpi_given;
  std::optional<Date> as_of;  // the day stored contracts are read as of (default today)
};
// Fills each contract named by 'contract_id' from the store, as of `on`.
Status read_stored_contracts(FeeReviewRequest& request, storage::Store& store, const app::Caller& caller, Date on);
Result<FeeReviewRequest> fee_review_input(const std::string& body);
nlohmann::json to_json(const pricing::FeeReviewResult& result, const FeeReviewRequest& request);

}  // namespace caremarket::api
