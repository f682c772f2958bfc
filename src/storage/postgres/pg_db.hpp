#pragma once
// A thin RAII layer over libpq: one connection, statements with typed binds
// sent as parameters ($1, $2, ...), never spliced into the SQL. Each
// statement's text is prepared once per connection and reused. Errors come
// back as Result, never thrown; SQLSTATEs map to the same ErrorCodes the
// SQLite layer gives (a constraint refused: conflict).
#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"

namespace caremarket::storage::postgres {

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

class Db;

class Stmt {
 public:
  Stmt(Db& db, std::string sql) : db_(&db), sql_(std::move(sql)) {}

  Stmt& bind(int index, std::int64_t value);
  Stmt& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Stmt& bind(int index, double value);
  Stmt& bind(int index, bool value);
  Stmt& bind(int index, std::string_view value);
  Stmt& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Stmt& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Stmt& bind_null(int index);
  template <typename T>
  Stmt& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }
  // Binds `values` in order from `first`; returns the next index.
  template <typename... T>
  int bind_from(int first, const T&... values) {
    int index = first;
    (bind(index++, values), ...);
    return index;
  }

  // Runs the statement on the first call; then true while a row is ready.
  Result<bool> step();
  // Makes the statement ready to run again with new binds.
  void reset();
  // Runs to completion (INSERT/UPDATE/DELETE).
  Status run();
  // Runs an INSERT ... RETURNING id and gives the id.
  Result<std::int64_t> insert_id();
  // Rows the last run changed.
  std::int64_t changes() const;

  std::int64_t int64(int column) const;
  int int32(int column) const { return static_cast<int>(int64(column)); }
  double real(int column) const;
  bool boolean(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;

 private:
  void set(int index, std::optional<std::string> value, unsigned type);
  const char* value(int column) const;

  Db* db_;
  std::string sql_;
  std::vector<std::optional<std::string>> values_;
  std::vector<unsigned> types_;  // Oid per parameter; 0: let the server infer
  PgResult result_;
  int row_ = -1;
};

class Db {
 public:
  // `conninfo`: a postgresql:// URL or "key=value" pairs, as libpq takes them.
  static Result<std::unique_ptr<Db>> open(const std::string& conninfo);
  // Connects now if it can; if not, the first statement tries again and
  // gives the error (a pool's later connections).
  static std::unique_ptr<Db> open_later(const std::string& conninfo);
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  // Runs SQL without parameters (DDL, BEGIN, SAVEPOINT ...), several statements allowed.
  Status exec(std::string_view sql);
  Stmt prepare(std::string_view sql) { return Stmt(*this, std::string(sql)); }

  // Runs `sql` with the given parameters (text format), preparing it once.
  Result<PgResult> execute(const std::string& sql, const std::vector<std::optional<std::string>>& values,
                           const std::vector<unsigned>& types);
  // After LISTEN: waits up to `timeout` for a notification on this
  // connection and takes every one that came; true if any did. An error
  // when the connection is lost.
  Result<bool> wait_for_notification(std::chrono::milliseconds timeout);
  // Set by the store while a transaction is open: a connection lost then
  // is an error (the transaction is gone); lost between transactions, the
  // next statement connects again.
  void set_transaction_open(bool open) { transaction_open_ = open; }
  // Transactions open on this connection: savepoints below the first.
  int transaction_depth() const { return depth_; }
  void set_transaction_depth(int depth) { depth_ = depth; }
  // The SQLSTATE and constraint of the last failure ("" when it succeeded).
  const std::string& last_state() const { return last_state_; }
  const std::string& last_constraint() const { return last_constraint_; }

 private:
  explicit Db(PGconn* conn) : conn_(conn) {}
  Error error_of(const PGresult* result, std::string_view context);
  Status ensure_connected();

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
  std::string last_state_;
  std::string last_constraint_;
  bool transaction_open_ = false;
  int depth_ = 0;
};

// Runs `stmt` and turns each row into a T with `read`.
template <typename T, typename Read>
Result<std::vector<T>> collect(Stmt& stmt, Read read) {
  std::vector<T> out;
  while (true) {
    CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
    if (!row) return out;
    out.push_back(read(stmt));
  }
}

// "$1, $2, ..., $n" and "a = $1, b = $2, ..." for column lists ("a, b, c").
std::string placeholders(int count, int first = 1);
std::string assignments(std::string_view columns, int first = 1);

}  // namespace caremarket::storage::postgres
