#pragma once
// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM.
// Records keep the line number they started on, for error reports.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"

namespace caremarket {

struct CsvRecord {
  std::size_t line = 0;  // 1-based line of the file where the record starts
  std::vector<std::string> fields;
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);
  // The next record; false at the end. An unterminated quote is an error.
  Result<bool> next(CsvRecord& out);

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

// A header row turned into name -> column index, for reading by name.
class CsvHeader {
 public:
  explicit CsvHeader(const std::vector<std::string>& names);
  // Error naming the missing columns, so a wrong file is reported at once.
  Status require(const std::vector<std::string>& names) const;
  bool has(const std::string& name) const { return index_.contains(name); }
  // The field, trimmed; "" if the column is absent or the row short.
  std::string_view get(const CsvRecord& record, const std::string& name) const;

 private:
  std::unordered_map<std::string, std::size_t> index_;
};

Result<std::string> read_file(const std::string& path);

}  // namespace caremarket
