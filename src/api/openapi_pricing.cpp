// OpenAPI component schemas for the price routes.
#include <nlohmann/json.hpp>

#include "market/types.hpp"

namespace caremarket::api {
namespace {
using nlohmann::json;
json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
json str(const std::string& description = "") {
  json s{{"type", "string"}};
  if (!description.empty()) s["description"] = description;
  return s;
}
json integer() { return {{"type", "integer"}}; }
json boolean() { return {{"type", "boolean"}}; }
json money() { return {{"type", "object"}, {"properties", {{"amount_pence", integer()}, {"amount", str()}}}}; }
json decimal(const std::string& what) { return str(what + ", at most two decimals, e.g. \"12.07\""); }
json array_of(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
json object(json properties, std::vector<std::string> required = {}, bool closed = true) {
  json o{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = required;
  if (closed) o["additionalProperties"] = false;
  return o;
}
json open_object(json properties) { return object(std::move(properties), {}, false); }
}  // namespace

json pricing_schemas() {
  std::vector<std::string> kinds;
  for (const auto k : market::all_kinds_of_care()) kinds.emplace_back(to_string(k));
  const json line_kind{{"type", "string"}, {"enum", {"fixed", "quantity_rate", "percent_of_pay", "percent_of_price"}}};
  json s;
  s["CostLineInput"] = object({{"name", str()},
                               {"kind", line_kind},
                               {"amount", str("fixed: pounds per unit, e.g. \"42.00\"")},
                               {"rate", str("quantity_rate: pounds per unit of quantity, e.g. \"12.21\"")},
                               {"quantity", decimal("quantity_rate: e.g. hours per resident week")},
                               {"percent", decimal("percent_of_pay or percent_of_price: a percentage")},
                               {"is_pay", boolean()}},
                              {"name", "kind"});
  s["PriceModelInput"] = object(
      {{"template", {{"type", "string"}, {"enum", {"care_home", "home_care"}}}},
       {"parameters",
        {{"type", "object"},
         {"description", "parameter name to value as a string (\"12.21\"); any left out take the template's default"},
         {"additionalProperties", {{"type", "string"}}}}},
       {"lines", array_of(ref("CostLineInput"))}});
  s["PricedLine"] = open_object({{"name", str()},
                                 {"kind", line_kind},
                                 {"amount", money()},
                                 {"basis", str("how it was worked out")},
                                 {"percent", str()},
                                 {"quantity", str()},
                                 {"rate", money()},
                                 {"is_pay", boolean()}});
  s["PricedModel"] = open_object({{"template", str()},
                                  {"unit", {{"type", "string"}, {"enum", {"week", "hour"}}}},
                                  {"parameters", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}},
                                  {"lines", array_of(ref("PricedLine"))},
                                  {"pay", money()},
                                  {"price", money()}});
  s["PriceTemplate"] = open_object(
      {{"template", str()},
       {"unit", str()},
       {"description", str()},
       {"parameters", array_of(open_object(
                          {{"name", str()},
                           {"unit", {{"type", "string"}, {"enum", {"pence", "hundredths", "basis_points", "count"}}}},
                           {"default", str()},
                           {"min", str()},
                           {"max", str()},
                           {"label", str()},
                           {"source", str("where the default comes from")}}))}});
  s["PriceTemplateList"] = open_object({{"items", array_of(ref("PriceTemplate"))}});
  s["BlockSizingInput"] = object(
      {{"demand", object({{"mean", {{"type", "number"}}},
                          {"spread", {{"type", "number"}}},
                          {"weeks",
                           {{"type", "integer"},
                            {"description", "samples drawn from the normal forecast (10-1,000, default 200)"}}},
                          {"samples", array_of(integer())}})},
       {"spot_price", str("pounds per place per week")},
       {"short_supply_above",
        {{"type", "integer"}, {"description", "weeks with more demand than this pay the spot premium"}}},
       {"spot_premium", decimal("percent on spot places in short weeks")},
       {"block_schedule",
        object({{"mode", {{"type", "string"}, {"enum", {"whole_volume", "marginal"}}}},
                {"bands", array_of(object({{"from", integer()}, {"price", str()}}, {"from", "price"}))}},
               {"bands"})},
       {"void_cost", str("the council's own cost of each empty committed place a week")},
       {"soft_flex", {{"type", "integer"}, {"description", "soft block: paid places may move this far either side"}}}},
      {"demand", "spot_price", "block_schedule"});
  const json strategy =
      open_object({{"strategy", {{"type", "string"}, {"enum", {"spot_only", "rigid_block", "soft_block"}}}},
                   {"commitment", integer()},
                   {"expected_weekly", money()},
                   {"p90_weekly", money()},
                   {"expected_saving_on_spot", money()}});
  s["BlockSizingAdvice"] = open_object(
      {{"strategies", array_of(strategy)},
       {"best", str()},
       {"soft_flex", integer()},
       {"demand", open_object({{"weeks", integer()}, {"mean_places", str()}, {"most_places", integer()}})}});
  s["FeeReviewInput"] = object(
      {{"envelope", str("the most the uplifts may add in a year, pounds")},
       {"nlw_change", decimal("change in the National Living Wage, %")},
       {"cpi", decimal("CPI inflation, %")},
       {"as_of",
        {{"type", "string"},
         {"format", "date"},
         {"description", "the day contracts given by 'contract_id' are read as of (default today)"}}},
       {"contracts",
        array_of(object({{"id", integer()},
                         {"contract_id",
                          {{"type", "integer"},
                           {"description",
                            "a stored contract of the caller's council, instead of 'id' and its "
                            "figures: its weekly price and places (a block's price and commitment, a "
                            "soft block's commitment under its schedule, or the call-offs in force) "
                            "and the lowest rating of its services on the register; no KPI "
                            "performance is stored, so give 'kpi_score' (default 50)"}}},
                         {"annual_spend", str()},
                         {"weekly_price", str()},
                         {"places", integer()},
                         {"rating",
                          {{"type", "string"},
                           {"enum", {"not_rated", "inadequate", "requires_improvement", "good", "outstanding"}}}},
                         {"kpi_score", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}}},
                         {"pay_share", decimal("share of costs that is pay, %")}},
                        {}))}},
      {"envelope", "nlw_change", "cpi", "contracts"});
  s["FeeReview"] = open_object(
      {{"contracts",
        array_of(open_object(
            {{"id", integer()},
             {"annual_spend", money()},
             {"cost_pressure", money()},
             {"quality_weight", str()},
             {"uplift", money()},
             {"uplift_percent", str()},
             {"flat_uplift", money()},
             {"difference_from_flat", money()},
             {"weekly_price", money()},
             {"new_weekly_price", money()},
             {"places", integer()},
             {"contract_id", integer()},
             {"from_store",
              open_object({{"price", str()}, {"rating", str()}, {"rating_from", str()}, {"kpi", str()}})}}))},
       {"total", money()},
       {"envelope", money()},
       {"envelope_binding", boolean()},
       {"unspent", money()},
       {"flat_uplift_percent", str()}});
  s["CouncilPriceModelInput"] =
      object({{"kind", {{"type", "string"}, {"enum", kinds}}},
              {"effective_from", {{"type", "string"}, {"format", "date"}}},
              {"template", {{"type", "string"}, {"enum", {"care_home", "home_care"}}}},
              {"parameters", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}},
              {"lines", array_of(ref("CostLineInput"))},
              {"note", str()}},
             {"kind", "effective_from"});
  s["CouncilPriceModelsInput"] = object({{"models", array_of(ref("CouncilPriceModelInput"))}}, {"models"});
  s["CouncilPriceModel"] = open_object({{"id", integer()},
                                        {"council_id", integer()},
                                        {"kind", str()},
                                        {"effective_from", {{"type", "string"}, {"format", "date"}}},
                                        {"note", str()},
                                        {"synthetic", boolean()},
                                        {"current", boolean()},
                                        {"model", ref("PricedModel")}});
  s["CouncilPriceModelList"] = open_object({{"items", array_of(ref("CouncilPriceModel"))}});
  s["OpenBookInput"] = object({{"template", {{"type", "string"}, {"enum", {"care_home", "home_care"}}}},
                               {"parameters", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}},
                               {"lines", array_of(ref("CostLineInput"))},
                               {"effective_from", {{"type", "string"}, {"format", "date"}}},
                               {"note", str()}},
                              {"effective_from"});
  s["OpenBookSubmission"] = open_object({{"id", integer()},
                                         {"service_id", integer()},
                                         {"provider_id", integer()},
                                         {"effective_from", {{"type", "string"}, {"format", "date"}}},
                                         {"note", str()},
                                         {"submitted_at", {{"type", "string"}, {"format", "date-time"}}},
                                         {"synthetic", boolean()},
                                         {"model", ref("PricedModel")}});
  s["OpenBookList"] = open_object({{"items", array_of(ref("OpenBookSubmission"))}});
  s["PriceExplanation"] = open_object(
      {{"council_id", integer()},
       {"service_id", integer()},
       {"kind", str()},
       {"unit", str()},
       {"model_price", money()},
       {"offer_price", money()},
       {"difference", money()},
       {"direction", {{"type", "string"}, {"enum", {"above", "below", "same"}}}},
       {"lines",
        array_of(open_object(
            {{"name", str()}, {"model", money()}, {"offer", money()}, {"difference", money()}, {"direction", str()}}))},
       {"open_book_price", money()},
       {"not_explained_by_lines", money()},
       {"note", str()}});
  return s;
}

}  // namespace caremarket::api
