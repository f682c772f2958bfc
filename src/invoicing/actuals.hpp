#pragma once
// A provider's actuals: what it says it delivered in an invoice period, as a
// CSV file with a header row. Columns (names in any order, any case):
//   placement_id  the placement (blank for a contract-level charge)
//   contract_id   optional; a block's charge when placement_id is blank
//   from, to      the days covered, both included (2026-12-07 or 07/12/2026)
//   days          days of care claimed (0 to the days from..to)
//   amount        pounds and pence claimed, e.g. 1000.00 or "£1,000.00"
// Other columns are ignored and named back, so a person's name in a
// spreadsheet is never stored. A bad row is reported with its line and the
// reason, and the rest are still read. Reasons never repeat the cell, so
// nothing typed into the wrong column is kept.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "invoicing/period.hpp"

namespace caremarket::invoicing {

struct ActualsRow {
  std::size_t line = 0;  // the line of the file
  std::optional<std::int64_t> placement_id;
  std::optional<std::int64_t> contract_id;
  Date from;
  Date to;
  int days = 0;
  Money amount;
};

struct BadRow {
  std::size_t line = 0;
  std::string reason;
};

struct Actuals {
  std::vector<ActualsRow> rows;
  std::vector<BadRow> bad_rows;
  std::vector<std::string> ignored_columns;
};

inline constexpr std::size_t kMaxActualsRows = 10'000;

// An error only when the file as a whole cannot be used (empty, columns
// missing, too many rows); problems in single rows are bad_rows.
Result<Actuals> parse_actuals(std::string_view csv, const Period& period);

}  // namespace caremarket::invoicing
