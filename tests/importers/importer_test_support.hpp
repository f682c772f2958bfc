#pragma once
// Shared by the importer tests: the real gazetteer (loaded once) and a way to
// write small CSV snippets by column name.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/geo.hpp"
#include "core/text.hpp"
#include "importers/import_batch.hpp"

namespace caremarket::importers::testing {

inline const Gazetteer& gazetteer() {
  static const std::shared_ptr<const Gazetteer> loaded = [] {
    auto g = Gazetteer::load(CAREMARKET_DATA_DIR);
    if (!g) ADD_FAILURE() << g.error().message;
    return g ? *g : std::make_shared<const Gazetteer>();
  }();
  return *loaded;
}

inline std::string data_file(const std::string& name) {
  auto text = read_file(std::string(CAREMARKET_DATA_DIR) + "/" + name);
  if (!text) ADD_FAILURE() << text.error().message;
  return text ? *text : std::string();
}

inline std::string csv_field(const std::string& v) {
  if (v.find_first_of(",\"\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// One CSV line in the order of `columns`, blank where `values` has nothing.
inline std::string csv_line(const std::vector<std::string>& columns, const std::map<std::string, std::string>& values) {
  std::vector<std::string> fields;
  for (const auto& c : columns) {
    const auto it = values.find(c);
    fields.push_back(it == values.end() ? std::string() : csv_field(it->second));
  }
  return join(fields, ",") + "\n";
}

inline std::string header_line(const std::vector<std::string>& columns) {
  std::vector<std::string> quoted;
  for (const auto& c : columns) quoted.push_back(csv_field(c));
  return join(quoted, ",") + "\n";
}

// rows_read counts every record after the header: each is imported,
// rejected or skipped, exactly once.
inline void expect_consistent(const ImportBatch& b) {
  EXPECT_EQ(b.rows_read, b.rows.size() + b.rejected.size() + b.skipped.size()) << b.source;
  for (const auto& r : b.rejected) {
    EXPECT_GT(r.line, 1u) << r.reason;
    EXPECT_FALSE(r.reason.empty()) << "line " << r.line;
  }
  for (const auto& r : b.skipped) {
    EXPECT_GT(r.line, 1u) << r.reason;
    EXPECT_FALSE(r.reason.empty()) << "line " << r.line;
  }
  for (const auto& row : b.rows) EXPECT_GT(row.line, 1u);
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace caremarket::importers::testing
