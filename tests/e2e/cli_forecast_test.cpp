// `caremarket forecast children` on the bundled synthetic SSDA903 returns,
// and on folders that are not returns.
#include <gtest/gtest.h>

#include <fstream>

#include "server_fixture.hpp"

namespace caremarket::e2e {
namespace {
const std::string kSample = std::string(CAREMARKET_DATA_DIR) + "/ssda903_sample";

TEST(CliForecast, ChildrenFromTheSampleReturns) {
  const auto r = run_caremarket({"forecast", "children", kSample, "--steps", "12", "--step-days", "30", "--weekly-cost",
                                 "residential=5200", "--weekly-cost", "fostering=800", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto out = json::parse(r.out);
  const auto& steps = out.at("steps");
  ASSERT_EQ(steps.size(), 13u);
  EXPECT_GT(steps[0].at("in_care").get<double>(), 0);
  for (const auto& s : steps) {
    EXPECT_LE(s.at("in_care_low").get<double>(), s.at("in_care").get<double>());
    EXPECT_GE(s.at("in_care_high").get<double>(), s.at("in_care").get<double>());
    const double parts = s.at("fostering").get<double>() + s.at("residential").get<double>() +
                         s.at("supported").get<double>() + s.at("other").get<double>();
    EXPECT_NEAR(parts, s.at("in_care").get<double>(), 1e-9);
    EXPECT_NEAR(s.at("cost_per_day").get<double>(),
                s.at("residential").get<double>() * 5200 / 7 + s.at("fostering").get<double>() * 800 / 7, 1e-6);
  }
  EXPECT_GT(out.at("episodes").at("read").get<int>(), 0);
  EXPECT_EQ(out.at("episodes").at("rows_rejected").get<int>(), 0);

  const auto text = run_caremarket({"forecast", "children", kSample, "--steps", "2"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("in care"), std::string::npos) << text.out;
}

TEST(CliForecast, FoldersThatAreNotReturnsAreRefused) {
  TempDir dir;
  auto empty = run_caremarket({"forecast", "children", dir.path().string()});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("episodes table"), std::string::npos) << empty.err;
  std::ofstream(dir.path() / "x.csv") << "URN,Name\n1,a\n";
  auto other = run_caremarket({"forecast", "children", dir.path().string()});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("x.csv"), std::string::npos) << other.err;
  auto cost = run_caremarket({"forecast", "children", kSample, "--weekly-cost", "castle=100"});
  EXPECT_EQ(cost.exit_code, 2);
  EXPECT_NE(cost.err.find("castle"), std::string::npos) << cost.err;
  auto period = run_caremarket(
      {"forecast", "children", kSample, "--reference-start", "2021-03-01", "--reference-end", "2021-01-01"});
  EXPECT_EQ(period.exit_code, 2);
}
}  // namespace
}  // namespace caremarket::e2e
