#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "app/register_follower.hpp"
#include "app/search_request.hpp"
#include "app_fixture.hpp"

namespace caremarket::app::testing {
namespace {

TEST_F(AppTest, ProviderCreatesItsOwnServiceLocatedFromThePostcode) {
  const auto view = add_home(provider_caller(provider_a));
  EXPECT_EQ(view.service.provider_id, provider_a);
  EXPECT_EQ(view.service.postcode, "B44 8DD");
  EXPECT_EQ(view.service.local_authority_code, "E08000025");
  EXPECT_EQ(view.local_authority_name, "Birmingham");
  EXPECT_EQ(view.service.location_source, market::LocationSource::postcode_sector);
  EXPECT_NEAR(view.service.location.lat, 52.53, 0.05);
  EXPECT_EQ(store->get_service(view.service.id)->name, "Oak House");
  EXPECT_EQ(store->audit_for("service:" + std::to_string(view.service.id))->size(), 1u);
}

TEST_F(AppTest, ProviderCannotCreateForAnotherProvider) {
  ServiceInput in;
  in.provider_id = provider_b;
  in.name = "Not mine";
  in.kind = market::KindOfCare::care_home_residential;
  in.postcode = "B44 8DD";
  const auto r = reg->create_service(provider_caller(provider_a), in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(store->list_services()->empty());
}

TEST_F(AppTest, CouncilCannotCreateServices) {
  ServiceInput in;
  in.provider_id = provider_a;
  in.name = "Council home";
  in.kind = market::KindOfCare::care_home_residential;
  in.postcode = "B44 8DD";
  const auto r = reg->create_service(council_caller(), in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
}

TEST_F(AppTest, UnknownPostcodeIsInvalidInputAndNothingIsWritten) {
  ServiceInput in;
  in.name = "Nowhere";
  in.kind = market::KindOfCare::care_home_residential;
  in.postcode = "ZZ99 9ZZ";
  const auto r = reg->create_service(provider_caller(provider_a), in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(r.error().field, "postcode");
  EXPECT_TRUE(store->list_services()->empty());
  EXPECT_EQ(reg->service_count(), 0u);
}

TEST_F(AppTest, ProviderSetsVacanciesWithinPlacesAndSearchSeesThem) {
  const auto a = provider_caller(provider_a);
  const auto view = add_home(a, "Oak House", "B44 8DD", 3);
  SearchRequest request;
  request.query.has_vacancy = true;
  EXPECT_EQ(reg->search(council_caller(), request)->total, 0u);

  const auto too_many = reg->set_vacancies(a, view.service.id, 4);
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(store->get_service(view.service.id)->vacancies, 0);

  ASSERT_TRUE(reg->set_vacancies(a, view.service.id, 2));
  EXPECT_EQ(store->get_service(view.service.id)->vacancies, 2);
  EXPECT_EQ(store->vacancy_history(view.service.id)->size(), 1u);
  EXPECT_EQ(reg->search(council_caller(), request)->total, 1u);
}

TEST_F(AppTest, OtherProviderAndCouncilCannotSetVacancies) {
  const auto view = add_home(provider_caller(provider_a));
  for (const auto& caller : {provider_caller(provider_b), council_caller()}) {
    const auto r = reg->set_vacancies(caller, view.service.id, 1);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  }
  EXPECT_EQ(store->get_service(view.service.id)->vacancies, 0);
}

TEST_F(AppTest, PricesAreSeenByCouncilsAndTheOwnerOnly) {
  const auto a = provider_caller(provider_a);
  const auto view = add_home(a);
  const auto from = Date::from_ymd(2026, 4, 1).value();
  ASSERT_TRUE(reg->set_prices(a, view.service.id,
                              {{"standard", market::PriceUnit::week, Money::from_pence(105050), from, false}}));
  EXPECT_EQ(reg->prices(council_caller(), view.service.id)->front().amount.pence(), 105050);
  EXPECT_EQ(reg->prices(a, view.service.id)->size(), 1u);
  const auto other = reg->prices(provider_caller(provider_b), view.service.id);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::forbidden);
  // get_service shows prices to the council, hides them from a competitor.
  EXPECT_TRUE(reg->get_service(council_caller(), view.service.id)->prices.has_value());
  EXPECT_FALSE(reg->get_service(provider_caller(provider_b), view.service.id)->prices.has_value());
}

TEST_F(AppTest, AnInvalidPriceListWritesNothing) {
  const auto a = provider_caller(provider_a);
  const auto view = add_home(a);
  const auto from = Date::from_ymd(2026, 4, 1).value();
  const auto r = reg->set_prices(a, view.service.id,
                                 {{"standard", market::PriceUnit::week, Money::from_pence(100000), from, false},
                                  {"luxury", market::PriceUnit::week, Money::from_pence(200000), from, false}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "prices[1].need_level");
  EXPECT_TRUE(store->prices(view.service.id)->empty());
}

TEST_F(AppTest, ProviderCannotSetItsOwnRating) {
  const auto a = provider_caller(provider_a);
  const auto view = add_home(a);
  ServiceInput in;
  in.rating = market::Rating::outstanding;
  const auto r = reg->update_service(a, view.service.id, in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::forbidden);
  EXPECT_EQ(store->get_service(view.service.id)->rating, market::Rating::not_rated);
  ASSERT_TRUE(reg->update_service(operator_caller(), view.service.id, in));
  EXPECT_EQ(store->get_service(view.service.id)->rating, market::Rating::outstanding);
}

TEST_F(AppTest, UpdateMovesTheServiceInTheIndex) {
  const auto a = provider_caller(provider_a);
  const auto view = add_home(a);
  SearchRequest near_birmingham;
  near_birmingham.near_postcode = "B44 8DD";
  near_birmingham.query.within_miles = 10;
  EXPECT_EQ(reg->search(council_caller(), near_birmingham)->total, 1u);
  ServiceInput move;
  move.postcode = "M41 5BU";  // Trafford
  const auto moved = reg->update_service(a, view.service.id, move);
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->service.local_authority_code, "E08000009");
  EXPECT_EQ(reg->search(council_caller(), near_birmingham)->total, 0u);
}

TEST_F(AppTest, PlacesCannotDropBelowReportedVacancies) {
  const auto a = provider_caller(provider_a);
  const auto view = add_home(a, "Oak House", "B44 8DD", 10);
  ASSERT_TRUE(reg->set_vacancies(a, view.service.id, 5));
  ServiceInput in;
  in.places = 4;
  const auto r = reg->update_service(a, view.service.id, in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "places");
  EXPECT_EQ(store->get_service(view.service.id)->places, 10);
}

TEST_F(AppTest, SearchNeedsALogin) {
  const auto r = reg->search(Caller{}, SearchRequest{});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::unauthenticated);
}

TEST_F(AppTest, SearchNearAPostcodeSortsByDistance) {
  const auto a = provider_caller(provider_a);
  add_home(a, "Far", "B31 2TX");
  add_home(a, "Near", "B44 8DD");
  add_home(a, "Trafford", "M41 5BU");
  SearchRequest request;
  request.near_postcode = "b448dd";
  request.query.within_miles = 20;
  const auto r = reg->search(council_caller(), request);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->items.size(), 2u);
  EXPECT_EQ(r->items[0].service.name, "Near");
  EXPECT_EQ(r->items[1].service.name, "Far");
  EXPECT_LT(*r->items[0].distance_miles, *r->items[1].distance_miles);
  EXPECT_EQ(r->near_postcode, "B44 8DD");
}

TEST_F(AppTest, SearchRejectsAnUnknownCouncilCode) {
  SearchRequest request;
  request.query.local_authority_code = "E99999999";
  const auto r = reg->search(council_caller(), request);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "local_authority");
}

TEST(SearchRequest, ParsesEveryFilter) {
  const auto r = parse_search_request({{"kind", "childrens_home"},
                                       {"local_authority", "e08000025"},
                                       {"near", "B44 8DD"},
                                       {"within_miles", "12.5"},
                                       {"min_rating", "good"},
                                       {"has_vacancy", "true"},
                                       {"provider_id", "7"},
                                       {"needs", "dementia,nursing"},
                                       {"age", "15"},
                                       {"include_inactive", "false"},
                                       {"offset", "10"},
                                       {"limit", "20"}});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->query.kind, market::KindOfCare::childrens_home);
  EXPECT_EQ(r->query.local_authority_code, "E08000025");
  EXPECT_EQ(r->near_postcode, "B44 8DD");
  EXPECT_DOUBLE_EQ(*r->query.within_miles, 12.5);
  EXPECT_EQ(r->query.min_rating, market::Rating::good);
  EXPECT_TRUE(r->query.has_vacancy);
  EXPECT_EQ(r->query.provider_id, 7);
  EXPECT_EQ(r->query.needs, (std::vector<std::string>{"dementia", "nursing"}));
  EXPECT_EQ(r->query.age, 15);
  EXPECT_EQ(r->query.offset, 10u);
  EXPECT_EQ(r->query.limit, 20u);
}

TEST(SearchRequest, NamesTheBadFilter) {
  const std::vector<std::pair<std::string, std::string>> bad{
      {"kind", "castle"},       {"within_miles", "far"}, {"min_rating", "not_rated"},
      {"has_vacancy", "maybe"}, {"age", "200"},          {"limit", "0"},
      {"limit", "501"},         {"offset", "-1"},        {"colour", "red"},
  };
  for (const auto& [name, value] : bad) {
    const auto r = parse_search_request({{name, value}});
    ASSERT_FALSE(r) << name << "=" << value;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(r.error().field, name);
  }
}

}  // namespace
}  // namespace caremarket::app::testing

namespace caremarket::app::testing {
namespace {

// Two servers on one database file: what one writes, the other's register
// in memory shows after catching up, and a follower catches up by itself.
TEST(RegisterFollowing, ASecondServerOnTheSameDatabaseSeesEveryChange) {
  const auto path =
      std::filesystem::temp_directory_path() / ("caremarket-follow-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  auto store_a = storage::sqlite::SqliteStore::open(path.string()).value();
  auto store_b = storage::sqlite::SqliteStore::open(path.string()).value();
  market::Organisation provider{0, market::OrganisationKind::provider, "Provider A", "", "1-A", "test:a"};
  provider.id = store_a->create_organisation(provider).value();
  storage::User user;
  user.organisation_id = provider.id;
  user.email = "manager@a.example";
  user.name = "Manager";
  user.password_hash = "not-a-login";
  user.roles = {"provider_manager"};
  Caller manager;
  manager.user_id = store_a->create_user(user).value();
  manager.organisation_id = provider.id;
  manager.organisation_kind = market::OrganisationKind::provider;
  manager.roles = user.roles;

  auto reg_a = MarketRegister::open(*store_a, shared_gazetteer()).value();
  auto reg_b = MarketRegister::open(*store_b, shared_gazetteer()).value();
  ServiceInput in;
  in.name = "Oak House";
  in.kind = market::KindOfCare::care_home_nursing;
  in.postcode = "B44 8DD";
  in.places = 10;
  const auto id = reg_a->create_service(manager, in).value().service.id;
  EXPECT_EQ(reg_b->get_service(manager, id).error().code, ErrorCode::not_found) << "b has not looked yet";
  ASSERT_TRUE(reg_b->catch_up());
  ASSERT_TRUE(reg_b->get_service(manager, id));
  EXPECT_EQ(reg_b->get_service(manager, id)->provider_name, "Provider A");

  ASSERT_TRUE(reg_a->set_vacancies(manager, id, 3));
  provider.name = "Provider A Group";
  ASSERT_TRUE(store_a->update_organisation(provider));
  ASSERT_TRUE(reg_b->catch_up());
  const auto seen = reg_b->get_service(manager, id).value();
  EXPECT_EQ(seen.service.vacancies, 3);
  EXPECT_EQ(seen.provider_name, "Provider A Group");
  SearchRequest with_room;
  with_room.query.has_vacancy = true;
  EXPECT_EQ(reg_b->search(manager, with_room)->total, 1u);

  // The follower: b catches up on its own, within a second or so.
  RegisterFollower follower(*reg_b, *store_b);
  ASSERT_TRUE(reg_a->set_vacancies(manager, id, 5));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (reg_b->get_service(manager, id)->service.vacancies != 5 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(reg_b->get_service(manager, id)->service.vacancies, 5) << "the follower did not catch up in 5 s";
  EXPECT_EQ(follower.failures(), 0);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace caremarket::app::testing
