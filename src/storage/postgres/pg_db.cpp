#include "storage/postgres/pg_db.hpp"

#include <poll.h>

#include <charconv>
#include <cstdlib>

namespace caremarket::storage::postgres {
namespace {
// Type Oids from PostgreSQL's catalog (pg_type.dat); stable across versions.
constexpr unsigned kBool = 16;
constexpr unsigned kInt8 = 20;
constexpr unsigned kText = 25;
constexpr unsigned kFloat8 = 701;

void ignore_notice(void*, const char*) {}

std::string field(const PGresult* r, int code) {
  const char* v = r ? PQresultErrorField(r, code) : nullptr;
  return v ? std::string(v) : std::string();
}
}  // namespace

// --- Stmt ---------------------------------------------------------------------

void Stmt::set(int index, std::optional<std::string> value, unsigned type) {
  const auto i = static_cast<std::size_t>(index - 1);
  if (values_.size() <= i) {
    values_.resize(i + 1);
    types_.resize(i + 1, 0);
  }
  values_[i] = std::move(value);
  types_[i] = type;
}

Stmt& Stmt::bind(int index, std::int64_t value) {
  set(index, std::to_string(value), kInt8);
  return *this;
}
Stmt& Stmt::bind(int index, double value) {
  char buffer[64];
  const auto done = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest text that reads back exactly
  set(index, std::string(buffer, done.ptr), kFloat8);
  return *this;
}
Stmt& Stmt::bind(int index, bool value) {
  set(index, std::string(value ? "true" : "false"), kBool);
  return *this;
}
Stmt& Stmt::bind(int index, std::string_view value) {
  set(index, std::string(value), kText);
  return *this;
}
Stmt& Stmt::bind_null(int index) {
  set(index, std::nullopt, 0);
  return *this;
}

Result<bool> Stmt::step() {
  if (!result_) {
    CM_ASSIGN_OR_RETURN(result_, db_->execute(sql_, values_, types_));
    row_ = -1;
  }
  ++row_;
  return row_ < PQntuples(result_.get());
}

void Stmt::reset() {
  result_.reset();
  values_.clear();
  types_.clear();
  row_ = -1;
}

Status Stmt::run() {
  result_.reset();
  CM_ASSIGN_OR_RETURN(result_, db_->execute(sql_, values_, types_));
  row_ = -1;
  return {};
}

Result<std::int64_t> Stmt::insert_id() {
  result_.reset();
  CM_ASSIGN_OR_RETURN(const bool row, step());
  if (!row) return Error::internal("database error: an insert gave back no id");
  return int64(0);
}

std::int64_t Stmt::changes() const {
  if (!result_) return 0;
  const char* n = PQcmdTuples(result_.get());
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

const char* Stmt::value(int column) const { return PQgetvalue(result_.get(), row_, column); }

bool Stmt::is_null(int column) const { return PQgetisnull(result_.get(), row_, column) != 0; }

std::int64_t Stmt::int64(int column) const {
  const char* v = value(column);
  const char* end = v + PQgetlength(result_.get(), row_, column);
  std::int64_t out = 0;
  std::from_chars(v, end, out);
  return out;
}

double Stmt::real(int column) const {
  const char* v = value(column);
  double out = 0;
  std::from_chars(v, v + PQgetlength(result_.get(), row_, column), out);
  return out;
}

bool Stmt::boolean(int column) const { return value(column)[0] == 't'; }

std::string Stmt::text(int column) const {
  return std::string(value(column), static_cast<std::size_t>(PQgetlength(result_.get(), row_, column)));
}

// --- Db -----------------------------------------------------------------------

Result<std::unique_ptr<Db>> Db::open(const std::string& conninfo) {
  PGconn* raw = PQconnectdb(conninfo.c_str());
  std::unique_ptr<Db> db(new Db(raw));
  if (!raw) return Error::unavailable("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(raw) != CONNECTION_OK) {
    std::string message = PQerrorMessage(raw);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return Error::unavailable("cannot connect to the PostgreSQL database: " + message);
  }
  PQsetNoticeProcessor(raw, ignore_notice, nullptr);
  return db;
}

std::unique_ptr<Db> Db::open_later(const std::string& conninfo) {
  PGconn* raw = PQconnectdb(conninfo.c_str());
  if (raw && PQstatus(raw) == CONNECTION_OK) PQsetNoticeProcessor(raw, ignore_notice, nullptr);
  return std::unique_ptr<Db>(new Db(raw));
}

Db::~Db() {
  if (conn_) PQfinish(conn_);
}

Error Db::error_of(const PGresult* result, std::string_view context) {
  last_state_ = field(result, PG_DIAG_SQLSTATE);
  last_constraint_ = field(result, PG_DIAG_CONSTRAINT_NAME);
  std::string message = field(result, PG_DIAG_MESSAGE_PRIMARY);
  if (message.empty()) message = PQerrorMessage(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (last_state_.rfind("23", 0) == 0) {
    return Error::conflict("the change clashes with a record already stored: " + message);
  }
  if (last_state_ == "40001" || last_state_ == "40P01" || last_state_ == "55P03") {
    return Error::unavailable("database busy (" + std::string(context) + "): " + message + "; try again");
  }
  if (last_state_.empty() || last_state_.rfind("08", 0) == 0 || PQstatus(conn_) != CONNECTION_OK) {
    return Error::unavailable("the PostgreSQL database cannot be reached (" + std::string(context) + "): " + message);
  }
  return Error::internal("database error (" + std::string(context) + "): " + message);
}

Status Db::ensure_connected() {
  if (!conn_) return Error::unavailable("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(conn_) == CONNECTION_OK) return {};
  if (transaction_open_) {
    return Error::unavailable(
        "the connection to PostgreSQL was lost during a transaction: nothing of it was saved; try again");
  }
  PQreset(conn_);
  prepared_.clear();  // prepared statements belong to the old connection
  if (PQstatus(conn_) != CONNECTION_OK) {
    return Error::unavailable(std::string("the PostgreSQL database cannot be reached: ") + PQerrorMessage(conn_));
  }
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
  return {};
}

Result<bool> Db::wait_for_notification(std::chrono::milliseconds timeout) {
  const auto take_all = [&] {
    bool any = false;
    while (PGnotify* n = PQnotifies(conn_)) {
      PQfreemem(n);
      any = true;
    }
    return any;
  };
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) return Error::unavailable("the listening connection is closed");
  if (take_all()) return true;
  pollfd fd{PQsocket(conn_), POLLIN, 0};
  if (fd.fd < 0) return Error::unavailable("the listening connection has no socket");
  const int ready = ::poll(&fd, 1, static_cast<int>(timeout.count()));
  if (ready < 0) return false;  // a signal: the caller asks again
  if (ready == 0) return false;
  if (PQconsumeInput(conn_) == 0) {
    return Error::unavailable(std::string("the listening connection was lost: ") + PQerrorMessage(conn_));
  }
  return take_all();
}

Status Db::exec(std::string_view sql) {
  CM_TRY_STATUS(ensure_connected());
  const std::string text(sql);
  PgResult r(PQexec(conn_, text.c_str()));
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return error_of(r.get(), "exec");
  last_state_.clear();
  last_constraint_.clear();
  return {};
}

Result<PgResult> Db::execute(const std::string& sql, const std::vector<std::optional<std::string>>& values,
                             const std::vector<unsigned>& types) {
  CM_TRY_STATUS(ensure_connected());
  std::vector<const char*> params;
  params.reserve(values.size());
  for (const auto& v : values) params.push_back(v ? v->c_str() : nullptr);
  const int count = static_cast<int>(values.size());
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    const std::string name = "s" + std::to_string(prepared_.size() + 1);
    PgResult prepared(PQprepare(conn_, name.c_str(), sql.c_str(), count, types.data()));
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) return error_of(prepared.get(), "prepare");
    found = prepared_.emplace(sql, name).first;
  }
  PgResult r(PQexecPrepared(conn_, found->second.c_str(), count, params.data(), nullptr, nullptr, 0));
  const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return error_of(r.get(), "step");
  last_state_.clear();
  last_constraint_.clear();
  return r;
}

// --- SQL text helpers -----------------------------------------------------------

std::string placeholders(int count, int first) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (i) out += ", ";
    out += "$" + std::to_string(first + i);
  }
  return out;
}

std::string assignments(std::string_view columns, int first) {
  std::string out;
  int n = first;
  while (!columns.empty()) {
    const auto comma = columns.find(',');
    auto name = columns.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    if (!out.empty()) out += ", ";
    out += std::string(name) + " = $" + std::to_string(n++);
    if (comma == std::string_view::npos) break;
    columns.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace caremarket::storage::postgres
