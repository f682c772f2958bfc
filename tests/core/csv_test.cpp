#include "core/csv.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace caremarket {
namespace {

using Strings = std::vector<std::string>;

// Every record of a text, or the first error.
struct Parsed {
  std::vector<CsvRecord> records;
  std::optional<Error> error;
};

Parsed read_all(std::string_view text) {
  Parsed out;
  CsvReader reader(text);
  CsvRecord rec;
  while (true) {
    auto more = reader.next(rec);
    if (!more) {
      out.error = more.error();
      break;
    }
    if (!*more) break;
    out.records.push_back(rec);
  }
  return out;
}

TEST(Csv, PlainFieldsAndLineNumbers) {
  const auto p = read_all("a,b,c\n1,2,3\n");
  ASSERT_FALSE(p.error);
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(p.records[0].fields, (Strings{"a", "b", "c"}));
  EXPECT_EQ(p.records[1].fields, (Strings{"1", "2", "3"}));
  EXPECT_EQ(p.records[0].line, 1u);
  EXPECT_EQ(p.records[1].line, 2u);
}

TEST(Csv, LastLineWithoutNewline) {
  const auto p = read_all("a,b\n1,2");
  ASSERT_FALSE(p.error);
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(p.records[1].fields, (Strings{"1", "2"}));
}

TEST(Csv, EmptyFieldsAreKept) {
  const auto p = read_all(",a,,\n");
  ASSERT_EQ(p.records.size(), 1u);
  EXPECT_EQ(p.records[0].fields, (Strings{"", "a", "", ""}));
}

TEST(Csv, QuotedFieldsWithCommasAndDoubledQuotes) {
  const auto p =
      read_all("name,address\n\"Rose Court\",\"9 The Foothills, Rochdale\"\n\"The \"\"Old\"\" Vicarage\",\"\"\n");
  ASSERT_FALSE(p.error);
  ASSERT_EQ(p.records.size(), 3u);
  EXPECT_EQ(p.records[1].fields, (Strings{"Rose Court", "9 The Foothills, Rochdale"}));
  EXPECT_EQ(p.records[2].fields, (Strings{"The \"Old\" Vicarage", ""}));
}

TEST(Csv, EmbeddedNewlinesKeepLineNumbersRight) {
  const auto p = read_all("h1,h2\n\"two\nlines\",x\n\"three\nmore\nlines\",y\nlast,z\n");
  ASSERT_FALSE(p.error);
  ASSERT_EQ(p.records.size(), 4u);
  EXPECT_EQ(p.records[1].fields[0], "two\nlines");
  EXPECT_EQ(p.records[1].line, 2u);
  EXPECT_EQ(p.records[2].fields[0], "three\nmore\nlines");
  EXPECT_EQ(p.records[2].line, 4u);
  EXPECT_EQ(p.records[3].fields, (Strings{"last", "z"}));
  EXPECT_EQ(p.records[3].line, 7u);
}

TEST(Csv, CrlfLineEndings) {
  const auto p = read_all("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5\r\n");
  ASSERT_FALSE(p.error);
  ASSERT_EQ(p.records.size(), 4u);
  EXPECT_EQ(p.records[0].fields, (Strings{"a", "b"}));  // no stray \r in the last field
  EXPECT_EQ(p.records[1].fields, (Strings{"1", "2"}));
  EXPECT_EQ(p.records[2].fields, (Strings{"x\r\ny", "3"}));  // inside quotes the text is kept as written
  EXPECT_EQ(p.records[2].line, 3u);
  EXPECT_EQ(p.records[3].line, 5u);
}

TEST(Csv, ByteOrderMarkIsSkipped) {
  const auto p = read_all("\xEF\xBB\xBFURN,Name\n1,A\n");
  ASSERT_EQ(p.records.size(), 2u);
  EXPECT_EQ(p.records[0].fields[0], "URN");
  const CsvHeader header(p.records[0].fields);
  EXPECT_TRUE(header.has("URN"));
  EXPECT_EQ(header.get(p.records[1], "URN"), "1");
}

TEST(Csv, UnterminatedQuoteIsAnErrorNamingItsLine) {
  const auto p = read_all("a,b\n1,2\n3,\"never closed\n4,5\n");
  ASSERT_TRUE(p.error.has_value());
  EXPECT_EQ(p.error->code, ErrorCode::invalid_input);
  EXPECT_NE(p.error->message.find("line 3"), std::string::npos) << p.error->message;
  EXPECT_EQ(p.records.size(), 2u);  // the good records before it were read
}

TEST(Csv, EmptyInputHasNoRecords) {
  const auto p = read_all("");
  EXPECT_FALSE(p.error);
  EXPECT_TRUE(p.records.empty());
  const auto bom_only = read_all("\xEF\xBB\xBF");
  EXPECT_FALSE(bom_only.error);
  EXPECT_TRUE(bom_only.records.empty());
}

TEST(CsvHeader, GetTrimsAndToleratesShortRows) {
  const CsvHeader header(Strings{" name ", "postcode", "beds"});
  EXPECT_TRUE(header.has("name"));  // header names are trimmed
  EXPECT_FALSE(header.has("city"));
  CsvRecord row{5, {"  Rose Court ", " B44 8DD"}};
  EXPECT_EQ(header.get(row, "name"), "Rose Court");
  EXPECT_EQ(header.get(row, "postcode"), "B44 8DD");
  EXPECT_EQ(header.get(row, "beds"), "");  // row is short
  EXPECT_EQ(header.get(row, "city"), "");  // column absent
}

TEST(CsvHeader, RequireNamesEveryMissingColumn) {
  const CsvHeader header(Strings{"name", "postcode"});
  EXPECT_TRUE(header.require({"name", "postcode"}).has_value());
  EXPECT_TRUE(header.require({}).has_value());
  const auto missing = header.require({"name", "latitude", "longitude"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::invalid_input);
  EXPECT_NE(missing.error().message.find("latitude, longitude"), std::string::npos) << missing.error().message;
  EXPECT_EQ(missing.error().message.find("name,"), std::string::npos) << missing.error().message;
}

TEST(CsvFile, ReadFileFoundAndMissing) {
  const auto text = read_file(std::string(CAREMARKET_DATA_DIR) + "/uk_lad25_postcode_centroids_nspd_nov2025.csv");
  ASSERT_TRUE(text.has_value());
  EXPECT_TRUE(text->starts_with("lad25_code,"));
  const auto missing = read_file(std::string(CAREMARKET_DATA_DIR) + "/no_such_file.csv");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace caremarket
