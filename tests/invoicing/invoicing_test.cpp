// The rules behind the case files: periods, the rounding rule, splitting by
// shares, what is refused, and the actuals file's own problems.
#include <gtest/gtest.h>

#include <cstdlib>

#include "invoicing/invoice.hpp"
#include "invoicing/payment_terms.hpp"
#include "invoicing/reconcile.hpp"

namespace caremarket::invoicing {
namespace {

Date d(const char* iso) { return Date::parse_iso(iso).value(); }
Money gbp(const char* text) { return Money::parse(text).value(); }

Period week() { return make_period(d("2026-12-07"), Cadence::weekly).value(); }

InvoiceInput spot(std::int64_t id, const char* start, const char* price) {
  InvoiceInput in;
  in.council_id = 1;
  in.provider_id = 2;
  in.period = week();
  in.placements.push_back({id, 1, d(start), std::nullopt, gbp(price), 1, std::nullopt, pricing::ContractModel::spot});
  return in;
}

TEST(Period, StartsOnTheStatedWeekdayAndNamesTheNearestStarts) {
  const auto bad = make_period(d("2026-12-09"), Cadence::weekly);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "period_start");
  EXPECT_NE(bad.error().message.find("2026-12-07 or 2026-12-14"), std::string::npos) << bad.error().message;
  const auto thursday = make_period(d("2026-12-10"), Cadence::four_weekly, std::chrono::Thursday);
  ASSERT_TRUE(thursday);
  EXPECT_EQ(thursday->end().to_string(), "2027-01-06");
  EXPECT_EQ(thursday->days(), 28);
  EXPECT_EQ(week().end().to_string(), "2026-12-13");
}

TEST(Rounding, APartWeekIsTheWeeklyPriceTimesDaysOverSevenRoundedToTheNearestPenny) {
  // Every weekly price up to £10 and every part week: within half a penny of exact.
  for (std::int64_t pence = 1; pence <= 1000; ++pence) {
    for (int days = 1; days <= 6; ++days) {
      const auto in = spot(1, "2026-12-01", Money::from_pence(pence).to_string().c_str());
      auto shorter = in;
      shorter.placements[0].start = d("2026-12-07").plus_days(7 - days);
      const auto invoice = build_invoice(shorter);
      ASSERT_TRUE(invoice);
      const std::int64_t got = invoice->lines.at(0).amount.pence();
      // |7 x got - exact x 7| <= 3 means nearest; days/7 can never land on a half penny.
      EXPECT_LE(std::llabs(7 * got - pence * days), 3) << pence << "p x " << days << "/7";
    }
  }
}

TEST(Rounding, OnceALineNeverADailyRateTimesDays) {
  // A whole week is exactly the weekly price; seven one-day lines would not be.
  const auto whole = build_invoice(spot(1, "2026-12-01", "1000.00"));
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->total, gbp("1000.00"));
  EXPECT_EQ(gbp("1000.00").scaled(1, 7) * 7, gbp("1000.02"));
}

TEST(Shares, PartsAddUpToTheWholeAndTheSparePennyGoesToTheLargestRemainder) {
  const std::vector<CouncilShare> thirds{{3, 3334}, {1, 3333}, {2, 3333}};
  const auto parts = split_by_shares(Money::from_pence(100), thirds);
  EXPECT_EQ(parts[0].pence(), 34);  // 33.34
  EXPECT_EQ(parts[1].pence(), 33);
  EXPECT_EQ(parts[2].pence(), 33);
  const std::vector<CouncilShare> halves{{9, 5000}, {4, 5000}};
  const auto split = split_by_shares(Money::from_pence(101), halves);
  EXPECT_EQ(split[1].pence(), 51) << "a tie goes to the lower council id";
  EXPECT_EQ(split[0].pence(), 50);
  const auto credit = split_by_shares(Money::from_pence(-101), halves);
  EXPECT_EQ(credit[1].pence() + credit[0].pence(), -101);
  for (std::int64_t whole = 0; whole < 5000; whole += 7) {
    const auto p = split_by_shares(Money::from_pence(whole), {{1, 6000}, {2, 2500}, {3, 1500}});
    EXPECT_EQ(p[0].pence() + p[1].pence() + p[2].pence(), whole);
  }
}

InvoiceInput alliance(std::int64_t council) {
  InvoiceInput in;
  in.council_id = council;
  in.provider_id = 2;
  in.period = week();
  BlockContract c;
  c.id = 7;
  c.model = pricing::ContractModel::block;
  c.start = d("2026-01-01");
  c.end = d("2027-01-01");
  c.committed = 3;
  c.schedule.bands = {{1, gbp("1000.00")}};
  c.shares = {{1, 6667}, {2, 3333}};
  in.contracts.push_back(c);
  return in;
}

TEST(Shares, EveryMemberCouncilsInvoicesAddUpToTheBlocksCharge) {
  const auto one = build_invoice(alliance(1));
  const auto two = build_invoice(alliance(2));
  ASSERT_TRUE(one && two);
  EXPECT_EQ(one->total + two->total, gbp("3000.00"));
  EXPECT_EQ(one->total, gbp("2000.10"));  // 300000p x 0.6667 = 200010
  ASSERT_EQ(one->lines.size(), 2u);       // the commitment and its voids (nobody placed)
  EXPECT_EQ(one->lines[1].kind, LineKind::voids);
  EXPECT_EQ(one->lines[1].places, 21);
  EXPECT_FALSE(one->lines[1].in_total);
}

TEST(Invoice, RefusesWhatCannotBeRight) {
  auto in = alliance(1);
  in.contracts[0].shares = {{1, 6000}, {2, 3000}};
  EXPECT_NE(build_invoice(in).error().message.find("add up to 100%"), std::string::npos);
  in = alliance(3);
  EXPECT_NE(build_invoice(in).error().message.find("no share for council 3"), std::string::npos);
  in = spot(1, "2026-12-01", "900.00");
  in.adjustments.push_back({"", gbp("5.00"), std::nullopt});
  EXPECT_EQ(build_invoice(in).error().field, "adjustments");
  in.adjustments = {{"credit", gbp("-5.00"), 77}};
  EXPECT_NE(build_invoice(in).error().message.find("placement 77"), std::string::npos);
  in.adjustments = {{"nothing", gbp("0.00"), std::nullopt}};
  EXPECT_FALSE(build_invoice(in));
  in = spot(1, "2026-12-01", "900.00");
  in.placements[0].end = d("2026-11-01");
  EXPECT_NE(build_invoice(in).error().message.find("ends before it starts"), std::string::npos);
  in = spot(1, "2026-12-01", "900.00");
  in.placements.push_back(in.placements[0]);
  EXPECT_NE(build_invoice(in).error().message.find("twice"), std::string::npos);
  in = alliance(1);
  in.contracts[0].model = pricing::ContractModel::framework;
  EXPECT_FALSE(build_invoice(in));
}

TEST(Invoice, SaysWhenASoftBlockIsUsedBeyondItsFlex) {
  InvoiceInput in = alliance(1);
  in.contracts[0].shares.clear();
  in.contracts[0].model = pricing::ContractModel::soft_block;
  in.contracts[0].committed = 1;
  in.contracts[0].flex = 1;
  for (std::int64_t id = 1; id <= 3; ++id) {
    in.placements.push_back(
        {id, 1, d("2026-12-01"), std::nullopt, gbp("1000.00"), 1, 7, pricing::ContractModel::soft_block});
  }
  const auto invoice = build_invoice(in);
  ASSERT_TRUE(invoice);
  const auto above = std::find_if(invoice->lines.begin(), invoice->lines.end(),
                                  [](const auto& l) { return l.kind == LineKind::above_commitment; });
  ASSERT_NE(above, invoice->lines.end());
  EXPECT_EQ(above->places, 2);
  EXPECT_EQ(above->amount, gbp("2000.00"));
  EXPECT_NE(above->note.find("beyond the 2 places"), std::string::npos) << above->note;
  EXPECT_EQ(invoice->total, gbp("3000.00"));
}

TEST(Actuals, AFileThatCannotBeUsedIsOneErrorNamingWhy) {
  EXPECT_NE(parse_actuals("", week()).error().message.find("empty"), std::string::npos);
  EXPECT_NE(parse_actuals("\n\n", week()).error().message.find("empty"), std::string::npos);
  const auto missing = parse_actuals("placement_id,from,to\n1,2026-12-07,2026-12-07\n", week());
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("days, amount"), std::string::npos) << missing.error().message;
  EXPECT_EQ(missing.error().field, "csv");
  std::string big = "placement_id,from,to,days,amount\n";
  for (std::size_t i = 0; i <= kMaxActualsRows; ++i) big += "1,2026-12-07,2026-12-07,1,1.00\n";
  EXPECT_NE(parse_actuals(big, week()).error().message.find("more than"), std::string::npos);
}

TEST(Actuals, AFileThatIsNotUtf8IsRefusedNamingTheLine) {
  // A file saved as Windows-1252 (Excel's "CSV"): the pound sign is one byte.
  const auto bad = parse_actuals(
      "placement_id,from,to,days,amount\n1,2026-12-07,2026-12-07,1,1.00\n"
      "2,2026-12-07,2026-12-07,1,\xA3"
      "1.00\n",
      week());
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(bad.error().field, "csv");
  EXPECT_NE(bad.error().message.find("line 3 "), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("UTF-8"), std::string::npos) << bad.error().message;
  const auto header = parse_actuals("placement_id,from,to,days,amount,\xFF\n", week());
  ASSERT_FALSE(header);
  EXPECT_NE(header.error().message.find("line 1 "), std::string::npos) << header.error().message;
}

TEST(Actuals, BadRowsAreListedAndTheRestRead) {
  const auto a = parse_actuals(
      "placement_id,from,to,days,amount\r\n"
      "1,2026-12-07,2026-12-13,7,100.00\r\n"
      "2,2026-12-07,2026-12-13,7,100.00,extra\r\n"
      ",2026-12-07,2026-12-13,7,100.00\r\n"
      "3,2026-12-07,2026-12-13,7,1.005\r\n"
      "4,2026-13-07,2026-12-13,7,1.00\r\n"
      "5,2026-12-07,2026-12-13,7,\"12.00\r\n6,unclosed\r\n",
      week());
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_EQ(a->rows.size(), 1u);
  EXPECT_EQ(a->rows[0].placement_id, 1);
  ASSERT_EQ(a->bad_rows.size(), 5u);
  EXPECT_EQ(a->bad_rows[0].line, 3u);
  EXPECT_NE(a->bad_rows[0].reason.find("6 fields"), std::string::npos);
  EXPECT_NE(a->bad_rows[1].reason.find("placement_id"), std::string::npos);
  EXPECT_NE(a->bad_rows[2].reason.find("amount is not pounds and pence"), std::string::npos);
  for (const auto& bad : a->bad_rows)
    EXPECT_EQ(bad.reason.find("2026-13-07"), std::string::npos) << "cells are not echoed";
  EXPECT_NE(a->bad_rows[3].reason.find("not a date"), std::string::npos);
  EXPECT_EQ(a->bad_rows[4].line, 7u);
  EXPECT_NE(a->bad_rows[4].reason.find("never closed"), std::string::npos);
}

TEST(Reconcile, ActualsThatMatchAgree) {
  const auto in = spot(1, "2026-12-10", "850.00");
  const auto invoice = build_invoice(in).value();
  const auto actuals =
      parse_actuals("placement_id,from,to,days,amount\n1,2026-12-10,2026-12-13,4,485.71\n", in.period).value();
  const auto r = reconcile(invoice, actuals, {1});
  EXPECT_TRUE(r.agrees());
  EXPECT_EQ(r.matched, 1);
  EXPECT_EQ(r.their_total, r.our_total);
}

TEST(PaymentTerms, ReadAndRefused) {
  EXPECT_EQ(PaymentTerms::parse("30 days")->to_string(), "30 days");
  EXPECT_EQ(PaymentTerms::parse(" 20 Working Days ")->to_string(), "20 working days");
  for (const char* bad : {"30", "0 days", "thirty days", "121 days", "30 working", "-5 days", ""}) {
    const auto t = PaymentTerms::parse(bad);
    ASSERT_FALSE(t) << bad;
    EXPECT_EQ(t.error().field, "payment_terms");
  }
  // Calendar days may end on a weekend; working days never do.
  EXPECT_EQ(due_date(d("2026-12-04"), *PaymentTerms::parse("8 days")).to_string(), "2026-12-12");
  EXPECT_EQ(due_date(d("2026-12-04"), *PaymentTerms::parse("6 working days")).to_string(), "2026-12-14");
}

TEST(Timeliness, NothingDueGivesNoRateAndNothingToPayIsNotCounted) {
  const auto none = timeliness({}, d("2027-01-01"));
  EXPECT_FALSE(none.rate_basis_points);
  const auto zero = timeliness({{1, Money(), d("2026-12-01"), {}}}, d("2027-01-01"));
  EXPECT_EQ(zero.counted, 0);
  const auto part = timeliness({{1, gbp("10.00"), d("2026-12-01"), {{d("2026-11-30"), gbp("9.99")}}}}, d("2027-01-01"));
  EXPECT_EQ(part.overdue, 1) << "a penny short is not paid";
  EXPECT_EQ(part.outstanding, gbp("0.01"));
  EXPECT_EQ(part.rate_basis_points, 0);
}

}  // namespace
}  // namespace caremarket::invoicing
