#pragma once
// The storage contract for contracts: included by store_contract.hpp, so
// every backend runs these cases too.
#include "storage/store_contract.hpp"

namespace caremarket::storage::contract {

class ContractCases {
 public:
  static Date day(const char* iso) { return *Date::parse_iso(iso); }

  // A soft block bought by an alliance, every field away from its default.
  static Contract soft_block(std::int64_t lead, std::int64_t partner, std::int64_t provider, std::int64_t service) {
    Contract c;
    c.model = ContractModel::soft_block;
    c.reference = "BCC-SB-2026-001";
    c.title = "Nursing places, north Birmingham";
    c.status = ContractStatus::suspended;
    c.parties = {{lead, 6000, true}, {partner, 4000, false}};
    c.providers = {provider};
    c.services = {{service, provider, 0}};
    c.kinds = {market::KindOfCare::care_home_nursing, market::KindOfCare::care_home_residential};
    c.start = day("2026-04-06");
    c.end = day("2028-04-02");
    c.extension_options = 2;
    c.extension_months = 12;
    c.extensions = {{1, day("2028-04-03"), day("2029-04-02"), "good value", 7, 1795000100}};
    c.notice_days = 90;
    c.price_unit = market::PriceUnit::hour;
    c.unit_price = Money::from_pence(2350);
    c.band_mode = pricing::BandMode::marginal;
    c.bands = {{1, Money::from_pence(120000)}, {11, Money::from_pence(112000)}};
    c.committed = 12;
    c.flex_min = 8;
    c.flex_max = 16;
    c.max_step = 2;
    c.target_percent = 90;
    c.review_weeks = 13;
    c.change_rules = "Reviewed quarterly; two places either way at most.";
    c.price_bands = {{market::KindOfCare::care_home_nursing, market::PriceUnit::week, Money::from_pence(90000),
                      Money::from_pence(130000)}};
    c.call_off_method = CallOffMethod::mini_competition;
    c.membership_conditions = "Good or outstanding";
    c.members = {{provider, MemberStatus::suspended, day("2026-04-01"), day("2026-04-06"), day("2026-06-01"),
                  std::nullopt, "late returns"}};
    c.status_reason = "provider under investigation";
    c.status_date = day("2026-06-01");
    c.notes = "synthetic";
    c.synthetic = true;
    c.created_by = 7;
    c.created_at = 1795000000;
    c.updated_at = 1795000200;
    return c;
  }

  static void expect_same(const Contract& a, const Contract& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.model, b.model);
    EXPECT_EQ(a.reference, b.reference);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.status, b.status);
    ASSERT_EQ(a.parties.size(), b.parties.size());
    for (std::size_t i = 0; i < a.parties.size(); ++i) {
      EXPECT_EQ(a.parties[i].council_id, b.parties[i].council_id);
      EXPECT_EQ(a.parties[i].share_bp, b.parties[i].share_bp);
      EXPECT_EQ(a.parties[i].lead, b.parties[i].lead);
    }
    EXPECT_EQ(a.providers, b.providers);
    ASSERT_EQ(a.services.size(), b.services.size());
    for (std::size_t i = 0; i < a.services.size(); ++i) {
      EXPECT_EQ(a.services[i].service_id, b.services[i].service_id);
      EXPECT_EQ(a.services[i].provider_id, b.services[i].provider_id);
      EXPECT_EQ(a.services[i].committed, b.services[i].committed);
    }
    EXPECT_EQ(a.kinds, b.kinds);
    EXPECT_EQ(a.start, b.start);
    EXPECT_EQ(a.end, b.end);
    EXPECT_EQ(a.extension_options, b.extension_options);
    EXPECT_EQ(a.extension_months, b.extension_months);
    ASSERT_EQ(a.extensions.size(), b.extensions.size());
    for (std::size_t i = 0; i < a.extensions.size(); ++i) {
      EXPECT_EQ(a.extensions[i].number, b.extensions[i].number);
      EXPECT_EQ(a.extensions[i].from, b.extensions[i].from);
      EXPECT_EQ(a.extensions[i].to, b.extensions[i].to);
      EXPECT_EQ(a.extensions[i].reason, b.extensions[i].reason);
      EXPECT_EQ(a.extensions[i].taken_by, b.extensions[i].taken_by);
      EXPECT_EQ(a.extensions[i].taken_at, b.extensions[i].taken_at);
    }
    EXPECT_EQ(a.notice_days, b.notice_days);
    EXPECT_EQ(a.price_unit, b.price_unit);
    EXPECT_EQ(a.unit_price, b.unit_price);
    EXPECT_EQ(a.band_mode, b.band_mode);
    ASSERT_EQ(a.bands.size(), b.bands.size());
    for (std::size_t i = 0; i < a.bands.size(); ++i) {
      EXPECT_EQ(a.bands[i].from_places, b.bands[i].from_places);
      EXPECT_EQ(a.bands[i].weekly_price, b.bands[i].weekly_price);
    }
    EXPECT_EQ(a.committed, b.committed);
    EXPECT_EQ(a.flex_min, b.flex_min);
    EXPECT_EQ(a.flex_max, b.flex_max);
    EXPECT_EQ(a.max_step, b.max_step);
    EXPECT_EQ(a.target_percent, b.target_percent);
    EXPECT_EQ(a.review_weeks, b.review_weeks);
    EXPECT_EQ(a.change_rules, b.change_rules);
    ASSERT_EQ(a.price_bands.size(), b.price_bands.size());
    for (std::size_t i = 0; i < a.price_bands.size(); ++i) {
      EXPECT_EQ(a.price_bands[i].kind, b.price_bands[i].kind);
      EXPECT_EQ(a.price_bands[i].unit, b.price_bands[i].unit);
      EXPECT_EQ(a.price_bands[i].floor, b.price_bands[i].floor);
      EXPECT_EQ(a.price_bands[i].ceiling, b.price_bands[i].ceiling);
    }
    EXPECT_EQ(a.call_off_method, b.call_off_method);
    EXPECT_EQ(a.membership_conditions, b.membership_conditions);
    ASSERT_EQ(a.members.size(), b.members.size());
    for (std::size_t i = 0; i < a.members.size(); ++i) {
      EXPECT_EQ(a.members[i].provider_id, b.members[i].provider_id);
      EXPECT_EQ(a.members[i].status, b.members[i].status);
      EXPECT_EQ(a.members[i].applied_on, b.members[i].applied_on);
      EXPECT_EQ(a.members[i].joined_on, b.members[i].joined_on);
      EXPECT_EQ(a.members[i].suspended_on, b.members[i].suspended_on);
      EXPECT_EQ(a.members[i].removed_on, b.members[i].removed_on);
      EXPECT_EQ(a.members[i].reason, b.members[i].reason);
    }
    EXPECT_EQ(a.status_reason, b.status_reason);
    EXPECT_EQ(a.status_date, b.status_date);
    EXPECT_EQ(a.notes, b.notes);
    EXPECT_EQ(a.synthetic, b.synthetic);
    EXPECT_EQ(a.created_by, b.created_by);
    EXPECT_EQ(a.created_at, b.created_at);
    EXPECT_EQ(a.updated_at, b.updated_at);
  }
};

// Councils, a provider and its service, for the contract cases.
struct ContractWorld {
  std::int64_t lead = 0, partner = 0, provider = 0, other_provider = 0, service = 0;
};

inline ContractWorld contract_world(Store& store) {
  ContractWorld w;
  market::Organisation council;
  council.kind = market::OrganisationKind::council;
  council.name = "Birmingham";
  council.source_key = "ons:E08000025";
  w.lead = *store.create_organisation(council);
  council.name = "Solihull";
  council.source_key = "ons:E08000029";
  w.partner = *store.create_organisation(council);
  market::Organisation provider;
  provider.kind = market::OrganisationKind::provider;
  provider.name = "Acme Care Ltd";
  provider.source_key = "cqc-provider:1-1";
  w.provider = *store.create_organisation(provider);
  provider.name = "Other Care Ltd";
  provider.source_key = "cqc-provider:1-2";
  w.other_provider = *store.create_organisation(provider);
  market::Service s;
  s.provider_id = w.provider;
  s.name = "Meadow Rose";
  s.kind = market::KindOfCare::care_home_nursing;
  s.regulator = market::Regulator::cqc;
  s.location = {52.4, -1.9};
  s.local_authority_code = "E08000025";
  s.places = 40;
  s.age_max = 110;
  s.source_key = "cqc:1-100";
  w.service = *store.create_service(s);
  return w;
}

TEST_P(StoreContract, ContractRoundTripsEveryFieldAndPart) {
  const auto w = contract_world(store());
  auto c = ContractCases::soft_block(w.lead, w.partner, w.provider, w.service);
  const auto id = store().create_contract(c);
  ASSERT_TRUE(id.has_value()) << id.error().message;
  c.id = *id;
  const auto back = store().get_contract(*id);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  ContractCases::expect_same(c, *back);
  const auto by_reference = store().find_contract_by_reference("BCC-SB-2026-001");
  ASSERT_TRUE(by_reference.has_value() && by_reference->has_value());
  EXPECT_EQ((*by_reference)->id, *id);
  EXPECT_FALSE(store().find_contract_by_reference("nope")->has_value());
}

TEST_P(StoreContract, ContractUpdateReplacesEveryPart) {
  const auto w = contract_world(store());
  auto c = ContractCases::soft_block(w.lead, w.partner, w.provider, w.service);
  c.id = *store().create_contract(c);
  c.model = ContractModel::dynamic_market;
  c.title = "Renamed";
  c.status = ContractStatus::active;
  c.parties = {{w.partner, 10'000, true}};
  c.providers = {w.other_provider};
  c.services = {};
  c.bands = {{1, Money::from_pence(99900)}};
  c.price_bands = {};
  c.extensions = {};
  c.members = {{w.other_provider, MemberStatus::active, ContractCases::day("2026-05-01"),
                ContractCases::day("2026-05-02"), std::nullopt, std::nullopt, ""}};
  c.status_date = std::nullopt;
  ASSERT_TRUE(store().update_contract(c).has_value());
  ContractCases::expect_same(c, *store().get_contract(c.id));
}

TEST_P(StoreContract, ContractReferenceIsUniqueAndMissingIsNotFound) {
  const auto w = contract_world(store());
  const auto c = ContractCases::soft_block(w.lead, w.partner, w.provider, w.service);
  ASSERT_TRUE(store().create_contract(c).has_value());
  const auto again = store().create_contract(c);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().field, "reference");
  EXPECT_EQ(store().list_contracts(std::nullopt, std::nullopt)->size(), 1u);  // the repeat left nothing behind
  EXPECT_EQ(store().get_contract(999).error().code, ErrorCode::not_found);
  auto ghost = c;
  ghost.id = 999;
  ghost.reference = "ghost";
  EXPECT_EQ(store().update_contract(ghost).error().code, ErrorCode::not_found);
}

TEST_P(StoreContract, ContractWithAMissingPartyWritesNothing) {
  const auto w = contract_world(store());
  auto c = ContractCases::soft_block(w.lead, w.partner, w.provider, w.service);
  c.parties.push_back({424242, 1, false});  // no such council
  EXPECT_FALSE(store().create_contract(c).has_value());
  EXPECT_TRUE(store().list_contracts(std::nullopt, std::nullopt)->empty());
  EXPECT_FALSE(store().find_contract_by_reference(c.reference)->has_value());
}

TEST_P(StoreContract, ContractsListedByCouncilAndByProvider) {
  const auto w = contract_world(store());
  auto alliance = ContractCases::soft_block(w.lead, w.partner, w.provider, w.service);
  alliance.members = {};
  const auto a = *store().create_contract(alliance);
  auto alone = alliance;
  alone.reference = "SOL-2";
  alone.parties = {{w.partner, 10'000, true}};
  alone.providers = {};
  alone.services = {};
  alone.members = {{w.other_provider, MemberStatus::applied, ContractCases::day("2026-05-01"), std::nullopt,
                    std::nullopt, std::nullopt, ""}};
  const auto b = *store().create_contract(alone);
  auto ids = [](const Result<std::vector<Contract>>& list) {
    std::vector<std::int64_t> out;
    for (const auto& c : *list) out.push_back(c.id);
    return out;
  };
  EXPECT_EQ(ids(store().list_contracts(w.lead, std::nullopt)), (std::vector<std::int64_t>{a}));
  EXPECT_EQ(ids(store().list_contracts(w.partner, std::nullopt)), (std::vector<std::int64_t>{a, b}));
  EXPECT_EQ(ids(store().list_contracts(std::nullopt, w.provider)), (std::vector<std::int64_t>{a}));
  EXPECT_EQ(ids(store().list_contracts(std::nullopt, w.other_provider)), (std::vector<std::int64_t>{b}));
  EXPECT_EQ(ids(store().list_contracts(w.lead, w.other_provider)), (std::vector<std::int64_t>{}));
  EXPECT_EQ(ids(store().list_contracts(std::nullopt, std::nullopt)), (std::vector<std::int64_t>{a, b}));
}

TEST_P(StoreContract, CommitmentReviewsRoundTripOncePerDate) {
  const auto w = contract_world(store());
  const auto contract = *store().create_contract(ContractCases::soft_block(w.lead, w.partner, w.provider, w.service));
  CommitmentReview r{0,
                     contract,
                     ContractCases::day("2026-07-06"),
                     ContractCases::day("2026-04-06"),
                     13,
                     12,
                     10,
                     9.25,
                     77.1,
                     "lower to 10",
                     false,
                     11,
                     "winter pressures",
                     ContractCases::day("2026-07-08"),
                     7,
                     1795000300};
  const auto id = store().add_commitment_review(r);
  ASSERT_TRUE(id.has_value()) << id.error().message;
  const auto list = store().commitment_reviews(contract);
  ASSERT_EQ(list->size(), 1u);
  const auto& back = list->front();
  EXPECT_EQ(back.id, *id);
  EXPECT_EQ(back.review_date, r.review_date);
  EXPECT_EQ(back.period_from, r.period_from);
  EXPECT_EQ(back.weeks, 13);
  EXPECT_EQ(back.current, 12);
  EXPECT_EQ(back.proposed, 10);
  EXPECT_DOUBLE_EQ(back.average_occupied, 9.25);
  EXPECT_DOUBLE_EQ(back.utilisation_percent, 77.1);
  EXPECT_EQ(back.proposal_reason, "lower to 10");
  EXPECT_FALSE(back.accepted);
  EXPECT_EQ(back.decided, 11);
  EXPECT_EQ(back.reason, "winter pressures");
  EXPECT_EQ(back.decided_on, r.decided_on);
  EXPECT_EQ(back.decided_by, 7);
  EXPECT_EQ(back.decided_at, 1795000300);
  const auto again = store().add_commitment_review(r);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  r.contract_id = 999;
  r.review_date = ContractCases::day("2026-10-05");
  EXPECT_EQ(store().add_commitment_review(r).error().code, ErrorCode::not_found);
}

TEST_P(StoreContract, PlacementsKeepTheirCallOffAndAreListedUnderTheContract) {
  const auto w = contract_world(store());
  const auto contract = *store().create_contract(ContractCases::soft_block(w.lead, w.partner, w.provider, w.service));
  Referral r;
  r.council_id = w.lead;
  r.kinds = {market::KindOfCare::care_home_nursing};
  r.age = 80;
  r.home_district = "B44";
  r.needed_by = ContractCases::day("2026-05-01");
  const auto referral = *store().create_referral(r, PersonalDetails{0, "A Person", "", "", "", ""});
  Offer o;
  o.referral_id = referral;
  o.service_id = w.service;
  o.provider_id = w.provider;
  o.price = Money::from_pence(110000);
  o.start_date = ContractCases::day("2026-05-01");
  const auto offer = *store().create_offer(o);
  Placement p;
  p.referral_id = referral;
  p.council_id = w.lead;
  p.service_id = w.service;
  p.provider_id = w.provider;
  p.offer_id = offer;
  p.start_date = o.start_date;
  p.weekly_cost = o.price;
  p.call_off_model = ContractModel::soft_block;
  p.contract_id = contract;
  p.call_off_reason = "soft_block contract has room";
  p.id = *store().create_placement(p);
  const auto back = store().get_placement(p.id);
  EXPECT_EQ(back->call_off_model, ContractModel::soft_block);
  EXPECT_EQ(back->contract_id, contract);
  EXPECT_EQ(back->call_off_reason, "soft_block contract has room");
  ASSERT_EQ(store().placements_under(contract)->size(), 1u);
  p.call_off_model = ContractModel::spot;
  p.contract_id = std::nullopt;
  ASSERT_TRUE(store().update_placement(p).has_value());
  EXPECT_FALSE(store().get_placement(p.id)->contract_id.has_value());
  EXPECT_TRUE(store().placements_under(contract)->empty());
}

}  // namespace caremarket::storage::contract
