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

}  // namespace
}  // namespace caremarket
