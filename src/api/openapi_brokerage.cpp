// OpenAPI component schemas for the brokerage routes.
#include <nlohmann/json.hpp>

#include "market/types.hpp"

namespace caremarket::api {
namespace {
using nlohmann::json;
json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
json str() { return {{"type", "string"}}; }
json integer() { return {{"type", "integer"}}; }
json boolean() { return {{"type", "boolean"}}; }
json money() {
  return {{"type", "object"}, {"nullable", true}, {"properties", {{"amount_pence", integer()}, {"amount", str()}}}};
}
json object(json properties, std::vector<std::string> required = {}) {
  json o{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) {
    o["required"] = required;
    o["additionalProperties"] = false;
  }
  return o;
}
json list_of(const std::string& name) { return object({{"items", {{"type", "array"}, {"items", ref(name)}}}}); }
}  // namespace

json brokerage_schemas() {
  std::vector<std::string> kinds;
  for (const auto k : market::all_kinds_of_care()) kinds.emplace_back(to_string(k));
  json s;
  s["ReferralInput"] = object(
      {{"kind", {{"type", "string"}, {"enum", kinds}, {"description", "adults: the kind of care"}}},
       {"pds",
        {{"type", "object"},
         {"description",
          "children: a Placements Data Standard v2 referral (PlacementAvailability, "
          "PlacementRequirements, PlacementRecommendation, Risks), validated against the standard"}}},
       {"age", integer()},
       {"needs", {{"type", "array"}, {"items", {{"type", "string"}, {"enum", market::known_needs()}}}}},
       {"hours_per_week", integer()},
       {"home_postcode", {{"type", "string"}, {"description", "full postcode; providers see only its district"}}},
       {"preferred_authority", str()},
       {"need_level", {{"type", "string"}, {"enum", market::known_need_levels()}}},
       {"budget_ceiling_pence", integer()},
       {"budget_ceiling", str()},
       {"needed_by", {{"type", "string"}, {"format", "date"}}},
       {"urgent", boolean()},
       {"max_distance_miles", integer()},
       {"min_rating", {{"type", "string"}, {"enum", {"inadequate", "requires_improvement", "good", "outstanding"}}}},
       {"inadequate_override_reason", str()},
       {"person", object({{"name", str()},
                          {"date_of_birth", {{"type", "string"}, {"format", "date"}}},
                          {"nhs_number", str()},
                          {"council_child_id", str()}},
                         {"name"})}},
      {"age", "home_postcode", "person"});
  s["Referral"] =
      object({{"id", integer()},
              {"status", {{"type", "string"}, {"enum", {"draft", "sent", "offers", "awarded", "withdrawn", "closed"}}}},
              {"kinds", {{"type", "array"}, {"items", str()}}},
              {"age", integer()},
              {"age_band", {{"type", "string"}, {"description", "in the provider's view, instead of the age"}}},
              {"home_district", str()},
              {"deadline", {{"type", "string"}, {"format", "date-time"}, {"nullable", true}}},
              {"weights", ref("Weights")},
              {"recipients", {{"type", "array"}, {"items", {{"type", "object"}}}}},
              {"offers", {{"type", "array"}, {"items", ref("Offer")}}},
              {"placement", ref("Placement")},
              {"person", ref("PersonalDetails")}});
  s["ReferralList"] = list_of("Referral");
  s["Weights"] = object({{"quality", integer()}, {"price", integer()}, {"distance", integer()}, {"fit", integer()}},
                        {"quality", "price", "distance"});
  s["Score"] = object({{"quality", {{"type", "number"}}},
                       {"price", {{"type", "number"}}},
                       {"distance", {{"type", "number"}}},
                       {"fit", {{"type", "number"}}},
                       {"total", {{"type", "number"}}}});
  s["Matches"] = object({{"weights", ref("Weights")},
                         {"reference_price", money()},
                         {"eligible",
                          {{"type", "array"},
                           {"items", object({{"service_id", integer()},
                                             {"distance_miles", {{"type", "number"}}},
                                             {"price", money()},
                                             {"score", ref("Score")}})}}},
                         {"excluded",
                          {{"type", "array"},
                           {"items", object({{"service_id", integer()},
                                             {"reason", str()},
                                             {"message", str()},
                                             {"distance_miles", {{"type", "number"}}}})}}}});
  s["OfferInput"] = object({{"service_id", integer()},
                            {"price_pence", integer()},
                            {"price", str()},
                            {"start_date", {{"type", "string"}, {"format", "date"}}},
                            {"conditions", str()}},
                           {"service_id", "start_date"});
  s["Offer"] = object({{"id", integer()},
                       {"service_id", integer()},
                       {"price", money()},
                       {"unit", str()},
                       {"start_date", str()},
                       {"conditions", str()},
                       {"status", str()},
                       {"feedback", str()},
                       {"score", ref("Score")}});
  s["OfferRanking"] = object({{"weights", ref("Weights")},
                              {"reference_price", money()},
                              {"offers", {{"type", "array"}, {"items", ref("Offer")}}}});
  s["DeclineInput"] = object({{"service_id", integer()}, {"reason", str()}}, {"service_id", "reason"});
  s["ReasonInput"] = object({{"reason", str()}}, {"reason"});
  s["AwardInput"] = object({{"offer_id", integer()},
                            {"reason", str()},
                            {"preferred_location", boolean()},
                            {"education_continuity", boolean()},
                            {"siblings_placed_together", integer()}},
                           {"offer_id"});
  s["Placement"] =
      object({{"id", integer()},
              {"referral_id", integer()},
              {"service_id", integer()},
              {"start_date", str()},
              {"weekly_cost", money()},
              {"status", str()},
              {"end_date", {{"type", "string"}, {"nullable", true}}},
              {"end_reason", str()},
              {"preferred_location", boolean()},
              {"education_continuity", boolean()},
              {"siblings_placed_together", integer()},
              {"placement_type", str()},
              {"call_off",
               object({{"model",
                        {{"type", "string"}, {"enum", {"spot", "block", "soft_block", "framework", "dynamic_market"}}}},
                       {"contract_id", {{"type", "integer"}, {"nullable", true}}},
                       {"reason", {{"type", "string"}, {"description", "why this contract (or spot)"}}}})}});
  s["PlacementList"] = list_of("Placement");
  s["EndPlacementInput"] =
      object({{"end_date", {{"type", "string"}, {"format", "date"}}},
              {"reason", {{"type", "string"}, {"enum", {"planned_move", "disruption", "died", "moved_away"}}}}},
             {"end_date", "reason"});
  s["PersonalDetails"] = object({{"name", str()},
                                 {"date_of_birth", str()},
                                 {"nhs_number", str()},
                                 {"council_child_id", str()},
                                 {"home_postcode", str()}});
  s["HistoryEntry"] = object({{"id", integer()},
                              {"at", str()},
                              {"actor_user_id", integer()},
                              {"action", str()},
                              {"detail", {{"type", "object"}}}});
  s["History"] = list_of("HistoryEntry");
  s["Notification"] = object({{"id", integer()},
                              {"kind", str()},
                              {"referral_id", integer()},
                              {"message", str()},
                              {"created_at", str()},
                              {"read", boolean()}});
  s["Inbox"] = list_of("Notification");
  s["Settings"] = object({{"weights", ref("Weights")}});
  return s;
}

}  // namespace caremarket::api
