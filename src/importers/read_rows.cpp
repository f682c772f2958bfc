#include "importers/read_rows.hpp"

#include "core/text.hpp"
#include "importers/locate.hpp"

namespace caremarket::importers {

namespace {
bool misaligned(const CsvRecord& record, std::size_t columns) {
  if (record.fields.size() < columns) return true;
  for (std::size_t i = columns; i < record.fields.size(); ++i) {
    if (!trim(record.fields[i]).empty()) return true;
  }
  return false;  // trailing empty fields (a spreadsheet's extra commas) are harmless
}
}  // namespace

void read_rows(CsvReader& reader, ImportBatch& batch, std::size_t columns, const RowReader& read,
               const RowLabel& label) {
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
    if (misaligned(record, columns)) {
      batch.rejected.push_back({record.line, "the row has " + std::to_string(record.fields.size()) +
                                                 " columns where the header has " + std::to_string(columns) +
                                                 " (a missing or extra separator?)"});
      continue;
    }
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
      batch.rejected.push_back(
          {record.line, label(row) + " appears again (first at line " + std::to_string(first) + ")"});
      continue;
    }
    if (!row.warning.empty()) batch.warnings.push_back({record.line, row.warning});
    batch.rows.push_back(std::move(row));
  }
}

}  // namespace caremarket::importers
