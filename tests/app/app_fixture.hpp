#pragma once
// An in-memory store and the real gazetteer, shared by the app tests.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>

#include "app/accounts.hpp"
#include "app/market_register.hpp"
#include "app/register_import.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace caremarket::app::testing {

inline Date d(const char* iso) { return Date::parse_iso(iso).value(); }
inline Money gbp(const char* text) { return Money::parse(text).value(); }

// A placement written straight into the store, with the awarded referral and
// the accepted offer it came from: for tests of what reads placements
// (invoices, fee reviews), not of how they are made.
struct StoredPlacement {
  std::int64_t service = 0;
  std::int64_t provider = 0;
  std::int64_t council = 0;
  std::int64_t created_by = 0;
  const char* start = "2026-01-01";
  const char* weekly = "1000.00";
  int places = 1;
  std::optional<const char*> end = std::nullopt;  // set: the placement has ended
  pricing::ContractModel call_off_model = pricing::ContractModel::spot;
  std::optional<std::int64_t> contract_id = std::nullopt;
};

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
  ServiceView add_home(const Caller& caller, const std::string& name = "Oak House",
                       const std::string& postcode = "B44 8DD", int places = 20) {
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

  // A live contract of provider A with the council for nursing care,
  // 2026-2027, straight into the store; `fill` changes what a test needs.
  std::int64_t add_contract(pricing::ContractModel model, const std::string& reference,
                            const std::function<void(storage::Contract&)>& fill = {}) {
    storage::Contract c;
    c.model = model;
    c.reference = reference;
    c.title = reference;
    c.status = storage::ContractStatus::active;
    c.parties = {{council_org, 10'000, true}};
    c.providers = {provider_a};
    c.kinds = {market::KindOfCare::care_home_nursing};
    c.start = d("2026-01-01");
    c.end = d("2027-12-31");
    if (fill) fill(c);
    return store->create_contract(c).value();
  }

  std::int64_t add_placement(const StoredPlacement& s) {
    storage::Referral r;
    r.council_id = s.council;
    r.created_by = s.created_by;
    r.status = storage::ReferralStatus::awarded;
    r.needed_by = d(s.start);
    const auto referral = store->create_referral(r, storage::PersonalDetails{0, "A Person", "", "", "", ""}).value();
    storage::Offer o;
    o.referral_id = referral;
    o.service_id = s.service;
    o.provider_id = s.provider;
    o.price = gbp(s.weekly);
    o.start_date = d(s.start);
    o.status = storage::OfferStatus::accepted;
    storage::Placement p;
    p.referral_id = referral;
    p.council_id = s.council;
    p.service_id = s.service;
    p.provider_id = s.provider;
    p.offer_id = store->create_offer(o).value();
    p.start_date = d(s.start);
    p.weekly_cost = gbp(s.weekly);
    p.places = s.places;
    if (s.end) {
      p.end_date = d(*s.end);
      p.status = storage::PlacementStatus::ended;
    }
    p.call_off_model = s.call_off_model;
    p.contract_id = s.contract_id;
    return store->create_placement(p).value();
  }

  std::unique_ptr<storage::sqlite::SqliteStore> store;
  std::unique_ptr<MarketRegister> reg;
  std::int64_t operator_org = 0, council_org = 0, provider_a = 0, provider_b = 0;
  std::int64_t next_user = 100;
};

}  // namespace caremarket::app::testing
