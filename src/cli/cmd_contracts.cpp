// Contracts from the command line: each subcommand runs the API's own route
// handler in process as a named user (see route_call.hpp).
#include <CLI/CLI.hpp>

#include "cli/route_call.hpp"

namespace caremarket::cli {

void add_contracts_commands(CLI::App& app, int& exit_status) {
  auto* contract =
      app.add_subcommand("contract", "Contracts: create, list, show, status, extend, members, utilisation, reviews");
  contract->require_subcommand(1);
  {
    auto call = std::make_shared<Call>();
    auto* cmd = command(*contract, "create", "Record a contract from a JSON file (the body of POST /api/contracts)",
                        "POST", "/api/contracts", exit_status, call);
    cmd->add_option("file", call->body_file, "JSON file")->required()->check(CLI::ExistingFile);
  }
  {
    auto call = std::make_shared<Call>();
    struct Args {
      std::string model, status;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = command(*contract, "list", "Contracts your council is a party to, or that name your provider", "GET",
                        "/api/contracts", exit_status, call, [args](Call& c) {
                          if (!args->model.empty()) c.query.emplace("model", args->model);
                          if (!args->status.empty()) c.query.emplace("status", args->status);
                        });
    cmd->add_option("--model", args->model, "spot, block, soft_block, framework or dynamic_market");
    cmd->add_option("--status", args->status, "draft, active, suspended, ended or terminated");
  }
  command(*contract, "show", "One contract", "GET", "/api/contracts/{id}", exit_status, std::make_shared<Call>());
  {
    auto call = std::make_shared<Call>();
    auto* cmd = command(*contract, "update", "Change a contract from a JSON file of the fields to change (PATCH)",
                        "PATCH", "/api/contracts/{id}", exit_status, call);
    cmd->add_option("file", call->body_file, "JSON file")->required()->check(CLI::ExistingFile);
  }
  {
    auto call = std::make_shared<Call>();
    struct Args {
      std::string to, date, notice_given, reason;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = command(*contract, "status", "Activate, suspend, end or terminate a contract", "POST",
                        "/api/contracts/{id}/status", exit_status, call, [args](Call& c) {
                          c.body = {{"status", args->to}};
                          if (!args->date.empty()) c.body["date"] = args->date;
                          if (!args->notice_given.empty()) c.body["notice_given"] = args->notice_given;
                          if (!args->reason.empty()) c.body["reason"] = args->reason;
                        });
    cmd->add_option("--to", args->to, "active, suspended, ended or terminated")->required();
    cmd->add_option("--date", args->date, "when it takes effect, YYYY-MM-DD");
    cmd->add_option("--notice-given", args->notice_given, "terminating: when notice was given, YYYY-MM-DD");
    cmd->add_option("--reason", args->reason, "why (required to suspend, end early or terminate)");
  }
  {
    auto call = std::make_shared<Call>();
    auto reason = std::make_shared<std::string>();
    auto* cmd = command(*contract, "extend", "Take the next extension option", "POST", "/api/contracts/{id}/extensions",
                        exit_status, call, [reason](Call& c) {
                          c.body = {{"reason", *reason}};
                        });
    cmd->add_option("--reason", *reason, "why");
  }
  {
    auto call = std::make_shared<Call>();
    struct Args {
      std::string action, date, reason;
      std::int64_t provider = 0;
    };
    auto args = std::make_shared<Args>();
    auto* cmd =
        command(*contract, "member", "Dynamic market membership: join (apply, or admit), suspend, reinstate, remove",
                "POST", "/api/contracts/{id}/members", exit_status, call, [args](Call& c) {
                  c.body = {{"action", args->action}};
                  if (args->provider != 0) c.body["provider_id"] = args->provider;
                  if (!args->date.empty()) c.body["date"] = args->date;
                  if (!args->reason.empty()) c.body["reason"] = args->reason;
                });
    cmd->add_option("--action", args->action, "join, suspend, reinstate or remove")->required();
    cmd->add_option("--provider", args->provider, "the provider (councils)");
    cmd->add_option("--date", args->date, "YYYY-MM-DD (default today)");
    cmd->add_option("--reason", args->reason, "why (required to suspend or remove)");
  }
  {
    auto call = std::make_shared<Call>();
    struct Args {
      std::string from, to;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = command(*contract, "utilisation", "Week by week: committed, occupied, voids and their cost", "GET",
                        "/api/contracts/{id}/utilisation", exit_status, call, [args](Call& c) {
                          c.query.emplace("from", args->from);
                          c.query.emplace("to", args->to);
                        });
    cmd->add_option("--from", args->from, "first week's start, YYYY-MM-DD")->required();
    cmd->add_option("--to", args->to, "last week starts on or before, YYYY-MM-DD")->required();
  }
  command(*contract, "reviews", "A soft block's reviews and the next one's proposal", "GET",
          "/api/contracts/{id}/reviews", exit_status, std::make_shared<Call>());
  {
    auto call = std::make_shared<Call>();
    struct Args {
      std::string date, reason, decided_on;
      bool accept = false;
      int commitment = -1;
    };
    auto args = std::make_shared<Args>();
    auto* cmd =
        command(*contract, "review", "Decide the next review: --accept the proposal, or --commitment N --reason",
                "POST", "/api/contracts/{id}/reviews", exit_status, call, [args](Call& c) {
                  c.body = {{"review_date", args->date}, {"decision", args->accept ? "accept" : "other"}};
                  if (args->commitment >= 0) c.body["commitment"] = args->commitment;
                  if (!args->reason.empty()) c.body["reason"] = args->reason;
                  if (!args->decided_on.empty()) c.body["decided_on"] = args->decided_on;
                });
    cmd->add_option("--date", args->date, "the review date, YYYY-MM-DD")->required();
    auto* accept = cmd->add_flag("--accept", args->accept, "take the proposed commitment");
    auto* commitment = cmd->add_option("--commitment", args->commitment, "another commitment, within the rules");
    accept->excludes(commitment);
    cmd->add_option("--reason", args->reason, "why (required with --commitment)");
    cmd->add_option("--decided-on", args->decided_on, "the new commitment applies from, YYYY-MM-DD (default today)");
  }
  command(*contract, "history", "Every recorded change and call-off of the contract", "GET",
          "/api/contracts/{id}/history", exit_status, std::make_shared<Call>());
}

}  // namespace caremarket::cli
