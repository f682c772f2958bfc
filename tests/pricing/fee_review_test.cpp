#include <gtest/gtest.h>

#include "pricing/fee_review.hpp"

namespace caremarket::pricing {
namespace {

Money pounds(std::int64_t p) { return Money::from_pounds(p); }

FeeReviewInput two_contracts(Money envelope) {
  FeeReviewInput in;
  in.envelope = envelope;
  in.nlw_change_bp = 670;  // 6.7%
  in.cpi_bp = 300;         // 3%
  in.contracts = {{1, pounds(100000), market::Rating::outstanding, 100, 6000},
                  {2, pounds(100000), market::Rating::requires_improvement, 0, 6000}};
  return in;
}

TEST(FeeReview, QualityEarnsMoreWithinTheEnvelope) {
  const auto r = review_fees(two_contracts(pounds(8000))).value();
  // Pressure: 60% x 6.7% + 40% x 3% = 5.22% of £100,000 = £5,220 each.
  EXPECT_EQ(r.contracts[0].cost_pressure, pounds(5220));
  EXPECT_EQ(r.contracts[0].quality_permille, 1320);  // outstanding 1.2 x KPI 1.1
  EXPECT_EQ(r.contracts[1].quality_permille, 720);   // requires improvement 0.8 x KPI 0.9
  ASSERT_TRUE(r.envelope_binding);                   // £10,648.80 wanted, £8,000 to give
  EXPECT_EQ(r.contracts[0].uplift, Money::from_pence(517647));
  EXPECT_EQ(r.contracts[1].uplift, Money::from_pence(282353));
  EXPECT_EQ(r.total, pounds(8000));
  EXPECT_EQ(r.contracts[0].flat_uplift, pounds(4000));
  EXPECT_EQ(r.contracts[1].flat_uplift, pounds(4000));
}

TEST(FeeReview, AnAmpleEnvelopeIsNotSpentForItsOwnSake) {
  const auto r = review_fees(two_contracts(pounds(50000))).value();
  EXPECT_FALSE(r.envelope_binding);
  EXPECT_EQ(r.contracts[0].uplift, Money::from_pence(689040));
  EXPECT_EQ(r.contracts[1].uplift, Money::from_pence(375840));
  EXPECT_EQ(r.total, Money::from_pence(1064880));
  EXPECT_EQ(r.contracts[0].flat_uplift + r.contracts[1].flat_uplift, r.total);
}

TEST(FeeReview, AllocationIsExactToThePenny) {
  const auto parts = allocate(Money::from_pence(100), {1, 1, 1});
  EXPECT_EQ(parts[0].pence() + parts[1].pence() + parts[2].pence(), 100);
  EXPECT_EQ(parts[0].pence(), 34);  // the spare penny goes to the earliest of equal remainders
  EXPECT_EQ(allocate(pounds(10), {0, 0})[0], Money());
}

TEST(FeeReview, BadInputIsRefused) {
  auto in = two_contracts(pounds(1));
  in.contracts[0].kpi_score = 101;
  EXPECT_EQ(review_fees(in).error().field, "kpi_score");
  in = two_contracts(-pounds(1));
  EXPECT_EQ(review_fees(in).error().field, "envelope");
  in = two_contracts(pounds(1));
  in.contracts.clear();
  EXPECT_EQ(review_fees(in).error().field, "contracts");
}

}  // namespace
}  // namespace caremarket::pricing
