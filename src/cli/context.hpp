#pragma once
// What every subcommand needs: where the database and the reference data
// are, how to print, and how errors become exit codes.
#include <memory>
#include <string>

#include "app/register_import.hpp"
#include "core/geo.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace CLI {
class App;
}

namespace caremarket::cli {

struct CommonOptions {
  std::string db = "caremarket.db";
  std::string data_dir;  // default: $CAREMARKET_DATA_DIR, else the folder bundled at build time
  bool json = false;
  // The key that signs the audit trail (storage/audit_key.hpp); default:
  // $CAREMARKET_AUDIT_KEY_FILE, else "<db>.audit-key" when it exists.
  std::string audit_key_file;
  int db_connections = 8;  // PostgreSQL: the most connections this process opens
};

// --audit-key-file on a command.
void add_audit_key_option(CLI::App* command, CommonOptions& options);
// The audit key file the options name (see CommonOptions), or "" for none.
std::string resolved_audit_key_file(const CommonOptions& options);

// Exit codes, one per error code (see exit_codes.cpp).
int exit_code(ErrorCode code);
// Prints "caremarket: <message>" (or the JSON error body with --json) and returns the exit code.
int fail(const Error& error, bool json);

std::string resolved_data_dir(const CommonOptions& options);
// Whether --db names a PostgreSQL database (postgresql:// or postgres://)
// rather than a SQLite file.
bool is_postgres_url(const std::string& db);
// --db as it may be printed: a password in a PostgreSQL URL or key=value
// string becomes "***".
std::string printable_db(const std::string& db);
// The store --db names, with the audit key set when one is found.
Result<std::unique_ptr<storage::Store>> open_store(const CommonOptions& options);
Result<std::shared_ptr<const Gazetteer>> load_gazetteer(const CommonOptions& options);
// A progress line on a terminal (stderr), nothing otherwise.
app::ProgressFn terminal_progress(const std::string& label);

// Each area's commands (cmd_<area>.cpp), declared from the one list of areas.
#define CAREMARKET_AREA(name) void add_##name##_commands(CLI::App& app, int& exit_status);
#include "core/areas.inc"
#undef CAREMARKET_AREA

// Parts of the register area (cmd_import.cpp, cmd_search.cpp).
void add_import_command(CLI::App& app, int& exit_status);
void add_search_command(CLI::App& app, int& exit_status);

// Commands of the whole system rather than of an area.
void add_serve_command(CLI::App& app, int& exit_status);
void add_demo_command(CLI::App& app, int& exit_status);
void add_audit_command(CLI::App& app, int& exit_status);
void add_forecast_command(CLI::App& app, int& exit_status);
void add_migrate_command(CLI::App& app, int& exit_status);

}  // namespace caremarket::cli
