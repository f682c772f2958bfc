#include "forecast/ssda903.hpp"

#include "core/csv.hpp"
#include "core/text.hpp"

namespace caremarket::forecast {

Result<Ssda903Table> read_ssda903(std::string_view csv_text) {
  CsvReader reader(csv_text);
  CsvRecord record;
  CM_ASSIGN_OR_RETURN(const bool any, reader.next(record));
  if (!any) return Error::invalid("the file is empty");
  const CsvHeader h(record.fields);
  Ssda903Table table;
  if (h.has("DECOM")) {
    CM_TRY_STATUS(h.require({"CHILD", "DECOM", "DEC", "PLACE"}));
    table.kind = Ssda903Table::Kind::episodes;
  } else if (h.has("DOB")) {
    CM_TRY_STATUS(h.require({"CHILD", "DOB"}));
    table.kind = Ssda903Table::Kind::header;
  } else {
    return Error::invalid(
        "this is not an SSDA903 table caremarket knows: an episodes table has CHILD, DECOM, DEC and PLACE "
        "columns, a header table CHILD and DOB");
  }
  while (true) {
    CM_ASSIGN_OR_RETURN(const bool more, reader.next(record));
    if (!more) break;
    if (record.fields.size() == 1 && trim(record.fields[0]).empty()) continue;
    const std::string child(h.get(record, "CHILD"));
    if (child.empty()) {
      table.rejected.push_back({record.line, "CHILD is blank"});
      continue;
    }
    auto date = [&](const char* column) { return Date::parse_uk(h.get(record, column)); };
    if (table.kind == Ssda903Table::Kind::header) {
      auto dob = date("DOB");
      if (!dob) {
        table.rejected.push_back({record.line, "DOB: " + dob.error().message});
        continue;
      }
      table.headers.push_back({child, *dob});
      continue;
    }
    auto decom = date("DECOM");
    if (!decom) {
      table.rejected.push_back({record.line, "DECOM: " + decom.error().message});
      continue;
    }
    Episode e{child, *decom, std::nullopt, std::string(h.get(record, "PLACE"))};
    if (!h.get(record, "DEC").empty()) {
      auto dec = date("DEC");
      if (!dec) {
        table.rejected.push_back({record.line, "DEC: " + dec.error().message});
        continue;
      }
      e.dec = *dec;
    }
    table.episodes.push_back(std::move(e));
  }
  return table;
}

}  // namespace caremarket::forecast
