// Brokerage from the command line: each subcommand runs the same route
// handler as the HTTP API, in process, as a named user, so the CLI and the
// API cannot disagree on rules, checks, errors or JSON.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "api/routes.hpp"
#include "cli/api_call.hpp"
#include "app/accounts.hpp"
#include "app/brokerage.hpp"
#include "cli/context.hpp"
#include "core/csv.hpp"

namespace caremarket::cli {
namespace {

Result<app::Caller> caller_for(storage::Store& store, const std::string& email) {
  CM_ASSIGN_OR_RETURN(const auto user, store.find_user_by_email(email));
  if (!user || !user->active) return Error::unauthenticated("there is no active user '" + email + "' in this database");
  CM_ASSIGN_OR_RETURN(const auto organisation, store.get_organisation(user->organisation_id));
  app::Caller caller;
  caller.user_id = user->id;
  caller.organisation_id = organisation.id;
  caller.organisation_kind = organisation.kind;
  caller.roles = user->roles;
  caller.email = user->email;
  return caller;
}

}  // namespace

int run_call(const Call& call) {
  const bool json_out = call.common.json;
  if (call.user.empty()) return fail(Error::invalid("say who is acting: --user EMAIL"), json_out);
  auto store = open_store(call.common);
  if (!store) return fail(store.error(), json_out);
  auto gazetteer = load_gazetteer(call.common);
  if (!gazetteer) return fail(gazetteer.error(), json_out);
  auto market = app::MarketRegister::open(**store, *gazetteer);
  if (!market) return fail(market.error(), json_out);
  app::Accounts accounts(**store, app::AccountsConfig{});
  app::Brokerage brokerage(**store, **market, app::BrokerageConfig{});
  allocation::Progress progress;
  if (call.progress) {
    progress = [](std::string_view stage, double fraction) {
      if (stage == "solve") {
        std::fprintf(stderr, "allocate: %s\n", fraction < 1 ? "solve: optimising" : "solve: done");
      } else {
        std::fprintf(stderr, "allocate: %.*s %d%%\n", static_cast<int>(stage.size()), stage.data(), static_cast<int>(fraction * 100));
      }
    };
  }
  app::Allocation allocation(**store, **market, brokerage, progress);
  api::AppContext context{**store, accounts, **market, brokerage, allocation};
  auto caller = caller_for(**store, call.user);
  if (!caller) return fail(caller.error(), json_out);

  const auto routes = api::all_routes(context);
  const auto route = std::find_if(routes.begin(), routes.end(),
                                  [&](const api::Route& r) { return r.method == call.method && r.path == call.path; });
  if (route == routes.end()) return fail(Error::internal("no route " + call.method + " " + call.path), json_out);
  api::Request request;
  request.caller = *caller;
  request.id = call.id;
  request.query = call.query;
  if (!call.body_file.empty()) {
    auto text = read_file(call.body_file);
    if (!text) return fail(text.error(), json_out);
    request.body = *text;
  } else if (!call.body.is_null()) {
    request.body = call.body.dump();
  }
  const auto response = route->handler(request);
  if (!response) return fail(response.error(), json_out);
  if (response->body.is_null()) {
    if (!json_out) std::cout << "done" << std::endl;
    else std::cout << "{}" << std::endl;
  } else {
    std::cout << (json_out ? response->body.dump() : response->body.dump(2)) << std::endl;
  }
  return 0;
}

CLI::App* api_command(CLI::App& parent, const std::string& name, const std::string& help, const std::string& method,
                  const std::string& path, int& exit_status, std::shared_ptr<Call> call,
                      std::function<void(Call&)> build) {
  auto* cmd = parent.add_subcommand(name, help);
  call->method = method;
  call->path = path;
  cmd->add_option("--db", call->common.db, "SQLite database file")->capture_default_str();
  cmd->add_option("--data-dir", call->common.data_dir, "folder with the ONS postcode centroid files");
  cmd->add_option("--user", call->user, "act as this user (their email); recorded in the audit trail")->required();
  cmd->add_flag("--json", call->common.json, "print compact JSON, as the API returns it");
  if (path.find("{id}") != std::string::npos) cmd->add_option("id", call->id, "the record's id")->required();
  cmd->callback([call, build, &exit_status] {
    if (build) build(*call);
    exit_status = run_call(*call);
  });
  return cmd;
}

namespace {
CLI::App* command(CLI::App& parent, const std::string& name, const std::string& help, const std::string& method,
                  const std::string& path, int& exit_status, std::shared_ptr<Call> call,
                  std::function<void(Call&)> build = {}) {
  return api_command(parent, name, help, method, path, exit_status, std::move(call), std::move(build));
}
}  // namespace

void add_brokerage_commands(CLI::App& app, int& exit_status) {
  auto* referral = app.add_subcommand("referral", "Referrals: create, send, rank, award, withdraw, read");
  referral->require_subcommand(1);
  {
    auto call = std::make_shared<Call>();
    auto* cmd = command(*referral, "create", "Record a referral from a JSON file (the body of POST /api/referrals)", "POST",
                        "/api/referrals", exit_status, call);
    cmd->add_option("file", call->body_file, "JSON file")->required()->check(CLI::ExistingFile);
  }
  command(*referral, "list", "The council's referrals, or those sent to your provider", "GET", "/api/referrals",
          exit_status, std::make_shared<Call>());
  command(*referral, "show", "One referral (providers see it redacted until award)", "GET", "/api/referrals/{id}",
          exit_status, std::make_shared<Call>());
  command(*referral, "matches", "Who would be asked and who not, with scores and reasons", "GET",
          "/api/referrals/{id}/matches", exit_status, std::make_shared<Call>());
  command(*referral, "send", "Send to every eligible service", "POST", "/api/referrals/{id}/send", exit_status,
          std::make_shared<Call>());
  command(*referral, "rank", "Rank the offers", "POST", "/api/referrals/{id}/rank", exit_status, std::make_shared<Call>());
  {
    auto call = std::make_shared<Call>();
    auto award = std::make_shared<app::AwardInput>();
    auto* cmd = command(*referral, "award", "Award an offer (a reason is needed unless it is the top-ranked)", "POST",
                        "/api/referrals/{id}/award", exit_status, call, [award](Call& c) {
                          c.body = {{"offer_id", award->offer_id},
                                    {"preferred_location", award->preferred_location},
                                    {"education_continuity", award->education_continuity},
                                    {"siblings_placed_together", award->siblings_placed_together}};
                          if (!award->reason.empty()) c.body["reason"] = award->reason;
                        });
    cmd->add_option("--offer", award->offer_id, "the offer to award")->required();
    cmd->add_option("--reason", award->reason, "why, when it is not the top-ranked offer");
    cmd->add_flag("--preferred-location", award->preferred_location, "the placement is in the preferred location");
    cmd->add_flag("--education-continuity", award->education_continuity, "the child keeps their school");
    cmd->add_option("--siblings", award->siblings_placed_together, "siblings placed together");
  }
  {
    auto call = std::make_shared<Call>();
    auto reason = std::make_shared<std::string>();
    auto* cmd = command(*referral, "withdraw", "Withdraw the referral", "POST", "/api/referrals/{id}/withdraw",
                        exit_status, call, [reason](Call& c) { c.body = {{"reason", *reason}}; });
    cmd->add_option("--reason", *reason, "why")->required();
  }
  {
    auto call = std::make_shared<Call>();
    auto reason = std::make_shared<std::string>();
    auto* cmd = command(*referral, "person", "The person's details (audited)", "GET", "/api/referrals/{id}/person",
                        exit_status, call, [reason](Call& c) {
                          if (!reason->empty()) c.query.emplace("reason", *reason);
                        });
    cmd->add_option("--reason", *reason, "why (required of the operator)");
  }
  command(*referral, "history", "Every recorded step of the referral", "GET", "/api/referrals/{id}/history", exit_status,
          std::make_shared<Call>());
  command(*referral, "export", "A child's referral as a Placements Data Standard v2 document", "GET",
          "/api/referrals/{id}/pds", exit_status, std::make_shared<Call>());

  auto* offer = app.add_subcommand("offer", "A provider's answers to referrals");
  offer->require_subcommand(1);
  {
    auto call = std::make_shared<Call>();
    struct Args { std::int64_t service = 0; std::string price, start, conditions; };
    auto args = std::make_shared<Args>();
    auto* cmd = command(*offer, "make", "Offer a place", "POST", "/api/referrals/{id}/offers", exit_status, call,
                        [args](Call& c) {
                          c.body = {{"service_id", args->service}, {"price", args->price}, {"start_date", args->start}};
                          if (!args->conditions.empty()) c.body["conditions"] = args->conditions;
                        });
    cmd->add_option("--service", args->service, "your service the referral was sent to")->required();
    cmd->add_option("--price", args->price, "price per week or hour, e.g. 1250.00")->required();
    cmd->add_option("--start", args->start, "start date, YYYY-MM-DD")->required();
    cmd->add_option("--conditions", args->conditions, "conditions of the offer");
  }
  {
    auto call = std::make_shared<Call>();
    auto service = std::make_shared<std::int64_t>(0);
    auto reason = std::make_shared<std::string>();
    auto* cmd = command(*offer, "decline", "Decline for one of your services", "POST", "/api/referrals/{id}/declines",
                        exit_status, call, [service, reason](Call& c) {
                          c.body = {{"service_id", *service}, {"reason", *reason}};
                        });
    cmd->add_option("--service", *service, "your service")->required();
    cmd->add_option("--reason", *reason, "why")->required();
  }
  command(*offer, "withdraw", "Withdraw your offer before award", "POST", "/api/offers/{id}/withdraw", exit_status,
          std::make_shared<Call>());

  auto* placement = app.add_subcommand("placement", "Placements");
  placement->require_subcommand(1);
  command(*placement, "list", "Placements of your council, or with your services", "GET", "/api/placements",
          exit_status, std::make_shared<Call>());
  {
    auto call = std::make_shared<Call>();
    auto date = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>();
    auto* cmd = command(*placement, "end", "End a placement", "POST", "/api/placements/{id}/end", exit_status, call,
                        [date, reason](Call& c) { c.body = {{"end_date", *date}, {"reason", *reason}}; });
    cmd->add_option("--date", *date, "end date, YYYY-MM-DD")->required();
    cmd->add_option("--reason", *reason, "planned_move, disruption, died or moved_away")->required();
  }
  {
    auto call = std::make_shared<Call>();
    auto* cmd = command(*placement, "import", "Record a placement agreed elsewhere from a Placements Data Standard file",
                        "POST", "/api/referrals/{id}/placement", exit_status, call);
    cmd->add_option("file", call->body_file, "ActualPlacement + QualityAssurance JSON")->required()->check(CLI::ExistingFile);
  }
  command(*placement, "export", "A placement as a Placements Data Standard v2 document", "GET",
          "/api/placements/{id}/pds", exit_status, std::make_shared<Call>());
  command(app, "inbox", "Your organisation's notifications", "GET", "/api/inbox", exit_status, std::make_shared<Call>());
}

}  // namespace caremarket::cli
