// OpenAPI component schemas for the invoice routes.
#include <nlohmann/json.hpp>

namespace caremarket::api {
namespace {
using nlohmann::json;
json ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }
json str() { return {{"type", "string"}}; }
json date() { return {{"type", "string"}, {"format", "date"}}; }
json nullable_date() { return {{"type", "string"}, {"format", "date"}, {"nullable", true}}; }
json integer() { return {{"type", "integer"}}; }
json nullable_integer() { return {{"type", "integer"}, {"nullable", true}}; }
json boolean() { return {{"type", "boolean"}}; }
json money() {
  return {{"type", "object"},
          {"description", "exact pence, and the same as pounds and pence text"},
          {"properties", {{"amount_pence", integer()}, {"amount", str()}}}};
}
json strings(std::vector<std::string> values) { return {{"type", "string"}, {"enum", std::move(values)}}; }
json object(json properties, std::vector<std::string> required = {}) {
  json o{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) {
    o["required"] = required;
    o["additionalProperties"] = false;
  }
  return o;
}
json array_of(json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
}  // namespace

json invoices_schemas() {
  json s;
  s["GenerateInvoiceInput"] =
      object({{"provider_id", integer()},
              {"council_id",
               {{"type", "integer"}, {"description", "the operator names the council; a council invoices for itself"}}},
              {"period_start", {{"type", "string"}, {"format", "date"}, {"description", "must fall on week_starts"}}},
              {"cadence", strings({"weekly", "four_weekly"})},
              {"week_starts", {{"type", "string"}, {"description", "the weekday periods start on (default monday)"}}},
              {"payment_terms", {{"type", "string"}, {"description", "\"30 days\" (default) or \"20 working days\""}}},
              {"adjustments",
               array_of(object(
                   {{"reason", str()}, {"amount", str()}, {"amount_pence", integer()}, {"placement_id", integer()}},
                   {"reason"}))}},
             {"provider_id", "period_start"});
  s["IssueInvoiceInput"] = object({{"invoice_date", date()}});
  s["ActualsInput"] = object({{"csv",
                               {{"type", "string"},
                                {"description",
                                 "the actuals file: a header row with placement_id, contract_id (optional), from, to, "
                                 "days and amount; or send the CSV itself as the body (Content-Type: text/csv)"}}}},
                             {"csv"});
  s["PaymentInput"] =
      object({{"paid_on", date()}, {"amount", str()}, {"amount_pence", integer()}, {"reference", str()}},
             {"paid_on", "reference"});
  s["InvoiceLine"] = object(
      {{"kind", strings({"placement", "commitment", "above_commitment", "voids", "adjustment"})},
       {"placement_id", nullable_integer()},
       {"contract_id", nullable_integer()},
       {"from", date()},
       {"to", date()},
       {"days", integer()},
       {"places", {{"type", "integer"}, {"description", "voids: void place-days"}}},
       {"from_place", integer()},
       {"to_place", integer()},
       {"weekly_price", money()},
       {"amount", money()},
       {"in_total", {{"type", "boolean"}, {"description", "false for voids: already paid inside the commitment"}}},
       {"within_block", boolean()},
       {"band_mode",
        {{"type", "string"},
         {"enum", {"whole_volume", "marginal"}},
         {"description",
          "commitment, above_commitment and voids lines: how the contract's cost:volume "
          "schedule applied (the whole volume at the band reached, or each place at its "
          "own band's price)"}}},
       {"note", {{"type", "string"}, {"description", "how the line was worked out"}}}});
  s["Invoice"] =
      object({{"id", integer()},
              {"provider_id", integer()},
              {"council_id", integer()},
              {"period", object({{"start", date()},
                                 {"end", date()},
                                 {"cadence", strings({"weekly", "four_weekly"})},
                                 {"days", integer()}})},
              {"status", strings({"draft", "issued", "disputed", "paid"})},
              {"payment_terms", str()},
              {"invoice_date", nullable_date()},
              {"due_date", nullable_date()},
              {"total", money()},
              {"paid", money()},
              {"outstanding", money()},
              {"lines", array_of(ref("InvoiceLine"))},
              {"payments", array_of(object({{"id", integer()},
                                            {"paid_on", date()},
                                            {"amount", money()},
                                            {"reference", str()},
                                            {"recorded_at", {{"type", "string"}, {"format", "date-time"}}}}))},
              {"replaced_draft", boolean()}});
  s["InvoiceList"] = object({{"items", array_of(ref("Invoice"))}, {"total", integer()}});
  s["Reconciliation"] = object(
      {{"id", integer()},
       {"invoice_id", integer()},
       {"uploaded_at", {{"type", "string"}, {"format", "date-time"}}},
       {"agrees", boolean()},
       {"rows_read", integer()},
       {"matched", integer()},
       {"our_charges", money()},
       {"our_adjustments", money()},
       {"our_total", money()},
       {"their_total", money()},
       {"difference", money()},
       {"ignored_columns", array_of(str())},
       {"bad_rows", array_of(object({{"line", integer()}, {"reason", str()}}))},
       {"differences", array_of(object({{"kind", strings({"missing_on_our_side", "missing_on_their_side", "days_differ",
                                                          "amount_differs", "unknown_placement", "unknown_contract"})},
                                        {"placement_id", nullable_integer()},
                                        {"contract_id", nullable_integer()},
                                        {"our_days", integer()},
                                        {"their_days", integer()},
                                        {"ours", money()},
                                        {"theirs", money()},
                                        {"difference", money()},
                                        {"lines", array_of(integer())},
                                        {"explanation", str()}}))}});
  s["Timeliness"] =
      object({{"council_id", integer()},
              {"provider_id", nullable_integer()},
              {"as_of", date()},
              {"counted", integer()},
              {"on_time", integer()},
              {"late", integer()},
              {"overdue", integer()},
              {"not_yet_due", integer()},
              {"rate_basis_points", nullable_integer()},
              {"rate_percent", {{"type", "string"}, {"nullable", true}}},
              {"average_days_late", integer()},
              {"outstanding", money()},
              {"invoices", array_of(object({{"invoice_id", integer()},
                                            {"outcome", strings({"on_time", "late", "overdue", "not_yet_due"})},
                                            {"paid_on", nullable_date()},
                                            {"days_late", integer()},
                                            {"outstanding", money()}}))}});
  return s;
}

}  // namespace caremarket::api
