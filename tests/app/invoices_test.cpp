// Invoices end to end through the use case: who may do what, idempotent
// generation, issue, actuals and their differences, payments, timeliness.
#include <gtest/gtest.h>

#include "app/invoices.hpp"
#include "app_fixture.hpp"

namespace caremarket::app {
namespace {
using storage::InvoiceStatus;
using testing::d;
using testing::gbp;

class InvoicesTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    invoices = std::make_unique<Invoices>(*store);
    market::Organisation other{0, market::OrganisationKind::council, "Trafford", "E08000009", "", "ons:E08000009"};
    other_council = store->create_organisation(other).value();
    finance = caller_for(council_org, market::OrganisationKind::council, {"contract_officer"});
    home = add_home(provider_caller(provider_a)).service.id;
  }

  // A placement of provider A with the council, straight into the store.
  std::int64_t place(const char* start, const char* weekly, std::optional<const char*> end = std::nullopt,
                     std::int64_t council = 0) {
    return add_placement({.service = home,
                          .provider = provider_a,
                          .council = council ? council : council_org,
                          .created_by = finance.user_id,
                          .start = start,
                          .weekly = weekly,
                          .end = end});
  }

  GenerateInvoiceInput week(const char* start = "2026-11-30") {
    GenerateInvoiceInput in;
    in.provider_id = provider_a;
    in.period_start = d(start);
    return in;
  }

  std::size_t audit_count(std::int64_t invoice) {
    return store->audit_for("invoice:" + std::to_string(invoice))->size();
  }

  std::unique_ptr<Invoices> invoices;
  std::int64_t other_council = 0;
  std::int64_t home = 0;
  Caller finance;
};

TEST_F(InvoicesTest, GenerateIsIdempotentForADraftAndNeverChangesAnIssuedInvoice) {
  const auto p1 = place("2026-11-01", "1000.00");
  const auto p2 = place("2026-12-03", "850.00");  // Thu: 4 days of the week
  place("2026-11-01", "990.00", std::nullopt, other_council);
  const auto first = invoices->generate(finance, week());
  ASSERT_TRUE(first) << first.error().message;
  const auto& inv = first->invoice;
  EXPECT_EQ(inv.status, InvoiceStatus::draft);
  ASSERT_EQ(inv.lines.size(), 2u) << "the other council's placement is not on this invoice";
  EXPECT_EQ(inv.lines[0].placement_id, p1);
  EXPECT_EQ(inv.lines[1].placement_id, p2);
  EXPECT_EQ(inv.total, gbp("1485.71"));
  EXPECT_FALSE(first->replaced_draft);

  auto with_credit = week();
  with_credit.adjustments = {{"returned deposit", gbp("-85.71"), p2}};
  const auto again = invoices->generate(finance, with_credit);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->invoice.id, inv.id);
  EXPECT_TRUE(again->replaced_draft);
  EXPECT_EQ(again->invoice.total, gbp("1400.00"));
  EXPECT_EQ(store->invoices(council_org, std::nullopt)->size(), 1u);

  ASSERT_TRUE(invoices->issue(finance, inv.id, d("2026-12-07")));
  const auto after = invoices->generate(finance, week());
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::conflict);
  EXPECT_EQ(store->get_invoice(inv.id)->total, gbp("1400.00")) << "the issued invoice is unchanged";
  auto four = week("2026-11-23");
  four.cadence = invoicing::Cadence::four_weekly;
  const auto overlap = invoices->generate(finance, four);
  ASSERT_FALSE(overlap);
  EXPECT_NE(overlap.error().message.find("overlaps invoice"), std::string::npos);
  EXPECT_EQ(audit_count(inv.id), 3u);  // generate, regenerate, issue
}

TEST_F(InvoicesTest, WhoMayGenerateAndWhoSeesWhat) {
  place("2026-11-01", "1000.00");
  EXPECT_EQ(invoices->generate(council_caller(), week()).error().code, ErrorCode::forbidden)
      << "a placement officer does not commit the council's money";
  EXPECT_EQ(invoices->generate(provider_caller(provider_a), week()).error().code, ErrorCode::forbidden);
  auto foreign = week();
  foreign.council_id = other_council;
  EXPECT_EQ(invoices->generate(finance, foreign).error().code, ErrorCode::forbidden);
  EXPECT_EQ(invoices->generate(operator_caller(), week()).error().field, "council_id");
  EXPECT_EQ(invoices->generate(finance, week("2026-12-02")).error().field, "period_start");
  EXPECT_EQ(invoices->generate(finance, week("2026-10-05")).error().field, "period_start") << "nothing to invoice";
  auto bad_terms = week();
  bad_terms.payment_terms = "soon";
  EXPECT_EQ(invoices->generate(finance, bad_terms).error().field, "payment_terms");
  EXPECT_TRUE(store->invoices(std::nullopt, std::nullopt)->empty()) << "nothing refused was written";

  const auto id = invoices->generate(finance, week())->invoice.id;
  const auto a = provider_caller(provider_a);
  const auto b = provider_caller(provider_b);
  const auto trafford = caller_for(other_council, market::OrganisationKind::council, {"commissioner"});
  EXPECT_EQ(invoices->get(a, id).error().code, ErrorCode::not_found) << "a draft is the council's";
  EXPECT_TRUE(invoices->list(a, {})->empty());
  EXPECT_TRUE(invoices->get(council_caller(), id)) << "placement officers read their council's invoices";
  ASSERT_TRUE(invoices->issue(finance, id, d("2026-12-07")));
  EXPECT_TRUE(invoices->get(a, id));
  EXPECT_EQ(invoices->list(a, {})->size(), 1u);
  EXPECT_EQ(invoices->get(b, id).error().code, ErrorCode::not_found);
  EXPECT_EQ(invoices->get(trafford, id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(invoices->list(trafford, {})->empty());
  EXPECT_TRUE(invoices->get(operator_caller(), id));
  EXPECT_EQ(invoices->issue(finance, id, std::nullopt).error().code, ErrorCode::conflict);
}

TEST_F(InvoicesTest, IssueSetsTheDueDateAndRefusesAStaleDraft) {
  const auto p = place("2026-11-01", "1000.00");
  auto in = week();
  in.payment_terms = "20 working days";
  const auto id = invoices->generate(finance, in)->invoice.id;
  auto placement = store->get_placement(p).value();
  placement.end_date = d("2026-12-02");
  placement.status = storage::PlacementStatus::ended;
  ASSERT_TRUE(store->update_placement(placement));
  const auto stale = invoices->issue(finance, id, d("2026-12-14"));
  ASSERT_FALSE(stale);
  EXPECT_NE(stale.error().message.find("generate it again"), std::string::npos);
  ASSERT_TRUE(invoices->generate(finance, in));
  const auto issued = invoices->issue(finance, id, d("2026-12-14"));
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_EQ(issued->invoice.total, gbp("428.57"));  // Mon 30 Nov to Wed 2 Dec: 3 days
  EXPECT_EQ(issued->invoice.due_date->to_string(), "2027-01-14");
  EXPECT_EQ(issued->outstanding, gbp("428.57"));
  const auto inbox = store->inbox(provider_a).value();
  EXPECT_TRUE(std::any_of(inbox.begin(), inbox.end(), [](const auto& n) { return n.kind == "invoice.issued"; }));
}

TEST_F(InvoicesTest, ActualsAreReconciledDifferencesDisputeAndAgreementRestores) {
  const auto p = place("2026-11-01", "1000.00");
  const auto id = invoices->generate(finance, week())->invoice.id;
  const auto a = provider_caller(provider_a);
  const std::string header = "placement_id,from,to,days,amount\n";
  const std::string row = std::to_string(p) + ",2026-11-30,2026-12-06,7,";
  EXPECT_EQ(invoices->upload_actuals(a, id, header + row + "1000.00\n").error().code, ErrorCode::not_found)
      << "the provider cannot see a draft";
  ASSERT_TRUE(invoices->issue(finance, id, d("2026-12-07")));
  EXPECT_EQ(invoices->upload_actuals(finance, id, header).error().code, ErrorCode::forbidden);
  EXPECT_EQ(invoices->upload_actuals(provider_caller(provider_b), id, header).error().code, ErrorCode::not_found);
  EXPECT_EQ(invoices->differences(a, id).error().code, ErrorCode::not_found);

  const auto differ = invoices->upload_actuals(a, id, header + row + "1010.00\n99,2026-11-30,2026-11-30,1,5.00\n");
  ASSERT_TRUE(differ) << differ.error().message;
  ASSERT_EQ(differ->result.differences.size(), 2u);
  EXPECT_EQ(differ->result.differences[0].kind, invoicing::DifferenceKind::amount_differs);
  EXPECT_EQ(differ->result.differences[0].difference, gbp("10.00"));
  EXPECT_EQ(differ->result.differences[1].kind, invoicing::DifferenceKind::unknown_placement);
  EXPECT_EQ(store->get_invoice(id)->status, InvoiceStatus::disputed);
  const auto seen = invoices->differences(finance, id);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->result.differences.size(), 2u);

  const auto unusable = invoices->upload_actuals(a, id, "who,what\nMrs A,lots\n");
  ASSERT_FALSE(unusable);
  EXPECT_EQ(unusable.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(invoices->differences(a, id)->id, differ->id) << "a refused file writes nothing";

  const auto agree = invoices->upload_actuals(a, id, header + row + "1000.00\n");
  ASSERT_TRUE(agree);
  EXPECT_TRUE(agree->result.agrees());
  EXPECT_EQ(store->get_invoice(id)->status, InvoiceStatus::issued);
  EXPECT_EQ(invoices->differences(a, id)->id, agree->id);
}

TEST_F(InvoicesTest, PaymentsAreCheckedAndPayingInFullClosesTheInvoice) {
  place("2026-10-01", "1000.00");
  const auto id = invoices->generate(finance, week("2026-11-02"))->invoice.id;
  const PaymentInput part{d("2026-11-20"), gbp("400.00"), "BACS 0001"};
  EXPECT_EQ(invoices->record_payment(finance, id, part).error().code, ErrorCode::conflict) << "a draft is not paid";
  ASSERT_TRUE(invoices->issue(finance, id, d("2026-11-09")));
  EXPECT_EQ(invoices->record_payment(provider_caller(provider_a), id, part).error().code, ErrorCode::forbidden);
  EXPECT_EQ(invoices->record_payment(finance, id, {d("2026-11-08"), gbp("1.00"), "early"}).error().field, "paid_on");
  EXPECT_EQ(invoices->record_payment(finance, id, {Date::today().plus_days(2), gbp("1.00"), "later"}).error().field,
            "paid_on");
  EXPECT_EQ(invoices->record_payment(finance, id, {d("2026-11-20"), gbp("1.00"), "  "}).error().field, "reference");
  const auto first = invoices->record_payment(finance, id, part);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->outstanding, gbp("600.00"));
  EXPECT_EQ(first->invoice.status, InvoiceStatus::issued);
  EXPECT_EQ(invoices->record_payment(finance, id, part).error().code, ErrorCode::conflict)
      << "the same reference twice";
  EXPECT_EQ(invoices->record_payment(finance, id, {d("2026-11-21"), gbp("600.01"), "BACS 0002"}).error().field,
            "amount");
  const auto rest = invoices->record_payment(finance, id, {d("2026-11-21"), gbp("600.00"), "BACS 0002"});
  ASSERT_TRUE(rest);
  EXPECT_EQ(rest->invoice.status, InvoiceStatus::paid);
  EXPECT_EQ(rest->paid, gbp("1000.00"));
  EXPECT_EQ(rest->outstanding, Money());
  EXPECT_EQ(invoices->record_payment(finance, id, {d("2026-11-22"), gbp("1.00"), "BACS 0003"}).error().code,
            ErrorCode::conflict);
  EXPECT_EQ(store->payments(id)->size(), 2u);
}

TEST_F(InvoicesTest, OnTimeRatePerCouncilAndEachSeesOnlyItsOwn) {
  place("2026-08-01", "700.00");
  std::vector<std::int64_t> ids;
  for (const char* start : {"2026-09-07", "2026-09-14", "2026-09-21"}) {
    const auto id = invoices->generate(finance, week(start))->invoice.id;
    ASSERT_TRUE(invoices->issue(finance, id, d(start).plus_days(7)));  // due 30 days after
    ids.push_back(id);
  }
  // Due 2026-10-14, 10-21, 10-28: paid early, paid late, left unpaid.
  ASSERT_TRUE(invoices->record_payment(finance, ids[0], {d("2026-10-01"), gbp("700.00"), "R1"}));
  ASSERT_TRUE(invoices->record_payment(finance, ids[1], {d("2026-10-23"), gbp("700.00"), "R2"}));
  const auto t = invoices->timeliness(finance, std::nullopt, d("2026-11-20"));
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->council_id, council_org);
  EXPECT_EQ(t->result.counted, 3);
  EXPECT_EQ(t->result.on_time, 1);
  EXPECT_EQ(t->result.late, 1);
  EXPECT_EQ(t->result.overdue, 1);
  EXPECT_EQ(t->result.rate_basis_points, 3333);
  EXPECT_EQ(t->result.outstanding, gbp("700.00"));
  // Looking back to 2026-10-15, the second was not yet due and the third not yet paid.
  const auto earlier = invoices->timeliness(finance, std::nullopt, d("2026-10-15"));
  EXPECT_EQ(earlier->result.counted, 1);
  EXPECT_EQ(earlier->result.not_yet_due, 2);
  EXPECT_EQ(invoices->timeliness(finance, other_council, std::nullopt).error().code, ErrorCode::forbidden);
  const auto b = invoices->timeliness(provider_caller(provider_b), council_org, d("2026-11-20"));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->result.counted, 0) << "a provider sees only its own invoices";
  const auto a = invoices->timeliness(provider_caller(provider_a), council_org, d("2026-11-20"));
  EXPECT_EQ(a->result.counted, 3);
  EXPECT_EQ(invoices->timeliness(operator_caller(), std::nullopt, std::nullopt).error().field, "council");
}

}  // namespace
}  // namespace caremarket::app
