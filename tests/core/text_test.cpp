#include "core/text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace caremarket {
namespace {

using Strings = std::vector<std::string>;

TEST(Text, TrimAndCase) {
  EXPECT_EQ(trim("  a b \t\r\n"), "a b");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(to_lower("AbC-1"), "abc-1");
  EXPECT_EQ(to_upper("b44 8dd"), "B44 8DD");
}

TEST(Text, SplitKeepsEmptyPartsAndTrims) {
  EXPECT_EQ(split("a,b,c", ','), (Strings{"a", "b", "c"}));
  EXPECT_EQ(split(" a , b ,c ", ','), (Strings{"a", "b", "c"}));
  EXPECT_EQ(split("a,,b", ','), (Strings{"a", "", "b"}));
  EXPECT_EQ(split(",a,", ','), (Strings{"", "a", ""}));
  EXPECT_EQ(split("", ','), (Strings{""}));
  EXPECT_EQ(split("one", ','), (Strings{"one"}));
  EXPECT_EQ(split("x|y", '|'), (Strings{"x", "y"}));
}

TEST(Text, JoinIsTheInverseOfSplitForCleanParts) {
  const Strings parts{"older_people", "dementia", "nursing"};
  EXPECT_EQ(join(parts, ","), "older_people,dementia,nursing");
  EXPECT_EQ(split(join(parts, ","), ','), parts);
  EXPECT_EQ(join({}, ", "), "");
  EXPECT_EQ(join({"a"}, ", "), "a");
  EXPECT_EQ(join({"a", "b"}, ", "), "a, b");
}

TEST(Text, ParseInteger) {
  EXPECT_EQ(parse_integer("42"), 42);
  EXPECT_EQ(parse_integer(" 42 "), 42);
  EXPECT_EQ(parse_integer("-7"), -7);
  EXPECT_EQ(parse_integer("0"), 0);
  EXPECT_EQ(parse_integer("9223372036854775807"), 9223372036854775807LL);
  for (const std::string bad : {"", " ", "4 2", "42a", "a42", "4.2", "+42", "9223372036854775808", "0x10", "NA"}) {
    EXPECT_FALSE(parse_integer(bad).has_value()) << "'" << bad << "'";
  }
}

TEST(Text, ParseDecimal) {
  ASSERT_TRUE(parse_decimal("52.5333980").has_value());
  EXPECT_DOUBLE_EQ(*parse_decimal("52.5333980"), 52.533398);
  EXPECT_DOUBLE_EQ(*parse_decimal("-1.9892410"), -1.989241);
  EXPECT_DOUBLE_EQ(*parse_decimal(" 3 "), 3.0);
  EXPECT_DOUBLE_EQ(*parse_decimal("1e2"), 100.0);
  for (const std::string bad : {"", "  ", "NA", "1.2.3", "52,5", "1.0x", "--1"}) {
    EXPECT_FALSE(parse_decimal(bad).has_value()) << "'" << bad << "'";
  }
}

TEST(Text, NormaliseName) {
  EXPECT_EQ(normalise_name("Bournemouth, Christchurch & Poole"), "bournemouth christchurch and poole");
  EXPECT_EQ(normalise_name("Bournemouth, Christchurch and Poole"), "bournemouth christchurch and poole");
  EXPECT_EQ(normalise_name("St. Helens"), "st helens");
  EXPECT_EQ(normalise_name("St Helens"), "st helens");
  EXPECT_EQ(normalise_name("Children's Home"), "childrens home");
  EXPECT_EQ(normalise_name("Residential special school (registered as a children's home)"),
            "residential special school registered as a childrens home");
  EXPECT_EQ(normalise_name("  Southend-on-Sea  "), "southend on sea");
  EXPECT_EQ(normalise_name("A&B"), "a and b");
  EXPECT_EQ(normalise_name("&Co"), "and co");
  EXPECT_EQ(normalise_name("Rose  Court -- Care   Home"), "rose court care home");
  EXPECT_EQ(normalise_name("KINGSTON UPON HULL, CITY OF"), "kingston upon hull city of");
  EXPECT_EQ(normalise_name(""), "");
  EXPECT_EQ(normalise_name("!!!"), "");
}

TEST(Text, Utf8IsCheckedByteByByte) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ASCII, tabs\tand\nnewlines"));
  EXPECT_TRUE(
      is_valid_utf8("\xC2\xA3"
                    "1,050 caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // £ é € 😀
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBD\xF4\x8F\xBF\xBF"));             // U+FFFD, U+10FFFF
  EXPECT_EQ(invalid_utf8_at("ab\xFF"
                            "cd"),
            2u);
  EXPECT_EQ(invalid_utf8_at("\x80"), 0u) << "a lone continuation byte";
  EXPECT_EQ(invalid_utf8_at("x\xC3"), 1u) << "a sequence cut short at the end";
  EXPECT_EQ(invalid_utf8_at("x\xC3x"), 1u) << "a sequence cut short by ASCII";
  EXPECT_EQ(invalid_utf8_at("\xC0\xAF"), 0u) << "an overlong '/'";
  EXPECT_EQ(invalid_utf8_at("\xE0\x80\xAF"), 0u) << "an overlong three-byte form";
  EXPECT_EQ(invalid_utf8_at("\xED\xA0\x80"), 0u) << "a UTF-16 surrogate";
  EXPECT_EQ(invalid_utf8_at("\xF4\x90\x80\x80"), 0u) << "above U+10FFFF";
  EXPECT_EQ(invalid_utf8_at("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(invalid_utf8_at("\xA3"
                            "12"),
            0u)
      << "Windows-1252's pound sign";
}

TEST(Text, BadBytesBecomeReplacementCharactersOrEscapes) {
  EXPECT_EQ(to_valid_utf8("a\xFF"
                          "b\xC3\xA9"),
            "a\xEF\xBF\xBD"
            "b\xC3\xA9");
  EXPECT_EQ(to_valid_utf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(is_valid_utf8(to_valid_utf8("\xC0\xAF\xED\xA0\x80\xFF")));
  EXPECT_EQ(printable("GET /a\tb\r\nX: y \xFF \xC3\xA9"), "GET /a\\x09b\\x0D\\x0AX: y \\xFF \xC3\xA9");
  EXPECT_EQ(printable("\x7F"), "\\x7F");
}

TEST(Text, LinesAndPercentDecoding) {
  EXPECT_EQ(line_of("a\nb\nc", 0), 1u);
  EXPECT_EQ(line_of("a\nb\nc", 2), 2u);
  EXPECT_EQ(line_of("a\nb\nc", 4), 3u);
  EXPECT_EQ(url_decode("a+b%20c%2Fd%FF%zz%4"), "a b c/d\xFF%zz%4");
}

TEST(Text, AQueryAndAFormBodyAreReadAlike) {
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(parse_urlencoded("a=1&&b=%20x&a&c=d%3De&next=%2F%09"),
            (Pairs{{"a", "1"}, {"b", " x"}, {"a", ""}, {"c", "d=e"}, {"next", "/\t"}}));
  EXPECT_TRUE(parse_urlencoded("").empty());
  EXPECT_EQ(parse_urlencoded("=v"), (Pairs{{"", "v"}}));
}

}  // namespace
}  // namespace caremarket
