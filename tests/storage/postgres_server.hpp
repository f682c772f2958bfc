#pragma once
// A real PostgreSQL 15 server for tests: Debian's own programs
// (/usr/lib/postgresql/15/bin), a fresh cluster in a temporary folder,
// listening on 127.0.0.1 on a free port (and a unix socket in that folder
// only), stopped and removed when the object goes. PostgreSQL refuses to run
// as root, so under root (CI) the cluster belongs to, and runs as, the
// `postgres` user Debian's package creates.
#include <filesystem>
#include <memory>
#include <string>

#include "core/result.hpp"

namespace caremarket::testing {

class PostgresServer {
 public:
  // Fails with a message saying what is missing (the programs, the user) or
  // what the server wrote when it would not start.
  static Result<std::unique_ptr<PostgresServer>> start();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  ~PostgresServer();

  int port() const { return port_; }
  // postgresql://caremarket@127.0.0.1:PORT/DATABASE
  std::string url(const std::string& database = "postgres") const;
  // A URL whose connections see only a new, empty schema: one per test.
  Result<std::string> fresh_schema_url();
  // A new database already migrated (a copy of one migrated once, which is
  // quicker than migrating each): one per test.
  Result<std::string> fresh_database_url();

 private:
  PostgresServer(std::filesystem::path folder, int port) : folder_(std::move(folder)), port_(port) {}

  std::filesystem::path folder_;
  int port_;
  int schemas_ = 0;
  int databases_ = 0;
  bool template_ready_ = false;
};

}  // namespace caremarket::testing
