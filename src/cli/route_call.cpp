// Runs API route handlers in process for the CLI (see route_call.hpp).
#include "cli/route_call.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "api/input_policy.hpp"
#include "api/routes.hpp"
#include "app/application.hpp"
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

int run(const Call& call) {
  const bool json_out = call.common.json;
  const bool as_command_line = call.calculation && call.user.empty();
  if (call.user.empty() && !as_command_line) return fail(Error::invalid("say who is acting: --user EMAIL"), json_out);
  // A calculation without a user touches no database: it runs on an empty one in memory.
  CommonOptions in_memory;
  in_memory.db = ":memory:";
  auto store = open_store(as_command_line ? in_memory : call.common);
  if (!store) return fail(store.error(), json_out);
  auto gazetteer = load_gazetteer(call.common);
  if (!gazetteer) return fail(gazetteer.error(), json_out);
  app::ApplicationConfig config;
  auto& progress = config.allocation_progress;
  if (call.progress) {
    progress = [](std::string_view stage, double fraction) {
      if (stage == "solve") {
        std::fprintf(stderr, "allocate: %s\n", fraction < 1 ? "solve: optimising" : "solve: done");
      } else {
        std::fprintf(stderr, "allocate: %.*s %d%%\n", static_cast<int>(stage.size()), stage.data(),
                     static_cast<int>(fraction * 100));
      }
    };
  }
  auto application = app::Application::open(**store, *gazetteer, std::move(config));
  if (!application) return fail(application.error(), json_out);
  auto caller = as_command_line ? Result<app::Caller>(app::Caller::system_caller()) : caller_for(**store, call.user);
  if (!caller) return fail(caller.error(), json_out);

  const auto routes = api::all_routes(**application);
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
  const auto body = response->json();
  if (body.is_null()) {
    if (!json_out) std::cout << "done" << std::endl;
    else std::cout << "{}" << std::endl;
  } else {
    std::cout << api::json_text(body, json_out ? -1 : 2) << std::endl;
  }
  return 0;
}

CLI::App* command(CLI::App& parent, const std::string& name, const std::string& help, const std::string& method,
                  const std::string& path, int& exit_status, std::shared_ptr<Call> call,
                  std::function<void(Call&)> build) {
  auto* cmd = parent.add_subcommand(name, help);
  call->method = method;
  call->path = path;
  cmd->add_option("--db", call->common.db, "SQLite database file, or postgresql://user@host/database")
      ->capture_default_str();
  cmd->add_option("--data-dir", call->common.data_dir, "folder with the ONS postcode centroid files");
  auto* user = cmd->add_option("--user", call->user, "act as this user (their email); recorded in the audit trail");
  if (!call->calculation) user->required();
  cmd->add_flag("--json", call->common.json, "print compact JSON, as the API returns it");
  if (path.find("{id}") != std::string::npos) cmd->add_option("id", call->id, "the record's id")->required();
  cmd->callback([call, build, &exit_status] {
    if (build) build(*call);
    exit_status = run(*call);
  });
  return cmd;
}

}  // namespace caremarket::cli
