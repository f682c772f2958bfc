// Runs every case file in tests/cases/pricing: price models and cost:volume
// invoices, each with the pence a person can check by hand.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "pricing/cost_volume.hpp"
#include "pricing/price_model.hpp"
#include "pricing/price_templates.hpp"

namespace caremarket::pricing {
namespace {
using nlohmann::json;

Money money(const json& j) { return Money::parse(j.get<std::string>()).value(); }

// "12.07" percent as basis points; "28.00" hours as hundredths: both are money-shaped decimals.
std::int64_t hundredths(const json& j) { return money(j).pence(); }

LineKind kind_of(const std::string& name) {
  if (name == "quantity_rate") return LineKind::quantity_rate;
  if (name == "percent_of_pay") return LineKind::percent_of_pay;
  if (name == "percent_of_price") return LineKind::percent_of_price;
  return LineKind::fixed;
}

void run_price_model(const json& c) {
  std::vector<CostLine> lines;
  for (const auto& l : c.at("lines")) {
    CostLine line;
    line.name = l.at("name");
    line.kind = kind_of(l.at("kind"));
    if (l.contains("rate")) line.amount = money(l.at("rate"));
    if (l.contains("amount")) line.amount = money(l.at("amount"));
    if (l.contains("quantity")) line.quantity_hundredths = hundredths(l.at("quantity"));
    if (l.contains("percent")) line.basis_points = hundredths(l.at("percent"));
    line.is_pay = l.value("is_pay", false);
    lines.push_back(line);
  }
  const auto b = solve_price(lines);
  ASSERT_TRUE(b) << b.error().message;
  const auto& e = c.at("expect");
  EXPECT_EQ(b->pay, money(e.at("pay")));
  EXPECT_EQ(b->price, money(e.at("price")));
  for (const auto& [name, amount] : e.at("lines").items()) {
    const auto it = std::find_if(b->lines.begin(), b->lines.end(), [&](const auto& l) { return l.name == name; });
    ASSERT_NE(it, b->lines.end()) << name;
    EXPECT_EQ(it->amount, money(amount)) << name;
  }
}

// A template with parameters written as people write them ("12.21", "9.00", "45").
void run_template(const json& c) {
  const auto kind = template_kind_from(c.at("template").get<std::string>());
  ASSERT_TRUE(kind);
  std::map<std::string, std::int64_t> overrides;
  for (const auto& [name, text] : c.at("parameters").items()) {
    const auto* spec = find_spec(*kind, name);
    ASSERT_NE(spec, nullptr) << name;
    const auto value = parse_parameter(*spec, text.get<std::string>());
    ASSERT_TRUE(value) << value.error().message;
    overrides[name] = *value;
  }
  const auto parameters = TemplateParameters::with(*kind, overrides);
  ASSERT_TRUE(parameters) << parameters.error().message;
  const auto priced = price_from_template(*parameters);
  ASSERT_TRUE(priced) << priced.error().message;
  const auto& b = priced->breakdown;
  const auto& e = c.at("expect");
  EXPECT_EQ(b.pay, money(e.at("pay")));
  EXPECT_EQ(b.price, money(e.at("price")));
  Money sum;
  for (const auto& l : b.lines) sum += l.amount;
  EXPECT_EQ(sum, b.price) << "the lines add up to the price";
  for (const auto& [name, amount] : e.at("lines").items()) {
    const auto it = std::find_if(b.lines.begin(), b.lines.end(), [&](const auto& l) { return l.name == name; });
    ASSERT_NE(it, b.lines.end()) << name;
    EXPECT_EQ(it->amount, money(amount)) << name;
  }
  for (const auto& name : e.value("absent", json::array())) {
    EXPECT_EQ(std::count_if(b.lines.begin(), b.lines.end(), [&](const auto& l) { return l.name == name; }), 0) << name;
  }
}

void run_cost_volume(const json& c) {
  CostVolumeSchedule schedule;
  schedule.mode = c.at("mode") == "marginal" ? BandMode::marginal : BandMode::whole_volume;
  for (const auto& b : c.at("bands")) schedule.bands.push_back({b.at("from").get<int>(), money(b.at("price"))});
  const auto charge = weekly_charge(schedule, c.at("places").get<int>());
  ASSERT_TRUE(charge) << charge.error().message;
  const auto& e = c.at("expect");
  EXPECT_EQ(charge->total, money(e.at("total")));
  ASSERT_EQ(charge->lines.size(), e.at("lines").size());
  for (std::size_t i = 0; i < charge->lines.size(); ++i) {
    EXPECT_EQ(charge->lines[i].from_places, e.at("lines")[i][0].get<int>());
    EXPECT_EQ(charge->lines[i].to_places, e.at("lines")[i][1].get<int>());
    EXPECT_EQ(charge->lines[i].amount, money(e.at("lines")[i][2]));
  }
}

std::vector<std::filesystem::path> case_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(CAREMARKET_TEST_DIR) + "/cases/pricing")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class PricingCase : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(PricingCase, GivesThePenceExpected) {
  std::ifstream in(GetParam());
  const json c = json::parse(in);
  SCOPED_TRACE(c.value("description", ""));
  if (c.at("kind") == "price_model") run_price_model(c);
  else if (c.at("kind") == "template") run_template(c);
  else run_cost_volume(c);
}

INSTANTIATE_TEST_SUITE_P(Files, PricingCase, ::testing::ValuesIn(case_files()), [](const auto& param_info) {
  std::string name = param_info.param.stem().string();
  for (auto& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
});

}  // namespace
}  // namespace caremarket::pricing
