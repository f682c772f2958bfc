#pragma once
// Subcommands that run an API route's own handler in process, as a named
// user: the CLI and the API cannot disagree on rules, checks, errors or JSON.
// The CLI's trust root is holding the database file; every action is still
// audited under the user named.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"

namespace CLI {
class App;
}

namespace caremarket::cli {

struct Call {
  CommonOptions common;
  std::string user;          // acts as this user (the audit trail names them)
  bool calculation = false;  // a pure calculation: without --user, runs on an empty in-memory store as the command line
  std::string method;
  std::string path;  // route template: /api/referrals/{id}/send
  std::int64_t id = 0;
  nlohmann::json body;    // null: no body
  std::string body_file;  // a file whose text is the body instead (JSON; CSV for actuals)
  std::multimap<std::string, std::string> query;
  bool progress = false;  // allocation runs print progress lines on stderr
};

// Runs the call's route and prints its JSON; returns the exit code.
int run(const Call& call);

// Adds one subcommand that runs `method path` with a body made by `build`.
CLI::App* command(CLI::App& parent, const std::string& name, const std::string& help, const std::string& method,
                  const std::string& path, int& exit_status, std::shared_ptr<Call> call,
                  std::function<void(Call&)> build = {});

}  // namespace caremarket::cli
