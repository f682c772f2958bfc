#pragma once
// What an importer makes of a register file: the services it could read, the
// rows it rejected (with line and reason), and the rows it skipped because
// they are not care that caremarket places people in. Pure values: saving
// them is app::import_register's job.
#include <cstddef>
#include <string>
#include <vector>

#include "market/types.hpp"

namespace caremarket::importers {

struct ProviderRef {
  std::string source_key;  // how the provider is recognised on the next import
  std::string name;
  std::string regulator_id;
};

struct ImportRow {
  std::size_t line = 0;
  market::Service service;  // id and provider_id are left 0
  ProviderRef provider;
  std::string warning;  // what was corrected to read the row (empty: nothing)
};

struct RowNote {
  std::size_t line = 0;
  std::string reason;
};

struct ImportBatch {
  std::string source;  // e.g. "cqc_care_homes_birmingham_2025-11.csv"
  std::string format;  // which layout was recognised
  std::size_t rows_read = 0;
  std::vector<ImportRow> rows;
  std::vector<RowNote> rejected;
  std::vector<RowNote> skipped;
  std::vector<RowNote> warnings;  // rows read, with a correction the operator should know of
};

}  // namespace caremarket::importers
