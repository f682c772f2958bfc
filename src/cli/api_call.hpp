#pragma once
// Subcommands that run the HTTP API's own route handlers in process, as a
// named user, so the CLI and the API cannot disagree on rules, checks,
// errors or JSON (cmd_brokerage.cpp, cmd_allocate.cpp).
#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"

namespace caremarket::cli {

struct Call {
  CommonOptions common;
  std::string user;        // acts as this user (the audit trail names them)
  std::string method;
  std::string path;        // route template: /api/referrals/{id}/send
  std::int64_t id = 0;
  nlohmann::json body;     // null: no body
  std::string body_file;   // a JSON file instead
  std::multimap<std::string, std::string> query;
  bool progress = false;   // allocation runs print progress lines on stderr
};

int run_call(const Call& call);

// Adds one subcommand that runs `method path` with a body made by `build`.
CLI::App* api_command(CLI::App& parent, const std::string& name, const std::string& help, const std::string& method,
                      const std::string& path, int& exit_status, std::shared_ptr<Call> call,
                      std::function<void(Call&)> build = {});

}  // namespace caremarket::cli
