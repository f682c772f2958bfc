#pragma once
// The record loop both importers share: counts rows, skips blank lines,
// rejects a row whose reader fails or whose service repeats an earlier one,
// and stops (with a rejected entry) at a broken quote.
#include <functional>
#include <string>

#include "core/csv.hpp"
#include "importers/import_batch.hpp"

namespace caremarket::importers {

// Fills `row` from `record`. An error rejects the row; a non-empty
// `skip_reason` skips it (not a defect: care caremarket does not broker).
using RowReader = std::function<Status(const CsvRecord& record, ImportRow& row, std::string& skip_reason)>;
// Words for a repeated service in a rejection, e.g. "URN 123".
using RowLabel = std::function<std::string(const ImportRow& row)>;

// `columns` is the header's width: a row with fewer fields, or with extra
// non-blank ones, is rejected as misaligned before `read` sees it.
void read_rows(CsvReader& reader, ImportBatch& batch, std::size_t columns, const RowReader& read,
               const RowLabel& label);

}  // namespace caremarket::importers
