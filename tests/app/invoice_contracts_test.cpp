// Invoices worked out from the stored contracts: a block's voids, a soft
// block's cost:volume band in each band mode (and a review's new commitment
// mid-period), an alliance member's share, and framework call-offs at their
// call-off price beside spot. Every figure is worked by hand in a comment.
#include <gtest/gtest.h>

#include "app/invoices.hpp"
#include "app_fixture.hpp"

namespace caremarket::app {
namespace {
using invoicing::LineKind;
using storage::Contract;
using storage::ContractModel;
using testing::d;
using testing::gbp;

class InvoiceContractsTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    invoices = std::make_unique<Invoices>(*store);
    market::Organisation other{0, market::OrganisationKind::council, "Trafford", "E08000009", "", "ons:E08000009"};
    trafford = store->create_organisation(other).value();
    finance = caller_for(council_org, market::OrganisationKind::council, {"contract_officer"});
    home = add_home(provider_caller(provider_a)).service.id;
  }

  // A placement at `home` recorded as a call-off under `contract_id` (or spot).
  std::int64_t place(const char* start, const char* weekly, ContractModel model,
                     std::optional<std::int64_t> contract_id, std::int64_t council = 0) {
    return add_placement({.service = home,
                          .provider = provider_a,
                          .council = council ? council : council_org,
                          .start = start,
                          .weekly = weekly,
                          .call_off_model = model,
                          .contract_id = contract_id});
  }

  invoicing::Invoice generate(const char* monday = "2026-11-30") {
    GenerateInvoiceInput in;
    in.provider_id = provider_a;
    in.period_start = d(monday);
    auto made = invoices->generate(finance, in);
    EXPECT_TRUE(made) << (made ? "" : made.error().message);
    if (!made) return {};
    const auto& r = made->invoice;
    return {r.provider_id, r.council_id, r.period(), r.lines, r.total};
  }

  static std::vector<const invoicing::InvoiceLine*> of_kind(const invoicing::Invoice& inv, LineKind kind) {
    std::vector<const invoicing::InvoiceLine*> out;
    for (const auto& l : inv.lines)
      if (l.kind == kind) out.push_back(&l);
    return out;
  }

  std::unique_ptr<Invoices> invoices;
  std::int64_t trafford = 0;
  std::int64_t home = 0;
  Caller finance;
};

TEST_F(InvoiceContractsTest, ABlockIsPaidWhetherUsedOrNotAndItsVoidsAreShown) {
  const auto block = add_contract(ContractModel::block, "B-3", [&](Contract& c) {
    c.services = {{home, provider_a, 3}};
    c.unit_price = gbp("1000.00");
  });
  const auto framework = add_contract(ContractModel::framework, "F-1", [&](Contract& c) {
    c.price_bands = {{market::KindOfCare::care_home_nursing, market::PriceUnit::week, std::nullopt, gbp("1300.00")}};
  });
  const auto p1 = place("2026-11-01", "1000.00", ContractModel::block, block);
  const auto p2 = place("2026-12-03", "1000.00", ContractModel::block, block);  // Thursday: 4 days
  const auto spot = place("2026-11-01", "850.00", ContractModel::spot, std::nullopt);
  const auto call_off = place("2026-12-02", "1234.56", ContractModel::framework, framework);  // Wednesday: 5 days

  const auto inv = generate();
  // Week Mon 30 Nov - Sun 6 Dec 2026. Block: 3 places x 1000.00 a week, whole week:
  //   100000p x 3 x 7 / 7 = 300000p = 3000.00.
  // Occupied Mon-Wed 1, Thu-Sun 2: voids 2+2+2+1+1+1+1 = 10 place-days;
  //   their cost 300000p x 10 / (7 x 3) = 142857.14p -> 1428.57, shown, not added.
  // Spot 850.00 x 7/7 = 850.00. Framework call-off at its call-off price 1234.56 x 5 / 7:
  //   123456p x 5 / 7 = 88182.86p -> 881.83.
  // Total 3000.00 + 850.00 + 881.83 = 4731.83.
  ASSERT_EQ(inv.lines.size(), 6u);
  EXPECT_EQ(inv.total, gbp("4731.83"));
  const auto placements = of_kind(inv, LineKind::placement);
  ASSERT_EQ(placements.size(), 4u);
  EXPECT_EQ(placements[0]->placement_id, p1);
  EXPECT_TRUE(placements[0]->within_block);
  EXPECT_EQ(placements[0]->amount, Money());
  EXPECT_EQ(placements[1]->placement_id, p2);
  EXPECT_EQ(placements[1]->days, 4);
  EXPECT_TRUE(placements[1]->within_block);
  EXPECT_EQ(placements[2]->placement_id, spot);
  EXPECT_EQ(placements[2]->amount, gbp("850.00"));
  EXPECT_EQ(placements[3]->placement_id, call_off);
  EXPECT_EQ(placements[3]->contract_id, framework);
  EXPECT_EQ(placements[3]->amount, gbp("881.83"));
  EXPECT_NE(placements[3]->note.find("framework call-off under contract " + std::to_string(framework)),
            std::string::npos)
      << placements[3]->note;
  const auto committed = of_kind(inv, LineKind::commitment);
  ASSERT_EQ(committed.size(), 1u);
  EXPECT_EQ(committed[0]->contract_id, block);
  EXPECT_EQ(committed[0]->from_place, 1);
  EXPECT_EQ(committed[0]->to_place, 3);
  EXPECT_EQ(committed[0]->days, 7);
  EXPECT_EQ(committed[0]->amount, gbp("3000.00"));
  const auto voids = of_kind(inv, LineKind::voids);
  ASSERT_EQ(voids.size(), 1u);
  EXPECT_EQ(voids[0]->places, 10);
  EXPECT_EQ(voids[0]->days, 7);
  EXPECT_EQ(voids[0]->amount, gbp("1428.57"));
  EXPECT_FALSE(voids[0]->in_total);
  // Stored as worked out: the band mode too.
  const auto stored = store->invoices(council_org, provider_a).value();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].lines[4].band_mode, pricing::BandMode::whole_volume);
  EXPECT_EQ(stored[0].lines[5].kind, LineKind::voids);
}

TEST_F(InvoiceContractsTest, ASoftBlockShowsTheBandReachedAndAReviewChangesTheCommitmentMidWeek) {
  const auto soft = add_contract(ContractModel::soft_block, "SB-1", [&](Contract& c) {
    c.services = {{home, provider_a, 0}};
    c.band_mode = pricing::BandMode::whole_volume;
    c.bands = {{1, gbp("1100.00")}, {4, gbp("1000.00")}};
    c.committed = 3;
    c.flex_min = 2;
    c.flex_max = 6;
    c.review_weeks = 13;
  });
  for (int i = 0; i < 4; ++i) place("2026-11-02", "1000.00", ContractModel::soft_block, soft);
  storage::CommitmentReview review;
  review.contract_id = soft;
  review.review_date = d("2026-12-03");
  review.period_from = d("2026-09-03");
  review.current = 3;
  review.proposed = 5;
  review.decided = 5;
  review.decided_on = d("2026-12-03");  // Thursday: 5 committed from then on
  review.reason = "winter";
  ASSERT_TRUE(store->add_commitment_review(review));

  const auto inv = generate();
  // 4 places occupied all week. Mon-Wed: committed 3, billed 4, which reaches
  // the band from 4, so every place is at 1000.00 (whole volume):
  //   places 1-3: 100000p x 3 x 3 / 7 = 128571.43p -> 1285.71
  //   place 4 above the commitment: 100000p x 3 / 7 = 42857.14p -> 428.57
  // Thu-Sun: committed 5, billed 5, all at 1000.00:
  //   places 1-5: 100000p x 5 x 4 / 7 = 285714.29p -> 2857.14
  //   1 void a day: 4 place-days x 500000p / (7 x 5) = 57142.86p -> 571.43, not added.
  // Total 1285.71 + 2857.14 + 428.57 = 4571.42.
  EXPECT_EQ(inv.total, gbp("4571.42"));
  const auto committed = of_kind(inv, LineKind::commitment);
  ASSERT_EQ(committed.size(), 2u);
  EXPECT_EQ(committed[0]->to_place, 3);
  EXPECT_EQ(committed[0]->days, 3);
  EXPECT_EQ(committed[0]->weekly_price, gbp("1000.00")) << "the band reached, not the first band's 1100.00";
  EXPECT_EQ(committed[0]->amount, gbp("1285.71"));
  EXPECT_EQ(committed[1]->to_place, 5);
  EXPECT_EQ(committed[1]->days, 4);
  EXPECT_EQ(committed[1]->amount, gbp("2857.14"));
  const auto above = of_kind(inv, LineKind::above_commitment);
  ASSERT_EQ(above.size(), 1u);
  EXPECT_EQ(above[0]->amount, gbp("428.57"));
  const auto voids = of_kind(inv, LineKind::voids);
  ASSERT_EQ(voids.size(), 1u);
  EXPECT_EQ(voids[0]->places, 4);
  EXPECT_EQ(voids[0]->from, d("2026-12-03"));
  EXPECT_EQ(voids[0]->amount, gbp("571.43"));
  for (const auto* l : {committed[0], committed[1], above[0], voids[0]}) {
    EXPECT_EQ(l->band_mode, pricing::BandMode::whole_volume);
  }
  EXPECT_NE(committed[0]->note.find("whole volume at the price of the band reached"), std::string::npos);
}

TEST_F(InvoiceContractsTest, AnAllianceMemberPaysItsShareOfMarginalBands) {
  const auto soft = add_contract(ContractModel::soft_block, "SB-ALLIANCE", [&](Contract& c) {
    c.parties = {{council_org, 6000, true}, {trafford, 4000, false}};
    c.services = {{home, provider_a, 0}};
    c.band_mode = pricing::BandMode::marginal;
    c.bands = {{1, gbp("1100.00")}, {4, gbp("1000.00")}};
    c.committed = 3;
    c.flex_min = 2;
    c.flex_max = 6;
    c.review_weeks = 13;
  });
  const auto ours1 = place("2026-11-02", "1100.00", ContractModel::soft_block, soft);
  const auto ours2 = place("2026-11-02", "1100.00", ContractModel::soft_block, soft);
  place("2026-11-02", "1100.00", ContractModel::soft_block, soft, trafford);
  place("2026-12-04", "1000.00", ContractModel::soft_block, soft, trafford);  // Friday: the 4th place, 3 days

  const auto inv = generate();
  // Marginal: places 1-3 at 1100.00 all week, 330000p; Birmingham's 60% = 198000p = 1980.00.
  // Fri-Sun the 4th place at its own band's 1000.00: 100000p x 3 / 7 = 42857.14p -> 42857p;
  //   split 60/40: 25714.2 and 17142.8, floors 25714 + 17142 = 42856, the spare penny to
  //   the larger remainder (Trafford's .8): Birmingham 25714p = 257.14.
  // No voids (3 or 4 occupied every day). Birmingham's total 1980.00 + 257.14 = 2237.14.
  EXPECT_EQ(inv.total, gbp("2237.14"));
  const auto placements = of_kind(inv, LineKind::placement);
  ASSERT_EQ(placements.size(), 2u) << "Trafford's placements fill the places but are not on Birmingham's invoice";
  EXPECT_EQ(placements[0]->placement_id, ours1);
  EXPECT_EQ(placements[1]->placement_id, ours2);
  const auto committed = of_kind(inv, LineKind::commitment);
  ASSERT_EQ(committed.size(), 1u);
  EXPECT_EQ(committed[0]->weekly_price, gbp("1100.00"));
  EXPECT_EQ(committed[0]->amount, gbp("1980.00"));
  EXPECT_EQ(committed[0]->band_mode, pricing::BandMode::marginal);
  EXPECT_NE(committed[0]->note.find("this council's share 60.00%"), std::string::npos) << committed[0]->note;
  const auto above = of_kind(inv, LineKind::above_commitment);
  ASSERT_EQ(above.size(), 1u);
  EXPECT_EQ(above[0]->weekly_price, gbp("1000.00"));
  EXPECT_EQ(above[0]->days, 3);
  EXPECT_EQ(above[0]->amount, gbp("257.14"));
  EXPECT_TRUE(of_kind(inv, LineKind::voids).empty());
}

TEST_F(InvoiceContractsTest, OnlyDaysTheContractIsInForceAreCommitted) {
  // Terminated with effect from Thursday 3 December: committed Mon-Wed only;
  // a draft block is never charged.
  const auto ended = add_contract(ContractModel::block, "B-END", [&](Contract& c) {
    c.services = {{home, provider_a, 2}};
    c.unit_price = gbp("700.00");
    c.status = storage::ContractStatus::terminated;
    c.status_date = d("2026-12-03");
  });
  add_contract(ContractModel::block, "B-DRAFT", [&](Contract& c) {
    c.services = {{home, provider_a, 5}};
    c.unit_price = gbp("900.00");
    c.status = storage::ContractStatus::draft;
  });
  const auto p = place("2026-11-02", "700.00", ContractModel::block, ended);
  const auto inv = generate();
  // Commitment: 70000p x 2 x 3 / 7 = 60000p = 600.00. Voids Mon-Wed 1 a day: 3 place-days,
  //   140000p x 3 / (7 x 2) = 30000p = 300.00, not added.
  // The placement Thu-Sun after the block: 70000p x 4 / 7 = 40000p = 400.00.
  // Total 600.00 + 400.00 = 1000.00.
  EXPECT_EQ(inv.total, gbp("1000.00"));
  const auto placements = of_kind(inv, LineKind::placement);
  ASSERT_EQ(placements.size(), 1u);
  EXPECT_EQ(placements[0]->placement_id, p);
  EXPECT_EQ(placements[0]->amount, gbp("400.00"));
  const auto committed = of_kind(inv, LineKind::commitment);
  ASSERT_EQ(committed.size(), 1u);
  EXPECT_EQ(committed[0]->contract_id, ended);
  EXPECT_EQ(committed[0]->to, d("2026-12-02"));
  EXPECT_EQ(committed[0]->amount, gbp("600.00"));
  const auto voids = of_kind(inv, LineKind::voids);
  ASSERT_EQ(voids.size(), 1u);
  EXPECT_EQ(voids[0]->amount, gbp("300.00"));
}

}  // namespace
}  // namespace caremarket::app
