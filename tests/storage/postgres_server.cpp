#include "storage/postgres_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "storage/postgres/pg_db.hpp"
#include "storage/postgres/pg_store.hpp"

namespace caremarket::testing {
namespace {
namespace fs = std::filesystem;

fs::path bin_dir() {
  if (const char* env = std::getenv("CAREMARKET_PG_BINDIR"); env && *env) return env;
  return "/usr/lib/postgresql/15/bin";
}

// A port nothing listens on now (the server takes it a moment later).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

std::string tail_of(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream all;
  all << in.rdbuf();
  const auto text = all.str();
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

// Runs a server program, as `postgres` when we are root; output goes to `log`.
int run(const std::string& command, const fs::path& log) {
  const std::string as = ::geteuid() == 0 ? "runuser -u postgres -- " : "";
  const std::string line = as + command + " >>" + log.string() + " 2>&1";
  return std::system(line.c_str());
}
}  // namespace

Result<std::unique_ptr<PostgresServer>> PostgresServer::start() {
  const auto bin = bin_dir();
  std::error_code ec;
  if (!fs::exists(bin / "initdb", ec) || !fs::exists(bin / "pg_ctl", ec)) {
    return Error::unavailable("PostgreSQL 15's server programs are not installed (no " + (bin / "initdb").string() +
                              "): run scripts/install-deps.sh, which installs Debian's postgresql package");
  }
  char pattern[] = "/tmp/caremarket-pg-XXXXXX";
  if (!::mkdtemp(pattern)) return Error::unavailable("cannot make a temporary folder for PostgreSQL");
  const fs::path folder = pattern;
  if (::geteuid() == 0) {
    const passwd* pg = ::getpwnam("postgres");
    if (!pg) {
      fs::remove_all(folder, ec);
      return Error::unavailable(
          "running as root, and there is no `postgres` user to run PostgreSQL as "
          "(Debian's postgresql package creates it): run scripts/install-deps.sh");
    }
    if (::chown(folder.c_str(), pg->pw_uid, pg->pw_gid) != 0) {
      fs::remove_all(folder, ec);
      return Error::unavailable("cannot give " + folder.string() + " to the postgres user");
    }
  }
  const auto log = folder / "setup.log";
  const auto data = folder / "data";
  // initdb --no-sync: the cluster is thrown away; the server itself keeps fsync on.
  if (run((bin / "initdb").string() + " -D " + data.string() + " -U caremarket -A trust -E UTF8 --no-locale --no-sync",
          log) != 0) {
    const auto why = tail_of(log);
    fs::remove_all(folder, ec);
    return Error::unavailable("initdb failed:\n" + why);
  }
  for (int attempt = 0; attempt < 5; ++attempt) {
    const int port = free_port();
    const std::string options = "-c listen_addresses=127.0.0.1 -c port=" + std::to_string(port) +
                                " -c unix_socket_directories=" + folder.string() +
                                // Commits do not wait for their WAL flush: the tests never need a
                                // crash to keep a commit, and each test migrates a schema of its own.
                                " -c synchronous_commit=off";
    if (run((bin / "pg_ctl").string() + " -D " + data.string() + " -l " + (folder / "server.log").string() +
                " -w -t 60 -o '" + options + "' start",
            log) == 0) {
      return std::unique_ptr<PostgresServer>(new PostgresServer(folder, port));
    }
  }
  const auto why = tail_of(folder / "server.log") + tail_of(log);
  fs::remove_all(folder, ec);
  return Error::unavailable("PostgreSQL would not start:\n" + why);
}

PostgresServer::~PostgresServer() {
  const auto bin = bin_dir();
  (void)run((bin / "pg_ctl").string() + " -D " + (folder_ / "data").string() + " -m immediate -w stop",
            folder_ / "setup.log");
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
}

std::string PostgresServer::url(const std::string& database) const {
  return "postgresql://caremarket@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

Result<std::string> PostgresServer::fresh_schema_url() {
  const std::string schema = "test_" + std::to_string(++schemas_);
  CM_ASSIGN_OR_RETURN(auto admin, storage::postgres::Db::open(url()));
  CM_TRY_STATUS(admin->exec("CREATE SCHEMA " + schema));
  // libpq's `options`: "-c search_path=<schema>", URL-encoded.
  return url() + "?options=-c%20search_path%3D" + schema;
}

Result<std::string> PostgresServer::fresh_database_url() {
  CM_ASSIGN_OR_RETURN(auto admin, storage::postgres::Db::open(url()));
  if (!template_ready_) {
    CM_TRY_STATUS(admin->exec("CREATE DATABASE migrated"));
    // Migrated, then closed: a template is copied only while nobody is connected.
    CM_TRY_STATUS(storage::postgres::PgStore::open(url("migrated")));
    template_ready_ = true;
  }
  const std::string name = "test_" + std::to_string(++databases_);
  CM_TRY_STATUS(admin->exec("CREATE DATABASE " + name + " TEMPLATE migrated"));
  return url(name);
}

}  // namespace caremarket::testing
