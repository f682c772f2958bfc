// The synthetic SSDA903 returns in data/ssda903_sample, read and forecast.
#include <gtest/gtest.h>

#include <fstream>
#include <numeric>
#include <set>
#include <sstream>

#include "forecast/intervals.hpp"
#include "forecast/projection.hpp"
#include "forecast/ssda903.hpp"

namespace caremarket::forecast {
namespace {
std::string read(const std::string& name) {
  std::ifstream in(std::string(CAREMARKET_DATA_DIR) + "/ssda903_sample/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Rows counted without the CSV reader: non-empty lines after the header (no field holds a newline).
std::size_t data_lines(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::size_t n = 0;
  std::getline(in, line);
  while (std::getline(in, line))
    if (!line.empty() && line != "\r") ++n;
  return n;
}

Ssda903Return sample(std::size_t& episode_rows, std::set<std::string>& children) {
  Ssda903Return r;
  episode_rows = 0;
  for (int year = 2017; year <= 2021; ++year) {
    for (const std::string table : {"episodes", "header"}) {
      const std::string text = read(std::to_string(year) + "-" + table + ".csv");
      auto t = read_ssda903(text);
      EXPECT_TRUE(t.has_value()) << year << table;
      if (!t) continue;
      EXPECT_TRUE(t->rejected.empty()) << year << table << ": line " << t->rejected.front().line;
      if (table == "episodes") {
        EXPECT_EQ(t->kind, Ssda903Table::Kind::episodes);
        EXPECT_EQ(t->episodes.size(), data_lines(text)) << year;
        episode_rows += data_lines(text);
        r.episodes_by_year.push_back(t->episodes);
      } else {
        EXPECT_EQ(t->kind, Ssda903Table::Kind::header);
        EXPECT_EQ(t->headers.size(), data_lines(text)) << year;
        for (const auto& h : t->headers) children.insert(h.child);
        r.headers_by_year.push_back(t->headers);
      }
    }
  }
  return r;
}

TEST(SampleReturns, ReadCleanAndForecast) {
  std::size_t rows = 0;
  std::set<std::string> children;
  const auto input = sample(rows, children);
  ASSERT_EQ(input.episodes_by_year.size(), 5u);
  CleanReport report;
  const auto episodes = clean_episodes(input, Brackets{}, report);
  EXPECT_EQ(report.episodes_read, rows);
  EXPECT_GT(episodes.size(), rows / 2);
  for (const auto& e : episodes) {
    EXPECT_TRUE(children.contains(e.child));
    if (e.dec) { EXPECT_GE(*e.dec, e.decom) << e.child; }
    EXPECT_TRUE(!e.bracket || *e.bracket >= 2) << "every child in the sample starts at 5 or over";
  }

  const DailyStock stock(episodes);
  const Date end = stock.last();
  const auto model = estimate_rates(episodes, stock, {end.plus_days(-364), end}, Brackets{});
  ASSERT_TRUE(model.has_value());
  for (const auto& row : model->rates) {
    for (double r : row) EXPECT_GE(r, 0);
  }
  const StateVector start = stock.on(end);
  EXPECT_GT(in_care(start), 0);
  const auto steps = project(start, *model, {30, 24, {}});
  ASSERT_TRUE(steps.has_value());
  const double entrants = std::accumulate(model->entrants.begin(), model->entrants.end(), 0.0);
  const double start_total = std::accumulate(start.begin(), start.end(), 0.0);
  for (const auto& s : *steps) {
    // Every child is somewhere: in care or among the leavers, plus those who entered.
    const double total = std::accumulate(s.population.begin(), s.population.end(), 0.0);
    EXPECT_NEAR(total, start_total + entrants * s.day, 1e-6) << "day " << s.day;
    for (double v : s.population) EXPECT_GE(v, -1e-12);
  }
}

TEST(SampleReturns, IntervalSpansTheCentralForecast) {
  std::size_t rows = 0;
  std::set<std::string> children;
  CleanReport report;
  const auto episodes = clean_episodes(sample(rows, children), Brackets{}, report);
  const DailyStock stock(episodes);
  const ReferencePeriod central{stock.last().plus_days(-364), stock.last()};
  const StateVector start = stock.on(stock.last());
  const ProjectionOptions projection{30, 24, {}};
  const auto model = estimate_rates(episodes, stock, central, Brackets{});
  ASSERT_TRUE(model.has_value());
  const auto steps = project(start, *model, projection);
  ASSERT_TRUE(steps.has_value());

  const auto one = reference_interval(episodes, stock, central, Brackets{}, start, projection, {1, 30});
  ASSERT_TRUE(one.has_value());
  for (std::size_t i = 0; i < one->size(); ++i) {
    EXPECT_EQ((*one)[i].low, in_care((*steps)[i].population));
    EXPECT_EQ((*one)[i].high, (*one)[i].low);
  }
  const auto many = reference_interval(episodes, stock, central, Brackets{}, start, projection, {12, 30});
  ASSERT_TRUE(many.has_value());
  EXPECT_EQ(many->front().windows_used, 12) << "the sample holds five years: twelve monthly windows fit";
  EXPECT_LT(many->back().low, many->back().high) << "different windows give different rates";
  for (std::size_t i = 0; i < many->size(); ++i) {
    const double central_value = in_care((*steps)[i].population);
    EXPECT_LE((*many)[i].low, central_value);
    EXPECT_GE((*many)[i].high, central_value);
  }
  // Windows reaching before the data stop the comparison rather than invent rates.
  const auto early = reference_interval(episodes, stock, {stock.first(), stock.first().plus_days(364)}, Brackets{},
                                        start, projection, {12, 30});
  ASSERT_TRUE(early.has_value());
  EXPECT_EQ(early->front().windows_used, 1);
}

TEST(SampleReturns, WrongTablesAndBadRowsAreNamed) {
  EXPECT_FALSE(read_ssda903("").has_value());
  const auto other = read_ssda903("URN,Name\n1,x\n");
  ASSERT_FALSE(other.has_value());
  EXPECT_NE(other.error().message.find("CHILD, DECOM, DEC and PLACE"), std::string::npos);
  const auto t = read_ssda903(
      "CHILD,DECOM,DEC,PLACE\n1,01/02/2020,,U1\n2,2020-02-01,,U1\n3,01/02/2020,31/02/2020,U1\n,01/01/2020,,U1\n");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->episodes.size(), 1u);
  ASSERT_EQ(t->rejected.size(), 3u);
  EXPECT_EQ(t->rejected[0].line, 3u);
  EXPECT_NE(t->rejected[0].reason.find("DECOM"), std::string::npos);
  EXPECT_NE(t->rejected[1].reason.find("DEC"), std::string::npos);
  EXPECT_NE(t->rejected[2].reason.find("CHILD"), std::string::npos);
}
}  // namespace
}  // namespace caremarket::forecast
