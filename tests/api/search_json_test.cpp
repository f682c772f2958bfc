// The register search's answer is written straight to text for speed
// (api/search_json.hpp). It must be byte for byte what the general path,
// json_text(to_json(...)), writes for the same result: every service of a
// real register, prices shown and not, and awkward strings.
#include <gtest/gtest.h>

#include "api/input_policy.hpp"
#include "api/json_output.hpp"
#include "api/search_json.hpp"
#include "app/demo.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace caremarket::api {
namespace {

std::shared_ptr<const Gazetteer> gazetteer() {
  static const auto loaded = Gazetteer::load(CAREMARKET_DATA_DIR).value();
  return loaded;
}

TEST(SearchJson, EveryServiceOfARealRegisterIsWrittenAsTheTreeWouldBe) {
  auto store = storage::sqlite::SqliteStore::open(":memory:").value();
  for (const char* file : {"cqc_care_homes_birmingham_2025-11.csv", "cqc_care_homes_trafford_2026-02-25.csv"}) {
    const auto imported = app::import_register_file(*store, *gazetteer(), app::Caller::system_caller(), "cqc",
                                                    std::string(CAREMARKET_DATA_DIR) + "/" + file);
    ASSERT_TRUE(imported) << imported.error().message;
  }
  auto market = app::MarketRegister::open(*store, gazetteer()).value();
  app::Caller officer;
  officer.user_id = 1;
  officer.organisation_id = 1;
  officer.organisation_kind = market::OrganisationKind::council;
  officer.roles = {"placement_officer"};
  std::size_t compared = 0;
  for (const bool near : {false, true}) {
    app::SearchRequest request;
    request.query.limit = 500;
    if (near) {
      request.near_postcode = "B1 1AA";
      request.query.within_miles = 30;
    }
    for (std::size_t offset = 0;; offset += 500) {
      request.query.offset = offset;
      const auto result = market->search(officer, request);
      ASSERT_TRUE(result) << result.error().message;
      ASSERT_EQ(search_result_text(*result), json_text(to_json(*result)));
      compared += result->items.size();
      if (offset + 500 >= result->total) break;
    }
  }
  EXPECT_GT(compared, 500u);
}

TEST(SearchJson, AwkwardValuesAreWrittenAsTheTreeWouldBe) {
  app::ServiceView view;
  auto& s = view.service;
  s.id = 7;
  s.name = std::string("Quote \" back\\slash tab\t new\nline bell\x07 nul") + '\0' + " end";
  s.address = "invalid \xC3\x28 UTF-8 and \xF0\x9F\x98\x80 an emoji, caf\xC3\xA9";
  s.notes = "\x1F unit separator, \x7F delete, \r\b\f";
  s.location = {52.0, -1.5};
  s.needs = {"dementia", ""};
  s.domain_ratings = {
      {"well_led", market::Rating::good}, {"safe", market::Rating::inadequate}, {"safe", market::Rating::outstanding}};
  s.rating_date = *Date::parse_iso("2024-02-29");
  s.vacancies_as_of = 1795342500;
  s.vacancies_set_by = 3;
  view.provider_name = "Ünïcödé Care";
  view.distance_miles = 0.0049;
  view.prices = std::vector<market::PriceEntry>{
      {"standard", market::PriceUnit::week, Money::from_pence(123456), *Date::parse_iso("2026-04-01"), true}};
  EXPECT_EQ(service_text(view), json_text(to_json(view)));
  view.prices.reset();
  view.distance_miles = 12345.678;
  s.location = {1e-7, 180.0};
  EXPECT_EQ(service_text(view), json_text(to_json(view)));
  app::SearchResult result;
  result.items = {view, view};
  result.total = 2;
  result.limit = 20;
  result.near_postcode = "B1 1AA";
  EXPECT_EQ(search_result_text(result), json_text(to_json(result)));
  result.items.clear();
  result.near_postcode.reset();
  EXPECT_EQ(search_result_text(result), json_text(to_json(result)));
}

}  // namespace
}  // namespace caremarket::api
