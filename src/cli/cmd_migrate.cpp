// `caremarket migrate`: moves a council's SQLite database into PostgreSQL.
// Generic over the tables: whatever the SQLite file holds is copied column
// by column into the same tables on PostgreSQL (both backends' migrations
// make the same tables and columns), parents before children, values sent
// as parameters, all in one PostgreSQL transaction that commits only when
// every table's row count matches and the audit trail verifies in the copy.
// It lives in cli because only cli may see both backends.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "cli/context.hpp"
#include "core/text.hpp"
#include "storage/audit_chain.hpp"
#include "storage/audit_key.hpp"
#include "storage/postgres/pg_db.hpp"
#include "storage/postgres/pg_store.hpp"
#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace caremarket::cli {
namespace {
namespace sq = storage::sqlite;
namespace pg = storage::postgres;

// Exit code for an audit trail that does not verify, as `audit verify` gives.
constexpr int kTampered = 8;
// The lock every writing transaction on PostgreSQL takes first: held to
// the commit, so no server writes between the emptiness check and the copy's commit.
constexpr std::string_view kWriterLock = storage::postgres::PgStore::kWriterLock;
// Rows per INSERT: few round trips, and well below PostgreSQL's 65535 parameters.
constexpr int kBatchRows = 500;
constexpr int kMaxParameters = 65535;
// Each backend records its own migrations; the versions are compared instead.
constexpr std::string_view kMigrationsTable = "schema_migrations";
// Filled by triggers on services, prices and organisations: copied last,
// after the rows those triggers wrote while the copy ran are deleted.
constexpr std::string_view kTriggerFilled = "register_changes";

struct MigrateOptions {
  CommonOptions common;  // common.db is --from
  std::string to;
  bool replace = false;
};

// What a PostgreSQL column takes, and so how a SQLite value is sent to it.
enum class ColumnKind { integer, boolean, real, text };

struct Column {
  std::string name;
  ColumnKind kind = ColumnKind::text;
  std::string pg_type;  // information_schema's data_type, for messages
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::int64_t source_rows = 0;
  std::int64_t target_rows = 0;
  bool matches() const { return source_rows == target_rows; }
};

std::string sql_name(std::string_view identifier) {
  std::string out = "\"";
  for (const char c : identifier) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::optional<ColumnKind> kind_of(const std::string& pg_type) {
  if (pg_type == "bigint" || pg_type == "integer" || pg_type == "smallint") return ColumnKind::integer;
  if (pg_type == "boolean") return ColumnKind::boolean;
  if (pg_type == "double precision" || pg_type == "real") return ColumnKind::real;
  if (pg_type == "text" || pg_type == "character varying") return ColumnKind::text;
  return std::nullopt;
}

// --- the two schemas -------------------------------------------------------------

Result<std::vector<std::string>> source_tables(sq::Db& db) {
  CM_ASSIGN_OR_RETURN(auto stmt, db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                            "'sqlite\\_%' ESCAPE '\\' AND name <> ? ORDER BY name"));
  stmt.bind(1, kMigrationsTable);
  return sq::collect<std::string>(stmt, [](const sq::Stmt& r) { return r.text(0); });
}

Result<std::vector<std::string>> source_columns(sq::Db& db, const std::string& table) {
  CM_ASSIGN_OR_RETURN(auto stmt, db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid"));
  stmt.bind(1, table);
  return sq::collect<std::string>(stmt, [](const sq::Stmt& r) { return r.text(0); });
}

struct TargetSchema {
  std::map<std::string, std::map<std::string, std::string>> columns;  // table -> column -> data_type
  std::vector<std::pair<std::string, std::string>> references;        // (child, parent)
};

Result<TargetSchema> target_schema(pg::Db& db) {
  TargetSchema schema;
  auto tables = db.prepare(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = "
      "'BASE TABLE'");
  CM_ASSIGN_OR_RETURN(auto names, pg::collect<std::string>(tables, [](const pg::Stmt& r) { return r.text(0); }));
  for (auto& name : names) schema.columns[name];
  auto columns = db.prepare(
      "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = "
      "current_schema()");
  while (true) {
    CM_ASSIGN_OR_RETURN(const bool row, columns.step());
    if (!row) break;
    if (auto found = schema.columns.find(columns.text(0)); found != schema.columns.end())
      found->second[columns.text(1)] = columns.text(2);
  }
  auto references = db.prepare(
      "SELECT c.relname, p.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
      "JOIN pg_class p ON p.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE k.contype = 'f' AND n.nspname = current_schema()");
  CM_ASSIGN_OR_RETURN(schema.references,
                      (pg::collect<std::pair<std::string, std::string>>(references, [](const pg::Stmt& r) {
                        return std::pair{r.text(0), r.text(1)};
                      })));
  return schema;
}

// Parents before children (PostgreSQL's foreign keys, which are what will
// refuse a child copied first), ties by name; the trigger-filled table last.
Result<std::vector<std::string>> copy_order(const std::vector<std::string>& tables,
                                            const std::vector<std::pair<std::string, std::string>>& references) {
  std::map<std::string, std::set<std::string>> parents_left;
  for (const auto& t : tables) parents_left[t];
  for (const auto& [child, parent] : references) {
    if (child != parent && parents_left.contains(child) && parents_left.contains(parent))
      parents_left[child].insert(parent);
  }
  std::vector<std::string> order;
  while (!parents_left.empty()) {
    auto ready = std::find_if(parents_left.begin(), parents_left.end(),
                              [](const auto& t) { return t.second.empty() && t.first != kTriggerFilled; });
    if (ready == parents_left.end()) ready = parents_left.find(std::string(kTriggerFilled));
    if (ready == parents_left.end() || !ready->second.empty()) {
      std::vector<std::string> stuck;
      for (const auto& [t, parents] : parents_left) stuck.push_back(t);
      return Error::internal("the foreign keys of these tables form a cycle, so no copy order satisfies them: " +
                             join(stuck, ", "));
    }
    const std::string done = ready->first;
    parents_left.erase(ready);
    for (auto& [t, parents] : parents_left) parents.erase(done);
    order.push_back(done);
  }
  return order;
}

// The tables to copy, in order, each column with the kind PostgreSQL takes.
// Both ends were migrated to the same version, so a difference here means
// one of them was changed by hand: refused rather than guessed at.
Result<std::vector<Table>> plan(sq::Db& from, pg::Db& to) {
  CM_ASSIGN_OR_RETURN(const auto names, source_tables(from));
  CM_ASSIGN_OR_RETURN(auto target, target_schema(to));
  for (const auto& [name, columns] : target.columns) {
    if (name != kMigrationsTable && std::find(names.begin(), names.end(), name) == names.end())
      return Error::conflict("the target has a table '" + name + "' that the SQLite database has not");
  }
  CM_ASSIGN_OR_RETURN(const auto order, copy_order(names, target.references));
  std::vector<Table> tables;
  for (const auto& name : order) {
    const auto found = target.columns.find(name);
    if (found == target.columns.end())
      return Error::conflict("the target has no table '" + name + "', which the SQLite database has");
    Table table{name, {}, 0, 0};
    CM_ASSIGN_OR_RETURN(const auto columns, source_columns(from, name));
    for (const auto& column : columns) {
      const auto type = found->second.find(column);
      if (type == found->second.end())
        return Error::conflict("the target's table '" + name + "' has no column '" + column + "'");
      const auto kind = kind_of(type->second);
      if (!kind)
        return Error::internal("column '" + name + "." + column + "' is of type " + type->second +
                               ", which migrate does not copy");
      table.columns.push_back({column, *kind, type->second});
    }
    if (columns.size() != found->second.size())
      return Error::conflict("the target's table '" + name + "' has columns the SQLite database's has not");
    tables.push_back(std::move(table));
  }
  return tables;
}

// --- counting, emptying, copying -----------------------------------------------

Result<std::int64_t> count_rows(sq::Db& db, const std::string& table) {
  CM_ASSIGN_OR_RETURN(auto stmt, db.prepare("SELECT COUNT(*) FROM " + sql_name(table)));
  CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
  return row ? stmt.int64(0) : 0;
}

Result<std::int64_t> count_rows(pg::Db& db, const std::string& table) {
  auto stmt = db.prepare("SELECT COUNT(*) FROM " + sql_name(table));
  CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
  return row ? stmt.int64(0) : 0;
}

// Refuses a target holding any row, unless told to replace it; then empties
// every table (in the copy's transaction, so a failed copy restores it).
Status empty_target(pg::Db& db, const std::vector<Table>& tables, bool replace) {
  std::vector<std::string> holding;
  for (const auto& t : tables) {
    CM_ASSIGN_OR_RETURN(const auto rows, count_rows(db, t.name));
    if (rows > 0) holding.push_back(t.name + " (" + std::to_string(rows) + " rows)");
  }
  if (holding.empty()) return {};
  if (!replace) {
    if (holding.size() > 4) {
      holding.resize(4);
      holding.push_back("...");
    }
    return Error::conflict("the target database already holds data (" + join(holding, ", ") +
                           "): migrate copies into an empty database only; give --replace to empty it first (in "
                           "the same transaction, so a failed copy leaves it as it was)");
  }
  std::vector<std::string> names;
  for (const auto& t : tables) names.push_back(sql_name(t.name));
  return db.exec("TRUNCATE " + join(names, ", ") + " RESTART IDENTITY");
}

using Value = std::variant<std::monostate, std::int64_t, double, bool, std::string>;

// One SQLite value as the PostgreSQL column takes it: 0/1 become booleans,
// NULL stays NULL; anything else that does not fit is refused by name.
Result<Value> value_of(const sq::Stmt& row, int at, const Table& table, const Column& column) {
  const auto type = row.text(at + 1);  // typeof(): integer, real, text, blob or null
  if (type == "null") return Value{};
  const auto refuse = [&]() -> Error {
    return Error::invalid("cannot copy " + table.name + " row " + std::to_string(row.int64(0)) + ": column " +
                              column.name + " holds " + type + " where PostgreSQL takes " + column.pg_type,
                          "from");
  };
  switch (column.kind) {
    case ColumnKind::integer:
      if (type == "integer") return Value{row.int64(at)};
      break;
    case ColumnKind::boolean:
      if (type == "integer") return Value{row.int64(at) != 0};
      break;
    case ColumnKind::real:
      if (type == "integer" || type == "real") return Value{row.real(at)};
      break;
    case ColumnKind::text:
      if (type == "text") {
        auto text = row.text(at);
        // libpq sends text up to its first NUL: refused rather than cut short.
        if (text.find('\0') != std::string::npos) return refuse();
        return Value{std::move(text)};
      }
      break;
  }
  return refuse();
}

// Copies one table in batches of rows per INSERT; gives the rows copied.
Result<std::int64_t> copy_table(sq::Db& from, pg::Db& to, const Table& table) {
  std::vector<std::string> names;
  std::string select = "SELECT rowid";
  for (const auto& c : table.columns) {
    names.push_back(sql_name(c.name));
    select += ", " + sql_name(c.name) + ", typeof(" + sql_name(c.name) + ")";
  }
  select += " FROM " + sql_name(table.name) + " ORDER BY rowid";
  CM_ASSIGN_OR_RETURN(auto read, from.prepare(select));

  const int width = static_cast<int>(table.columns.size());
  const int per_batch = std::max(1, std::min(kBatchRows, kMaxParameters / std::max(width, 1)));
  const std::string insert = "INSERT INTO " + sql_name(table.name) + " (" + join(names, ", ") + ") VALUES ";
  const auto insert_sql = [&](int rows) {
    std::string sql = insert;
    for (int r = 0; r < rows; ++r) sql += (r ? ", (" : "(") + pg::placeholders(width, r * width + 1) + ")";
    return sql;
  };
  const std::string full_batch = insert_sql(per_batch);
  std::vector<Value> batch;
  batch.reserve(static_cast<std::size_t>(per_batch * width));
  const auto flush = [&]() -> Status {
    const int rows = static_cast<int>(batch.size()) / width;
    if (rows == 0) return {};
    auto stmt = to.prepare(rows == per_batch ? full_batch : insert_sql(rows));
    int index = 1;
    for (const auto& v : batch) {
      std::visit(
          [&](const auto& x) {
            if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::monostate>) {
              stmt.bind_null(index);
            } else {
              stmt.bind(index, x);
            }
          },
          v);
      ++index;
    }
    batch.clear();
    if (auto done = stmt.run(); !done) {
      Error error = done.error();
      error.message = "cannot copy " + table.name + ": " + error.message;
      return error;
    }
    return {};
  };

  std::int64_t copied = 0;
  while (true) {
    CM_ASSIGN_OR_RETURN(const bool row, read.step());
    if (!row) break;
    for (int c = 0; c < width; ++c) {
      CM_ASSIGN_OR_RETURN(auto value, value_of(read, 1 + 2 * c, table, table.columns[static_cast<std::size_t>(c)]));
      batch.push_back(std::move(value));
    }
    ++copied;
    if (static_cast<int>(batch.size()) == per_batch * width) CM_TRY_STATUS(flush());
  }
  CM_TRY_STATUS(flush());
  return copied;
}

// Ids were copied as they were: each id sequence moves past the largest, so
// the next row written on PostgreSQL does not collide with a copied one.
Status advance_sequences(pg::Db& db) {
  auto serial = db.prepare(
      "SELECT table_name, column_name, seq FROM (SELECT table_name, column_name, "
      "pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) AS seq "
      "FROM information_schema.columns WHERE table_schema = current_schema()) s WHERE seq IS NOT NULL");
  CM_ASSIGN_OR_RETURN(const auto sequences, (pg::collect<std::vector<std::string>>(serial, [](const pg::Stmt& r) {
                        return std::vector{r.text(0), r.text(1), r.text(2)};
                      })));
  for (const auto& s : sequences) {
    auto set = db.prepare("SELECT setval($1::regclass, COALESCE((SELECT MAX(" + sql_name(s[1]) + ") FROM " +
                          sql_name(s[0]) + "), 0) + 1, false)");
    set.bind(1, s[2]);
    CM_TRY_STATUS(set.run());
  }
  return {};
}

// The audit trail as the copy holds it, read inside the copy's transaction.
Result<std::vector<storage::AuditEvent>> target_audit_log(pg::Db& db) {
  auto stmt = db.prepare(
      "SELECT id, at, actor_user_id, actor_organisation_id, action, subject, detail, prev_hash, hash, mac "
      "FROM audit_events ORDER BY id");
  return pg::collect<storage::AuditEvent>(stmt, [](const pg::Stmt& r) {
    return storage::AuditEvent{r.int64(0), r.int64(1), r.int64(2), r.int64(3), r.text(4),
                               r.text(5),  r.text(6),  r.text(7),  r.text(8),  r.text(9)};
  });
}

// --- the whole move ---------------------------------------------------------------

struct Outcome {
  int schema_version = 0;
  std::vector<Table> tables;
  std::string audit_checked_in;  // "source" (refused before copying) or "target"
  storage::AuditVerification audit;
  std::size_t audit_entries = 0;
  std::string audit_head;
  bool committed = false;
  double seconds = 0;

  bool counts_match() const {
    return std::all_of(tables.begin(), tables.end(), [](const Table& t) { return t.matches(); });
  }
};

// Copies every table and checks the copy, inside the caller's transaction.
Status copy_and_check(sq::Db& from, pg::Db& to, const std::string& key, bool replace, Outcome& outcome) {
  CM_ASSIGN_OR_RETURN(outcome.tables, plan(from, to));
  CM_TRY_STATUS(empty_target(to, outcome.tables, replace));
  for (auto& table : outcome.tables) {
    CM_ASSIGN_OR_RETURN(table.source_rows, count_rows(from, table.name));
    if (table.name == kTriggerFilled) CM_TRY_STATUS(to.exec("DELETE FROM " + sql_name(table.name)));
    CM_ASSIGN_OR_RETURN(const auto copied, copy_table(from, to, table));
    if (copied != table.source_rows) {
      return Error::internal("read " + std::to_string(copied) + " rows of " + table.name + " but counted " +
                             std::to_string(table.source_rows));
    }
  }
  CM_TRY_STATUS(advance_sequences(to));
  for (auto& table : outcome.tables) { CM_ASSIGN_OR_RETURN(table.target_rows, count_rows(to, table.name)); }
  CM_ASSIGN_OR_RETURN(const auto log, target_audit_log(to));
  outcome.audit_checked_in = "target";
  outcome.audit = storage::verify_audit_chain(log, key);
  outcome.audit_entries = log.size();
  outcome.audit_head = log.empty() ? std::string(storage::kAuditGenesis) : log.back().hash;
  return {};
}

// One PostgreSQL transaction around the copy: committed only when every
// count matches and the trail verifies; anything else rolls it all back.
Status run_copy(const std::string& source, const std::string& target, const std::string& key, bool replace,
                Outcome& outcome) {
  CM_ASSIGN_OR_RETURN(auto from, sq::Db::open(source));
  CM_ASSIGN_OR_RETURN(auto to, pg::Db::open(target));
  // One read transaction: every table from the same moment, even if a
  // server still writes to the file.
  CM_TRY_STATUS(from->exec("BEGIN"));
  CM_TRY_STATUS(to->exec("BEGIN"));
  to->set_transaction_open(true);
  Status done = to->exec(kWriterLock);
  if (done) done = copy_and_check(*from, *to, key, replace, outcome);
  if (done && outcome.counts_match() && outcome.audit.intact) {
    done = to->exec("COMMIT");
    outcome.committed = static_cast<bool>(done);
  }
  if (!outcome.committed) (void)to->exec("ROLLBACK");
  to->set_transaction_open(false);
  (void)from->exec("ROLLBACK");
  return done;
}

nlohmann::json audit_json(const Outcome& o) {
  nlohmann::json out{
      {"checked_in", o.audit_checked_in},
      {"intact", o.audit.intact},
      {"entries", o.audit_entries},
      {"head", o.audit_head},
      {"signatures_checked", o.audit.signatures_checked},
      {"signed_from", o.audit.signed_from == 0 ? nlohmann::json(nullptr) : nlohmann::json(o.audit.signed_from)}};
  if (!o.audit.intact) {
    out["first_bad_id"] = o.audit.first_bad_id;
    out["problem"] = std::string(storage::to_string(o.audit.problem));
    out["reason"] = o.audit.reason;
  }
  return out;
}

void print_json(const MigrateOptions& options, const Outcome& o) {
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& t : o.tables) {
    tables.push_back(
        {{"table", t.name}, {"source_rows", t.source_rows}, {"target_rows", t.target_rows}, {"match", t.matches()}});
  }
  std::cout << nlohmann::json{{"from", options.common.db},
                              {"to", printable_db(options.to)},
                              {"schema_version", o.schema_version},
                              {"replaced", options.replace},
                              {"tables", tables},
                              {"counts_match", o.counts_match()},
                              {"audit", audit_json(o)},
                              {"committed", o.committed},
                              {"seconds", o.seconds}}
                   .dump(2)
            << std::endl;
}

void print_audit(const Outcome& o, const std::string& key_file) {
  const std::string where = o.audit_checked_in == "source" ? "in the source" : "in the copy";
  if (!o.audit.intact) {
    std::cout << "audit trail NOT intact " << where << " at entry " << o.audit.first_bad_id << ": " << o.audit.reason
              << "\n";
    return;
  }
  std::cout << "audit trail intact " << where << ": " << o.audit_entries << " entries; head " << o.audit_head << "\n";
  if (!o.audit.signatures_checked) {
    std::cout << "signatures NOT checked: no audit key given (--audit-key-file or CAREMARKET_AUDIT_KEY_FILE)\n";
  } else {
    std::cout << "signatures checked with the key in " << key_file;
    if (o.audit.signed_from > 0) std::cout << " (signed from entry " << o.audit.signed_from << ")";
    std::cout << "\n";
  }
}

void print_text(const MigrateOptions& options, const Outcome& o, const std::string& key_file) {
  std::cout << "From " << options.common.db << " to " << printable_db(options.to) << " (schema version "
            << o.schema_version << ")\n";
  if (!o.tables.empty()) {
    std::cout << "  " << std::left << std::setw(28) << "table" << std::right << std::setw(10) << "source"
              << std::setw(10) << "target"
              << "  match\n";
    std::int64_t rows = 0;
    for (const auto& t : o.tables) {
      std::cout << "  " << std::left << std::setw(28) << t.name << std::right << std::setw(10) << t.source_rows
                << std::setw(10) << t.target_rows << "  " << (t.matches() ? "yes" : "NO") << "\n";
      rows += t.target_rows;
    }
    std::cout << "  " << o.tables.size() << " tables, " << rows << " rows\n";
  }
  print_audit(o, key_file);
  std::ostringstream seconds;
  seconds << std::fixed << std::setprecision(1) << o.seconds;
  if (o.committed) {
    std::cout << "committed in " << seconds.str() << " s: serve it with --db " << printable_db(options.to);
    if (!key_file.empty()) std::cout << " --audit-key-file " << key_file;
    std::cout << "\n";
  } else if (o.audit_checked_in == "source") {
    std::cout << "nothing was copied: see `caremarket audit verify --db " << options.common.db << "`\n";
  } else {
    std::cout << "NOT committed: the target is as it was\n";
  }
  std::cout << std::flush;
}

int migrate(const MigrateOptions& options) {
  const bool as_json = options.common.json;
  const auto& source = options.common.db;
  const auto started = std::chrono::steady_clock::now();
  if (options.to.empty() || !is_postgres_url(options.to)) {
    return fail(
        Error::invalid("name the PostgreSQL database to move to with --to postgresql://user@host/database", "to"),
        as_json);
  }
  if (is_postgres_url(source)) {
    return fail(Error::invalid("--from is the council's SQLite database file; " + printable_db(source) +
                                   " is a PostgreSQL database",
                               "from"),
                as_json);
  }
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(source, ignored))
    return fail(Error::not_found("there is no SQLite database at '" + source + "'"), as_json);
  const auto key_file = resolved_audit_key_file(options.common);
  std::string key;
  if (!key_file.empty()) {
    auto read = storage::read_audit_key_file(key_file);
    if (!read) return fail(read.error(), as_json);
    key = std::move(*read);
  }

  Outcome outcome;
  {
    // The source checked first: a trail that does not verify is not moved
    // (the copy would carry the break, and the move would hide where it came from).
    auto from = storage::sqlite::SqliteStore::open(source);
    if (!from) return fail(from.error(), as_json);
    auto version = (*from)->schema_version();
    if (!version) return fail(version.error(), as_json);
    auto log = (*from)->audit_log();
    if (!log) return fail(log.error(), as_json);
    outcome.schema_version = *version;
    outcome.audit = storage::verify_audit_chain(*log, key);
    if (!outcome.audit.intact) {
      outcome.audit_checked_in = "source";
      outcome.audit_entries = log->size();
      outcome.audit_head = log->back().hash;
      if (as_json) {
        print_json(options, outcome);
      } else {
        print_text(options, outcome, key_file);
      }
      return kTampered;
    }
    auto to = storage::postgres::PgStore::open(options.to, 1);
    if (!to) return fail(to.error(), as_json);
    auto target_version = (*to)->schema_version();
    if (!target_version) return fail(target_version.error(), as_json);
    if (*target_version != *version) {
      return fail(Error::conflict("the SQLite database is at schema version " + std::to_string(*version) +
                                  " and the PostgreSQL database at " + std::to_string(*target_version) +
                                  ": both must be at the same version"),
                  as_json);
    }
  }

  if (auto copied = run_copy(source, options.to, key, options.replace, outcome); !copied) {
    Error error = copied.error();
    if (error.code != ErrorCode::conflict) error.message += " (nothing was copied: the target is as it was)";
    return fail(error, as_json);
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (as_json) {
    print_json(options, outcome);
  } else {
    print_text(options, outcome, key_file);
  }
  if (!outcome.audit.intact) return kTampered;
  if (!outcome.counts_match()) {
    if (!as_json) std::cerr << "caremarket: the row counts of the copy differ from the source's" << std::endl;
    return exit_code(ErrorCode::internal);
  }
  return 0;
}
}  // namespace

void add_migrate_command(CLI::App& app, int& exit_status) {
  auto options = std::make_shared<MigrateOptions>();
  auto* cmd = app.add_subcommand(
      "migrate",
      "Move a council's SQLite database into an empty PostgreSQL database: every table, in one transaction, "
      "committed only when each table's row count and the audit trail check out in the copy");
  cmd->add_option("--from", options->common.db, "the SQLite database file to copy")->capture_default_str();
  cmd->add_option("--to", options->to, "the PostgreSQL database to copy into: postgresql://user@host/database");
  cmd->add_flag("--replace", options->replace,
                "empty the target's tables first (a failed copy still leaves them as they were)");
  cmd->add_flag("--json", options->common.json, "print the result as JSON");
  add_audit_key_option(cmd, options->common);
  cmd->callback([options, &exit_status] { exit_status = migrate(*options); });
}

}  // namespace caremarket::cli
