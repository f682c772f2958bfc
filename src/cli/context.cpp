#include "cli/context.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <utility>

#include "api/error_table.hpp"
#include "storage/audit_key.hpp"
#include "storage/postgres/pg_store.hpp"

namespace caremarket::cli {
namespace {
// 8 is taken by `audit verify` for a trail that does not verify.
constexpr std::array<std::pair<ErrorCode, int>, 10> kExitCodes{{
    {ErrorCode::invalid_input, 2},
    {ErrorCode::not_found, 3},
    {ErrorCode::conflict, 4},
    {ErrorCode::unauthenticated, 5},
    {ErrorCode::forbidden, 5},
    {ErrorCode::payload_too_large, 2},
    {ErrorCode::unavailable, 6},
    {ErrorCode::too_many_requests, 6},
    {ErrorCode::timed_out, 6},
    {ErrorCode::internal, 70},
}};
}  // namespace

int exit_code(ErrorCode code) {
  for (const auto& [c, exit] : kExitCodes)
    if (c == code) return exit;
  return 1;
}

int fail(const Error& error, bool json) {
  if (json) {
    std::cout << api::error_body(error).dump(2) << std::endl;
  } else {
    std::cerr << "caremarket: " << error.message;
    if (!error.field.empty()) std::cerr << " (field: " << error.field << ")";
    std::cerr << std::endl;
  }
  return exit_code(error.code);
}

std::string resolved_data_dir(const CommonOptions& options) {
  if (!options.data_dir.empty()) return options.data_dir;
  if (const char* env = std::getenv("CAREMARKET_DATA_DIR"); env && *env) return env;
  return CAREMARKET_DATA_DIR;
}

void add_audit_key_option(CLI::App* command, CommonOptions& options) {
  command->add_option("--audit-key-file", options.audit_key_file,
                      "file holding the key that signs the audit trail (default: $CAREMARKET_AUDIT_KEY_FILE, "
                      "else <db>.audit-key if it exists)");
}

std::string resolved_audit_key_file(const CommonOptions& options) {
  if (!options.audit_key_file.empty()) return options.audit_key_file;
  if (const char* env = std::getenv("CAREMARKET_AUDIT_KEY_FILE"); env && *env) return env;
  if (is_postgres_url(options.db)) return {};  // no folder to look in beside a URL
  const auto beside = storage::audit_key_beside(options.db);
  std::error_code ignored;
  return std::filesystem::exists(beside, ignored) ? beside : std::string();
}

bool is_postgres_url(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

std::string printable_db(const std::string& db) {
  if (is_postgres_url(db)) {
    // postgresql://user:secret@host/... : the password sits between the
    // first ':' after the scheme and the '@' that ends the user part.
    const auto start = db.find("://") + 3;
    const auto at = db.find('@', start);
    const auto slash = db.find('/', start);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const auto colon = db.find(':', start);
      if (colon != std::string::npos && colon < at) return db.substr(0, colon + 1) + "***" + db.substr(at);
    }
  }
  // password=... as a key=value pair, or in a URL's query (?password=...).
  std::string out = db;
  for (auto at = out.find("password="); at != std::string::npos; at = out.find("password=", at + 1)) {
    const auto value = at + 9;
    auto end = out.find_first_of(" &", value);
    if (end == std::string::npos) end = out.size();
    out.replace(value, end - value, "***");
  }
  return out;
}

Result<std::unique_ptr<storage::Store>> open_store(const CommonOptions& options) {
  std::unique_ptr<storage::Store> store;
  if (is_postgres_url(options.db)) {
    CM_ASSIGN_OR_RETURN(store, storage::postgres::PgStore::open(options.db, options.db_connections));
  } else {
    CM_ASSIGN_OR_RETURN(store, storage::sqlite::SqliteStore::open(options.db));
  }
  if (const auto key_file = resolved_audit_key_file(options); !key_file.empty()) {
    CM_ASSIGN_OR_RETURN(auto key, storage::read_audit_key_file(key_file));
    store->set_audit_key(std::move(key));
  }
  return store;
}

Result<std::shared_ptr<const Gazetteer>> load_gazetteer(const CommonOptions& options) {
  const auto dir = resolved_data_dir(options);
  auto gazetteer = Gazetteer::load(dir);
  if (!gazetteer) {
    return Error::unavailable("cannot load the postcode data from '" + dir + "' (" + gazetteer.error().message +
                              "); give --data-dir");
  }
  return gazetteer;
}

app::ProgressFn terminal_progress(const std::string& label) {
  if (!isatty(STDERR_FILENO)) return {};
  return [label](std::size_t done, std::size_t total) {
    std::fprintf(stderr, "\r%s: %zu of %zu rows saved", label.c_str(), done, total);
    if (done == total) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  };
}

}  // namespace caremarket::cli
