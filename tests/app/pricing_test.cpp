// app::Pricing: who may set and read models and open books, which model is
// in force, all-or-nothing saving, and an audit entry for every change.
#include <gtest/gtest.h>

#include "app/pricing.hpp"
#include "app_fixture.hpp"

namespace caremarket::app::testing {
namespace {
using market::KindOfCare;

pricing::ModelSpec template_spec(pricing::TemplateKind kind,
                                 const std::map<std::string, std::int64_t>& overrides = {}) {
  return {pricing::TemplateParameters::with(kind, overrides).value(), {}};
}

class PricingTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    pricing = std::make_unique<Pricing>(*store);
    commissioner = caller_for(council_org, market::OrganisationKind::council, {"commissioner"});
    home = add_home(provider_caller(provider_a)).service.id;  // a nursing home
  }
  PriceModelChange change(KindOfCare kind, const std::string& from, pricing::ModelSpec spec) {
    return {kind, *Date::parse_iso(from), std::move(spec), "", false};
  }
  std::size_t audit_count(const std::string& subject) { return store->audit_for(subject).value().size(); }

  std::unique_ptr<Pricing> pricing;
  Caller commissioner;
  std::int64_t home = 0;
};

TEST_F(PricingTest, TheLatestModelDueIsInForceAndAFutureOneIsNot) {
  const auto far = Date::today().plus_days(400).to_string();
  const auto saved = pricing->set_council_models(
      commissioner, council_org,
      {change(KindOfCare::home_care, "2024-04-01",
              template_spec(pricing::TemplateKind::home_care, {{"care_pay", 1144}})),
       change(KindOfCare::home_care, "2025-04-01", template_spec(pricing::TemplateKind::home_care)),
       change(KindOfCare::home_care, far, template_spec(pricing::TemplateKind::home_care, {{"care_pay", 1300}}))});
  ASSERT_TRUE(saved) << saved.error().message;
  ASSERT_EQ(saved->size(), 3u);
  EXPECT_FALSE(saved->at(0).current);
  EXPECT_TRUE(saved->at(1).current);
  EXPECT_FALSE(saved->at(2).current);
  EXPECT_EQ(saved->at(1).priced.breakdown.price, Money::from_pence(3255));  // case 07
  EXPECT_EQ(audit_count("council:" + std::to_string(council_org)), 3u);
}

TEST_F(PricingTest, OnlyTheCouncilsCommissionersSetItsModelsAndAllOrNothing) {
  const auto good = change(KindOfCare::home_care, "2025-04-01", template_spec(pricing::TemplateKind::home_care));
  const auto officer = council_caller();  // a placement officer only
  EXPECT_EQ(pricing->set_council_models(officer, council_org, {good}).error().code, ErrorCode::forbidden);
  EXPECT_EQ(pricing->set_council_models(provider_caller(provider_a), council_org, {good}).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(pricing->set_council_models(commissioner, provider_a, {good}).error().code, ErrorCode::not_found);
  const auto wrong = change(KindOfCare::home_care, "2025-05-01", template_spec(pricing::TemplateKind::care_home));
  const auto refused = pricing->set_council_models(commissioner, council_org, {good, wrong});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "models[1]");
  EXPECT_TRUE(pricing->council_models(officer, council_org)->empty());
  EXPECT_EQ(audit_count("council:" + std::to_string(council_org)), 0u);
  EXPECT_TRUE(pricing->set_council_models(operator_caller(), council_org, {good}));
}

TEST_F(PricingTest, OpenBookIsSubmittedByTheProviderAndSeenByCouncilsNotRivals) {
  const OpenBookChange costs{*Date::parse_iso("2026-04-01"),
                             template_spec(pricing::TemplateKind::care_home, {{"nursing_hours", 900}}), "", false};
  EXPECT_EQ(pricing->submit_open_book(provider_caller(provider_b), home, costs).error().code, ErrorCode::forbidden);
  EXPECT_EQ(pricing->submit_open_book(commissioner, home, costs).error().code, ErrorCode::forbidden);
  const OpenBookChange home_care{costs.effective_from, template_spec(pricing::TemplateKind::home_care), "", false};
  EXPECT_EQ(pricing->submit_open_book(provider_caller(provider_a), home, home_care).error().code,
            ErrorCode::invalid_input);
  const auto made = pricing->submit_open_book(provider_caller(provider_a), home, costs);
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->priced.breakdown.price, Money::from_pence(137540));  // case 06
  EXPECT_EQ(audit_count("service:" + std::to_string(home)), 2u);       // created, then the submission
  EXPECT_EQ(pricing->open_book(commissioner, home)->size(), 1u);
  EXPECT_EQ(pricing->open_book(provider_caller(provider_b), home).error().code, ErrorCode::forbidden);
}

TEST_F(PricingTest, ExplainingNeedsAModelInForceAndShowsEveryLine) {
  const OpenBookChange costs{*Date::parse_iso("2026-04-01"),
                             template_spec(pricing::TemplateKind::care_home, {{"nursing_hours", 900}, {"food", 5000}}),
                             "", false};
  ASSERT_TRUE(pricing->submit_open_book(provider_caller(provider_a), home, costs));
  EXPECT_EQ(pricing->explain_open_book(commissioner, home, std::nullopt).error().code, ErrorCode::not_found);
  ASSERT_TRUE(
      pricing->set_council_models(commissioner, council_org,
                                  {change(KindOfCare::care_home_nursing, "2025-04-01",
                                          template_spec(pricing::TemplateKind::care_home, {{"nursing_hours", 900}}))}));
  const auto e = pricing->explain_open_book(provider_caller(provider_a), home, std::nullopt);  // the area's council
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->council_id, council_org);
  // Food £50 against £40: £10.00 more, then 5% of the price on top: £10.00 / 0.95 = £10.5263 -> price +£10.53.
  EXPECT_EQ(e->offer_price - e->model_price, Money::from_pence(1053));
  ASSERT_GE(e->lines.size(), 2u);
  EXPECT_EQ(e->lines[0].name, "food");
  EXPECT_EQ(e->lines[0].difference, Money::from_pence(1000));
  EXPECT_EQ(e->lines[1].name, "return on operations");
  EXPECT_EQ(e->lines[1].difference, Money::from_pence(53));
}

}  // namespace
}  // namespace caremarket::app::testing
