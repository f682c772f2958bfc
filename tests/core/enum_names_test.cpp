#include "core/enum_names.hpp"

#include <gtest/gtest.h>

namespace caremarket {
namespace {
enum class Colour { red, green, blue };
constexpr auto kColours = enum_names<Colour>({{Colour::red, "red"}, {Colour::green, "green"}});

TEST(EnumNames, ReadsBothWaysFromOneTable) {
  static_assert(kColours.name(Colour::green) == "green");
  static_assert(kColours.parse("red") == Colour::red);
  EXPECT_EQ(kColours.name(Colour::red), "red");
  EXPECT_EQ(kColours.parse("green"), Colour::green);
  for (const auto& [value, name] : kColours.entries()) EXPECT_EQ(kColours.parse(name), value);
}

TEST(EnumNames, UnknownTextAndMissingValues) {
  EXPECT_EQ(kColours.parse("Red"), std::nullopt) << "names are exact";
  EXPECT_EQ(kColours.parse(""), std::nullopt);
  EXPECT_EQ(kColours.name(Colour::blue), "unknown");
  EXPECT_EQ(kColours.name(Colour::blue, "red"), "red");
}
}  // namespace
}  // namespace caremarket
