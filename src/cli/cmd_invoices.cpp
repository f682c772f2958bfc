// `caremarket invoice ...`: invoices and payments from the command line,
// each subcommand running the API's own route handler (cli/route_call.hpp).
#include <CLI/CLI.hpp>

#include "cli/route_call.hpp"
#include "core/text.hpp"

namespace caremarket::cli {

void add_invoices_commands(CLI::App& app, int& exit_status) {
  auto* invoice =
      app.add_subcommand("invoice", "Invoices: generate, issue, reconcile actuals, record payments, timeliness");
  invoice->require_subcommand(1);
  {
    struct Args {
      std::int64_t provider = 0, council = 0;
      std::string start, cadence = "weekly", week_starts, terms;
      std::vector<std::string> adjust;
    };
    auto args = std::make_shared<Args>();
    auto* cmd =
        command(*invoice, "generate", "Work out a provider's invoice for a period (a draft is replaced)", "POST",
                "/api/invoices/generate", exit_status, std::make_shared<Call>(), [args](Call& c) {
                  c.body = {{"provider_id", args->provider}, {"period_start", args->start}, {"cadence", args->cadence}};
                  if (args->council) c.body["council_id"] = args->council;
                  if (!args->week_starts.empty()) c.body["week_starts"] = args->week_starts;
                  if (!args->terms.empty()) c.body["payment_terms"] = args->terms;
                  nlohmann::json adjustments = nlohmann::json::array();
                  for (const auto& a : args->adjust) {
                    // AMOUNT|REASON or AMOUNT|REASON|PLACEMENT; the API checks each part.
                    const auto parts = split(a, '|');
                    nlohmann::json adj{{"amount", parts.empty() ? "" : std::string(trim(parts[0]))},
                                       {"reason", parts.size() > 1 ? std::string(trim(parts[1])) : ""}};
                    if (parts.size() > 2) {
                      const auto id = parse_integer(trim(parts[2]));
                      adj["placement_id"] = id ? nlohmann::json(*id) : nlohmann::json(std::string(parts[2]));
                    }
                    adjustments.push_back(adj);
                  }
                  if (!adjustments.empty()) c.body["adjustments"] = adjustments;
                });
    cmd->add_option("--provider", args->provider, "the provider invoiced")->required();
    cmd->add_option("--council", args->council, "the council (the operator must name it)");
    cmd->add_option("--period-start", args->start, "first day of the period, YYYY-MM-DD")->required();
    cmd->add_option("--cadence", args->cadence, "weekly or four_weekly")->capture_default_str();
    cmd->add_option("--week-starts", args->week_starts, "the weekday periods start on (default monday)");
    cmd->add_option("--terms", args->terms, "payment terms: \"30 days\" (default) or \"20 working days\"");
    cmd->add_option(
        "--adjust", args->adjust,
        "an adjustment AMOUNT|REASON[|PLACEMENT] (write --adjust=-50.00|... for a credit); repeat for more");
  }
  {
    struct Args {
      std::int64_t council = 0, provider = 0;
      std::string status;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = command(*invoice, "list", "Invoices you may see, newest period first", "GET", "/api/invoices",
                        exit_status, std::make_shared<Call>(), [args](Call& c) {
                          if (args->council) c.query.emplace("council", std::to_string(args->council));
                          if (args->provider) c.query.emplace("provider", std::to_string(args->provider));
                          if (!args->status.empty()) c.query.emplace("status", args->status);
                        });
    cmd->add_option("--council", args->council, "only this council's");
    cmd->add_option("--provider", args->provider, "only this provider's");
    cmd->add_option("--status", args->status, "draft, issued, disputed or paid");
  }
  command(*invoice, "show", "One invoice with its lines and payments", "GET", "/api/invoices/{id}", exit_status,
          std::make_shared<Call>());
  {
    auto date = std::make_shared<std::string>();
    auto* cmd = command(*invoice, "issue", "Issue a draft invoice", "POST", "/api/invoices/{id}/issue", exit_status,
                        std::make_shared<Call>(), [date](Call& c) {
                          c.body = nlohmann::json::object();
                          if (!date->empty()) c.body["invoice_date"] = *date;
                        });
    cmd->add_option("--date", *date, "the invoice date, YYYY-MM-DD (default today)");
  }
  {
    auto call = std::make_shared<Call>();
    auto* cmd = command(*invoice, "actuals", "Upload the provider's actuals CSV and list every difference", "POST",
                        "/api/invoices/{id}/actuals", exit_status, call);
    cmd->add_option("file", call->body_file, "CSV: placement_id, contract_id, from, to, days, amount")
        ->required()
        ->check(CLI::ExistingFile);
  }
  command(*invoice, "differences", "The latest reconciliation of the provider's actuals", "GET",
          "/api/invoices/{id}/differences", exit_status, std::make_shared<Call>());
  {
    struct Args {
      std::string date, amount, reference;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = command(*invoice, "pay", "Record a payment made against an invoice", "POST",
                        "/api/invoices/{id}/payments", exit_status, std::make_shared<Call>(), [args](Call& c) {
                          c.body = {{"paid_on", args->date}, {"amount", args->amount}, {"reference", args->reference}};
                        });
    cmd->add_option("--date", args->date, "the day it was paid, YYYY-MM-DD")->required();
    cmd->add_option("--amount", args->amount, "pounds and pence, e.g. 1050.50")->required();
    cmd->add_option("--reference", args->reference, "the remittance reference (once per invoice)")->required();
  }
  {
    struct Args {
      std::int64_t council = 0;
      std::string as_of;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = command(*invoice, "timeliness", "A council's on-time payment rate", "GET", "/api/payments/timeliness",
                        exit_status, std::make_shared<Call>(), [args](Call& c) {
                          if (args->council) c.query.emplace("council", std::to_string(args->council));
                          if (!args->as_of.empty()) c.query.emplace("as_of", args->as_of);
                        });
    cmd->add_option("--council", args->council, "the council (councils: their own)");
    cmd->add_option("--as-of", args->as_of, "judge as of this day, YYYY-MM-DD (default today)");
  }
}

}  // namespace caremarket::cli
