#pragma once
// The storage contract for invoices, actuals and payments: every backend
// keeps each field, refuses a second invoice for the same period and a
// repeated payment reference, and replaces a draft's lines whole.
// Included once, after store_contract.hpp.
#include "storage/store_contract.hpp"

namespace caremarket::storage::contract {

class InvoiceContract : public StoreContract {
 protected:
  struct Parties {
    std::int64_t provider = 0;
    std::int64_t council = 0;
  };
  Parties parties() {
    Parties p;
    p.provider = make_provider();
    auto council =
        store().create_organisation(organisation("council:E08000025", "Birmingham", market::OrganisationKind::council));
    EXPECT_TRUE(council.has_value());
    p.council = council ? *council : 0;
    return p;
  }
  static InvoiceRecord invoice(const Parties& p, const char* start = "2026-12-07") {
    InvoiceRecord r;
    r.provider_id = p.provider;
    r.council_id = p.council;
    r.period_start = Date::parse_iso(start).value();
    r.cadence = invoicing::Cadence::four_weekly;
    r.payment_terms = "20 working days";
    r.total = Money::from_pence(123456);
    r.created_by = 7;
    r.created_at = 1000;
    r.updated_at = 1001;
    invoicing::InvoiceLine a;
    a.kind = invoicing::LineKind::placement;
    a.placement_id = 11;
    a.contract_id = 5;
    a.from = r.period_start;
    a.to = r.period_start.plus_days(3);
    a.days = 4;
    a.places = 2;
    a.weekly_price = Money::from_pence(85000);
    a.amount = Money::from_pence(97143);
    a.within_block = true;
    a.note = "within soft_block contract 5";
    invoicing::InvoiceLine v;
    v.kind = invoicing::LineKind::voids;
    v.contract_id = 5;
    v.from = r.period_start;
    v.to = r.period().end();
    v.from_place = 1;
    v.to_place = 3;
    v.amount = Money::from_pence(-26313);
    v.in_total = false;
    v.note = "voids";
    v.band_mode = pricing::BandMode::marginal;
    r.lines = {a, v};
    return r;
  }
};

TEST_P(InvoiceContract, InvoiceRoundTripsEveryFieldAndLine) {
  const auto p = parties();
  const auto in = invoice(p);
  const auto id = store().create_invoice(in);
  ASSERT_TRUE(id) << id.error().message;
  const auto got = store().get_invoice(*id);
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_EQ(got->provider_id, p.provider);
  EXPECT_EQ(got->council_id, p.council);
  EXPECT_EQ(got->period_start, in.period_start);
  EXPECT_EQ(got->cadence, invoicing::Cadence::four_weekly);
  EXPECT_EQ(got->status, InvoiceStatus::draft);
  EXPECT_EQ(got->payment_terms, "20 working days");
  EXPECT_FALSE(got->invoice_date);
  EXPECT_EQ(got->total.pence(), 123456);
  EXPECT_EQ(got->created_by, 7);
  EXPECT_EQ(got->created_at, 1000);
  EXPECT_EQ(got->updated_at, 1001);
  ASSERT_EQ(got->lines.size(), 2u);
  const auto& a = got->lines[0];
  EXPECT_EQ(a.kind, invoicing::LineKind::placement);
  EXPECT_EQ(a.placement_id, 11);
  EXPECT_EQ(a.contract_id, 5);
  EXPECT_EQ(a.to, in.lines[0].to);
  EXPECT_EQ(a.days, 4);
  EXPECT_EQ(a.places, 2);
  EXPECT_EQ(a.weekly_price.pence(), 85000);
  EXPECT_EQ(a.amount.pence(), 97143);
  EXPECT_TRUE(a.within_block);
  EXPECT_TRUE(a.in_total);
  EXPECT_EQ(a.note, "within soft_block contract 5");
  EXPECT_FALSE(a.band_mode) << "a placement line names no band mode";
  const auto& v = got->lines[1];
  EXPECT_EQ(v.kind, invoicing::LineKind::voids);
  EXPECT_FALSE(v.placement_id);
  EXPECT_EQ(v.from_place, 1);
  EXPECT_EQ(v.to_place, 3);
  EXPECT_EQ(v.amount.pence(), -26313);
  EXPECT_FALSE(v.in_total);
  EXPECT_EQ(v.band_mode, pricing::BandMode::marginal);
}

TEST_P(InvoiceContract, OneInvoicePerPeriodAndOverlapsFound) {
  const auto p = parties();
  ASSERT_TRUE(store().create_invoice(invoice(p)));
  const auto again = store().create_invoice(invoice(p));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  ASSERT_TRUE(store().create_invoice(invoice(p, "2027-01-04")));
  // 2026-12-07 + 28 days ends 2027-01-03: a week from 2027-01-03 touches both.
  const auto both = store().overlapping_invoices(p.provider, p.council, Date::parse_iso("2027-01-03").value(),
                                                 Date::parse_iso("2027-01-09").value());
  ASSERT_TRUE(both);
  EXPECT_EQ(both->size(), 2u);
  const auto none = store().overlapping_invoices(p.provider, p.council, Date::parse_iso("2026-11-01").value(),
                                                 Date::parse_iso("2026-12-06").value());
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  const auto listed = store().invoices(p.council, std::nullopt);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->front().period_start.to_string(), "2027-01-04") << "newest first";
  EXPECT_TRUE(store().invoices(std::nullopt, p.provider + p.council + 1)->empty());
}

TEST_P(InvoiceContract, UpdateReplacesTheLinesWhole) {
  const auto p = parties();
  auto in = invoice(p);
  in.id = store().create_invoice(in).value();
  in.lines.pop_back();
  in.status = InvoiceStatus::issued;
  in.invoice_date = Date::parse_iso("2027-01-04").value();
  in.due_date = Date::parse_iso("2027-02-01").value();
  ASSERT_TRUE(store().update_invoice(in));
  const auto got = store().get_invoice(in.id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->lines.size(), 1u);
  EXPECT_EQ(got->status, InvoiceStatus::issued);
  EXPECT_EQ(got->due_date, in.due_date);
  in.id = 9999;
  EXPECT_EQ(store().update_invoice(in).error().code, ErrorCode::not_found);
  EXPECT_EQ(store().get_invoice(9999).error().code, ErrorCode::not_found);
}

TEST_P(InvoiceContract, ActualsKeepRowsBadRowsAndDifferencesLatestFirst) {
  const auto p = parties();
  const auto id = store().create_invoice(invoice(p)).value();
  EXPECT_FALSE(store().latest_actuals(id).value());
  ActualsUpload first;
  first.invoice_id = id;
  first.uploaded_by = 3;
  first.uploaded_at = 50;
  ASSERT_TRUE(store().add_actuals(first));
  ActualsUpload u;
  u.invoice_id = id;
  u.uploaded_by = 4;
  u.uploaded_at = 60;
  u.rows = {{2, 11, std::nullopt, Date::parse_iso("2026-12-07").value(), Date::parse_iso("2026-12-10").value(), 4,
             Money::from_pence(97143)},
            {3, std::nullopt, 5, Date::parse_iso("2026-12-07").value(), Date::parse_iso("2026-12-13").value(), 7,
             Money::from_pence(-5)}};
  u.result.rows_read = 2;
  u.result.matched = 1;
  u.result.our_charges = Money::from_pence(100);
  u.result.our_adjustments = Money::from_pence(-20);
  u.result.our_total = Money::from_pence(80);
  u.result.their_total = Money::from_pence(97138);
  u.result.ignored_columns = {"resident", "notes"};
  u.result.bad_rows = {{4, "amount is not pounds and pence"}};
  invoicing::Difference d;
  d.kind = invoicing::DifferenceKind::days_differ;
  d.placement_id = 11;
  d.our_days = 3;
  d.their_days = 4;
  d.ours = Money::from_pence(72857);
  d.theirs = Money::from_pence(97143);
  d.difference = d.theirs - d.ours;
  d.lines = {2, 9};
  d.explanation = "placement 11: 3 day(s) on the invoice, 4 claimed";
  u.result.differences = {d};
  ASSERT_TRUE(store().add_actuals(u));
  const auto got = store().latest_actuals(id);
  ASSERT_TRUE(got && *got);
  const auto& g = **got;
  EXPECT_EQ(g.uploaded_by, 4);
  EXPECT_EQ(g.uploaded_at, 60);
  ASSERT_EQ(g.rows.size(), 2u);
  EXPECT_EQ(g.rows[0].placement_id, 11);
  EXPECT_FALSE(g.rows[0].contract_id);
  EXPECT_EQ(g.rows[1].contract_id, 5);
  EXPECT_EQ(g.rows[1].amount.pence(), -5);
  EXPECT_EQ(g.rows[1].to.to_string(), "2026-12-13");
  EXPECT_EQ(g.result.matched, 1);
  EXPECT_EQ(g.result.our_adjustments.pence(), -20);
  EXPECT_EQ(g.result.their_total.pence(), 97138);
  EXPECT_EQ(g.result.ignored_columns, (std::vector<std::string>{"resident", "notes"}));
  ASSERT_EQ(g.result.bad_rows.size(), 1u);
  EXPECT_EQ(g.result.bad_rows[0].line, 4u);
  ASSERT_EQ(g.result.differences.size(), 1u);
  const auto& gd = g.result.differences[0];
  EXPECT_EQ(gd.kind, invoicing::DifferenceKind::days_differ);
  EXPECT_EQ(gd.placement_id, 11);
  EXPECT_EQ(gd.their_days, 4);
  EXPECT_EQ(gd.difference.pence(), 97143 - 72857);
  EXPECT_EQ(gd.lines, (std::vector<std::size_t>{2, 9}));
  EXPECT_EQ(gd.explanation, d.explanation);
}

TEST_P(InvoiceContract, PaymentsInDateOrderAndAReferenceOnlyOnce) {
  const auto p = parties();
  const auto id = store().create_invoice(invoice(p)).value();
  const PaymentRecord later{0, id, Date::parse_iso("2027-01-20").value(), Money::from_pence(500), "BACS-2", 3, 70};
  const PaymentRecord earlier{0, id, Date::parse_iso("2027-01-05").value(), Money::from_pence(700), "BACS-1", 3, 71};
  ASSERT_TRUE(store().add_payment(later));
  ASSERT_TRUE(store().add_payment(earlier));
  const auto again = store().add_payment(earlier);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto zero = earlier;
  zero.reference = "BACS-3";
  zero.amount = Money();
  EXPECT_FALSE(store().add_payment(zero)) << "a payment is more than nothing";
  const auto list = store().payments(id);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].reference, "BACS-1");
  EXPECT_EQ((*list)[0].amount.pence(), 700);
  EXPECT_EQ((*list)[1].paid_on.to_string(), "2027-01-20");
  EXPECT_EQ((*list)[1].recorded_at, 70);
  EXPECT_TRUE(store().payments(id + 1)->empty());
}

}  // namespace caremarket::storage::contract
