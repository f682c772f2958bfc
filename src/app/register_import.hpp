#pragma once
// Saves what an importer read. One transaction for the whole file, with a
// savepoint per row: a row the store refuses is reported and the rest land.
// Running the same file again updates and never duplicates: providers are
// found by their source key, services by theirs, then by postcode and name.
#include <functional>
#include <string>
#include <vector>

#include "app/access.hpp"
#include "importers/import_batch.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct ImportSummary {
  std::string source;
  std::string format;
  std::size_t rows_read = 0;
  std::size_t imported = 0;   // new services
  std::size_t updated = 0;    // services already known whose facts changed
  std::size_t unchanged = 0;  // already known, nothing new
  std::vector<importers::RowNote> rejected;
  std::vector<importers::RowNote> skipped;
  std::vector<importers::RowNote> warnings;  // rows saved with a correction (line and what was done)
};

using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

Result<ImportSummary> save_import(storage::Store& store, const Caller& caller, const importers::ImportBatch& batch,
                                  const ProgressFn& progress = {});

// Councils: one organisation per upper-tier authority the gazetteer knows.
Result<std::size_t> ensure_councils(storage::Store& store, const Gazetteer& gazetteer);

}  // namespace caremarket::app
