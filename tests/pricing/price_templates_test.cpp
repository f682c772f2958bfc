// Templates: parameters checked at the edge, on-costs that follow the
// thresholds, and the price moving with the parameters that drive it.
#include <gtest/gtest.h>

#include "pricing/price_templates.hpp"

namespace caremarket::pricing {
namespace {

Money line(const TemplatePrice& p, const std::string& name) {
  for (const auto& l : p.breakdown.lines) {
    if (l.name == name) return l.amount;
  }
  ADD_FAILURE() << "no line " << name;
  return {};
}

TEST(PriceTemplates, EveryDefaultIsWithinItsRangeAndSaysWhereItComesFrom) {
  for (const auto kind : {TemplateKind::care_home, TemplateKind::home_care}) {
    const auto p = TemplateParameters::defaults(kind);
    EXPECT_TRUE(p.validate());
    for (const auto& s : parameter_specs(kind)) {
      EXPECT_FALSE(s.source.empty()) << s.name;
      EXPECT_FALSE(s.label.empty()) << s.name;
    }
  }
}

TEST(PriceTemplates, UnknownOrOutOfRangeParametersNameTheField) {
  const auto unknown = TemplateParameters::with(TemplateKind::home_care, {{"nursing_hours", 900}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "parameters.nursing_hours");
  const auto high = TemplateParameters::with(TemplateKind::care_home, {{"occupancy", 10001}});
  ASSERT_FALSE(high);
  EXPECT_EQ(high.error().field, "parameters.occupancy");
  const auto zero_visit = TemplateParameters::with(TemplateKind::home_care, {{"visit_minutes", 0}});
  EXPECT_FALSE(zero_visit);
}

TEST(PriceTemplates, ParametersAreReadAsPeopleWriteThem) {
  const auto* pay = find_spec(TemplateKind::care_home, "care_pay");
  ASSERT_NE(pay, nullptr);
  EXPECT_EQ(parse_parameter(*pay, "12.21").value(), 1221);
  EXPECT_FALSE(parse_parameter(*pay, "12.215"));  // more than two decimals is refused, not rounded
  EXPECT_FALSE(parse_parameter(*pay, "-1"));
  EXPECT_FALSE(parse_parameter(*pay, "0"));  // below the minimum
  const auto* visit = find_spec(TemplateKind::home_care, "visit_minutes");
  ASSERT_NE(visit, nullptr);
  EXPECT_EQ(parse_parameter(*visit, "45").value(), 45);
  EXPECT_FALSE(parse_parameter(*visit, "45.5"));
  EXPECT_EQ(format_parameter(*pay, 1221), "12.21");
  EXPECT_EQ(format_parameter(*visit, 45), "45");
}

TEST(PriceTemplates, OnCostsOnlyAboveTheirThresholds) {
  // 30 h x £12.21 = £366.30 + 12.07% holiday (£44.21) = £410.51; 15% of (410.51 - 96) / 366.30.
  EXPECT_EQ(effective_rate_bp(1500, Money::from_pence(1221), 3000, 1207, Money::from_pence(9600)), 1288);
  // 5 h x £12.21 = £61.05 + £7.37 = £68.42: below £96, no NI at all.
  EXPECT_EQ(effective_rate_bp(1500, Money::from_pence(1221), 500, 1207, Money::from_pence(9600)), 0);
  // No threshold: the headline rate.
  EXPECT_EQ(effective_rate_bp(1500, Money::from_pence(1221), 3000, 0, Money{}), 1500);
}

TEST(PriceTemplates, MoreStaffHoursRaiseThePriceByTheirCostWithOnCostsAndReturn) {
  const auto base = price_from_template(TemplateParameters::defaults(TemplateKind::care_home)).value();
  const auto more =
      price_from_template(TemplateParameters::with(TemplateKind::care_home, {{"care_hours", 2700}}).value()).value();
  // One more hour at £12.21 with 12.07% + 12.88% + 2.38% on-costs, then 5% of the price: about £16.
  const auto rise = more.breakdown.price - base.breakdown.price;
  EXPECT_GT(rise, Money::from_pence(1600));
  EXPECT_LT(rise, Money::from_pence(1700));
  EXPECT_EQ(line(more, "care staff") - line(base, "care staff"), Money::from_pence(1221));
}

TEST(PriceTemplates, ReturnOnCapitalIsSpreadOverOccupiedWeeks) {
  const auto full = TemplateParameters::with(TemplateKind::care_home, {{"occupancy", 10000}}).value();
  // £75,000 x 12% / 52 = £173.0769 -> £173.08
  EXPECT_EQ(line(price_from_template(full).value(), "return on capital"), Money::from_pence(17308));
}

TEST(PriceTemplates, EveryLineSaysHowItWasWorkedOut) {
  for (const auto kind : {TemplateKind::care_home, TemplateKind::home_care}) {
    const auto priced = price_from_template(TemplateParameters::defaults(kind)).value();
    ASSERT_EQ(priced.lines.size(), priced.breakdown.lines.size());
    for (const auto& l : priced.lines) EXPECT_FALSE(l.basis.empty()) << l.line.name;
  }
}

}  // namespace
}  // namespace caremarket::pricing

namespace caremarket::pricing {
namespace {
// The statutory rates are written once: every template offers the same
// figures with the same sources, and the pay lines start at the living wage.
TEST(PriceTemplates, StatutoryRatesAreTheSameInEveryTemplate) {
  const auto& home = parameter_specs(TemplateKind::care_home);
  const auto& care = parameter_specs(TemplateKind::home_care);
  auto find = [](const std::vector<ParameterSpec>& specs, std::string_view name) -> const ParameterSpec* {
    for (const auto& s : specs)
      if (s.name == name) return &s;
    return nullptr;
  };
  for (const std::string_view name :
       {"holiday", "employer_ni", "ni_threshold_weekly", "pension", "pension_threshold_weekly", "care_pay"}) {
    const auto* a = find(home, name);
    const auto* b = find(care, name);
    ASSERT_TRUE(a && b) << name;
    EXPECT_EQ(a->default_value, b->default_value) << name;
    EXPECT_EQ(a->source, b->source) << name;
  }
  EXPECT_EQ(find(home, "care_pay")->default_value, find(home, "ancillary_pay")->default_value);
  EXPECT_EQ(find(home, "employer_ni")->default_value, 1500) << "employer Class 1 NI from 6 April 2025";
}
}  // namespace
}  // namespace caremarket::pricing
