#include "invoicing/actuals.hpp"

#include <algorithm>

#include "core/csv.hpp"
#include "core/text.hpp"

namespace caremarket::invoicing {
namespace {
const std::vector<std::string> kRequired{"placement_id", "from", "to", "days", "amount"};
const std::vector<std::string> kKnown{"placement_id", "contract_id", "from", "to", "days", "amount"};

Result<std::optional<std::int64_t>> id_field(std::string_view text, const std::string& name) {
  if (text.empty()) return std::optional<std::int64_t>{};
  const auto n = parse_integer(text);
  if (!n || *n <= 0) return Error::invalid(name + " is not a record number");
  return std::optional<std::int64_t>{*n};
}

Result<Date> date_field(std::string_view text, const std::string& name) {
  if (text.empty()) return Error::invalid(name + " is empty");
  if (auto d = Date::parse_iso(text)) return *d;
  if (auto d = Date::parse_uk(text)) return *d;
  return Error::invalid(name + " is not a date (write 2026-12-07 or 07/12/2026)");
}

Result<ActualsRow> read_row(const CsvHeader& header, const CsvRecord& record, const Period& period) {
  ActualsRow row;
  row.line = record.line;
  CM_ASSIGN_OR_RETURN(row.placement_id, id_field(header.get(record, "placement_id"), "placement_id"));
  CM_ASSIGN_OR_RETURN(row.contract_id, id_field(header.get(record, "contract_id"), "contract_id"));
  if (!row.placement_id && !row.contract_id) {
    return Error::invalid("name the placement_id (or, for a block's charge, the contract_id)");
  }
  CM_ASSIGN_OR_RETURN(row.from, date_field(header.get(record, "from"), "from"));
  CM_ASSIGN_OR_RETURN(row.to, date_field(header.get(record, "to"), "to"));
  if (row.to < row.from)
    return Error::invalid("'to' " + row.to.to_string() + " is before 'from' " + row.from.to_string());
  if (!period.contains(row.from) || !period.contains(row.to)) {
    return Error::invalid(row.from.to_string() + " to " + row.to.to_string() + " is outside the invoice period " +
                          period.start.to_string() + " to " + period.end().to_string());
  }
  const auto days = parse_integer(header.get(record, "days"));
  const auto span = row.from.days_until(row.to) + 1;
  if (!days || *days < 0 || *days > span) {
    return Error::invalid("days must be a whole number from 0 to " + std::to_string(span) + " (the days from " +
                          row.from.to_string() + " to " + row.to.to_string() + ")");
  }
  row.days = static_cast<int>(*days);
  const auto amount_text = header.get(record, "amount");
  auto amount = Money::parse(amount_text);
  if (!amount) return Error::invalid("amount is not pounds and pence (write 1050.50)");
  if (amount->pence() < -100'000'000 || amount->pence() > 100'000'000) {
    return Error::invalid("amount " + amount->to_display() + " is beyond £1,000,000");
  }
  row.amount = *amount;
  return row;
}
}  // namespace

Result<Actuals> parse_actuals(std::string_view csv, const Period& period) {
  // The whole file is refused, not its line: bytes that are not text mean the
  // file was saved in another encoding, and its other lines are suspect too.
  if (const auto at = invalid_utf8_at(csv)) {
    return Error::invalid(
        "line " + std::to_string(line_of(csv, *at)) +
            " of the file is not UTF-8 text; nothing was saved. Save the file as \"CSV UTF-8\" and upload it again",
        "csv");
  }
  CsvReader reader(csv);
  CsvRecord record;
  Actuals out;
  std::optional<CsvHeader> header;
  std::size_t header_width = 0;
  while (true) {
    auto more = reader.next(record);
    if (!more) {
      // An unclosed quote swallows the rest of the file: report it and stop.
      const std::size_t line = record.line;
      if (!header) return Error::invalid("the header row: a quoted field is never closed", "csv");
      out.bad_rows.push_back({line, "a quoted field is never closed; the rest of the file could not be read"});
      break;
    }
    if (!*more) break;
    const bool blank =
        std::all_of(record.fields.begin(), record.fields.end(), [](const auto& f) { return trim(f).empty(); });
    if (blank) continue;
    if (!header) {
      std::vector<std::string> names;
      for (const auto& f : record.fields) names.push_back(to_lower(std::string(trim(f))));
      header.emplace(names);
      if (auto s = header->require(kRequired); !s) return Error::invalid(s.error().message, "csv");
      for (const auto& n : names) {
        if (std::find(kKnown.begin(), kKnown.end(), n) == kKnown.end() && !n.empty()) out.ignored_columns.push_back(n);
      }
      header_width = names.size();
      continue;
    }
    if (out.rows.size() + out.bad_rows.size() >= kMaxActualsRows) {
      return Error::invalid("the file has more than " + std::to_string(kMaxActualsRows) + " rows; split it by period",
                            "csv");
    }
    if (record.fields.size() > header_width) {
      out.bad_rows.push_back({record.line, "the row has " + std::to_string(record.fields.size()) +
                                               " fields but the header has " + std::to_string(header_width)});
      continue;
    }
    auto row = read_row(*header, record, period);
    if (!row) out.bad_rows.push_back({record.line, row.error().message});
    else out.rows.push_back(*row);
  }
  if (!header) return Error::invalid("the file is empty: it needs a header row (" + join(kRequired, ", ") + ")", "csv");
  return out;
}

}  // namespace caremarket::invoicing
