#include <gtest/gtest.h>

#include "web/svg_chart.hpp"

namespace caremarket::web {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(NiceScale, RoundsUpToOneTwoOrFiveTimesAPowerOfTen) {
  EXPECT_EQ(nice_scale(12).max, 15);
  EXPECT_EQ(nice_scale(12).step, 5);
  EXPECT_EQ(nice_scale(5).max, 5);
  EXPECT_EQ(nice_scale(5).step, 1);
  EXPECT_EQ(nice_scale(6).max, 6);
  EXPECT_EQ(nice_scale(6).step, 2);
  EXPECT_EQ(nice_scale(20).max, 20);
  EXPECT_EQ(nice_scale(21).max, 25);
  EXPECT_EQ(nice_scale(430).max, 500);
  EXPECT_EQ(nice_scale(430).step, 100);
}

TEST(NiceScale, ZeroStillHasAnAxisAndTicksEndAtTheMax) {
  const auto s = nice_scale(0);
  EXPECT_EQ(s.max, 1);
  EXPECT_EQ(s.ticks(), (std::vector<int>{0, 1}));
  EXPECT_EQ(nice_scale(12).ticks(), (std::vector<int>{0, 5, 10, 15}));
  for (const int v : {1, 3, 7, 19, 99, 101, 999, 1001}) {
    const auto scale = nice_scale(v);
    EXPECT_GE(scale.max, v);
    EXPECT_LE(scale.max / scale.step, 5) << v;
    EXPECT_EQ(scale.max % scale.step, 0) << v;
  }
}

TEST(AxisPosition, ZeroAtTheOriginAndTheMaxAtTheTop) {
  const AxisScale s{20, 5};
  EXPECT_DOUBLE_EQ(axis_position(s, 0, 248, 200), 248);
  EXPECT_DOUBLE_EQ(axis_position(s, 20, 248, 200), 48);
  EXPECT_DOUBLE_EQ(axis_position(s, 5, 248, 200), 198);
}

TEST(UtilisationChart, StacksOccupiedVoidsAndOverflowPerWeek) {
  const std::vector<ChartWeek> weeks{{"6 Apr", 12, 9, 3, 0}, {"13 Apr", 12, 12, 0, 2}, {"20 <Apr>", 12, 0, 12, 0}};
  const auto svg = utilisation_chart(weeks, "Use", "Three weeks").str();
  EXPECT_EQ(count(svg, "<rect"), 5u) << "9+3, 12+2, 0+12: empty parts draw nothing";
  EXPECT_EQ(count(svg, "fill=\"#1d70b8\""), 2u) << "two weeks with places occupied";
  EXPECT_EQ(count(svg, "fill=\"#f47738\""), 1u) << "one week above the commitment";
  EXPECT_EQ(count(svg, "stroke-width=\"2\""), 3u) << "the commitment line in each week";
  EXPECT_NE(svg.find("6 Apr: 9 occupied"), std::string::npos);
  EXPECT_NE(svg.find("20 &lt;Apr&gt;"), std::string::npos) << "labels are escaped";
  EXPECT_NE(svg.find("aria-labelledby=\"chart-title chart-desc\""), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos) << "no inline style (the CSP forbids it)";
  // 14 is the largest stack, so the axis goes to 15 and 12 sits at 12/15 of the height.
  EXPECT_NE(svg.find(">15</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">20</text>"), std::string::npos);
}

TEST(UtilisationChart, NoWeeksDrawsJustTheAxis) {
  const auto svg = utilisation_chart({}, "Use", "none").str();
  EXPECT_EQ(count(svg, "<rect"), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

}  // namespace
}  // namespace caremarket::web
