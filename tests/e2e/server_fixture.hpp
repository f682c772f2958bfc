#pragma once
// End-to-end support: runs the real caremarket binary, builds the demo
// register once per build tree, starts `caremarket serve` on a free loopback
// port (one server per test process, on a private copy of the demo register)
// and talks to it over HTTP.
#include <gtest/gtest.h>
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace caremarket::e2e {

namespace fs = std::filesystem;
using nlohmann::json;

inline constexpr const char* kDemoPassword = "demo-password-2026";
inline constexpr const char* kBirmingham = "E08000025";

// ---------------------------------------------------------------- processes

struct CommandResult {
  int exit_code = -1;  // the exit status, or 128 + signal number
  std::string out;
  std::string err;
};

// Runs the caremarket binary with `args`, feeding `input` on stdin, and
// waits for it (killing it after two minutes: a hung CLI is a failure).
CommandResult run_caremarket(const std::vector<std::string>& args, const std::string& input = "");

// A fresh directory, removed with everything in it at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

// The demo register, built by `caremarket demo` once per build tree (and
// again when the binary is newer than it). Never change it: copy it first.
const fs::path& demo_database();
// Copies a SQLite database file and its write-ahead log, if there is one.
void copy_database(const fs::path& from, const fs::path& to);

// `caremarket serve --port 0 --quiet` as a child process; the constructor
// returns once the server has printed the port it listens on.
class ServerProcess {
 public:
  // `extra_args`: more `serve` options (limits a test needs).
  explicit ServerProcess(const fs::path& db, const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  int port() const { return port_; }
  // SIGTERM, then waits; returns the exit code (128 + signal if killed).
  int stop();
  // SIGKILL at once, as a crash or the kernel's OOM killer would; waits.
  void kill_now();

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int port_ = 0;
};

// The server of this test process, started on first use on a copy of the
// demo register, and stopped (expecting a clean exit) after the last test.
ServerProcess& shared_server();

// ---------------------------------------------------------------- HTTP

struct Reply {
  int status = 0;  // 0: no HTTP answer at all
  std::string text;
  json body;  // discarded (is_discarded()) when `text` is not JSON
  std::string content_type;
  std::string www_authenticate;
};

using Headers = std::vector<std::pair<std::string, std::string>>;
using Query = std::vector<std::pair<std::string, std::string>>;

// "/api/services?kind=x&near=B44%208DD": values and names percent-encoded.
std::string with_query(const std::string& path, const Query& query);

// A client of one server. Every call that reaches a route is checked
// against tested_routes(), so that list stays the list the tests use.
class Api {
 public:
  explicit Api(int port) : port_(port) {}
  Reply send(const std::string& method, const std::string& target, const std::string& body = "",
             const Headers& headers = {}) const;
  Reply get(const std::string& target, const std::string& token = "") const;
  Reply post(const std::string& target, const json& body, const std::string& token = "") const;
  Reply put(const std::string& target, const json& body, const std::string& token = "") const;
  Reply patch(const std::string& target, const json& body, const std::string& token = "") const;
  // A body sent exactly as given (malformed JSON and the like).
  Reply send_text(const std::string& method, const std::string& target, const std::string& body,
                  const std::string& token = "") const;

 private:
  int port_;
};

// The API of the shared server.
const Api& api();

struct RouteKey {
  std::string method;
  std::string path;  // OpenAPI form: /api/services/{id}
  auto operator<=>(const RouteKey&) const = default;
};
// Every route the e2e tests call; the OpenAPI test checks it against the
// document in both directions.
const std::vector<RouteKey>& tested_routes();
// "/api/services/12/prices?x=1" -> "/api/services/{id}/prices"
std::string route_template(const std::string& target);

// ---------------------------------------------------------------- demo users

enum class Who { council, provider, operator_ };
std::string email_of(Who who);
std::string to_string(Who who);

struct Login {
  std::string token;
  json response;  // the body of POST /api/login
  std::int64_t user_id() const { return response.at("user").at("id").get<std::int64_t>(); }
  std::int64_t organisation_id() const { return response.at("organisation").at("id").get<std::int64_t>(); }
};
// Logs the demo user in once per test process.
const Login& login_as(Who who);
const std::string& token(Who who);

// ---------------------------------------------------------------- assertions

// The one error shape: {"error": {"code", "message"[, "field"]}} with the
// given status, a JSON content type and a non-empty message.
::testing::AssertionResult is_error(const Reply& reply, int status, const std::string& code,
                                    const std::string& field = "");

// Fields of a reply worth printing when an assertion fails.
std::string describe(const Reply& reply);

// Search helper: GET /api/services with `query` as `who`, expecting 200.
json search(const Query& query, Who who = Who::council);

// A service of the demo provider (places >= min_places) and one of another
// provider in Birmingham, found by searching.
std::int64_t own_service(int min_places = 3);
std::int64_t other_service();

// GET /api/services/{id} as the operator (sees everything, prices too).
json service_as_operator(std::int64_t id);
// GET /api/services/{id}/prices as the operator.
json prices_as_operator(std::int64_t id);

}  // namespace caremarket::e2e
