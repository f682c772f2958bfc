#include <gtest/gtest.h>

#include <numeric>

#include "pricing/block_sizing.hpp"

namespace caremarket::pricing {
namespace {

Money pounds(std::int64_t p) { return Money::from_pounds(p); }

BlockSizingInput two_weeks() {
  BlockSizingInput in;
  in.demand_samples = {5, 15};
  in.spot_price = pounds(1000);
  in.short_supply_above = 10;
  in.spot_premium_bp = 2000;  // spot costs 20% more in a week of more than 10 places
  in.block_schedule = {BandMode::whole_volume, {{1, pounds(900)}}};
  in.void_cost = pounds(100);
  in.soft_flex = 5;
  return in;
}

TEST(BlockSizing, ComparesSpotRigidAndSoftBlocks) {
  const auto advice = advise_block_size(two_weeks()).value();
  // Spot: 5 x £1,000 in the quiet week; 15 x £1,200 in the busy one.
  EXPECT_EQ(advice.spot_only.expected_weekly, pounds(11500));
  EXPECT_EQ(advice.spot_only.p90_weekly, pounds(18000));
  // A rigid block of 5: £4,500, and £4,500 + 10 spot places at £1,200.
  EXPECT_EQ(advice.rigid_block.commitment, 5);
  EXPECT_EQ(advice.rigid_block.expected_weekly, pounds(10500));
  EXPECT_EQ(advice.rigid_block.p90_weekly, pounds(16500));
  // A soft block of 10 flexing 5 either way pays for exactly what is used.
  EXPECT_EQ(advice.soft_block.commitment, 10);
  EXPECT_EQ(advice.soft_block.expected_weekly, pounds(9000));
  EXPECT_EQ(advice.soft_block.p90_weekly, pounds(13500));
}

TEST(BlockSizing, SteadyDemandIsBestServedByABlockOfThatSize) {
  auto in = two_weeks();
  in.demand_samples = {10, 10, 10, 10};
  const auto advice = advise_block_size(in).value();
  EXPECT_EQ(advice.rigid_block.commitment, 10);
  EXPECT_EQ(advice.rigid_block.expected_weekly, pounds(9000));
  EXPECT_EQ(advice.spot_only.expected_weekly, pounds(10000));
}

TEST(BlockSizing, DemandFromANormalForecastIsDeterministic) {
  EXPECT_EQ(demand_from_normal(10, 0, 5), (std::vector<int>{10, 10, 10, 10, 10}));
  const auto samples = demand_from_normal(20, 4, 1000);
  EXPECT_EQ(samples, demand_from_normal(20, 4, 1000));
  const double mean = std::accumulate(samples.begin(), samples.end(), 0.0) / 1000;
  EXPECT_NEAR(mean, 20, 0.1);
  const auto below = std::count_if(samples.begin(), samples.end(), [](int d) { return d <= 16; });
  EXPECT_NEAR(static_cast<double>(below) / 1000, 0.16, 0.05);  // about one spread below the mean
  // The lowest slice, p = 0.0005, is 3.29 spreads below the mean: 20 - 13.2, so 7 places.
  EXPECT_EQ(*std::min_element(samples.begin(), samples.end()), 7);
}

TEST(BlockSizing, BadInputIsRefused) {
  auto in = two_weeks();
  in.demand_samples.clear();
  EXPECT_EQ(advise_block_size(in).error().field, "demand");
  in = two_weeks();
  in.spot_price = Money();
  EXPECT_EQ(advise_block_size(in).error().field, "spot_price");
  in = two_weeks();
  in.block_schedule.bands.clear();
  EXPECT_FALSE(advise_block_size(in));
}

}  // namespace
}  // namespace caremarket::pricing
