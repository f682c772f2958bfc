// A fee review's figures read from a stored contract: a framework's
// call-offs in force averaged, the lowest rating of its services, and who
// may read them.
#include <gtest/gtest.h>

#include "app/fee_review_figures.hpp"
#include "app_fixture.hpp"

namespace caremarket::app {
namespace {
using storage::ContractModel;
using testing::d;
using testing::gbp;

class FeeReviewFiguresTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    const auto a = provider_caller(provider_a);
    good = rated(add_home(a, "Oak House", "B44 8DD").service.id, market::Rating::good);
    weak = rated(add_home(a, "Elm Court", "B23 5XR").service.id, market::Rating::requires_improvement);
    framework =
        add_contract(ContractModel::framework, "F-1", [](storage::Contract& c) { c.title = "Nursing framework"; });
  }
  std::int64_t rated(std::int64_t service, market::Rating rating) {
    auto s = store->get_service(service).value();
    s.rating = rating;
    EXPECT_TRUE(store->update_service(s));
    return service;
  }
  void call_off(std::int64_t service, const char* weekly, int places, const char* start,
                std::optional<const char*> end = {}) {
    EXPECT_GT(add_placement({.service = service,
                             .provider = provider_a,
                             .council = council_org,
                             .start = start,
                             .weekly = weekly,
                             .places = places,
                             .end = end,
                             .call_off_model = ContractModel::framework,
                             .contract_id = framework}),
              0);
  }
  std::int64_t good = 0, weak = 0, framework = 0;
};

TEST_F(FeeReviewFiguresTest, AFrameworksCallOffsInForceAreAveragedAndItsWeakestServiceRates) {
  call_off(good, "1000.00", 1, "2026-02-01");
  call_off(weak, "1234.56", 2, "2026-03-01");
  call_off(good, "999.00", 1, "2026-02-01", "2026-05-31");  // ended before the day read
  const auto f = contract_fee_figures(*store, council_caller(), framework, d("2026-06-01"));
  ASSERT_TRUE(f) << f.error().message;
  // In force on 1 June: 1000.00 x 1 + 1234.56 x 2 = 3469.12 a week over 3 places:
  //   346912p / 3 = 115637.33p -> 1156.37 a place; a year 3469.12 x 52 = 180,394.24.
  EXPECT_EQ(f->places, 3);
  EXPECT_EQ(f->weekly_price, gbp("1156.37"));
  EXPECT_EQ(f->annual_spend, gbp("180394.24"));
  EXPECT_EQ(f->rating, market::Rating::requires_improvement);
  EXPECT_NE(f->rating_from.find("Elm Court"), std::string::npos) << f->rating_from;
  EXPECT_NE(f->rating_from.find("the lowest of its 2 services"), std::string::npos) << f->rating_from;
  EXPECT_NE(f->price_from.find("3 place(s) called off"), std::string::npos) << f->price_from;
}

TEST_F(FeeReviewFiguresTest, NothingInForceOrAnotherCouncilsContractIsRefused) {
  const auto none = contract_fee_figures(*store, council_caller(), framework, d("2026-06-01"));
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::invalid_input);
  EXPECT_NE(none.error().message.find("no call-off in force"), std::string::npos);
  market::Organisation other{0, market::OrganisationKind::council, "Trafford", "E08000009", "", "ons:E08000009"};
  const auto trafford = store->create_organisation(other).value();
  const auto outsider = caller_for(trafford, market::OrganisationKind::council, {"commissioner"});
  EXPECT_EQ(contract_fee_figures(*store, outsider, framework, d("2026-06-01")).error().code, ErrorCode::not_found);
  EXPECT_EQ(contract_fee_figures(*store, provider_caller(provider_a), framework, d("2026-06-01")).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(contract_fee_figures(*store, council_caller(), 999, d("2026-06-01")).error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace caremarket::app
