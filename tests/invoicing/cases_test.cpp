// Runs every case file in tests/cases/invoicing: invoices, reconciliations
// and payment timeliness, each with the pence worked by hand in "worked".
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "invoicing/invoice.hpp"
#include "invoicing/payment_terms.hpp"
#include "invoicing/reconcile.hpp"

namespace caremarket::invoicing {
namespace {
using nlohmann::json;

Money money(const json& j) { return Money::parse(j.get<std::string>()).value(); }
Date date(const json& j) { return Date::parse_iso(j.get<std::string>()).value(); }

pricing::ContractModel model_of(const std::string& name) {
  for (const auto m : {pricing::ContractModel::spot, pricing::ContractModel::block, pricing::ContractModel::soft_block,
                       pricing::ContractModel::framework, pricing::ContractModel::dynamic_market}) {
    if (pricing::to_string(m) == name) return m;
  }
  ADD_FAILURE() << "unknown model " << name;
  return pricing::ContractModel::spot;
}

InvoiceInput invoice_input(const json& c) {
  InvoiceInput in;
  in.council_id = c.at("council_id");
  in.provider_id = c.at("provider_id");
  in.period =
      make_period(date(c.at("period").at("start")), *cadence_from(c.at("period").at("cadence").get<std::string>()))
          .value();
  for (const auto& p : c.value("placements", json::array())) {
    PlacementCharge pc;
    pc.placement_id = p.at("id");
    pc.council_id = p.at("council_id");
    pc.start = date(p.at("start"));
    if (p.contains("end")) pc.end = date(p.at("end"));
    pc.weekly_price = money(p.at("weekly_price"));
    pc.places = p.value("places", 1);
    if (p.contains("contract_id")) pc.contract_id = p.at("contract_id").get<std::int64_t>();
    pc.model = model_of(p.value("model", "spot"));
    in.placements.push_back(pc);
  }
  for (const auto& k : c.value("contracts", json::array())) {
    BlockContract bc;
    bc.id = k.at("id");
    bc.model = model_of(k.at("model"));
    bc.start = date(k.at("start"));
    bc.end = date(k.at("end"));
    bc.committed = k.at("committed");
    bc.flex = k.value("flex", 0);
    for (const auto& st : k.value("steps", json::array()))
      bc.steps.push_back({date(st.at("from")), st.at("committed").get<int>()});
    bc.schedule.mode = k.at("mode") == "marginal" ? pricing::BandMode::marginal : pricing::BandMode::whole_volume;
    for (const auto& b : k.at("bands")) bc.schedule.bands.push_back({b.at("from").get<int>(), money(b.at("price"))});
    for (const auto& s : k.value("shares", json::array()))
      bc.shares.push_back({s.at("council_id"), s.at("basis_points")});
    in.contracts.push_back(bc);
  }
  for (const auto& a : c.value("adjustments", json::array())) {
    Adjustment adj{a.at("reason"), money(a.at("amount")), std::nullopt};
    if (a.contains("placement_id")) adj.placement_id = a.at("placement_id").get<std::int64_t>();
    in.adjustments.push_back(adj);
  }
  return in;
}

void run_invoice(const json& c) {
  const auto invoice = build_invoice(invoice_input(c));
  ASSERT_TRUE(invoice) << invoice.error().message;
  const auto& e = c.at("expect");
  EXPECT_EQ(invoice->total, money(e.at("total")));
  ASSERT_EQ(invoice->lines.size(), e.at("lines").size());
  Money sum;
  for (std::size_t i = 0; i < invoice->lines.size(); ++i) {
    const auto& line = invoice->lines[i];
    const auto& want = e.at("lines")[i];
    SCOPED_TRACE("line " + std::to_string(i + 1) + ": " + line.note);
    if (line.in_total) sum += line.amount;
    EXPECT_EQ(to_string(line.kind), want.at("kind").get<std::string>());
    if (want.contains("placement_id")) { EXPECT_EQ(line.placement_id, want.at("placement_id").get<std::int64_t>()); }
    if (want.contains("contract_id")) { EXPECT_EQ(line.contract_id, want.at("contract_id").get<std::int64_t>()); }
    if (want.contains("days")) { EXPECT_EQ(line.days, want.at("days").get<int>()); }
    if (want.contains("places")) { EXPECT_EQ(line.places, want.at("places").get<int>()); }
    if (want.contains("from_place")) { EXPECT_EQ(line.from_place, want.at("from_place").get<int>()); }
    if (want.contains("to_place")) { EXPECT_EQ(line.to_place, want.at("to_place").get<int>()); }
    if (want.contains("weekly_price")) { EXPECT_EQ(line.weekly_price, money(want.at("weekly_price"))); }
    EXPECT_EQ(line.amount, money(want.at("amount")));
    EXPECT_EQ(line.in_total, want.value("in_total", true));
    if (want.contains("band_mode")) {
      ASSERT_TRUE(line.band_mode.has_value());
      EXPECT_EQ(pricing::to_string(*line.band_mode), want.at("band_mode").get<std::string>());
    }
  }
  EXPECT_EQ(sum, invoice->total) << "the total is the sum of its lines";
}

void run_reconcile(const json& c) {
  const auto input = invoice_input(c.at("invoice"));
  const auto invoice = build_invoice(input);
  ASSERT_TRUE(invoice) << invoice.error().message;
  std::string csv;
  for (const auto& line : c.at("csv")) csv += line.get<std::string>() + "\n";
  const auto actuals = parse_actuals(csv, input.period);
  ASSERT_TRUE(actuals) << actuals.error().message;
  std::set<std::int64_t> known;
  for (const auto& id : c.at("known_placements")) known.insert(id.get<std::int64_t>());
  const auto r = reconcile(*invoice, *actuals, known);
  const auto& e = c.at("expect");
  EXPECT_EQ(r.our_total, money(e.at("our_total")));
  EXPECT_EQ(r.their_total, money(e.at("their_total")));
  EXPECT_EQ(r.matched, e.at("matched").get<int>());
  EXPECT_EQ(r.ignored_columns, e.at("ignored_columns").get<std::vector<std::string>>());
  ASSERT_EQ(r.differences.size(), e.at("differences").size());
  for (std::size_t i = 0; i < r.differences.size(); ++i) {
    const auto& d = r.differences[i];
    const auto& want = e.at("differences")[i];
    SCOPED_TRACE(d.explanation);
    EXPECT_EQ(to_string(d.kind), want.at("kind").get<std::string>());
    if (want.contains("placement_id")) { EXPECT_EQ(d.placement_id, want.at("placement_id").get<std::int64_t>()); }
    if (want.contains("contract_id")) { EXPECT_EQ(d.contract_id, want.at("contract_id").get<std::int64_t>()); }
    EXPECT_EQ(d.our_days, want.at("our_days").get<int>());
    EXPECT_EQ(d.their_days, want.at("their_days").get<int>());
    EXPECT_EQ(d.ours, money(want.at("ours")));
    EXPECT_EQ(d.theirs, money(want.at("theirs")));
    EXPECT_EQ(d.difference, d.theirs - d.ours);
    EXPECT_EQ(d.lines, want.at("lines").get<std::vector<std::size_t>>());
    EXPECT_FALSE(d.explanation.empty());
  }
  ASSERT_EQ(r.bad_rows.size(), e.at("bad_rows").size());
  for (std::size_t i = 0; i < r.bad_rows.size(); ++i) {
    EXPECT_EQ(r.bad_rows[i].line, e.at("bad_rows")[i][0].get<std::size_t>());
    EXPECT_NE(r.bad_rows[i].reason.find(e.at("bad_rows")[i][1].get<std::string>()), std::string::npos)
        << r.bad_rows[i].reason;
  }
  EXPECT_EQ(r.agrees(), r.differences.empty() && r.bad_rows.empty());
}

void run_timeliness(const json& c) {
  for (const auto& d : c.at("due_dates")) {
    const auto terms = PaymentTerms::parse(d.at("terms").get<std::string>());
    ASSERT_TRUE(terms) << terms.error().message;
    EXPECT_EQ(due_date(date(d.at("invoice_date")), *terms).to_string(), d.at("due").get<std::string>())
        << d.at("terms");
  }
  std::vector<InvoiceDue> invoices;
  for (const auto& i : c.at("invoices")) {
    InvoiceDue due{i.at("id"), money(i.at("total")), date(i.at("due")), {}};
    for (const auto& p : i.at("payments")) due.payments.push_back({date(p[0]), money(p[1])});
    invoices.push_back(due);
  }
  const auto t = timeliness(invoices, date(c.at("as_of")));
  const auto& e = c.at("expect");
  EXPECT_EQ(t.counted, e.at("counted").get<int>());
  EXPECT_EQ(t.on_time, e.at("on_time").get<int>());
  EXPECT_EQ(t.late, e.at("late").get<int>());
  EXPECT_EQ(t.overdue, e.at("overdue").get<int>());
  EXPECT_EQ(t.not_yet_due, e.at("not_yet_due").get<int>());
  EXPECT_EQ(t.rate_basis_points, e.at("rate_basis_points").get<int>());
  EXPECT_EQ(t.average_days_late, e.at("average_days_late").get<int>());
  EXPECT_EQ(t.outstanding, money(e.at("outstanding")));
  for (const auto& p : t.invoices) {
    EXPECT_EQ(to_string(p.outcome), e.at("outcomes").at(std::to_string(p.invoice_id)).get<std::string>())
        << p.invoice_id;
  }
}

std::vector<std::filesystem::path> case_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(CAREMARKET_TEST_DIR) + "/cases/invoicing")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class InvoicingCase : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(InvoicingCase, GivesThePenceWorkedByHand) {
  std::ifstream in(GetParam());
  const json c = json::parse(in);
  SCOPED_TRACE(c.value("description", ""));
  const std::string kind = c.at("kind");
  if (kind == "invoice") run_invoice(c);
  else if (kind == "reconcile") run_reconcile(c);
  else if (kind == "timeliness") run_timeliness(c);
  else FAIL() << "unknown case kind " << kind;
}

INSTANTIATE_TEST_SUITE_P(Files, InvoicingCase, ::testing::ValuesIn(case_files()), [](const auto& param_info) {
  std::string name = param_info.param.stem().string();
  for (auto& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
});

}  // namespace
}  // namespace caremarket::invoicing
