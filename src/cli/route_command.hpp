#pragma once
// A subcommand that runs one of the API's route handlers in process, as a
// named user, so the CLI and the API share every rule, check, error and
// JSON shape (brokerage, contracts).
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
};

// Adds one subcommand that runs `method path` with a body made by `build`.
CLI::App* command(CLI::App& parent, const std::string& name, const std::string& help, const std::string& method,
                  const std::string& path, int& exit_status, std::shared_ptr<Call> call,
                  std::function<void(Call&)> build = {});

}  // namespace caremarket::cli
