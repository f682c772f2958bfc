#pragma once
// Prices in JSON: reading price model, block sizing and fee review inputs
// strictly, and writing their results. Money is {amount_pence, amount};
// percentages and hours are two-decimal strings ("12.07", "26.00").
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/pricing.hpp"
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

using app::FeeReviewRequest;
Result<FeeReviewRequest> fee_review_input(const std::string& body);
nlohmann::json to_json(const pricing::FeeReviewResult& result, const FeeReviewRequest& request);

}  // namespace caremarket::api
