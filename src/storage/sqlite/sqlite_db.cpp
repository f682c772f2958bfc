#include "storage/sqlite/sqlite_db.hpp"

#include <memory>
#include <string>
#include <vector>

namespace caremarket::storage::sqlite {

Stmt::~Stmt() {
  if (!stmt_) return;
  if (sql_) {
    db_->give_back(*sql_, stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
}

Stmt& Stmt::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Stmt& Stmt::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Stmt& Stmt::bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Stmt::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  if (rc == SQLITE_CONSTRAINT) {
    return Error::conflict(std::string("the change clashes with a record already stored: ") +
                           sqlite3_errmsg(db_->handle()));
  }
  return db_->error("step");
}

Status Stmt::run() {
  while (true) {
    CM_ASSIGN_OR_RETURN(const bool row, step());
    if (!row) return {};
  }
}

std::string Stmt::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

Result<std::unique_ptr<Db>> Db::open(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  std::unique_ptr<Db> db(new Db(raw));
  if (rc != SQLITE_OK) return Error::unavailable("cannot open the database '" + path + "': " + sqlite3_errstr(rc));
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

Db::~Db() {
  for (auto& [sql, stmts] : idle_) {
    for (auto* stmt : stmts) sqlite3_finalize(stmt);
  }
  if (db_) sqlite3_close_v2(db_);
}

void Db::give_back(const std::string& sql, sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  std::lock_guard lock(cache_mutex_);
  idle_[sql].push_back(stmt);
}

Status Db::exec(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    Error e = Error::unavailable(std::string("database error: ") + (message ? message : "unknown"));
    sqlite3_free(message);
    return e;
  }
  return {};
}

Result<Stmt> Db::prepare(std::string_view sql) {
  const std::string* key = nullptr;
  {
    std::lock_guard lock(cache_mutex_);
    auto [entry, added] = idle_.try_emplace(std::string(sql));
    // SQL is written with parameters, so its texts are few; a bound keeps a
    // surprise (text built from values) from growing the cache for ever.
    constexpr std::size_t kMostTexts = 1000;
    if (added && idle_.size() > kMostTexts) {
      idle_.erase(entry);
    } else {
      key = &entry->first;  // a node's key stays where it is while the map changes
    }
    if (key && !entry->second.empty()) {
      sqlite3_stmt* stmt = entry->second.back();
      entry->second.pop_back();
      return Stmt(*this, stmt, key);
    }
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    return error("prepare");
  }
  return Stmt(*this, stmt, key);
}

Error Db::error(std::string_view context) const {
  const int code = sqlite3_errcode(db_);
  const std::string message = std::string("database error (") + std::string(context) + "): " + sqlite3_errmsg(db_);
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return Error::unavailable(message + "; try again");
  return Error::internal(message);
}

namespace {
std::vector<std::string_view> column_names(std::string_view columns) {
  std::vector<std::string_view> out;
  while (!columns.empty()) {
    const auto comma = columns.find(',');
    auto name = columns.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    out.push_back(name);
    if (comma == std::string_view::npos) break;
    columns.remove_prefix(comma + 1);
  }
  return out;
}
}  // namespace

std::string placeholders(std::string_view columns) {
  std::string out;
  for (std::size_t i = 0; i < column_names(columns).size(); ++i) out += i ? ", ?" : "?";
  return out;
}

std::string assignments(std::string_view columns) {
  std::string out;
  for (const auto name : column_names(columns)) {
    if (!out.empty()) out += ", ";
    out += std::string(name) + " = ?";
  }
  return out;
}

}  // namespace caremarket::storage::sqlite
