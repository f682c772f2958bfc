// Cleaning, states, stock and rates on a small return worked by hand.
#include "forecast/children_rates.hpp"

#include <gtest/gtest.h>

namespace caremarket::forecast {
namespace {
Date d(int y, unsigned m, unsigned day) { return Date::from_ymd(y, m, day).value(); }
std::size_t at(int bracket, Category c) { return static_cast<std::size_t>(State{bracket, c}.index()); }

TEST(ChildrenStates, PlacementCodesAndBrackets) {
  EXPECT_EQ(category_of_place("U1"), Category::fostering);
  EXPECT_EQ(category_of_place("U6"), Category::fostering);
  EXPECT_EQ(category_of_place("U7"), Category::other);
  EXPECT_EQ(category_of_place("K2"), Category::residential);
  EXPECT_EQ(category_of_place("R1"), Category::residential);
  EXPECT_EQ(category_of_place("H5"), Category::supported);
  EXPECT_EQ(category_of_place("P2"), Category::supported);
  EXPECT_EQ(category_of_place("A6"), Category::other);
  const Brackets b;
  EXPECT_EQ(b.of_age(-1.0), 0);
  EXPECT_EQ(b.of_age(0.999), 0);
  EXPECT_EQ(b.of_age(1.0), 1);
  EXPECT_EQ(b.of_age(15.999), 3);
  EXPECT_EQ(b.of_age(16.0), 4);
  EXPECT_EQ(b.of_age(30.0), std::nullopt);
  EXPECT_EQ(b.of_age(-1.5), std::nullopt);
  EXPECT_EQ(b.label(0), "0 to 1");
  EXPECT_EQ(b.label(3), "10 to 16");
}

// A: fostering then residential (a duplicate start dropped, the last kept);
// B: supported then fostering, the first end overlapping the next start;
// C: no header; D: two episodes with one end (the first kept); E: aged 40.
Ssda903Return small_return() {
  Ssda903Return r;
  r.headers_by_year = {{{"A", d(2009, 6, 1)}, {"B", d(2005, 6, 1)}, {"D", d(2008, 1, 1)}, {"E", d(1980, 1, 1)}},
                       {{"A", d(2015, 1, 1)}}};
  r.episodes_by_year = {{{"A", d(2020, 1, 1), d(2020, 3, 1), "U1"},
                         {"A", d(2020, 3, 1), std::nullopt, "U2"},
                         {"B", d(2020, 2, 1), d(2020, 6, 1), "H5"},
                         {"C", d(2020, 2, 1), std::nullopt, "U1"},
                         {"D", d(2020, 1, 1), d(2020, 2, 1), "Z1"},
                         {"D", d(2020, 1, 15), d(2020, 2, 1), "U1"}},
                        {{"A", d(2020, 3, 1), std::nullopt, "K2"},
                         {"B", d(2020, 5, 1), d(2020, 7, 1), "U3"},
                         {"E", d(2020, 1, 1), std::nullopt, "U1"}}};
  return r;
}

TEST(ChildrenStates, CleaningKeepsTheRightEpisodes) {
  CleanReport report;
  const auto episodes = clean_episodes(small_return(), Brackets{}, report);
  EXPECT_EQ(report.episodes_read, 9u);
  EXPECT_EQ(report.without_header, 1u);
  EXPECT_EQ(report.duplicates_dropped, 2u);
  EXPECT_EQ(report.ends_corrected, 1u);
  EXPECT_EQ(report.outside_brackets, 1u);
  ASSERT_EQ(episodes.size(), 6u);
  // A (the first header's birth date: aged 10 in 2020).
  EXPECT_EQ(episodes[0].child, "A");
  EXPECT_EQ(episodes[0].bracket, 3);
  EXPECT_EQ(episodes[0].before, Category::not_in_care);
  EXPECT_EQ(episodes[0].after, Category::residential);
  EXPECT_EQ(episodes[1].category, Category::residential) << "the last of a repeated start is kept";
  EXPECT_EQ(episodes[1].before, Category::fostering);
  EXPECT_EQ(episodes[1].after, Category::not_in_care);
  // B: the overlapping end becomes the next start.
  EXPECT_EQ(episodes[2].dec, d(2020, 5, 1));
  EXPECT_EQ(episodes[2].after, Category::fostering);
  EXPECT_EQ(episodes[3].before, Category::supported);
  // D: the first of a repeated end is kept.
  EXPECT_EQ(episodes[4].child, "D");
  EXPECT_EQ(episodes[4].category, Category::other);
  EXPECT_EQ(episodes[5].child, "E");
  EXPECT_FALSE(episodes[5].bracket.has_value());
}

TEST(ChildrenStates, StockRatesAndEntrants) {
  CleanReport report;
  const auto episodes = clean_episodes(small_return(), Brackets{}, report);
  const DailyStock stock(episodes);
  EXPECT_EQ(stock.first(), d(2020, 1, 1));
  EXPECT_EQ(stock.last(), d(2020, 7, 1));
  const auto feb = stock.on(d(2020, 2, 15));
  EXPECT_EQ(feb[at(3, Category::fostering)], 1);
  EXPECT_EQ(feb[at(3, Category::supported)], 1);
  EXPECT_EQ(feb[at(3, Category::other)], 0) << "D left on 1 February";
  EXPECT_EQ(stock.on(d(2020, 1, 31))[at(3, Category::other)], 1);
  EXPECT_EQ(stock.on(d(2020, 3, 1))[at(3, Category::fostering)], 0) << "an episode is out of stock on its end day";
  EXPECT_EQ(stock.on(d(2020, 3, 1))[at(3, Category::residential)], 1);
  EXPECT_EQ(stock.on(d(2030, 1, 1))[at(3, Category::residential)], 1) << "after the data, the last day holds";
  EXPECT_EQ(stock.on(d(2019, 1, 1))[at(3, Category::residential)], 0);

  const auto model = estimate_rates(episodes, stock, {d(2020, 1, 1), d(2020, 12, 31)}, Brackets{});
  ASSERT_TRUE(model.has_value());
  const auto& r = model->rates;
  const double n = 366;  // 2020 is a leap year
  EXPECT_NEAR(r[at(3, Category::fostering)][at(3, Category::residential)], 1 / n, 1e-15);
  EXPECT_NEAR(r[at(3, Category::supported)][at(3, Category::fostering)], 1 / n, 1e-15);
  EXPECT_NEAR(r[at(3, Category::fostering)][at(3, Category::not_in_care)], 1 / n, 1e-15);
  EXPECT_NEAR(r[at(3, Category::other)][at(3, Category::not_in_care)], 1 / n, 1e-15);
  EXPECT_NEAR(r[at(3, Category::fostering)][at(4, Category::fostering)], 1 / 2190.0, 1e-15) << "ageing";
  EXPECT_NEAR(r[at(0, Category::not_in_care)][at(1, Category::not_in_care)], 1 / 365.0, 1e-15);
  EXPECT_EQ(r[at(4, Category::fostering)][at(4, Category::fostering)], 0) << "the last bracket is never left";
  EXPECT_NEAR(model->entrants[at(3, Category::fostering)], 1 / 365.0, 1e-15);
  EXPECT_NEAR(model->entrants[at(3, Category::supported)], 1 / 365.0, 1e-15);
  EXPECT_NEAR(model->entrants[at(3, Category::other)], 1 / 365.0, 1e-15);
  EXPECT_EQ(model->entrants[at(3, Category::residential)], 0) << "A moved in from fostering";

  EXPECT_FALSE(estimate_rates(episodes, stock, {d(2020, 2, 1), d(2020, 1, 1)}, Brackets{}).has_value());
}
}  // namespace
}  // namespace caremarket::forecast
