#include "importers/read_rows.hpp"

#include "core/text.hpp"
#include "importers/locate.hpp"

namespace caremarket::importers {

void read_rows(CsvReader& reader, ImportBatch& batch, const RowReader& read, const RowLabel& label) {
  FirstSeen seen;
  CsvRecord record;
  while (true) {
    auto next = reader.next(record);
    if (!next) {
      ++batch.rows_read;  // counted, so rows_read == rows + rejected + skipped still holds
      batch.rejected.push_back({record.line, next.error().message + "; the rest of the file was not read"});
      return;
    }
    if (!*next) return;
    if (record.fields.size() == 1 && trim(record.fields[0]).empty()) continue;  // blank line
    ++batch.rows_read;
    ImportRow row;
    row.line = record.line;
    row.service.source = batch.source;
    std::string skip_reason;
    if (const Status status = read(record, row, skip_reason); !status) {
      batch.rejected.push_back({record.line, status.error().message});
      continue;
    }
    if (!skip_reason.empty()) {
      batch.skipped.push_back({record.line, std::move(skip_reason)});
      continue;
    }
    if (const auto first = seen.check(row.service.source_key, record.line)) {
      batch.rejected.push_back({record.line, label(row) + " appears again (first at line " + std::to_string(first) + ")"});
      continue;
    }
    batch.rows.push_back(std::move(row));
  }
}

}  // namespace caremarket::importers
