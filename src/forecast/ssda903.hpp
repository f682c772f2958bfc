#pragma once
// The SSDA903 return (children looked after), as councils send it to the
// DfE: one episodes table and one header table a year. Only the columns the
// stock-and-flow forecast uses are read; a table's kind is told by its columns.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.hpp"
#include "core/result.hpp"

namespace caremarket::forecast {

struct Episode {
  std::string child;
  Date decom;               // start of the episode
  std::optional<Date> dec;  // end; none while it is open
  std::string place;        // placement type code, e.g. U1, K2
};

struct ChildHeader {
  std::string child;
  Date dob;
};

struct RowProblem {
  std::size_t line = 0;
  std::string reason;
};

struct Ssda903Table {
  enum class Kind { episodes, header } kind = Kind::episodes;
  std::vector<Episode> episodes;
  std::vector<ChildHeader> headers;
  std::vector<RowProblem> rejected;  // rows that could not be read, with their line
};

// Reads one CSV table; the file is refused whole when it is neither kind.
Result<Ssda903Table> read_ssda903(std::string_view csv_text);

// One year's return, or several: the tables in the order given (years ascending).
struct Ssda903Return {
  std::vector<std::vector<Episode>> episodes_by_year;
  std::vector<std::vector<ChildHeader>> headers_by_year;
};

}  // namespace caremarket::forecast
