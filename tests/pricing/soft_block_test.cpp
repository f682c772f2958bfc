#include <gtest/gtest.h>

#include "pricing/soft_block.hpp"

namespace caremarket::pricing {
namespace {

CostVolumeSchedule flat(std::int64_t pounds) { return {BandMode::whole_volume, {{1, Money::from_pounds(pounds)}}}; }

TEST(SoftBlock, AWeekOfUtilisationPricesTheVoids) {
  const auto w = utilisation(flat(900), 10, 7).value();
  EXPECT_EQ(w.voids, 3);
  EXPECT_EQ(w.overflow, 0);
  EXPECT_EQ(w.charge, Money::from_pounds(9000));
  EXPECT_EQ(w.void_cost, Money::from_pounds(2700));
  const auto busy = utilisation(flat(900), 10, 12).value();
  EXPECT_EQ(busy.voids, 0);
  EXPECT_EQ(busy.overflow, 2);
  EXPECT_EQ(busy.void_cost, Money());
}

TEST(SoftBlock, ReviewFollowsUseWithinTheBandAndTheStep) {
  const FlexRules rules{8, 20, 3, 95};
  // Average 15.2 used of 12 committed: 15.2 / 0.95 = 16 wanted; at most 3 more at once.
  const auto up = propose_commitment(12, rules, {15, 16, 15, 15, 15}).value();
  EXPECT_EQ(up.proposed, 15);
  EXPECT_NE(up.reason.find("raise to 15"), std::string::npos);
  EXPECT_NE(up.reason.find("at most 3"), std::string::npos);
  // Little use: down, but not below the band.
  const auto down = propose_commitment(9, rules, {2, 3, 2, 3}).value();
  EXPECT_EQ(down.proposed, 8);
  EXPECT_NE(down.reason.find("band 8-20"), std::string::npos);
  // Use that fills the commitment at the target: keep it.
  const auto keep = propose_commitment(10, rules, {9, 10, 9, 10}).value();
  EXPECT_EQ(keep.proposed, 10);
  EXPECT_NEAR(keep.utilisation_percent, 95, 1e-9);
}

TEST(SoftBlock, BadReviewsAreRefused) {
  EXPECT_EQ(propose_commitment(10, {8, 20, 3, 95}, {}).error().field, "weeks");
  EXPECT_EQ(propose_commitment(30, {8, 20, 3, 95}, {10}).error().field, "current");
  EXPECT_EQ(propose_commitment(10, {20, 8, 3, 95}, {10}).error().field, "flex");
  EXPECT_EQ(propose_commitment(10, {8, 20, 3, 40}, {10}).error().field, "target_percent");
}

}  // namespace
}  // namespace caremarket::pricing
