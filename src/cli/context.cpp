#include "cli/context.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <utility>

#include "api/error_table.hpp"

namespace caremarket::cli {
namespace {
// 8 is taken by `audit verify` for a trail that does not verify.
constexpr std::array<std::pair<ErrorCode, int>, 8> kExitCodes{{
    {ErrorCode::invalid_input, 2},
    {ErrorCode::not_found, 3},
    {ErrorCode::conflict, 4},
    {ErrorCode::unauthenticated, 5},
    {ErrorCode::forbidden, 5},
    {ErrorCode::payload_too_large, 2},
    {ErrorCode::unavailable, 6},
    {ErrorCode::internal, 70},
}};
}  // namespace

int exit_code(ErrorCode code) {
  for (const auto& [c, exit] : kExitCodes) if (c == code) return exit;
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

Result<std::unique_ptr<storage::sqlite::SqliteStore>> open_store(const CommonOptions& options) {
  return storage::sqlite::SqliteStore::open(options.db);
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
