#include <gtest/gtest.h>

#include "pricing/cost_volume.hpp"
#include "pricing/price_model.hpp"

namespace caremarket::pricing {
namespace {

Money pounds(std::int64_t p) { return Money::from_pounds(p); }

CostVolumeSchedule three_bands(BandMode mode) {
  return {mode, {{1, pounds(1000)}, {6, pounds(950)}, {11, pounds(900)}}};
}

TEST(CostVolume, WholeVolumeAtTheBandReached) {
  const auto charge = weekly_charge(three_bands(BandMode::whole_volume), 8).value();
  ASSERT_EQ(charge.lines.size(), 1u);
  EXPECT_EQ(charge.lines[0].weekly_price, pounds(950));
  EXPECT_EQ(charge.total, pounds(7600));
  EXPECT_EQ(weekly_charge(three_bands(BandMode::whole_volume), 12)->total, pounds(10800));
  EXPECT_EQ(weekly_charge(three_bands(BandMode::whole_volume), 5)->total, pounds(5000));
}

TEST(CostVolume, MarginalBandsEachAtTheirOwnPrice) {
  const auto charge = weekly_charge(three_bands(BandMode::marginal), 12).value();
  ASSERT_EQ(charge.lines.size(), 3u);
  EXPECT_EQ(charge.lines[0].places, 5);
  EXPECT_EQ(charge.lines[1].from_places, 6);
  EXPECT_EQ(charge.lines[1].to_places, 10);
  EXPECT_EQ(charge.lines[2].places, 2);
  EXPECT_EQ(charge.total, pounds(11550));
  EXPECT_EQ(charge.average_per_place, Money::from_pence(96250));
  EXPECT_EQ(weekly_charge(three_bands(BandMode::marginal), 8)->total, pounds(7850));
}

TEST(CostVolume, NoPlacesNoCharge) {
  const auto charge = weekly_charge(three_bands(BandMode::marginal), 0).value();
  EXPECT_TRUE(charge.lines.empty());
  EXPECT_EQ(charge.total, Money());
}

TEST(CostVolume, BadSchedulesAreRefused) {
  EXPECT_FALSE(weekly_charge({BandMode::marginal, {}}, 3));
  EXPECT_FALSE(weekly_charge({BandMode::marginal, {{2, pounds(900)}}}, 3));
  EXPECT_FALSE(weekly_charge({BandMode::marginal, {{1, pounds(900)}, {1, pounds(800)}}}, 3));
  EXPECT_FALSE(weekly_charge({BandMode::marginal, {{1, Money()}}}, 3));
  EXPECT_EQ(weekly_charge(three_bands(BandMode::marginal), -1).error().field, "places");
}

// A home care hour: pay for contact and travel time, on-costs on pay,
// mileage, then overheads and surplus as shares of the price.
std::vector<CostLine> home_care_hour(std::int64_t hourly_pay_pence) {
  return {
      {"care worker pay", LineKind::quantity_rate, Money::from_pence(hourly_pay_pence), 100, true, 0},
      {"travel time pay", LineKind::quantity_rate, Money::from_pence(hourly_pay_pence), 20, true, 0},
      {"employer national insurance", LineKind::percent_of_pay, {}, 0, false, 1000},
      {"holiday pay", LineKind::percent_of_pay, {}, 0, false, 1207},
      {"pension", LineKind::percent_of_pay, {}, 0, false, 300},
      {"mileage", LineKind::fixed, Money::from_pence(120), 0, false, 0},
      {"running the business", LineKind::percent_of_price, {}, 0, false, 2500},
      {"surplus", LineKind::percent_of_price, {}, 0, false, 300},
  };
}

TEST(PriceModel, SolvesForAPriceThatContainsItsOwnShares) {
  const auto b = solve_price(home_care_hour(1221)).value();
  EXPECT_EQ(b.pay, Money::from_pence(1465));             // 12.21 + 2.44 (0.2 x 12.21 = 2.442, rounded)
  EXPECT_EQ(b.lines[2].amount, Money::from_pence(147));  // 10% of 14.65 = 1.465: a half, away from zero
  EXPECT_EQ(b.lines[3].amount, Money::from_pence(177));
  EXPECT_EQ(b.lines[4].amount, Money::from_pence(44));
  // base 19.53; price = 19.53 / 0.72 = 27.125 -> 27.13
  EXPECT_EQ(b.price, Money::from_pence(2713));
  EXPECT_EQ(b.lines[6].amount, Money::from_pence(678));  // 25% of 27.13 = 6.7825
  EXPECT_EQ(b.lines[7].amount, Money::from_pence(82));   // 3% = 0.8139, plus the rounding penny
  Money sum;
  for (const auto& l : b.lines) sum += l.amount;
  EXPECT_EQ(sum, b.price);
}

TEST(PriceModel, SharesOfPriceAtOrAbove100PercentAreRefused) {
  std::vector<CostLine> lines{{"cost", LineKind::fixed, pounds(10), 0, false, 0},
                              {"surplus", LineKind::percent_of_price, {}, 0, false, 10000}};
  EXPECT_FALSE(solve_price(lines));
  EXPECT_FALSE(solve_price({}));
  EXPECT_FALSE(solve_price({{"", LineKind::fixed, pounds(1), 0, false, 0}}));
  EXPECT_FALSE(solve_price({{"negative", LineKind::fixed, -pounds(1), 0, false, 0}}));
}

TEST(PriceModel, ExplainsWhichLinesMakeAnOfferDearer) {
  const auto model = solve_price(home_care_hour(1221)).value();
  auto offer_lines = home_care_hour(1300);
  offer_lines[5].amount = Money::from_pence(150);  // more mileage
  const auto offer = solve_price(offer_lines).value();
  const auto why = explain(model, offer);
  ASSERT_FALSE(why.empty());
  Money total;
  for (const auto& d : why) total += d.difference;
  EXPECT_EQ(total, offer.price - model.price);
  EXPECT_EQ(why.front().name, "care worker pay");  // 79p an hour more: the largest difference
  EXPECT_EQ(why.front().difference, Money::from_pence(79));
}

}  // namespace
}  // namespace caremarket::pricing
