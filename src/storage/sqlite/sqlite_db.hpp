#pragma once
// A thin RAII layer over the SQLite C API: a connection and prepared
// statements with typed binds. Errors come back as Result, never thrown.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"

namespace caremarket::storage::sqlite {

class Db;

class Stmt {
 public:
  // `sql` set: the statement came from, and goes back to, `db`'s cache under that key.
  Stmt(Db& db, sqlite3_stmt* stmt, const std::string* sql = nullptr) : db_(&db), stmt_(stmt), sql_(sql) {}
  Stmt(Stmt&& other) noexcept : db_(other.db_), stmt_(other.stmt_), sql_(other.sql_) { other.stmt_ = nullptr; }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& operator=(Stmt&&) = delete;
  ~Stmt();

  Stmt& bind(int index, std::int64_t value);
  Stmt& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Stmt& bind(int index, double value);
  Stmt& bind(int index, std::string_view value);
  Stmt& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Stmt& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Stmt& bind_null(int index);
  Stmt& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  template <typename T>
  Stmt& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }
  // Binds `values` in order from `first`; returns the next index, so a
  // column list is bound without counting by hand.
  template <typename... T>
  int bind_from(int first, const T&... values) {
    int index = first;
    (bind(index++, values), ...);
    return index;
  }
  // How many `?` the statement has (to check a column list against its binds).
  int parameter_count() const { return sqlite3_bind_parameter_count(stmt_); }

  // true: a row is ready; false: done. Errors carry SQLite's message.
  Result<bool> step();
  // Makes the statement ready to run again with new binds.
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  // Runs to completion (for INSERT/UPDATE/DELETE).
  Status run();

  std::int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }
  int int32(int column) const { return sqlite3_column_int(stmt_, column); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  std::string text(int column) const;
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  Db* db_;
  sqlite3_stmt* stmt_;
  const std::string* sql_;  // the cache's key; nullptr: not cached
};

class Db {
 public:
  static Result<std::unique_ptr<Db>> open(const std::string& path);
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  Status exec(std::string_view sql);
  // A statement for `sql`: one prepared before and now idle when there is
  // one (parsing and planning cost more than many a query), else a new one.
  Result<Stmt> prepare(std::string_view sql);
  std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  Error error(std::string_view context) const;
  sqlite3* handle() { return db_; }

 private:
  friend class Stmt;
  explicit Db(sqlite3* db) : db_(db) {}
  // A statement done with: reset and kept for the next prepare of its SQL.
  void give_back(const std::string& sql, sqlite3_stmt* stmt);

  sqlite3* db_;
  std::mutex cache_mutex_;  // the store's lock covers its own use; this covers any other
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> idle_;
};

// SQL for a column list written once ("a, b, c"): the `?` placeholders, and
// "a = ?, b = ?, c = ?" for an UPDATE.
std::string placeholders(std::string_view columns);
std::string assignments(std::string_view columns);

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

}  // namespace caremarket::storage::sqlite
