#include "api/json_input.hpp"
#include "api/json_invoices.hpp"
#include "api/routes.hpp"
#include "core/text.hpp"

namespace caremarket::api {
namespace {
using nlohmann::json;

Result<Money> amount_field(const JsonObject& in, const std::string& where, bool allow_negative) {
  const std::int64_t floor = allow_negative ? -100'000'000 : 1;
  CM_ASSIGN_OR_RETURN(const auto pence, in.integer("amount_pence", floor, 100'000'000));
  CM_ASSIGN_OR_RETURN(const auto text, in.text("amount", 20));
  const std::string field = where.empty() ? "amount" : where + ".amount";
  if (pence && text) return Error::invalid("give 'amount_pence' or 'amount', not both", field);
  if (pence) return Money::from_pence(*pence);
  if (!text) return Error::invalid("'amount' is required, in pounds and pence such as \"1050.50\"", field);
  auto m = Money::parse(*text);
  if (!m) return Error::invalid(m.error().message, field);
  if (!allow_negative && m->pence() <= 0) return Error::invalid("the amount must be more than £0.00", field);
  if (m->pence() < floor || m->pence() > 100'000'000) return Error::invalid("the amount is beyond £1,000,000", field);
  return *m;
}

Result<app::GenerateInvoiceInput> generate_input(const std::string& body) {
  CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(body, {"provider_id", "council_id", "period_start", "cadence",
                                                              "week_starts", "payment_terms", "adjustments"}));
  app::GenerateInvoiceInput g;
  CM_ASSIGN_OR_RETURN(g.provider_id, in.required_integer("provider_id", 1, 1'000'000'000'000));
  CM_ASSIGN_OR_RETURN(const auto council, in.integer("council_id", 1, 1'000'000'000'000));
  g.council_id = council;
  CM_ASSIGN_OR_RETURN(const auto start, in.date("period_start"));
  if (!start) return Error::invalid("'period_start' is required (YYYY-MM-DD)", "period_start");
  g.period_start = *start;
  CM_ASSIGN_OR_RETURN(const auto cadence, in.text("cadence", 20));
  if (cadence) {
    const auto c = invoicing::cadence_from(*cadence);
    if (!c) return Error::invalid("'cadence' is weekly or four_weekly", "cadence");
    g.cadence = *c;
  }
  CM_ASSIGN_OR_RETURN(const auto week_starts, in.text("week_starts", 20));
  if (week_starts) g.week_starts = *week_starts;
  CM_ASSIGN_OR_RETURN(const auto terms, in.text("payment_terms", 40));
  if (terms) g.payment_terms = *terms;
  std::vector<json> adjustments;
  if (in.has("adjustments")) { CM_ASSIGN_OR_RETURN(adjustments, in.array("adjustments", 100)); }
  for (std::size_t i = 0; i < adjustments.size(); ++i) {
    const std::string where = "adjustments[" + std::to_string(i) + "]";
    CM_ASSIGN_OR_RETURN(const auto a,
                        JsonObject::from(adjustments[i], {"reason", "amount", "amount_pence", "placement_id"}, where));
    invoicing::Adjustment adj;
    CM_ASSIGN_OR_RETURN(adj.reason, a.required_text("reason", 500));
    CM_ASSIGN_OR_RETURN(adj.amount, amount_field(a, where, true));
    CM_ASSIGN_OR_RETURN(adj.placement_id, a.integer("placement_id", 1, 1'000'000'000'000));
    g.adjustments.push_back(adj);
  }
  return g;
}

// The actuals CSV itself, or {"csv": "..."} for clients that only send JSON.
Result<std::string> actuals_text(const std::string& body) {
  const auto text = trim(body);
  if (text.empty()) return Error::invalid("send the actuals CSV as the body (or {\"csv\": \"...\"})", "csv");
  if (text.front() != '{') return body;
  CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(body, {"csv"}));
  CM_ASSIGN_OR_RETURN(const auto csv, in.text("csv", 5'000'000));
  if (!csv) return Error::invalid("'csv' is required: the actuals file's text", "csv");
  return *csv;
}

Result<std::optional<std::int64_t>> id_param(const Request& req, const std::string& name) {
  CM_ASSIGN_OR_RETURN(const auto text, req.param(name));
  if (!text) return std::optional<std::int64_t>{};
  const auto n = parse_integer(*text);
  if (!n || *n < 1) return Error::invalid("'" + name + "' is a record id", name);
  return std::optional<std::int64_t>{*n};
}

Result<std::optional<Date>> date_param(const Request& req, const std::string& name) {
  CM_ASSIGN_OR_RETURN(const auto text, req.param(name));
  if (!text) return std::optional<Date>{};
  auto d = Date::parse_iso(*text);
  if (!d) return Error::invalid("'" + name + "' is a date, YYYY-MM-DD", name);
  return std::optional<Date>{*d};
}
}  // namespace

std::vector<Route> invoices_routes(AppContext& ctx) {
  std::vector<Route> r;
  r.push_back({"POST",
               "/api/invoices/generate",
               "Work out a provider's invoice to the council for a week or four weeks (a draft for the same period is "
               "replaced)",
               "invoices",
               true,
               {},
               "GenerateInvoiceInput",
               "Invoice",
               201,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto input, generate_input(req.body));
                 CM_ASSIGN_OR_RETURN(const auto view, ctx.invoices.generate(req.caller, input));
                 auto body = to_json(view);
                 body["replaced_draft"] = view.replaced_draft;
                 return Response{view.replaced_draft ? 200 : 201, body};
               }});
  r.push_back({"GET",
               "/api/invoices",
               "Invoices the caller may see (providers: issued ones), newest period first",
               "invoices",
               true,
               {{"council", "integer", "only this council's"},
                {"provider", "integer", "only this provider's"},
                {"status", "string", "draft, issued, disputed or paid"}},
               "",
               "InvoiceList",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 app::InvoiceFilter filter;
                 CM_ASSIGN_OR_RETURN(filter.council_id, id_param(req, "council"));
                 CM_ASSIGN_OR_RETURN(filter.provider_id, id_param(req, "provider"));
                 CM_ASSIGN_OR_RETURN(const auto status, req.param("status"));
                 if (status) {
                   filter.status = storage::invoice_status_from(*status);
                   if (!filter.status) return Error::invalid("'status' is draft, issued, disputed or paid", "status");
                 }
                 CM_ASSIGN_OR_RETURN(const auto list, ctx.invoices.list(req.caller, filter));
                 json items = json::array();
                 for (const auto& v : list) items.push_back(to_json(v, false));
                 return Response{200, {{"items", items}, {"total", items.size()}}};
               }});
  r.push_back({"GET",
               "/api/invoices/{id}",
               "One invoice with its lines and payments",
               "invoices",
               true,
               {},
               "",
               "Invoice",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto view, ctx.invoices.get(req.caller, req.id));
                 return Response{200, to_json(view)};
               }});
  r.push_back({"POST",
               "/api/invoices/{id}/issue",
               "Issue a draft: dated (today unless 'invoice_date'), due by its payment terms, never changed afterwards",
               "invoices",
               true,
               {},
               "IssueInvoiceInput",
               "Invoice",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 std::optional<Date> on;
                 if (!trim(req.body).empty()) {
                   CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body, {"invoice_date"}));
                   CM_ASSIGN_OR_RETURN(on, in.date("invoice_date"));
                 }
                 CM_ASSIGN_OR_RETURN(const auto view, ctx.invoices.issue(req.caller, req.id, on));
                 return Response{200, to_json(view)};
               }});
  r.push_back({"POST",
               "/api/invoices/{id}/actuals",
               "The provider's actuals (the CSV as the body, or {\"csv\": ...}): reconciled, every difference listed",
               "invoices",
               true,
               {},
               "ActualsInput",
               "Reconciliation",
               201,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto csv, actuals_text(req.body));
                 CM_ASSIGN_OR_RETURN(const auto upload, ctx.invoices.upload_actuals(req.caller, req.id, csv));
                 return Response{201, to_json(upload)};
               }});
  r.push_back({"GET",
               "/api/invoices/{id}/differences",
               "The latest reconciliation of the provider's actuals",
               "invoices",
               true,
               {},
               "",
               "Reconciliation",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto upload, ctx.invoices.differences(req.caller, req.id));
                 return Response{200, to_json(upload)};
               }});
  r.push_back({"POST",
               "/api/invoices/{id}/payments",
               "Record a payment made (never more than is outstanding; a reference once)",
               "invoices",
               true,
               {},
               "PaymentInput",
               "Invoice",
               201,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto in,
                                     JsonObject::parse(req.body, {"paid_on", "amount", "amount_pence", "reference"}));
                 app::PaymentInput p;
                 CM_ASSIGN_OR_RETURN(const auto on, in.date("paid_on"));
                 if (!on) return Error::invalid("'paid_on' is required (YYYY-MM-DD)", "paid_on");
                 p.paid_on = *on;
                 CM_ASSIGN_OR_RETURN(p.amount, amount_field(in, "", false));
                 CM_ASSIGN_OR_RETURN(p.reference, in.required_text("reference", 100));
                 CM_ASSIGN_OR_RETURN(const auto view, ctx.invoices.record_payment(req.caller, req.id, p));
                 return Response{201, to_json(view)};
               }});
  r.push_back({"GET",
               "/api/payments/timeliness",
               "A council's on-time payment rate: paid in full by the due date, of those paid or overdue",
               "invoices",
               true,
               {{"council", "integer", "the council (councils: their own)"},
                {"as_of", "string", "the day to judge from, YYYY-MM-DD (default today)"}},
               "",
               "Timeliness",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto council, id_param(req, "council"));
                 CM_ASSIGN_OR_RETURN(const auto as_of, date_param(req, "as_of"));
                 CM_ASSIGN_OR_RETURN(const auto t, ctx.invoices.timeliness(req.caller, council, as_of));
                 return Response{200, to_json(t)};
               }});
  return r;
}

}  // namespace caremarket::api
