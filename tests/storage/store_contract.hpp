#pragma once
// The storage contract: what every Store backend must do, whatever it is
// built on. A backend's test file instantiates it with a factory that gives a
// fresh, empty store per test:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract,
//                            ::testing::Values(StoreFactory{...}), name_fn);
//
// Include this header in exactly one .cpp per test binary.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "storage/audit_chain.hpp"
#include "storage/store.hpp"

namespace caremarket::storage::contract {

using StoreFactory = std::function<std::unique_ptr<Store>()>;

// A named factory so test names say which backend failed.
struct NamedFactory {
  std::string name;
  StoreFactory make;
};
inline std::ostream& operator<<(std::ostream& os, const NamedFactory& f) { return os << f.name; }

class StoreContract : public ::testing::TestWithParam<NamedFactory> {
 protected:
  void SetUp() override {
    store_ = GetParam().make();
    ASSERT_NE(store_, nullptr) << "the factory for " << GetParam().name << " gave no store";
  }

  Store& store() { return *store_; }

  static market::Organisation organisation(const std::string& key, const std::string& name = "Acme Care Ltd",
                                           market::OrganisationKind kind = market::OrganisationKind::provider) {
    market::Organisation o;
    o.kind = kind;
    o.name = name;
    o.ons_code = kind == market::OrganisationKind::council ? "E08000025" : "";
    o.regulator_id = kind == market::OrganisationKind::provider ? "1-101641521" : "";
    o.source_key = key;
    return o;
  }

  std::int64_t make_provider(const std::string& key = "cqc-provider:1-1") {
    auto id = store().create_organisation(organisation(key));
    EXPECT_TRUE(id.has_value()) << (id ? "" : id.error().message);
    return id ? *id : 0;
  }

  // A service with every field away from its default, so a lost column shows.
  static market::Service full_service(std::int64_t provider_id, const std::string& key = "cqc:1-1004508435") {
    market::Service s;
    s.provider_id = provider_id;
    s.name = "Meadow Rose Nursing Home";
    s.kind = market::KindOfCare::care_home_nursing;
    s.regulator = market::Regulator::cqc;
    s.regulator_id = key.substr(key.find(':') + 1);
    s.address = "1 Meadow Lane, Northfield";
    s.postcode = "B31 2TX";
    s.location = {52.399843, -1.989241};
    s.location_source = market::LocationSource::postcode_district;
    s.local_authority_code = "E08000025";
    s.places = 56;
    s.age_min = 65;
    s.age_max = 110;
    s.needs = {"older_people", "dementia", "nursing"};
    s.specialisms = {"residential special school", "stroke"};
    s.rating = market::Rating::requires_improvement;
    s.rating_date = *Date::parse_iso("2020-10-01");
    s.domain_ratings = {{"safe", market::Rating::inadequate}, {"well_led", market::Rating::outstanding}};
    s.status = market::ServiceStatus::suspended;
    s.vacancies = 3;
    s.vacancies_as_of = 1795342500;
    s.vacancies_set_by = 42;
    s.vacancies_synthetic = true;
    s.source = "cqc_care_homes_birmingham_2025-11.csv";
    s.source_key = key;
    s.match_key = market::make_match_key(s.postcode, s.name);
    s.notes = "Shown at the postcode district, not at the home.";
    s.updated_at = 1795342000;
    return s;
  }

  static void expect_same(const market::Service& a, const market::Service& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.provider_id, b.provider_id);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.regulator, b.regulator);
    EXPECT_EQ(a.regulator_id, b.regulator_id);
    EXPECT_EQ(a.address, b.address);
    EXPECT_EQ(a.postcode, b.postcode);
    EXPECT_DOUBLE_EQ(a.location.lat, b.location.lat);
    EXPECT_DOUBLE_EQ(a.location.lon, b.location.lon);
    EXPECT_EQ(a.location_source, b.location_source);
    EXPECT_EQ(a.local_authority_code, b.local_authority_code);
    EXPECT_EQ(a.places, b.places);
    EXPECT_EQ(a.age_min, b.age_min);
    EXPECT_EQ(a.age_max, b.age_max);
    EXPECT_EQ(a.needs, b.needs);
    EXPECT_EQ(a.specialisms, b.specialisms);
    EXPECT_EQ(a.rating, b.rating);
    EXPECT_EQ(a.rating_date, b.rating_date);
    ASSERT_EQ(a.domain_ratings.size(), b.domain_ratings.size());
    for (std::size_t i = 0; i < a.domain_ratings.size(); ++i) {
      EXPECT_EQ(a.domain_ratings[i].domain, b.domain_ratings[i].domain);
      EXPECT_EQ(a.domain_ratings[i].rating, b.domain_ratings[i].rating);
    }
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.vacancies, b.vacancies);
    EXPECT_EQ(a.vacancies_as_of, b.vacancies_as_of);
    EXPECT_EQ(a.vacancies_set_by, b.vacancies_set_by);
    EXPECT_EQ(a.vacancies_synthetic, b.vacancies_synthetic);
    EXPECT_EQ(a.source, b.source);
    EXPECT_EQ(a.source_key, b.source_key);
    EXPECT_EQ(a.match_key, b.match_key);
    EXPECT_EQ(a.notes, b.notes);
    EXPECT_EQ(a.updated_at, b.updated_at);
  }

  static User user(std::int64_t organisation_id, const std::string& email) {
    User u;
    u.organisation_id = organisation_id;
    u.email = email;
    u.name = "Pat Broker";
    u.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    u.roles = {"broker", "admin"};
    u.active = true;
    u.created_at = 1795000000;
    return u;
  }

  static market::PriceEntry price(const std::string& level, const std::string& from, std::int64_t pence,
                                  market::PriceUnit unit = market::PriceUnit::week, bool synthetic = false) {
    return {level, unit, Money::from_pence(pence), *Date::parse_iso(from), synthetic};
  }

  static std::vector<std::tuple<std::string, std::string, std::int64_t, market::PriceUnit, bool>> sorted(
      const std::vector<market::PriceEntry>& prices) {
    std::vector<std::tuple<std::string, std::string, std::int64_t, market::PriceUnit, bool>> out;
    for (const auto& p : prices)
      out.emplace_back(p.valid_from.to_string(), p.need_level, p.amount.pence(), p.unit, p.synthetic);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::size_t organisation_count() {
    auto all = store().list_organisations(std::nullopt);
    EXPECT_TRUE(all.has_value());
    return all ? all->size() : 0;
  }

 private:
  std::unique_ptr<Store> store_;
};

// --- schema ---------------------------------------------------------------

TEST_P(StoreContract, SchemaVersionIsAtLeastOne) {
  const auto v = store().schema_version();
  ASSERT_TRUE(v.has_value()) << v.error().message;
  EXPECT_GE(*v, 1);
}

// --- organisations ----------------------------------------------------------

TEST_P(StoreContract, EveryRegisterWriteIsInTheChangeLogInOrder) {
  // Servers follow the register through this log (app::RegisterFollower):
  // a write it misses would leave a server showing the old record.
  ASSERT_EQ(store().last_register_change().value(), 0);
  const auto provider = make_provider();
  const auto id = store().create_service(full_service(provider)).value();
  const auto after_create = store().last_register_change().value();
  ASSERT_TRUE(store().set_vacancies({id, 2, 1795342600, 0}));
  const auto after_vacancies = store().last_register_change().value();
  EXPECT_GT(after_vacancies, after_create);
  ASSERT_TRUE(store().set_prices(id, {price("standard", "2026-04-01", 110000)}));
  auto renamed = store().get_organisation(provider).value();
  renamed.name = "Acme Care Group";
  ASSERT_TRUE(store().update_organisation(renamed));

  const auto all = store().register_changes_since(0).value();
  ASSERT_EQ(all.size(), 2u) << "one row per subject";
  EXPECT_EQ(all[0].subject, "service:" + std::to_string(id));
  EXPECT_EQ(all[1].subject, "organisation:" + std::to_string(provider));
  EXPECT_LT(all[0].seq, all[1].seq);
  EXPECT_EQ(all[1].seq, store().last_register_change().value());
  const auto later = store().register_changes_since(after_vacancies).value();
  ASSERT_EQ(later.size(), 2u) << "the prices and the organisation came after the vacancies";
  EXPECT_TRUE(store().register_changes_since(all[1].seq).value().empty());

  // A write that fails leaves no change behind.
  const auto before = store().last_register_change().value();
  EXPECT_FALSE(store().set_prices(id + 1000, {price("standard", "2026-04-01", 110000)}));
  EXPECT_EQ(store().last_register_change().value(), before);
}

TEST_P(StoreContract, OrganisationsCreateGetUpdateFindList) {
  EXPECT_EQ(organisation_count(), 0u);
  const auto provider = organisation("cqc-provider:1-101641521", "MACC Care Limited");
  const auto council = organisation("council:E08000025", "Birmingham City Council", market::OrganisationKind::council);
  const auto op = organisation("operator:caremarket", "Caremarket Operator", market::OrganisationKind::operator_);
  const auto p_id = store().create_organisation(provider);
  const auto c_id = store().create_organisation(council);
  const auto o_id = store().create_organisation(op);
  ASSERT_TRUE(p_id && c_id && o_id);
  EXPECT_GT(*p_id, 0);
  EXPECT_NE(*p_id, *c_id);
  EXPECT_NE(*c_id, *o_id);

  const auto got = store().get_organisation(*c_id);
  ASSERT_TRUE(got.has_value()) << got.error().message;
  EXPECT_EQ(got->id, *c_id);
  EXPECT_EQ(got->kind, market::OrganisationKind::council);
  EXPECT_EQ(got->name, "Birmingham City Council");
  EXPECT_EQ(got->ons_code, "E08000025");
  EXPECT_EQ(got->source_key, "council:E08000025");

  auto changed = *store().get_organisation(*p_id);
  changed.name = "MACC Care Group";
  changed.regulator_id = "1-999";
  changed.source_key = "cqc-provider:1-999";
  ASSERT_TRUE(store().update_organisation(changed).has_value());
  const auto after = store().get_organisation(*p_id);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->name, "MACC Care Group");
  EXPECT_EQ(after->regulator_id, "1-999");
  EXPECT_EQ(after->kind, market::OrganisationKind::provider);

  const auto by_new_key = store().find_organisation_by_key("cqc-provider:1-999");
  ASSERT_TRUE(by_new_key.has_value());
  ASSERT_TRUE(by_new_key->has_value());
  EXPECT_EQ((*by_new_key)->id, *p_id);
  const auto by_old_key = store().find_organisation_by_key("cqc-provider:1-101641521");
  ASSERT_TRUE(by_old_key.has_value());
  EXPECT_FALSE(by_old_key->has_value());

  const auto councils = store().list_organisations(market::OrganisationKind::council);
  ASSERT_TRUE(councils.has_value());
  ASSERT_EQ(councils->size(), 1u);
  EXPECT_EQ(councils->front().id, *c_id);
  const auto all = store().list_organisations(std::nullopt);
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), 3u);
}

TEST_P(StoreContract, OrganisationMissingIsNotFound) {
  const auto got = store().get_organisation(12345);
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().code, ErrorCode::not_found);
  auto o = organisation("x");
  o.id = 12345;
  const auto updated = store().update_organisation(o);
  ASSERT_FALSE(updated.has_value());
  EXPECT_EQ(updated.error().code, ErrorCode::not_found);
  EXPECT_EQ(organisation_count(), 0u);  // an update never creates
}

TEST_P(StoreContract, OrganisationSourceKeyIsUnique) {
  const auto first = store().create_organisation(organisation("cqc-provider:1-1"));
  ASSERT_TRUE(first.has_value());
  const auto again = store().create_organisation(organisation("cqc-provider:1-1", "Another name"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(organisation_count(), 1u);

  const auto second = store().create_organisation(organisation("cqc-provider:1-2"));
  ASSERT_TRUE(second.has_value());
  auto clash = *store().get_organisation(*second);
  clash.source_key = "cqc-provider:1-1";
  const auto updated = store().update_organisation(clash);
  ASSERT_FALSE(updated.has_value());
  EXPECT_EQ(updated.error().code, ErrorCode::conflict);
  EXPECT_EQ(store().get_organisation(*second)->source_key, "cqc-provider:1-2");
}

// --- services ---------------------------------------------------------------

TEST_P(StoreContract, ServiceRoundTripsEveryField) {
  const auto provider = make_provider();
  auto s = full_service(provider);
  const auto id = store().create_service(s);
  ASSERT_TRUE(id.has_value()) << id.error().message;
  s.id = *id;

  const auto got = store().get_service(*id);
  ASSERT_TRUE(got.has_value()) << got.error().message;
  expect_same(*got, s);

  const auto by_key = store().find_service_by_key(s.source_key);
  ASSERT_TRUE(by_key.has_value());
  ASSERT_TRUE(by_key->has_value());
  expect_same(**by_key, s);

  const auto by_match = store().find_service_by_match_key(s.match_key);
  ASSERT_TRUE(by_match.has_value());
  ASSERT_TRUE(by_match->has_value());
  EXPECT_EQ((*by_match)->id, *id);

  const auto all = store().list_services();
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 1u);
  expect_same(all->front(), s);
}

TEST_P(StoreContract, ServiceDefaultsAndEmptiesRoundTrip) {
  const auto provider = make_provider();
  market::Service s;
  s.provider_id = provider;
  s.name = "Plain";
  s.location = {53.0, -2.0};
  s.local_authority_code = "E08000003";
  s.source_key = "api:1:plain";
  const auto id = store().create_service(s);
  ASSERT_TRUE(id.has_value()) << id.error().message;
  s.id = *id;
  const auto got = store().get_service(*id);
  ASSERT_TRUE(got.has_value());
  expect_same(*got, s);  // empty lists, no rating date, no vacancy time
}

TEST_P(StoreContract, ServiceUpdateReplacesEveryField) {
  const auto provider = make_provider();
  const auto other_provider = make_provider("cqc-provider:1-2");
  const auto id = store().create_service(full_service(provider));
  ASSERT_TRUE(id.has_value());

  market::Service s;
  s.id = *id;
  s.provider_id = other_provider;
  s.name = "Renamed House";
  s.kind = market::KindOfCare::childrens_home;
  s.regulator = market::Regulator::ofsted;
  s.regulator_id = "SC035413";
  s.postcode = "";
  s.location = {51.45, -0.02};
  s.location_source = market::LocationSource::local_authority_centroid;
  s.local_authority_code = "E09000023";
  s.places = 4;
  s.age_min = 0;
  s.age_max = 17;
  s.needs = {"short_breaks"};
  s.rating = market::Rating::good;
  s.status = market::ServiceStatus::active;
  s.source = "ofsted.csv";
  s.source_key = "ofsted:SC035413";
  s.match_key = "";
  s.notes = "Name and address redacted by Ofsted.";
  s.updated_at = 1795400000;
  ASSERT_TRUE(store().update_service(s).has_value());
  const auto got = store().get_service(*id);
  ASSERT_TRUE(got.has_value());
  expect_same(*got, s);
  // The old keys no longer find it.
  EXPECT_FALSE(store().find_service_by_key("cqc:1-1004508435")->has_value());
  EXPECT_FALSE(store().find_service_by_match_key(full_service(provider).match_key)->has_value());
  EXPECT_FALSE(store().find_service_by_match_key("")->has_value());  // an empty key matches nothing
}

TEST_P(StoreContract, ServiceMissingAndDuplicateKeys) {
  const auto provider = make_provider();
  const auto got = store().get_service(999);
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().code, ErrorCode::not_found);
  auto ghost = full_service(provider);
  ghost.id = 999;
  const auto updated = store().update_service(ghost);
  ASSERT_FALSE(updated.has_value());
  EXPECT_EQ(updated.error().code, ErrorCode::not_found);
  EXPECT_FALSE(store().find_service_by_key("cqc:nope")->has_value());
  EXPECT_FALSE(store().find_service_by_match_key("NOPE|nope")->has_value());

  ASSERT_TRUE(store().create_service(full_service(provider)).has_value());
  const auto dup = store().create_service(full_service(provider));
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
  EXPECT_EQ(store().list_services()->size(), 1u);
}

TEST_P(StoreContract, ServiceNeedsAnExistingProvider) {
  const auto created = store().create_service(full_service(4242));
  EXPECT_FALSE(created.has_value());
  EXPECT_TRUE(store().list_services()->empty());
}

TEST_P(StoreContract, ListServicesInCreationOrder) {
  const auto provider = make_provider();
  std::vector<std::int64_t> ids;
  for (const std::string key : {"cqc:1-3", "cqc:1-1", "cqc:1-2"}) {
    auto s = full_service(provider, key);
    s.name = key;
    ids.push_back(*store().create_service(s));
  }
  const auto all = store().list_services();
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ((*all)[i].id, ids[i]);
}

// --- vacancies --------------------------------------------------------------

TEST_P(StoreContract, SetVacanciesUpdatesTheServiceAndKeepsHistory) {
  const auto provider = make_provider();
  const auto id = *store().create_service(full_service(provider));
  ASSERT_TRUE(store().set_vacancies({id, 5, 1795500000, 7}).has_value());
  ASSERT_TRUE(store().set_vacancies({id, 2, 1795600000, 8}).has_value());

  const auto s = store().get_service(id);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->vacancies, 2);
  EXPECT_EQ(s->vacancies_as_of, 1795600000);
  EXPECT_EQ(s->vacancies_set_by, 8);
  EXPECT_FALSE(s->vacancies_synthetic);  // reported, no longer demo data

  const auto history = store().vacancy_history(id);
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].service_id, id);
  EXPECT_EQ((*history)[0].count, 5);
  EXPECT_EQ((*history)[0].as_of, 1795500000);
  EXPECT_EQ((*history)[0].set_by, 7);
  EXPECT_EQ((*history)[1].count, 2);
  EXPECT_EQ((*history)[1].set_by, 8);
}

TEST_P(StoreContract, SetVacanciesForAMissingServiceWritesNothing) {
  const auto result = store().set_vacancies({777, 3, 1795500000, 1});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::not_found);
  const auto history = store().vacancy_history(777);
  ASSERT_TRUE(history.has_value());
  EXPECT_TRUE(history->empty());
}

TEST_P(StoreContract, NegativeVacanciesAreRefused) {
  const auto provider = make_provider();
  const auto id = *store().create_service(full_service(provider));
  EXPECT_FALSE(store().set_vacancies({id, -1, 1795500000, 1}).has_value());
  EXPECT_EQ(store().get_service(id)->vacancies, 3);
  EXPECT_TRUE(store().vacancy_history(id)->empty());
}

// --- prices -----------------------------------------------------------------

TEST_P(StoreContract, SetPricesUpsertsByNeedLevelAndStartDate) {
  const auto provider = make_provider();
  const auto id = *store().create_service(full_service(provider));
  ASSERT_TRUE(store()
                  .set_prices(id, {price("standard", "2026-04-01", 105050), price("enhanced", "2026-04-01", 120000)})
                  .has_value());
  ASSERT_TRUE(store()
                  .set_prices(id, {price("standard", "2026-04-01", 110000, market::PriceUnit::hour, true),
                                   price("standard", "2026-10-01", 115000)})
                  .has_value());
  const auto stored = store().prices(id);
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  using market::PriceUnit;
  EXPECT_EQ(sorted(*stored), (std::vector<std::tuple<std::string, std::string, std::int64_t, PriceUnit, bool>>{
                                 {"2026-04-01", "enhanced", 120000, PriceUnit::week, false},
                                 {"2026-04-01", "standard", 110000, PriceUnit::hour, true},
                                 {"2026-10-01", "standard", 115000, PriceUnit::week, false},
                             }));
}

TEST_P(StoreContract, PricesForAMissingServiceFailWithoutWriting) {
  const auto result = store().set_prices(31337, {price("standard", "2026-04-01", 100000)});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::not_found);
  const auto stored = store().prices(31337);
  ASSERT_TRUE(stored.has_value());
  EXPECT_TRUE(stored->empty());
}

TEST_P(StoreContract, SetPricesIsAllOrNothing) {
  const auto provider = make_provider();
  const auto id = *store().create_service(full_service(provider));
  ASSERT_TRUE(store().set_prices(id, {price("standard", "2026-04-01", 100000)}).has_value());
  // The second entry is refused (a price must be positive): the first must not land either.
  EXPECT_FALSE(
      store().set_prices(id, {price("high", "2026-04-01", 150000), price("complex", "2026-04-01", 0)}).has_value());
  const auto stored = store().prices(id);
  ASSERT_TRUE(stored.has_value());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front().need_level, "standard");
}

// --- accounts ---------------------------------------------------------------

TEST_P(StoreContract, UsersRoundTripAndEmailIsCaseInsensitive) {
  const auto org = make_provider();
  const auto id = store().create_user(user(org, "Pat.Broker@Birmingham.GOV.uk"));
  ASSERT_TRUE(id.has_value()) << id.error().message;
  const auto got = store().get_user(*id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->id, *id);
  EXPECT_EQ(got->organisation_id, org);
  EXPECT_EQ(got->email, "pat.broker@birmingham.gov.uk");  // stored lower case
  EXPECT_EQ(got->name, "Pat Broker");
  EXPECT_EQ(got->password_hash, user(org, "").password_hash);
  EXPECT_EQ(got->roles, (std::vector<std::string>{"broker", "admin"}));
  EXPECT_TRUE(got->active);
  EXPECT_EQ(got->created_at, 1795000000);

  for (const std::string email : {"pat.broker@birmingham.gov.uk", "PAT.BROKER@BIRMINGHAM.GOV.UK"}) {
    const auto found = store().find_user_by_email(email);
    ASSERT_TRUE(found.has_value());
    ASSERT_TRUE(found->has_value()) << email;
    EXPECT_EQ((*found)->id, *id);
  }
  EXPECT_FALSE(store().find_user_by_email("someone@else.org")->has_value());

  const auto dup = store().create_user(user(org, "PAT.broker@birmingham.gov.uk"));
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
}

TEST_P(StoreContract, UsersListedByOrganisation) {
  const auto a = make_provider("org:a");
  const auto b = make_provider("org:b");
  auto inactive = user(b, "c@b.org");
  inactive.active = false;
  inactive.roles = {};
  const auto u1 = *store().create_user(user(a, "a@a.org"));
  const auto u2 = *store().create_user(user(b, "b@b.org"));
  const auto u3 = *store().create_user(inactive);
  const auto in_b = store().list_users(b);
  ASSERT_TRUE(in_b.has_value());
  ASSERT_EQ(in_b->size(), 2u);
  EXPECT_EQ((*in_b)[0].id, u2);
  EXPECT_EQ((*in_b)[1].id, u3);
  EXPECT_FALSE((*in_b)[1].active);
  EXPECT_TRUE((*in_b)[1].roles.empty());
  const auto everyone = store().list_users(std::nullopt);
  ASSERT_TRUE(everyone.has_value());
  EXPECT_EQ(everyone->size(), 3u);
  EXPECT_EQ(everyone->front().id, u1);
  const auto missing = store().get_user(9999);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(StoreContract, UserNeedsAnExistingOrganisation) {
  EXPECT_FALSE(store().create_user(user(4242, "x@y.org")).has_value());
  EXPECT_TRUE(store().list_users(std::nullopt)->empty());
}

TEST_P(StoreContract, SessionsCreateFindRevoke) {
  const auto org = make_provider();
  const auto uid = *store().create_user(user(org, "a@a.org"));
  const Session s{"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", uid, 1795000000, 1795086400,
                  false};
  ASSERT_TRUE(store().create_session(s).has_value());
  auto found = store().find_session(s.token_hash);
  ASSERT_TRUE(found.has_value());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->token_hash, s.token_hash);
  EXPECT_EQ((*found)->user_id, uid);
  EXPECT_EQ((*found)->created_at, 1795000000);
  EXPECT_EQ((*found)->expires_at, 1795086400);
  EXPECT_FALSE((*found)->revoked);

  ASSERT_TRUE(store().revoke_session(s.token_hash).has_value());
  found = store().find_session(s.token_hash);
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_TRUE((*found)->revoked);

  EXPECT_FALSE(store().find_session("unknown")->has_value());
  EXPECT_FALSE(store().create_session(s).has_value());  // the same token twice
}

TEST_P(StoreContract, ASessionIsFoundWithItsUserAndOrganisationInOneRead) {
  const auto org = make_provider();
  const auto uid = *store().create_user(user(org, "b@b.org"));
  const Session s{"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", uid, 1795000000, 1795086400,
                  false};
  ASSERT_TRUE(store().create_session(s));
  const auto found = store().find_session_user(s.token_hash);
  ASSERT_TRUE(found && found->has_value());
  const auto& both = **found;
  EXPECT_EQ(both.session.token_hash, s.token_hash);
  EXPECT_EQ(both.session.user_id, uid);
  EXPECT_EQ(both.session.expires_at, 1795086400);
  EXPECT_FALSE(both.session.revoked);
  EXPECT_EQ(both.user.id, uid);
  EXPECT_EQ(both.user.email, "b@b.org");
  EXPECT_EQ(both.user.organisation_id, org);
  EXPECT_EQ(both.organisation_kind, market::OrganisationKind::provider);
  ASSERT_TRUE(store().revoke_session(s.token_hash));
  EXPECT_TRUE((*store().find_session_user(s.token_hash))->session.revoked);
  EXPECT_FALSE(store().find_session_user("unknown")->has_value());
}

// --- audit ------------------------------------------------------------------

TEST_P(StoreContract, AuditAppendAndListBySubject) {
  ASSERT_TRUE(store()
                  .append_audit({0, 1795000000, 7, 3, "service.update", "service:42", R"({"name":"A"})", {}, {}})
                  .has_value());
  ASSERT_TRUE(
      store().append_audit({0, 1795000100, 0, 0, "vacancies.set", "service:42", R"({"count":2})", {}, {}}).has_value());
  ASSERT_TRUE(store().append_audit({0, 1795000200, 7, 3, "login.failed", "user:7", "{}", {}, {}}).has_value());
  const auto events = store().audit_for("service:42");
  ASSERT_TRUE(events.has_value());
  ASSERT_EQ(events->size(), 2u);
  const auto& first = (*events)[0];
  EXPECT_GT(first.id, 0);
  EXPECT_EQ(first.at, 1795000000);
  EXPECT_EQ(first.actor_user_id, 7);
  EXPECT_EQ(first.actor_organisation_id, 3);
  EXPECT_EQ(first.action, "service.update");
  EXPECT_EQ(first.subject, "service:42");
  EXPECT_EQ(first.detail, R"({"name":"A"})");
  EXPECT_EQ((*events)[1].action, "vacancies.set");
  EXPECT_LT(first.id, (*events)[1].id);
  EXPECT_EQ(store().audit_for("user:7")->size(), 1u);
  EXPECT_TRUE(store().audit_for("service:43")->empty());
}

TEST_P(StoreContract, AuditLogIsEveryEntryInOrderAndChained) {
  EXPECT_TRUE(store().audit_log()->empty());
  const std::vector<std::string> actions{"register.import", "user.create", "login", "service.update", "logout"};
  for (std::size_t i = 0; i < actions.size(); ++i) {
    // The id, prev_hash and hash given are the store's to fill in, not the caller's.
    ASSERT_TRUE(
        store()
            .append_audit({999, 1795000000 + static_cast<Timestamp>(i), 7, 3, actions[i], "user:" + std::to_string(i),
                           R"({"n":)" + std::to_string(i) + "}", "forged", "forged"})
            .has_value());
  }
  const auto log = store().audit_log();
  ASSERT_TRUE(log.has_value());
  ASSERT_EQ(log->size(), actions.size());
  std::string previous = kAuditGenesis;
  for (std::size_t i = 0; i < log->size(); ++i) {
    const auto& e = (*log)[i];
    EXPECT_EQ(e.id, static_cast<std::int64_t>(i) + 1);
    EXPECT_EQ(e.action, actions[i]);
    EXPECT_EQ(e.at, 1795000000 + static_cast<Timestamp>(i));
    EXPECT_EQ(e.detail, R"({"n":)" + std::to_string(i) + "}");
    EXPECT_EQ(e.prev_hash, previous);
    EXPECT_EQ(e.hash.size(), 64u);
    EXPECT_EQ(e.hash, audit_entry_hash(e));
    previous = e.hash;
  }
  const auto verified = verify_audit_chain(*log);
  EXPECT_TRUE(verified.intact) << verified.reason;
  EXPECT_EQ(verified.checked, actions.size());
  // audit_for gives the same entries, hashes and all.
  const auto one = store().audit_for("user:2");
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ(one->front().hash, (*log)[2].hash);
  EXPECT_EQ(one->front().prev_hash, (*log)[1].hash);
}

TEST_P(StoreContract, AuditEntriesRolledBackLeaveTheChainWhole) {
  ASSERT_TRUE(store().append_audit({0, 1795000000, 1, 1, "kept", "service:1", "{}", {}, {}}).has_value());
  const auto rolled_back = store().in_transaction([&]() -> Status {
    CM_TRY_STATUS(store().append_audit({0, 1795000001, 1, 1, "lost", "service:1", "{}", {}, {}}));
    return Error::conflict("undo");
  });
  ASSERT_FALSE(rolled_back.has_value());
  ASSERT_TRUE(store()
                  .in_transaction([&]() -> Status {
                    CM_TRY_STATUS(store().append_audit({0, 1795000002, 1, 1, "kept.too", "service:1", "{}", {}, {}}));
                    return store().append_audit({0, 1795000003, 1, 1, "kept.three", "service:1", "{}", {}, {}});
                  })
                  .has_value());
  const auto log = store().audit_log();
  ASSERT_TRUE(log.has_value());
  ASSERT_EQ(log->size(), 3u);
  EXPECT_EQ((*log)[1].action, "kept.too");
  EXPECT_EQ((*log)[1].id, 2);
  const auto verified = verify_audit_chain(*log);
  EXPECT_TRUE(verified.intact) << verified.reason;
}

// --- transactions -----------------------------------------------------------

TEST_P(StoreContract, TransactionCommitsWhenWorkSucceeds) {
  const auto status = store().in_transaction([&]() -> Status {
    CM_TRY_STATUS(store().create_organisation(organisation("a")));
    CM_TRY_STATUS(store().create_organisation(organisation("b")));
    return {};
  });
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(organisation_count(), 2u);
}

TEST_P(StoreContract, TransactionRollbackLeavesNothingWritten) {
  const auto provider = make_provider();
  const auto service = *store().create_service(full_service(provider));
  const auto status = store().in_transaction([&]() -> Status {
    CM_TRY_STATUS(store().create_organisation(organisation("rolled-back")));
    CM_TRY_STATUS(store().set_vacancies({service, 9, 1795500000, 1}));
    CM_TRY_STATUS(store().set_prices(service, {price("standard", "2026-04-01", 100000)}));
    CM_TRY_STATUS(store().append_audit({0, 1795500000, 1, 1, "x", "service:1", "{}", {}, {}}));
    return Error::conflict("changed my mind");
  });
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, ErrorCode::conflict);
  EXPECT_EQ(status.error().message, "changed my mind");  // the work's own error comes back
  EXPECT_EQ(organisation_count(), 1u);
  EXPECT_EQ(store().get_service(service)->vacancies, 3);
  EXPECT_TRUE(store().vacancy_history(service)->empty());
  EXPECT_TRUE(store().prices(service)->empty());
  EXPECT_TRUE(store().audit_for("service:1")->empty());
}

TEST_P(StoreContract, NestedTransactionRollsBackOnlyItsOwnWork) {
  const auto status = store().in_transaction([&]() -> Status {
    CM_TRY_STATUS(store().create_organisation(organisation("outer")));
    const auto inner = store().in_transaction([&]() -> Status {
      CM_TRY_STATUS(store().create_organisation(organisation("inner")));
      return Error::invalid("inner fails");
    });
    EXPECT_FALSE(inner.has_value());
    return {};  // the outer work carries on regardless
  });
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(store().find_organisation_by_key("outer")->has_value());
  EXPECT_FALSE(store().find_organisation_by_key("inner")->has_value());
}

// Work that throws (a library refusing a value half way) is undone like work
// that fails, and the store is usable afterwards: a transaction left open
// would show its rows to later reads and commit them with the next change.
TEST_P(StoreContract, TransactionWhoseWorkThrowsLeavesNothingWritten) {
  const auto provider = make_provider();
  const auto service = *store().create_service(full_service(provider));
  EXPECT_THROW((void)store().in_transaction([&]() -> Status {
    CM_TRY_STATUS(store().create_organisation(organisation("thrown-away")));
    CM_TRY_STATUS(store().set_vacancies({service, 9, 1795500000, 1}));
    (void)store().in_transaction([&]() -> Status {  // nested, and the throw passes through it
      CM_TRY_STATUS(store().create_organisation(organisation("thrown-away-inner")));
      throw std::runtime_error("a library threw");
    });
    return {};
  }),
               std::runtime_error);
  EXPECT_FALSE(store().find_organisation_by_key("thrown-away")->has_value());
  EXPECT_FALSE(store().find_organisation_by_key("thrown-away-inner")->has_value());
  EXPECT_EQ(store().get_service(service)->vacancies, 3);
  EXPECT_TRUE(store().vacancy_history(service)->empty());
  ASSERT_TRUE(store()
                  .in_transaction([&]() -> Status {
                    return store().create_organisation(organisation("after")).has_value() ? Status{}
                                                                                          : Error::internal("no");
                  })
                  .has_value());
  const auto rolled_back = store().in_transaction([&]() -> Status {
    CM_TRY_STATUS(store().create_organisation(organisation("undone")));
    return Error::conflict("undo");
  });
  EXPECT_FALSE(rolled_back.has_value()) << "a later transaction is a real one, not a savepoint of the thrown one";
  EXPECT_TRUE(store().find_organisation_by_key("after")->has_value());
  EXPECT_FALSE(store().find_organisation_by_key("undone")->has_value());
}

TEST_P(StoreContract, OuterRollbackUndoesACommittedInnerTransaction) {
  const auto status = store().in_transaction([&]() -> Status {
    CM_TRY_STATUS(store().create_organisation(organisation("outer")));
    CM_TRY_STATUS(store().in_transaction([&]() -> Status {
      CM_TRY_STATUS(store().create_organisation(organisation("inner")));
      return store().in_transaction([&]() -> Status {  // three deep
        CM_TRY_STATUS(store().create_organisation(organisation("innermost")));
        return {};
      });
    }));
    return Error::conflict("outer fails");
  });
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(organisation_count(), 0u);
}

TEST_P(StoreContract, StoreIsUsableAfterARollback) {
  (void)store().in_transaction([&]() -> Status { return Error::invalid("no"); });
  const auto nested_fail = store().in_transaction(
      [&]() -> Status { return store().in_transaction([&]() -> Status { return Error::invalid("no"); }); });
  EXPECT_FALSE(nested_fail.has_value());
  EXPECT_TRUE(store().create_organisation(organisation("after")).has_value());
  EXPECT_TRUE(store().in_transaction([&]() -> Status { return {}; }).has_value());
  EXPECT_EQ(organisation_count(), 1u);
}

}  // namespace caremarket::storage::contract

#include "storage/store_contract_allocation.hpp"
#include "storage/store_contract_contracts.hpp"  // NOLINT: the contracts area's cases, after the fixture
#include "storage/store_contract_intelligence.hpp"
