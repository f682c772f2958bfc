// The projection against the figures of the published model's own tests
// (docs: FORECAST method), worked by hand.
#include "forecast/projection.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace caremarket::forecast {
namespace {
int st(int bracket, Category c) { return State{bracket, c}.index(); }
std::size_t at(int state) { return static_cast<std::size_t>(state); }

RateModel ageing_only() {
  auto model = estimate_rates({}, DailyStock({}),
                              {Date::from_ymd(2020, 1, 1).value(), Date::from_ymd(2020, 12, 31).value()}, Brackets{});
  EXPECT_TRUE(model.has_value());
  return model ? *model : RateModel{};
}

TEST(Projection, OneRateOfATenthADay) {
  RateModel m;
  m.rates[0][1] = 0.1;
  StateVector p{};
  p[0] = 100;
  const auto steps = project(p, m, {1, 25, {}});
  ASSERT_TRUE(steps.has_value());
  EXPECT_NEAR((*steps)[1].population[0], 90, 1e-9);
  EXPECT_NEAR((*steps)[1].population[1], 10, 1e-9);
  EXPECT_NEAR((*steps)[2].population[0], 81, 1e-9);
  EXPECT_NEAR((*steps)[2].population[1], 19, 1e-9);
  EXPECT_NEAR((*steps)[25].population[0], 7.2, 0.05);
  EXPECT_NEAR((*steps)[25].population[1], 92.8, 0.05);
  EXPECT_EQ((*steps)[25].day, 25);
}

TEST(Projection, AgeingAloneMovesChildrenThroughTheBrackets) {
  const RateModel m = ageing_only();
  StateVector p{};
  p[at(st(0, Category::fostering))] = 100;
  const auto daily = project(p, m, {1, 365, {}});
  ASSERT_TRUE(daily.has_value());
  EXPECT_NEAR((*daily)[1].population[at(st(0, Category::fostering))], 99.7, 0.05);
  EXPECT_NEAR((*daily)[1].population[at(st(1, Category::fostering))], 0.3, 0.05);
  const auto& year = (*daily)[365].population;
  const double expected[] = {36.7, 54.8, 7.8, 0.6};
  for (int b = 0; b < 4; ++b) EXPECT_NEAR(year[at(st(b, Category::fostering))], expected[b], 0.05) << "bracket " << b;

  const auto monthly = project(p, m, {30, 12, {}});
  ASSERT_TRUE(monthly.has_value());
  const double by_month[] = {37.2, 55.1, 7.2, 0.4};
  for (int b = 0; b < 4; ++b) {
    EXPECT_NEAR((*monthly)[12].population[at(st(b, Category::fostering))], by_month[b], 0.05) << "bracket " << b;
  }
  EXPECT_EQ((*monthly)[12].day, 360);
}

TEST(Projection, RatesAboveOneAreClampedAndSharedInProportion) {
  RateModel m;
  m.rates[0][1] = 0.6;
  m.rates[0][2] = 0.7;
  StateVector p{};
  p[0] = 100;
  p[2] = 200;
  const auto next = step(p, m.rates, m.entrants, 1);
  EXPECT_NEAR(next[0], 0, 1e-9);
  EXPECT_NEAR(next[1], 46.15, 0.005);
  EXPECT_NEAR(next[2], 253.85, 0.005);
}

TEST(Projection, EntrantsAddKPerStepAndNobodyIsLost) {
  RateModel m = ageing_only();
  m.rates[at(st(2, Category::fostering))][at(st(2, Category::not_in_care))] = 0.01;
  m.entrants[at(st(2, Category::fostering))] = 0.5;
  StateVector p{};
  p[at(st(2, Category::fostering))] = 40;
  p[at(st(3, Category::residential))] = 10;
  const auto steps = project(p, m, {7, 52, {}});
  ASSERT_TRUE(steps.has_value());
  for (const auto& s : *steps) {
    const double total = std::accumulate(s.population.begin(), s.population.end(), 0.0);
    EXPECT_NEAR(total, 50 + 0.5 * s.day, 1e-9) << "day " << s.day;
    for (double v : s.population) EXPECT_GE(v, 0);
  }
  EXPECT_LT(in_care((*steps)[52].population), 50 + 0.5 * 364) << "leavers are not in care";
}

TEST(Projection, AdjustmentsAndCosts) {
  RateModel m;
  m.rates[at(st(2, Category::fostering))][at(st(2, Category::residential))] = 0.001;
  StateVector p{};
  p[at(st(2, Category::fostering))] = 100;
  // +0.03 a month is +0.001 a day: the rate doubles.
  const auto adjusted = project(p, m, {1, 1, {{st(2, Category::fostering), st(2, Category::residential), 0.03}}});
  ASSERT_TRUE(adjusted.has_value());
  EXPECT_NEAR((*adjusted)[1].population[at(st(2, Category::residential))], 0.2, 1e-9);
  // A cut below zero stops the flow rather than reversing it.
  const auto cut = project(p, m, {1, 1, {{st(2, Category::fostering), st(2, Category::residential), -1.0}}});
  ASSERT_TRUE(cut.has_value());
  EXPECT_EQ((*cut)[1].population[at(st(2, Category::residential))], 0);

  EXPECT_NEAR(daily_cost((*adjusted)[1].population, {{Category::fostering, 700}, {Category::residential, 7000}}),
              99.8 * 100 + 0.2 * 1000, 1e-6);
  EXPECT_FALSE(project(p, m, {0, 1, {}}).has_value());
  EXPECT_FALSE(project(p, m, {1, 1, {{99, 0, 0.1}}}).has_value());
}
}  // namespace
}  // namespace caremarket::forecast
