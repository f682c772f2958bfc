// OpenAPI component schemas for the allocation routes.
#include <nlohmann/json.hpp>

namespace caremarket::api {
namespace {
using nlohmann::json;
json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
json str() { return {{"type", "string"}}; }
json integer() { return {{"type", "integer"}}; }
json number() { return {{"type", "number"}}; }
json boolean() { return {{"type", "boolean"}}; }
json ids() { return {{"type", "array"}, {"items", integer()}}; }
json object(json properties, std::vector<std::string> required = {}) {
  json o{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) {
    o["required"] = required;
    o["additionalProperties"] = false;
  }
  return o;
}
json score() {
  return object(
      {{"quality", number()}, {"price", number()}, {"distance", number()}, {"fit", number()}, {"total", number()}});
}
json option() {
  return object(
      {{"service_id", integer()},
       {"distance_miles", number()},
       {"place_kind", {{"type", "string"}, {"enum", {"spot", "block"}}}},
       {"block_places", integer()},
       {"price", {{"type", "object"}, {"nullable", true}}},
       {"score", score()},
       {"cost", {{"type", "integer"}, {"description", "integer cost units, 100 per score point, for all places"}}}});
}
}  // namespace

json allocation_schemas() {
  json s;
  s["AllianceInput"] = object({{"name", str()}, {"members", ids()}}, {"name", "members"});
  s["Alliance"] = object({{"id", integer()}, {"name", str()}, {"members", ids()}, {"created_at", str()}});
  s["AllianceList"] = object({{"items", {{"type", "array"}, {"items", ref("Alliance")}}}});
  s["AllocationInput"] =
      object({{"alliance_id",
               {{"type", "integer"},
                {"description", "an alliance the caller's council belongs to; omit for the council alone"}}},
              {"fairness", {{"type", "boolean"}, {"description", "council equity terms (default true)"}}},
              {"block_places",
               {{"type", "array"},
                {"description",
                 "extra committed places on top of those the councils' block and soft block contracts in force already "
                 "give (read from the contracts: committed less occupied, an alliance contract split by share)"},
                {"items", object({{"council_id", integer()}, {"service_id", integer()}, {"places", integer()}},
                                 {"service_id", "places"})}}}},
             {});
  s["AllocationInput"]["additionalProperties"] = false;
  s["ConfirmInput"] = object(
      {{"referrals",
        {{"type", "array"}, {"items", integer()}, {"description", "omit: every proposed match of your council"}}}});
  s["ProposedMatch"] = object(
      {{"referral_id", integer()},
       {"council_id", integer()},
       {"service_id", {{"type", "integer"}, {"nullable", true}}},
       {"provider_id", {{"type", "integer"}, {"nullable", true}}},
       {"places", integer()},
       {"status", {{"type", "string"}, {"enum", {"proposed", "unplaced", "sent", "stale"}}}},
       {"outcome", str()},
       {"explanation",
        object(
            {{"placed", boolean()},
             {"chosen", option()},
             {"next_best", option()},
             {"next_best_difference", integer()},
             {"unplaced_cost", integer()},
             {"unplaced_reason", str()},
             {"nearer",
              {{"type", "array"},
               {"items",
                object({{"service_id", integer()},
                        {"distance_miles", number()},
                        {"why", {{"type", "string"}, {"enum", {"excluded", "declined_before", "full", "higher_cost"}}}},
                        {"reason", str()},
                        {"message", str()},
                        {"taken_by", ids()},
                        {"extra_cost_at_least", integer()}})}}}})}});
  s["AllocationRun"] = object({{"id", integer()},
                               {"alliance_id", {{"type", "integer"}, {"nullable", true}}},
                               {"requested_by_council", integer()},
                               {"councils", ids()},
                               {"status", {{"type", "string"}, {"enum", {"proposed", "confirmed"}}}},
                               {"created_at", str()},
                               {"summary",
                                {{"type", "object"},
                                 {"description",
                                  "objective, optimal, lower_bound, fairness_repair, places_needed, places_placed, "
                                  "councils (shares of need, placements and distance; fair floor), stages (seconds)"}}},
                               {"matches", {{"type", "array"}, {"items", ref("ProposedMatch")}}}});
  s["AllocationRunList"] =
      object({{"items", {{"type", "array"}, {"items", ref("AllocationRun")}}}, {"total", integer()}});
  return s;
}

}  // namespace caremarket::api
