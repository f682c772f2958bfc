// OpenAPI component schemas for the contracts routes.
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
json date() { return {{"type", "string"}, {"format", "date"}}; }
json integer(const std::string& description = "") {
  json s{{"type", "integer"}};
  if (!description.empty()) s["description"] = description;
  return s;
}
json boolean() { return {{"type", "boolean"}}; }
json string_enum(const std::vector<std::string>& values) { return {{"type", "string"}, {"enum", values}}; }
json money() { return {{"type", "object"}, {"properties", {{"amount_pence", integer()}, {"amount", str()}}}}; }
json array_of(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
json object(json properties, std::vector<std::string> required = {}, bool closed = false) {
  json o{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = required;
  if (closed) o["additionalProperties"] = false;
  return o;
}
}  // namespace

json contracts_schemas() {
  std::vector<std::string> kinds;
  for (const auto k : market::all_kinds_of_care()) kinds.emplace_back(to_string(k));
  const json models = string_enum({"spot", "block", "soft_block", "framework", "dynamic_market"});
  const json statuses = string_enum({"draft", "active", "suspended", "ended", "terminated"});
  const json input_properties{
      {"model", models},
      {"reference", str("the council's contract reference; unique")},
      {"title", str()},
      {"parties", array_of(object({{"council_id", integer()},
                                   {"share_bp", integer("share in basis points; an alliance's add up to 10000")},
                                   {"lead", boolean()}},
                                  {"council_id"}, true))},
      {"providers", array_of(integer())},
      {"services", array_of(object({{"service_id", integer()},
                                    {"committed", integer("block: places (or hours a week) committed at the service")}},
                                   {"service_id"}, true))},
      {"kinds", array_of(string_enum(kinds))},
      {"start", date()},
      {"end", date()},
      {"extension_options", integer()},
      {"extension_months", integer()},
      {"notice_days", integer()},
      {"price_unit", string_enum({"week", "hour"})},
      {"unit_price", str("block and spot: price per place a week (or per hour), e.g. \"1050.00\"")},
      {"unit_price_pence", integer()},
      {"band_mode", string_enum({"whole_volume", "marginal"})},
      {"bands",
       array_of(object({{"from_places", integer()}, {"weekly_price", str()}, {"weekly_price_pence", integer()}},
                       {"from_places"}, true))},
      {"committed", integer("soft block: the volume committed at the start")},
      {"flex", object({{"min", integer()}, {"max", integer()}}, {"min", "max"}, true)},
      {"max_step", integer("most one review may move the commitment (0: anywhere in the band)")},
      {"target_percent", integer("occupancy the proposed commitment aims at (50-100)")},
      {"review_weeks", integer()},
      {"change_rules", str()},
      {"price_bands", array_of(object({{"kind", string_enum(kinds)},
                                       {"unit", string_enum({"week", "hour"})},
                                       {"floor", str()},
                                       {"floor_pence", integer()},
                                       {"ceiling", str()},
                                       {"ceiling_pence", integer()}},
                                      {"kind"}, true))},
      {"call_off_method", string_enum({"direct_award", "mini_competition"})},
      {"membership_conditions", str()},
      {"notes", str()}};
  json s;
  s["ContractInput"] = object(input_properties, {"model", "reference", "title", "kinds", "start", "end"}, true);
  s["ContractPatch"] = object(input_properties, {}, true);
  json contract = input_properties;
  contract["id"] = integer();
  contract["status"] = statuses;
  contract["status_reason"] = str();
  contract["status_date"] = {{"type", "string"}, {"format", "date"}, {"nullable", true}};
  contract["unit_price"] = money();
  contract["bands"] = array_of(object({{"from_places", integer()}, {"weekly_price", money()}}));
  contract["price_bands"] =
      array_of(object({{"kind", str()}, {"unit", str()}, {"floor", money()}, {"ceiling", money()}}));
  contract["services"] =
      array_of(object({{"service_id", integer()}, {"provider_id", integer()}, {"committed", integer()}}));
  contract["extensions"] = array_of(object({{"number", integer()},
                                            {"from", date()},
                                            {"to", date()},
                                            {"reason", str()},
                                            {"taken_by", integer()},
                                            {"taken_at", str()}}));
  contract["extensions_left"] = integer();
  contract["members"] = array_of(object({{"provider_id", integer()},
                                         {"status", string_enum({"applied", "active", "suspended", "removed"})},
                                         {"applied_on", date()},
                                         {"joined_on", date()},
                                         {"suspended_on", date()},
                                         {"removed_on", date()},
                                         {"reason", str()}}));
  contract["synthetic"] = boolean();
  contract["created_at"] = str();
  contract["updated_at"] = str();
  s["Contract"] = object(contract);
  s["ContractList"] = object({{"items", array_of(ref("Contract"))}, {"total", integer()}});
  s["ContractStatusChange"] = object({{"status", statuses},
                                      {"date", date()},
                                      {"notice_given", date()},
                                      {"reason", str("required to suspend, end early or terminate")}},
                                     {"status"}, true);
  s["MemberChange"] = object({{"action", string_enum({"join", "suspend", "reinstate", "remove"})},
                              {"provider_id", integer("the council names the provider; a provider joining is itself")},
                              {"date", date()},
                              {"reason", str()}},
                             {"action"}, true);
  const json week = object({{"week_start", date()},
                            {"committed", integer()},
                            {"occupied", integer()},
                            {"voids", integer()},
                            {"overflow", integer()},
                            {"charge", money()},
                            {"void_cost", money()}});
  s["Utilisation"] = object({{"contract_id", integer()},
                             {"model", models},
                             {"band_mode", {{"type", "string"}, {"nullable", true}}},
                             {"unit", string_enum({"places", "hours"})},
                             {"occupancy_rule", str()},
                             {"weeks", array_of(week)},
                             {"totals", object({{"committed", integer()},
                                                {"occupied", integer()},
                                                {"voids", integer()},
                                                {"charge", money()},
                                                {"void_cost", money()},
                                                {"utilisation_percent", {{"type", "number"}}}})}});
  s["Review"] = object({{"id", integer()},
                        {"review_date", date()},
                        {"period_from", date()},
                        {"weeks", integer()},
                        {"current", integer()},
                        {"proposed", integer()},
                        {"average_occupied", {{"type", "number"}}},
                        {"utilisation_percent", {{"type", "number"}}},
                        {"proposal_reason", str()},
                        {"decision", string_enum({"accept", "other"})},
                        {"decided", integer()},
                        {"reason", str()},
                        {"decided_on", date()},
                        {"decided_by", integer()},
                        {"decided_at", str()}});
  s["Reviews"] = object({{"contract_id", integer()},
                         {"commitment_now", integer()},
                         {"rules", {{"type", "object"}}},
                         {"decided", array_of(ref("Review"))},
                         {"next",
                          {{"type", "object"},
                           {"nullable", true},
                           {"properties",
                            {{"review_date", date()},
                             {"provisional", boolean()},
                             {"period_from", date()},
                             {"weeks", integer()},
                             {"proposal", {{"type", "object"}, {"nullable", true}}}}}}}});
  s["ReviewDecision"] = object({{"review_date", date()},
                                {"decision", string_enum({"accept", "other"})},
                                {"commitment", integer("with 'other': the commitment decided, within the rules")},
                                {"reason", str("required with 'other'")},
                                {"decided_on", date()}},
                               {"review_date", "decision"}, true);
  return s;
}

}  // namespace caremarket::api
