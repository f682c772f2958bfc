#include "core/csv.hpp"

#include <fstream>
#include <sstream>

#include "core/text.hpp"

namespace caremarket {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

Result<bool> CsvReader::next(CsvRecord& out) {
  out.fields.clear();
  if (pos_ >= text_.size()) return false;
  out.line = line_;
  std::string field;
  bool quoted = false;
  bool field_was_quoted = false;
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else quoted = false;
      } else {
        if (c == '\n') ++line_;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !field_was_quoted) {
      quoted = true;
      field_was_quoted = true;
      continue;
    }
    if (c == ',') {
      out.fields.push_back(std::move(field));
      field.clear();
      field_was_quoted = false;
      continue;
    }
    if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') continue;
    if (c == '\n') {
      ++line_;
      break;
    }
    field += c;
  }
  if (quoted) { return Error::invalid("line " + std::to_string(out.line) + ": a quoted field is never closed"); }
  out.fields.push_back(std::move(field));
  return true;
}

CsvHeader::CsvHeader(const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) index_.emplace(std::string(trim(names[i])), i);
}

Status CsvHeader::require(const std::vector<std::string>& names) const {
  std::string missing;
  for (const auto& name : names) {
    if (!index_.contains(name)) missing += (missing.empty() ? "" : ", ") + name;
  }
  if (!missing.empty()) return Error::invalid("the file lacks the column(s) " + missing + "; is it the right file?");
  return {};
}

std::string_view CsvHeader::get(const CsvRecord& record, const std::string& name) const {
  const auto it = index_.find(name);
  if (it == index_.end() || it->second >= record.fields.size()) return {};
  return trim(record.fields[it->second]);
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::not_found("cannot open '" + path + "'");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace caremarket
