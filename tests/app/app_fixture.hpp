#pragma once
// An in-memory store and the real gazetteer, shared by the app tests.
#include <gtest/gtest.h>

#include <memory>

#include "app/accounts.hpp"
#include "app/market_register.hpp"
#include "app/register_import.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace caremarket::app::testing {

inline std::shared_ptr<const Gazetteer> shared_gazetteer() {
  static const auto gazetteer = Gazetteer::load(CAREMARKET_DATA_DIR).value();
  return gazetteer;
}

class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = storage::sqlite::SqliteStore::open(":memory:").value();
    market::Organisation op{0, market::OrganisationKind::operator_, "Operator", "", "", "operator"};
    operator_org = store->create_organisation(op).value();
    market::Organisation council{0, market::OrganisationKind::council, "Birmingham", "E08000025", "", "ons:E08000025"};
    council_org = store->create_organisation(council).value();
    market::Organisation a{0, market::OrganisationKind::provider, "Provider A", "", "1-A", "test:a"};
    provider_a = store->create_organisation(a).value();
    market::Organisation b{0, market::OrganisationKind::provider, "Provider B", "", "1-B", "test:b"};
    provider_b = store->create_organisation(b).value();
    reg = MarketRegister::open(*store, shared_gazetteer()).value();
  }

  // A caller backed by a real user row, as every logged-in caller is.
  Caller caller_for(std::int64_t organisation, market::OrganisationKind kind, std::vector<std::string> roles) {
    Caller c;
    storage::User user;
    user.organisation_id = organisation;
    user.email = "user" + std::to_string(++next_user) + "@test.example";
    user.name = "Test user " + std::to_string(next_user);
    user.password_hash = "not-a-login";
    user.roles = roles;
    c.user_id = store->create_user(user).value();
    c.organisation_id = organisation;
    c.organisation_kind = kind;
    c.roles = std::move(roles);
    return c;
  }
  Caller provider_caller(std::int64_t organisation) {
    return caller_for(organisation, market::OrganisationKind::provider, {"provider_manager"});
  }
  Caller council_caller() { return caller_for(council_org, market::OrganisationKind::council, {"placement_officer"}); }
  Caller operator_caller() { return caller_for(operator_org, market::OrganisationKind::operator_, {"operator_admin"}); }

  // A nursing home of provider A at a Birmingham postcode.
  ServiceView add_home(const Caller& caller, const std::string& name = "Oak House", const std::string& postcode = "B44 8DD",
                       int places = 20) {
    ServiceInput in;
    in.name = name;
    in.kind = market::KindOfCare::care_home_nursing;
    in.postcode = postcode;
    in.places = places;
    in.age_min = 18;
    in.needs = std::vector<std::string>{"nursing", "dementia"};
    in.regulator = market::Regulator::cqc;
    in.regulator_id = "1-" + std::to_string(std::hash<std::string>{}(name + postcode) % 100000000);
    auto view = reg->create_service(caller, in);
    EXPECT_TRUE(view) << (view ? "" : view.error().message);
    return view ? *view : ServiceView{};
  }

  std::unique_ptr<storage::sqlite::SqliteStore> store;
  std::unique_ptr<MarketRegister> reg;
  std::int64_t operator_org = 0, council_org = 0, provider_a = 0, provider_b = 0;
  std::int64_t next_user = 100;
};

}  // namespace caremarket::app::testing
