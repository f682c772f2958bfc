#include "e2e/server_fixture.hpp"

#include <fcntl.h>
#include <httplib.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>

namespace caremarket::e2e {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kBinary = CAREMARKET_BINARY;
constexpr const char* kDemoDb = CAREMARKET_E2E_DEMO_DB;
// Generous: the binary runs under AddressSanitizer on a shared 2-core box.
constexpr auto kCommandTimeout =
    std::chrono::seconds(600);  // a hang guard, not a speed check: ASan on a busy machine is slow
constexpr auto kServerStartTimeout = std::chrono::seconds(180);
constexpr auto kServerStopTimeout = std::chrono::seconds(30);

[[noreturn]] void fail_setup(const std::string& what) { throw std::runtime_error(what); }

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return exit_code_of(status);
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 60'000));
}

struct Pipe {
  int read = -1;
  int write = -1;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) fail_setup("pipe2 failed");
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    close_fd(read);
    close_fd(write);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
};

// Forks and runs the binary. In the child, -1 leaves a standard stream as
// it is. The child is killed if this test process dies, so a crashed test
// never leaves a server behind.
pid_t spawn(const std::vector<std::string>& args, int in_fd, int out_fd, int err_fd) {
  std::vector<std::string> words{kBinary};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) fail_setup("fork failed");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    if (in_fd >= 0) ::dup2(in_fd, STDIN_FILENO);
    if (out_fd >= 0) ::dup2(out_fd, STDOUT_FILENO);
    if (err_fd >= 0) ::dup2(err_fd, STDERR_FILENO);
    ::execv(kBinary, argv.data());
    ::_exit(127);
  }
  return pid;
}

// Holds an exclusive flock on a file for its lifetime.
class FileLock {
 public:
  explicit FileLock(const fs::path& path) : fd_(::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644)) {
    if (fd_ < 0) fail_setup("cannot open the lock file " + path.string());
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) fail_setup("cannot lock " + path.string());
    }
  }
  ~FileLock() {
    ::flock(fd_, LOCK_UN);
    close_fd(fd_);
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

void remove_database(const fs::path& db) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal", ".audit-key"}) fs::remove(db.string() + suffix, ignored);
}

std::string percent_encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    }
  }
  return out;
}

struct Shared {
  TempDir dir;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<Api> api;
  std::map<Who, Login> logins;
};

std::unique_ptr<Shared>& shared_state() {
  static std::unique_ptr<Shared> state;
  return state;
}

// Stops the shared server after the last test of this process and insists
// that it exits cleanly: a sanitizer report in the server fails the run.
class ServerEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    auto& state = shared_state();
    if (!state) return;
    const int code = state->server->stop();
    EXPECT_EQ(code, 0) << "the server did not exit cleanly after SIGTERM (see its stderr for a sanitizer report)";
    state.reset();
  }
};
[[maybe_unused]] ::testing::Environment* const g_environment =
    ::testing::AddGlobalTestEnvironment(new ServerEnvironment);

}  // namespace

// ---------------------------------------------------------------- processes

CommandResult run_caremarket(const std::vector<std::string>& args, const std::string& input) {
  // A child that exits without reading its stdin must not kill us with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  Pipe in;
  Pipe out;
  Pipe err;
  const pid_t pid = spawn(args, in.read, out.write, err.write);
  close_fd(in.read);
  close_fd(out.write);
  close_fd(err.write);
  for (std::size_t done = 0; done < input.size();) {
    const auto n = ::write(in.write, input.data() + done, input.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the child stopped reading; it will say why
    done += static_cast<std::size_t>(n);
  }
  close_fd(in.write);

  CommandResult result;
  const auto deadline = Clock::now() + kCommandTimeout;
  bool timed_out = false;
  while (out.read >= 0 || err.read >= 0) {
    pollfd fds[2] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}};
    const int ready = ::poll(fds, 2, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      timed_out = true;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[65536];
      const auto n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      int& fd = i == 0 ? out.read : err.read;
      if (n <= 0) {
        close_fd(fd);
      } else {
        (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      }
    }
  }
  if (timed_out) ::kill(pid, SIGKILL);
  result.exit_code = wait_for(pid);
  if (timed_out) {
    result.exit_code = -1;
    result.err += "\n[e2e] the command did not finish within the time limit and was killed";
  }
  return result;
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "caremarket-e2e-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) fail_setup("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

const fs::path& demo_database() {
  static const fs::path path = [] {
    const fs::path db = kDemoDb;
    // ctest runs each test case in its own process, possibly in parallel:
    // the first one builds the register, the others wait and reuse it.
    FileLock lock(db.string() + ".lock");
    const bool fresh = fs::exists(db) && fs::last_write_time(db) >= fs::last_write_time(kBinary);
    if (!fresh) {
      const fs::path building = db.string() + ".building";
      remove_database(building);
      const auto result = run_caremarket({"demo", "--db", building.string(), "--json"});
      if (result.exit_code != 0) {
        fail_setup("`caremarket demo` failed with exit code " + std::to_string(result.exit_code) + ": " + result.err +
                   result.out);
      }
      // The demo closed its database, so SQLite checkpointed the log away.
      if (fs::exists(building.string() + "-wal") && fs::file_size(building.string() + "-wal") > 0) {
        fail_setup("`caremarket demo` left a write-ahead log behind: the database was not closed");
      }
      remove_database(db);
      fs::rename(building, db);
      // The demo signs its audit trail with a key file beside the database.
      if (fs::exists(building.string() + ".audit-key"))
        fs::rename(building.string() + ".audit-key", db.string() + ".audit-key");
    }
    return db;
  }();
  return path;
}

void copy_database(const fs::path& from, const fs::path& to) {
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  const fs::path wal = from.string() + "-wal";
  if (fs::exists(wal)) fs::copy_file(wal, to.string() + "-wal", fs::copy_options::overwrite_existing);
  const fs::path key = from.string() + ".audit-key";
  if (fs::exists(key)) fs::copy_file(key, to.string() + ".audit-key", fs::copy_options::overwrite_existing);
}

ServerProcess::ServerProcess(const fs::path& db, const std::vector<std::string>& extra_args) {
  Pipe out;
  std::vector<std::string> args{"serve", "--db", db.string(), "--port", "0", "--quiet"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = spawn(args, -1, out.write, -1);
  close_fd(out.write);
  stdout_fd_ = out.read;
  out.read = -1;
  // The first line says where the server listens; it is printed only once
  // the socket is bound, so reading it is the readiness check.
  std::string text;
  const auto deadline = Clock::now() + kServerStartTimeout;
  while (text.find('\n') == std::string::npos) {
    pollfd fd{stdout_fd_, POLLIN, 0};
    const int ready = ::poll(&fd, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      stop();
      fail_setup("`caremarket serve` did not say where it listens within the time limit");
    }
    char buffer[4096];
    const auto n = ::read(stdout_fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int code = stop();
      fail_setup("`caremarket serve` exited with code " + std::to_string(code) + " before listening; output: " + text);
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  const std::string line = text.substr(0, text.find('\n'));
  const std::string prefix = "listening on http://127.0.0.1:";
  if (!line.starts_with(prefix)) {
    stop();
    fail_setup("unexpected first line from `caremarket serve`: " + line);
  }
  port_ = std::stoi(line.substr(prefix.size()));
  if (port_ <= 0 || port_ > 65535) {
    stop();
    fail_setup("`caremarket serve` printed an impossible port: " + line);
  }
}

ServerProcess::~ServerProcess() { stop(); }

int ServerProcess::stop() {
  if (pid_ < 0) return -1;
  ::kill(pid_, SIGTERM);
  // The pipe reaches end-of-file when the process has exited (only it holds
  // the writing end); past the time limit it is killed outright.
  const auto deadline = Clock::now() + kServerStopTimeout;
  bool exited = false;
  while (stdout_fd_ >= 0) {
    pollfd fd{stdout_fd_, POLLIN, 0};
    const int ready = ::poll(&fd, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    char buffer[4096];
    const auto n = ::read(stdout_fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) exited = true;
    if (n <= 0) break;
  }
  if (!exited) ::kill(pid_, SIGKILL);
  close_fd(stdout_fd_);
  const int code = wait_for(pid_);
  pid_ = -1;
  return exited ? code : -1;
}

void ServerProcess::kill_now() {
  if (pid_ < 0) return;
  ::kill(pid_, SIGKILL);
  close_fd(stdout_fd_);
  (void)wait_for(pid_);
  pid_ = -1;
}

ServerProcess& shared_server() {
  auto& state = shared_state();
  if (!state) {
    auto fresh = std::make_unique<Shared>();
    const fs::path db = fresh->dir / "e2e.db";
    copy_database(demo_database(), db);
    fresh->server = std::make_unique<ServerProcess>(db);
    fresh->api = std::make_unique<Api>(fresh->server->port());
    state = std::move(fresh);
  }
  return *state->server;
}

const Api& api() {
  shared_server();
  return *shared_state()->api;
}

// ---------------------------------------------------------------- HTTP

std::string with_query(const std::string& path, const Query& query) {
  std::string out = path;
  char separator = '?';
  for (const auto& [name, value] : query) {
    out += separator;
    out += percent_encode(name) + "=" + percent_encode(value);
    separator = '&';
  }
  return out;
}

Reply Api::send(const std::string& method, const std::string& target, const std::string& body,
                const Headers& headers) const {
  httplib::Client client("127.0.0.1", port_);
  client.set_url_encode(false);  // targets are encoded by with_query, exactly as the tests intend
  client.set_connection_timeout(10);
  client.set_read_timeout(60);
  client.set_write_timeout(60);
  httplib::Request request;
  request.method = method;
  request.path = target;
  for (const auto& [name, value] : headers) request.headers.emplace(name, value);
  request.body = body;
  const auto result = client.send(request);
  Reply reply;
  if (!result) {
    reply.text = "no HTTP answer: " + httplib::to_string(result.error());
    reply.body = json(json::value_t::discarded);
    return reply;
  }
  reply.status = result->status;
  reply.text = result->body;
  reply.body = json::parse(reply.text, nullptr, false);
  reply.content_type = result->get_header_value("Content-Type");
  reply.www_authenticate = result->get_header_value("WWW-Authenticate");

  // A route answered: it must be one the tests declare (see tested_routes()).
  const bool no_such_endpoint = reply.status == 404 && reply.body.is_object() && reply.body.contains("error") &&
                                reply.body["error"].value("message", "").starts_with("there is no endpoint");
  if (!no_such_endpoint) {
    const RouteKey key{method, route_template(target)};
    const auto& routes = tested_routes();
    if (std::find(routes.begin(), routes.end(), key) == routes.end()) {
      ADD_FAILURE() << method << " " << key.path << " answered " << reply.status
                    << " but is missing from tested_routes()";
    }
  }
  return reply;
}

namespace {
Headers json_headers(const std::string& token) {
  Headers headers{{"Content-Type", "application/json"}};
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  return headers;
}
}  // namespace

Reply Api::get(const std::string& target, const std::string& token) const {
  Headers headers;
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  return send("GET", target, "", headers);
}

Reply Api::post(const std::string& target, const json& body, const std::string& token) const {
  return send("POST", target, body.dump(), json_headers(token));
}

Reply Api::put(const std::string& target, const json& body, const std::string& token) const {
  return send("PUT", target, body.dump(), json_headers(token));
}

Reply Api::patch(const std::string& target, const json& body, const std::string& token) const {
  return send("PATCH", target, body.dump(), json_headers(token));
}

Reply Api::send_text(const std::string& method, const std::string& target, const std::string& body,
                     const std::string& token) const {
  return send(method, target, body, json_headers(token));
}

const std::vector<RouteKey>& tested_routes() {
  static const std::vector<RouteKey> routes{
      {"GET", "/health"},
      {"GET", "/api/openapi.json"},
      {"POST", "/api/login"},
      {"POST", "/api/logout"},
      {"GET", "/api/me"},
      {"POST", "/api/users"},
      {"GET", "/api/services"},
      {"POST", "/api/services"},
      {"GET", "/api/services/{id}"},
      {"PATCH", "/api/services/{id}"},
      {"PUT", "/api/services/{id}/vacancies"},
      {"GET", "/api/services/{id}/prices"},
      {"PUT", "/api/services/{id}/prices"},
      {"GET", "/api/organisations"},
      {"GET", "/api/organisations/{id}"},
      {"POST", "/api/referrals"},
      {"GET", "/api/referrals"},
      {"GET", "/api/referrals/{id}"},
      {"GET", "/api/referrals/{id}/matches"},
      {"POST", "/api/referrals/{id}/send"},
      {"POST", "/api/referrals/{id}/offers"},
      {"POST", "/api/referrals/{id}/declines"},
      {"POST", "/api/offers/{id}/withdraw"},
      {"POST", "/api/referrals/{id}/rank"},
      {"POST", "/api/referrals/{id}/award"},
      {"POST", "/api/referrals/{id}/withdraw"},
      {"GET", "/api/referrals/{id}/person"},
      {"GET", "/api/referrals/{id}/history"},
      {"GET", "/api/placements"},
      {"GET", "/api/referrals/{id}/pds"},
      {"GET", "/api/placements/{id}/pds"},
      {"POST", "/api/referrals/{id}/placement"},
      {"POST", "/api/placements/{id}/end"},
      {"GET", "/api/inbox"},
      {"POST", "/api/inbox/{id}/read"},
      {"GET", "/api/settings"},
      {"PUT", "/api/settings/weights"},
      {"POST", "/api/contracts"},
      {"GET", "/api/contracts"},
      {"GET", "/api/contracts/{id}"},
      {"PATCH", "/api/contracts/{id}"},
      {"POST", "/api/contracts/{id}/status"},
      {"POST", "/api/contracts/{id}/extensions"},
      {"POST", "/api/contracts/{id}/members"},
      {"GET", "/api/contracts/{id}/utilisation"},
      {"GET", "/api/contracts/{id}/reviews"},
      {"POST", "/api/contracts/{id}/reviews"},
      {"GET", "/api/contracts/{id}/history"},
      {"POST", "/api/invoices/generate"},
      {"GET", "/api/invoices"},
      {"GET", "/api/invoices/{id}"},
      {"POST", "/api/invoices/{id}/issue"},
      {"POST", "/api/invoices/{id}/actuals"},
      {"GET", "/api/invoices/{id}/differences"},
      {"POST", "/api/invoices/{id}/payments"},
      {"GET", "/api/payments/timeliness"},
      {"GET", "/api/price-templates"},
      {"POST", "/api/price-model/calculate"},
      {"POST", "/api/block-sizing"},
      {"POST", "/api/fee-review"},
      {"GET", "/api/councils/{id}/price-models"},
      {"PUT", "/api/councils/{id}/price-models"},
      {"POST", "/api/services/{id}/open-book"},
      {"GET", "/api/services/{id}/open-book"},
      {"GET", "/api/services/{id}/open-book/explain"},
      {"GET", "/api/offers/{id}/price-explanation"},
      {"POST", "/api/alliances"},
      {"GET", "/api/alliances"},
      {"GET", "/api/market/concentration"},
      {"GET", "/api/market/ownership-groups"},
      {"PUT", "/api/market/ownership-groups"},
      {"POST", "/api/market/ownership-groups/remove"},
      {"POST", "/api/allocations"},
      {"GET", "/api/allocations"},
      {"GET", "/api/allocations/{id}"},
      {"POST", "/api/allocations/{id}/confirm"},
  };
  return routes;
}

std::string route_template(const std::string& target) {
  const std::string path = target.substr(0, target.find('?'));
  std::string out;
  std::size_t start = 0;
  while (start < path.size()) {
    const auto slash = path.find('/', start + 1);
    const std::string segment = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    const bool number = segment.size() > 1 &&
                        std::all_of(segment.begin() + 1, segment.end(), [](char c) { return c >= '0' && c <= '9'; });
    out += number ? "/{id}" : segment;
    if (slash == std::string::npos) break;
    start = slash;
  }
  return out;
}

// ---------------------------------------------------------------- demo users

std::string email_of(Who who) {
  switch (who) {
    case Who::council: return "officer@birmingham.example";
    case Who::provider: return "manager@provider.example";
    case Who::operator_: return "operator@caremarket.example";
  }
  return "";
}

std::string to_string(Who who) {
  switch (who) {
    case Who::council: return "council officer";
    case Who::provider: return "provider manager";
    case Who::operator_: return "operator";
  }
  return "";
}

const Login& login_as(Who who) {
  const Api& client = api();
  auto& logins = shared_state()->logins;
  if (const auto it = logins.find(who); it != logins.end()) return it->second;
  const auto reply = client.post("/api/login", {{"email", email_of(who)}, {"password", kDemoPassword}});
  if (reply.status != 200 || !reply.body.is_object() || !reply.body.contains("token")) {
    fail_setup("cannot log in as " + email_of(who) + ": " + describe(reply));
  }
  Login login{reply.body.at("token").get<std::string>(), reply.body};
  return logins.emplace(who, std::move(login)).first->second;
}

const std::string& token(Who who) { return login_as(who).token; }

// ---------------------------------------------------------------- assertions

std::string describe(const Reply& reply) {
  std::string text = reply.text.size() > 600 ? reply.text.substr(0, 600) + "..." : reply.text;
  return "HTTP " + std::to_string(reply.status) + " " + text;
}

::testing::AssertionResult is_error(const Reply& reply, int status, const std::string& code, const std::string& field) {
  if (reply.status != status) {
    return ::testing::AssertionFailure() << "expected HTTP " << status << ", got " << describe(reply);
  }
  if (!reply.content_type.starts_with("application/json")) {
    return ::testing::AssertionFailure() << "content type is '" << reply.content_type << "': " << describe(reply);
  }
  const json& body = reply.body;
  if (!body.is_object() || body.size() != 1 || !body.contains("error") || !body["error"].is_object()) {
    return ::testing::AssertionFailure() << "not the error shape {\"error\": {...}}: " << describe(reply);
  }
  const json& error = body["error"];
  if (!error.contains("code") || !error["code"].is_string() || error["code"] != code) {
    return ::testing::AssertionFailure() << "expected error code '" << code << "': " << describe(reply);
  }
  if (!error.contains("message") || !error["message"].is_string() || error["message"].get<std::string>().empty()) {
    return ::testing::AssertionFailure() << "the error has no message: " << describe(reply);
  }
  if (!field.empty() && error.value("field", "") != field) {
    return ::testing::AssertionFailure() << "expected the error to name field '" << field << "': " << describe(reply);
  }
  return ::testing::AssertionSuccess();
}

json search(const Query& query, Who who) {
  const auto reply = api().get(with_query("/api/services", query), token(who));
  if (reply.status != 200 || !reply.body.is_object()) {
    ADD_FAILURE() << "search " << with_query("/api/services", query) << " failed: " << describe(reply);
    return {{"items", json::array()}, {"total", 0}};
  }
  return reply.body;
}

std::int64_t own_service(int min_places) {
  const auto provider = login_as(Who::provider).organisation_id();
  const json found = search({{"provider_id", std::to_string(provider)}, {"limit", "500"}}, Who::provider);
  // A CQC-registered home from the demo, never one a test added.
  for (const auto& item : found["items"]) {
    if (item["regulator"] == "cqc" && item["places"].get<int>() >= min_places) return item["id"].get<std::int64_t>();
  }
  fail_setup("the demo provider has no service with at least " + std::to_string(min_places) + " places");
}

std::int64_t other_service() {
  const auto provider = login_as(Who::provider).organisation_id();
  const json found = search({{"local_authority", kBirmingham}, {"limit", "500"}}, Who::provider);
  for (const auto& item : found["items"]) {
    if (item["provider"]["id"].get<std::int64_t>() != provider && item["regulator"] == "cqc" &&
        item["places"].get<int>() >= 3) {
      return item["id"].get<std::int64_t>();
    }
  }
  fail_setup("no Birmingham service of another provider in the demo register");
}

json service_as_operator(std::int64_t id) {
  const auto reply = api().get("/api/services/" + std::to_string(id), token(Who::operator_));
  EXPECT_EQ(reply.status, 200) << describe(reply);
  return reply.body;
}

json prices_as_operator(std::int64_t id) {
  const auto reply = api().get("/api/services/" + std::to_string(id) + "/prices", token(Who::operator_));
  EXPECT_EQ(reply.status, 200) << describe(reply);
  return reply.body;
}

}  // namespace caremarket::e2e
