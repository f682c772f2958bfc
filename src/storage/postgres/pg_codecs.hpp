#pragma once
// How the PostgreSQL areas keep dates, lists and kinds of care in a column:
// the same text the SQLite backend writes (storage/sqlite/column_codecs.hpp),
// so a value moved between the two reads back alike.
#include <optional>
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "market/types.hpp"
#include "storage/postgres/pg_db.hpp"

namespace caremarket::storage::postgres {

inline Date date_of(const std::string& text) {
  const auto d = Date::parse_iso(text);
  return d ? *d : Date{};
}
inline std::optional<Date> optional_date(const Stmt& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return date_of(s.text(column));
}
inline std::optional<std::string> text_of(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return d->to_string();
}
inline std::optional<std::int64_t> optional_id(const Stmt& s, int column) {
  if (s.is_null(column)) return std::nullopt;
  return s.int64(column);
}

inline std::string encode_list(const std::vector<std::string>& items) { return join(items, ","); }
inline std::vector<std::string> decode_list(const std::string& text) {
  if (text.empty()) return {};
  return split(text, ',');
}

inline std::string encode_kinds(const std::vector<market::KindOfCare>& kinds) {
  std::vector<std::string> names;
  for (const auto k : kinds) names.emplace_back(to_string(k));
  return join(names, ",");
}
inline std::vector<market::KindOfCare> decode_kinds(const std::string& text) {
  std::vector<market::KindOfCare> out;
  if (text.empty()) return out;
  for (const auto& name : split(text, ',')) {
    if (auto k = market::kind_of_care_from(name)) out.push_back(*k);
  }
  return out;
}

}  // namespace caremarket::storage::postgres
