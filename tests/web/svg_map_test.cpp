#include <gtest/gtest.h>

#include "web/svg_map.hpp"

namespace caremarket::web {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(PointMap, DrawsEveryServiceAndOnlyTheCouncilsInView) {
  const std::vector<MapPoint> services{{{52.52, -1.89}, "A <home>", true}, {{52.45, -1.93}, "B", false}};
  const std::vector<MapPlace> councils{{{52.48, -1.90}, "Birmingham"}, {{53.48, -2.24}, "Manchester"}};
  const auto svg = point_map(services, councils, "Map", "Two services").str();
  EXPECT_EQ(count(svg, "<circle"), 3u) << "two services and Birmingham; Manchester is outside the frame";
  EXPECT_NE(svg.find("A &lt;home&gt;"), std::string::npos) << "labels are escaped";
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#00703c\""), std::string::npos) << "a vacant service is green";
  EXPECT_EQ(svg.find("style="), std::string::npos) << "no inline style (the CSP forbids it)";
}

TEST(PointMap, NorthIsUpAndEastIsRight) {
  // Two services: the north-east one must have larger x and smaller y.
  const auto svg = point_map({{{52.0, -2.0}, "sw", false}, {{52.5, -1.0}, "ne", false}}, {}, "t", "d").str();
  auto attr = [&](const std::string& label, const std::string& name) {
    const auto end = svg.find("<title>" + label + "</title>");
    const auto start = svg.rfind("<circle", end);
    const auto at = svg.find(name + "=\"", start) + name.size() + 2;
    return std::stod(svg.substr(at, svg.find('"', at) - at));
  };
  EXPECT_GT(attr("ne", "cx"), attr("sw", "cx"));
  EXPECT_LT(attr("ne", "cy"), attr("sw", "cy"));
}

TEST(BarChart, BarsAreScaledToTheirMaximum) {
  const auto svg = bar_chart({{"Used", 5, 10, "5 of 10"}, {"Over", 20, 10, "20 of 10"}}, "Utilisation").str();
  EXPECT_NE(svg.find("width=\"180.0\""), std::string::npos) << "half of 360";
  EXPECT_NE(svg.find("width=\"360.0\""), std::string::npos) << "clamped to the full bar";
  EXPECT_NE(svg.find("aria-label=\"Utilisation\""), std::string::npos);
}

}  // namespace
}  // namespace caremarket::web
