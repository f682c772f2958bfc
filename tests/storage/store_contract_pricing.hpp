#pragma once
// The storage contract for prices: councils' price models and providers'
// open-book submissions. Included after store_contract.hpp by each backend's
// test file, so every backend runs it.
#include "storage/store_contract.hpp"

namespace caremarket::storage::contract {

inline CouncilPriceModel care_home_model(std::int64_t council_id, const std::string& from, std::int64_t care_pay) {
  CouncilPriceModel m;
  m.council_id = council_id;
  m.kind = market::KindOfCare::care_home_nursing;
  m.effective_from = *Date::parse_iso(from);
  m.content.template_name = "care_home";
  m.content.parameters = {{"care_pay", care_pay}, {"nursing_hours", 900}};
  m.note = "Fair cost of care 2025";
  m.synthetic = true;
  m.set_by = 7;
  m.set_at = 1795000000;
  return m;
}

inline OpenBookSubmission own_lines(std::int64_t service_id, std::int64_t provider_id) {
  OpenBookSubmission s;
  s.service_id = service_id;
  s.provider_id = provider_id;
  s.effective_from = *Date::parse_iso("2026-04-01");
  s.content.lines = {{"care staff", "quantity_rate", Money::from_pence(1250), 2800, true, 0},
                     {"food", "fixed", Money::from_pence(4200), 0, false, 0},
                     {"employer national insurance", "percent_of_pay", Money{}, 0, false, 1288},
                     {"surplus", "percent_of_price", Money{}, 0, false, 500}};
  s.note = "our 2026 costs";
  s.submitted_by = 9;
  s.submitted_at = 1795000100;
  return s;
}

TEST_P(StoreContract, PriceModelsRoundTripEveryField) {
  const auto council =
      store().create_organisation(organisation("ons:E08000025", "Birmingham", market::OrganisationKind::council));
  ASSERT_TRUE(council);
  const auto m = care_home_model(*council, "2026-04-01", 1221);
  const auto id = store().save_price_model(m);
  ASSERT_TRUE(id) << id.error().message;
  const auto list = store().price_models(*council);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  const auto& got = list->front();
  EXPECT_EQ(got.id, *id);
  EXPECT_EQ(got.council_id, *council);
  EXPECT_EQ(got.kind, market::KindOfCare::care_home_nursing);
  EXPECT_EQ(got.effective_from.to_string(), "2026-04-01");
  EXPECT_EQ(got.content.template_name, "care_home");
  EXPECT_EQ(got.content.parameters, m.content.parameters);
  EXPECT_TRUE(got.content.lines.empty());
  EXPECT_EQ(got.note, m.note);
  EXPECT_TRUE(got.synthetic);
  EXPECT_EQ(got.set_by, 7);
  EXPECT_EQ(got.set_at, 1795000000);
}

TEST_P(StoreContract, APriceModelReplacesTheOneOfTheSameKindAndDateOnly) {
  const auto council =
      store().create_organisation(organisation("ons:E08000025", "Birmingham", market::OrganisationKind::council));
  const auto other =
      store().create_organisation(organisation("ons:E08000009", "Trafford", market::OrganisationKind::council));
  ASSERT_TRUE(council && other);
  ASSERT_TRUE(store().save_price_model(care_home_model(*council, "2026-04-01", 1221)));
  ASSERT_TRUE(store().save_price_model(care_home_model(*council, "2025-04-01", 1144)));
  ASSERT_TRUE(store().save_price_model(care_home_model(*other, "2026-04-01", 1300)));
  ASSERT_TRUE(store().save_price_model(care_home_model(*council, "2026-04-01", 1260)));  // replaces the first
  const auto list = store().price_models(*council);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).effective_from.to_string(), "2025-04-01");  // oldest first
  EXPECT_EQ(list->at(1).content.parameters.at("care_pay"), 1260);
  EXPECT_EQ(store().price_models(*other)->size(), 1u);
}

TEST_P(StoreContract, OpenBookSubmissionsKeepEveryVersionAndTheirLinesInOrder) {
  const auto provider = make_provider();
  const auto service = store().create_service(full_service(provider));
  ASSERT_TRUE(service);
  ASSERT_TRUE(store().add_open_book(own_lines(*service, provider)));
  auto second = own_lines(*service, provider);
  second.content.lines.clear();
  second.content.template_name = "care_home";
  second.content.parameters = {{"care_hours", 2750}};
  ASSERT_TRUE(store().add_open_book(second));
  const auto list = store().open_book(*service);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  const auto& first = list->at(0);
  EXPECT_EQ(first.provider_id, provider);
  EXPECT_EQ(first.note, "our 2026 costs");
  EXPECT_EQ(first.submitted_by, 9);
  EXPECT_EQ(first.submitted_at, 1795000100);
  ASSERT_EQ(first.content.lines.size(), 4u);
  EXPECT_EQ(first.content.lines[0].name, "care staff");
  EXPECT_EQ(first.content.lines[0].amount, Money::from_pence(1250));
  EXPECT_EQ(first.content.lines[0].quantity_hundredths, 2800);
  EXPECT_TRUE(first.content.lines[0].is_pay);
  EXPECT_EQ(first.content.lines[2].kind, "percent_of_pay");
  EXPECT_EQ(first.content.lines[2].basis_points, 1288);
  EXPECT_EQ(first.content.lines[3].name, "surplus");
  EXPECT_EQ(list->at(1).content.template_name, "care_home");
  EXPECT_EQ(list->at(1).content.parameters.at("care_hours"), 2750);
}

TEST_P(StoreContract, OpenBookForAMissingServiceWritesNothing) {
  const auto provider = make_provider();
  EXPECT_FALSE(store().add_open_book(own_lines(999, provider)));
  EXPECT_TRUE(store().open_book(999)->empty());
}

TEST_P(StoreContract, ABadCostLineLeavesNoHalfWrittenSubmission) {
  const auto provider = make_provider();
  const auto service = store().create_service(full_service(provider));
  ASSERT_TRUE(service);
  auto bad = own_lines(*service, provider);
  bad.content.lines.back().kind = "a share of hope";  // refused by the store after the first lines
  EXPECT_FALSE(store().add_open_book(bad));
  EXPECT_TRUE(store().open_book(*service)->empty());
}

}  // namespace caremarket::storage::contract
