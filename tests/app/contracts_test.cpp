#include <gtest/gtest.h>

#include <latch>
#include <thread>

#include "app/award_call_off.hpp"
#include "app/brokerage.hpp"
#include "app/contracts.hpp"
#include "app_fixture.hpp"

namespace caremarket::app::testing {
namespace {
using storage::Contract;
using storage::ContractModel;
using storage::ContractStatus;

Date day(const char* iso) { return *Date::parse_iso(iso); }

class ContractsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    contracts = std::make_unique<Contracts>(*store);
    brokerage = std::make_unique<Brokerage>(*store, *reg, BrokerageConfig{});
    officer = caller_for(council_org, market::OrganisationKind::council, {"contract_officer"});
    placer = council_caller();
    market::Organisation solihull{0, market::OrganisationKind::council, "Solihull", "E08000029", "", "ons:E08000029"};
    partner_org = store->create_organisation(solihull).value();
    partner = caller_for(partner_org, market::OrganisationKind::council, {"commissioner"});
    a = provider_caller(provider_a);
    b = provider_caller(provider_b);
    home_a = add_home(a, "Oak House", "B44 8DD", 20).service.id;
    home_b = add_home(b, "Elm Court", "B23 5XR", 20).service.id;
    EXPECT_TRUE(reg->set_vacancies(a, home_a, 5));
    EXPECT_TRUE(reg->set_vacancies(b, home_b, 5));
  }

  Contract base(ContractModel model, const std::string& reference) {
    Contract c;
    c.model = model;
    c.reference = reference;
    c.title = "Nursing care, north Birmingham";
    c.kinds = {market::KindOfCare::care_home_nursing};
    c.start = Date::today().plus_days(-60);
    c.end = Date::today().plus_days(700);
    c.notice_days = 90;
    return c;
  }
  Contract block(int places) {
    auto c = base(ContractModel::block, "BCC-B-1");
    c.providers = {provider_a};
    c.services = {{home_a, 0, places}};
    c.unit_price = Money::from_pounds(1000);
    return c;
  }
  Contract soft_block() {
    auto c = base(ContractModel::soft_block, "BCC-SB-1");
    c.providers = {provider_a};
    c.services = {{home_a, 0, 0}};
    c.band_mode = pricing::BandMode::marginal;
    c.bands = {{1, Money::from_pounds(1100)}, {4, Money::from_pounds(1000)}};
    c.committed = 5;
    c.flex_min = 2;
    c.flex_max = 8;
    c.max_step = 2;
    c.target_percent = 100;
    c.review_weeks = 4;
    return c;
  }
  Contract framework() {
    auto c = base(ContractModel::framework, "BCC-F-1");
    c.providers = {provider_a, provider_b};
    c.price_bands = {{market::KindOfCare::care_home_nursing, market::PriceUnit::week, Money::from_pounds(900),
                      Money::from_pounds(1400)}};
    return c;
  }
  Contract dynamic_market() {
    auto c = base(ContractModel::dynamic_market, "BCC-DM-1");
    c.membership_conditions = "Registered with CQC, rated good or outstanding";
    return c;
  }

  Contract live(Contract c) {
    auto created = contracts->create(officer, c);
    EXPECT_TRUE(created) << (created ? "" : created.error().message + " (" + created.error().field + ")");
    auto active =
        contracts->change_status(officer, created->id, {ContractStatus::active, std::nullopt, std::nullopt, ""});
    EXPECT_TRUE(active) << (active ? "" : active.error().message);
    return *active;
  }

  // An urgent referral sent and offered on: the referral and the offer.
  std::pair<std::int64_t, std::int64_t> offered(const Caller& provider, std::int64_t service,
                                                Money price = Money::from_pounds(1200)) {
    ReferralInput in;
    in.kinds = {market::KindOfCare::care_home_nursing};
    in.age = 84;
    in.home_postcode = "B44 9AA";
    in.urgent = true;
    in.person = {0, "Edna Example", "1942-03-01", "", "", ""};
    const auto created = brokerage->create_referral(placer, in).value();
    EXPECT_TRUE(brokerage->send(placer, created.referral.id));
    const auto offer =
        brokerage->make_offer(provider, created.referral.id, {service, price, Date::today().plus_days(1), ""});
    EXPECT_TRUE(offer) << (offer ? "" : offer.error().message);
    return {created.referral.id, offer ? offer->id : 0};
  }

  storage::Placement award_at(const Caller& provider, std::int64_t service, Money price) {
    const auto [referral, offer] = offered(provider, service, price);
    auto placement = brokerage->award(placer, referral, {offer, "", false, false, 0});
    EXPECT_TRUE(placement) << (placement ? "" : placement.error().message);
    return placement ? *placement : storage::Placement{};
  }

  // An urgent referral awarded to the first offer: the placement it makes.
  storage::Placement award_to(const Caller& provider, std::int64_t service) {
    ReferralInput in;
    in.kinds = {market::KindOfCare::care_home_nursing};
    in.age = 84;
    in.home_postcode = "B44 9AA";
    in.urgent = true;
    in.person = {0, "Edna Example", "1942-03-01", "", "", ""};
    const auto created = brokerage->create_referral(placer, in).value();
    EXPECT_TRUE(brokerage->send(placer, created.referral.id));
    const auto offer = brokerage->make_offer(provider, created.referral.id,
                                             {service, Money::from_pounds(1200), Date::today().plus_days(1), ""});
    EXPECT_TRUE(offer) << (offer ? "" : offer.error().message);
    auto placement = brokerage->award(placer, created.referral.id, {offer->id, "", false, false, 0});
    EXPECT_TRUE(placement) << (placement ? "" : placement.error().message);
    return *placement;
  }

  std::unique_ptr<Contracts> contracts;
  std::unique_ptr<Brokerage> brokerage;
  Caller officer, placer, partner, a, b;
  std::int64_t partner_org = 0, home_a = 0, home_b = 0;
};

TEST_F(ContractsTest, CreateIsAuditedAndStartsAsDraft) {
  const auto created = contracts->create(officer, soft_block());
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->status, ContractStatus::draft);
  ASSERT_EQ(created->parties.size(), 1u);
  EXPECT_EQ(created->parties[0].council_id, council_org);   // the caller's council, by default
  EXPECT_EQ(created->services[0].provider_id, provider_a);  // filled from the register
  const auto events = store->audit_for("contract:" + std::to_string(created->id)).value();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "contract.create");
}

TEST_F(ContractsTest, OnlyContractOfficersCreateAndOthersSeeNothing) {
  EXPECT_EQ(contracts->create(placer, soft_block()).error().code, ErrorCode::forbidden);
  EXPECT_EQ(contracts->create(a, soft_block()).error().code, ErrorCode::forbidden);
  const auto id = contracts->create(officer, soft_block())->id;
  EXPECT_TRUE(contracts->get(placer, id));  // the same council reads it
  EXPECT_TRUE(contracts->get(a, id));       // the contract's provider reads it
  EXPECT_TRUE(contracts->get(operator_caller(), id));
  EXPECT_EQ(contracts->get(partner, id).error().code, ErrorCode::not_found);  // another council: not there
  EXPECT_EQ(contracts->get(b, id).error().code, ErrorCode::not_found);        // an unrelated provider: not there
  EXPECT_EQ(contracts->change_status(a, id, {ContractStatus::active, std::nullopt, std::nullopt, ""}).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(contracts->change_status(placer, id, {ContractStatus::active, std::nullopt, std::nullopt, ""}).error().code,
            ErrorCode::forbidden);
  EXPECT_TRUE(contracts->list(partner)->empty());
  EXPECT_TRUE(contracts->list(b)->empty());
  EXPECT_EQ(contracts->list(a)->size(), 1u);
}

TEST_F(ContractsTest, AnAllianceSharesAddUpAndOneCouncilLeads) {
  auto c = framework();
  c.parties = {{council_org, 6000, true}, {partner_org, 3000, false}};
  auto bad = contracts->create(officer, c);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "parties");
  EXPECT_NE(bad.error().message.find("9000"), std::string::npos);
  c.parties = {{council_org, 6000, true}, {partner_org, 4000, true}};
  EXPECT_EQ(contracts->create(officer, c).error().field, "parties");
  c.parties = {{council_org, 6000, false}, {partner_org, 4000, true}};
  const auto made = contracts->create(officer, c);
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_TRUE(contracts->get(partner, made->id));  // every party reads it, and manages it
  EXPECT_TRUE(contracts->change_status(partner, made->id, {ContractStatus::active, std::nullopt, std::nullopt, ""}));
  c.reference = "OTHER";
  c.parties = {{partner_org, 10'000, true}};
  EXPECT_EQ(contracts->create(officer, c).error().field, "parties");  // the creator must be a party
  c.parties = {{council_org, 5000, true}, {provider_a, 5000, false}};
  EXPECT_EQ(contracts->create(officer, c).error().field, "parties[1].council_id");
  EXPECT_EQ(store->list_contracts(std::nullopt, std::nullopt)->size(), 1u);
}

TEST_F(ContractsTest, AFrameworkRunsForFourYearsAtMost) {
  auto c = framework();
  c.start = day("2026-04-01");
  c.end = day("2030-04-01");
  auto too_long = contracts->create(officer, c);
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().field, "end");
  EXPECT_NE(too_long.error().message.find("2030-03-31"), std::string::npos);
  c.end = day("2029-03-31");
  c.extension_options = 2;
  c.extension_months = 7;
  EXPECT_EQ(contracts->create(officer, c).error().field, "extension_options");
  c.extension_options = 1;
  c.extension_months = 12;
  EXPECT_TRUE(contracts->create(officer, c));  // exactly four years with its extension
}

TEST_F(ContractsTest, EveryModelChecksItsOwnFields) {
  auto sb = soft_block();
  sb.committed = 9;
  EXPECT_EQ(contracts->create(officer, sb).error().field, "committed");
  sb = soft_block();
  sb.bands = {{2, Money::from_pounds(1000)}};
  EXPECT_EQ(contracts->create(officer, sb).error().field, "bands");
  auto bl = block(3);
  bl.bands = {{1, Money::from_pounds(1000)}};
  EXPECT_EQ(contracts->create(officer, bl).error().field, "bands");
  bl = block(0);
  EXPECT_EQ(contracts->create(officer, bl).error().field, "services[0].committed");
  bl = block(3);
  bl.services = {{home_b, 0, 3}};  // provider B's home in provider A's block
  EXPECT_EQ(contracts->create(officer, bl).error().field, "services[0].service_id");
  auto dm = dynamic_market();
  dm.membership_conditions = " ";
  EXPECT_EQ(contracts->create(officer, dm).error().field, "membership_conditions");
  auto fw = framework();
  fw.price_bands[0].floor = Money::from_pounds(1500);
  EXPECT_EQ(contracts->create(officer, fw).error().field, "price_bands[0].floor");
  fw = framework();
  fw.end = fw.start.plus_days(-1);
  EXPECT_EQ(contracts->create(officer, fw).error().field, "end");
  EXPECT_TRUE(store->list_contracts(std::nullopt, std::nullopt)->empty());
  ASSERT_TRUE(contracts->create(officer, fw = framework()));
  EXPECT_EQ(contracts->create(officer, fw).error().code, ErrorCode::conflict);  // the same reference
}

TEST_F(ContractsTest, StatusChangesFollowTheAllowedPathsAndTerminationNeedsNotice) {
  const auto c = live(block(2));
  EXPECT_EQ(
      contracts->change_status(officer, c.id, {ContractStatus::draft, std::nullopt, std::nullopt, ""}).error().code,
      ErrorCode::conflict);
  EXPECT_EQ(contracts->change_status(officer, c.id, {ContractStatus::suspended, std::nullopt, std::nullopt, ""})
                .error()
                .field,
            "reason");
  const auto notice = day("2026-12-01");
  auto early =
      contracts->change_status(officer, c.id, {ContractStatus::terminated, day("2027-01-15"), notice, "poor quality"});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().field, "date");
  EXPECT_NE(early.error().message.find("2027-03-01"), std::string::npos);  // 90 days from 1 December
  const auto ended =
      contracts->change_status(officer, c.id, {ContractStatus::terminated, day("2027-03-01"), notice, "poor quality"});
  ASSERT_TRUE(ended) << ended.error().message;
  EXPECT_EQ(ended->status_date, day("2027-03-01"));
  EXPECT_EQ(
      contracts->change_status(officer, c.id, {ContractStatus::active, std::nullopt, std::nullopt, ""}).error().code,
      ErrorCode::conflict);
  const auto events = store->audit_for("contract:" + std::to_string(c.id)).value();
  EXPECT_EQ(events.back().action, "contract.status");
  EXPECT_NE(events.back().detail.find("poor quality"), std::string::npos);
}

TEST_F(ContractsTest, ExtensionsAreTakenOneByOneAndRecorded) {
  auto c = block(2);
  c.extension_options = 1;
  c.extension_months = 12;
  const auto made = live(c);
  const auto extended = contracts->take_extension(officer, made.id, "value for money confirmed");
  ASSERT_TRUE(extended) << extended.error().message;
  ASSERT_EQ(extended->extensions.size(), 1u);
  EXPECT_EQ(extended->extensions[0].from, made.end.plus_days(1));
  EXPECT_EQ(extended->end, add_months(made.end.plus_days(1), 12).plus_days(-1));
  EXPECT_EQ(contracts->take_extension(officer, made.id, "again").error().code, ErrorCode::conflict);
}

TEST_F(ContractsTest, LiveContractsChangeOnlyTheirWords) {
  auto made = live(block(2));
  auto changed = made;
  changed.title = "Renamed";
  ASSERT_TRUE(contracts->update(officer, made.id, changed));
  changed.unit_price = Money::from_pounds(2000);
  EXPECT_EQ(contracts->update(officer, made.id, changed).error().code, ErrorCode::conflict);
  EXPECT_EQ(store->get_contract(made.id)->unit_price, Money::from_pounds(1000));
  EXPECT_EQ(store->get_contract(made.id)->title, "Renamed");
}

TEST_F(ContractsTest, ProvidersApplyToADynamicMarketAndCouncilsAdmitSuspendRemove) {
  const auto dm = live(dynamic_market());
  EXPECT_TRUE(contracts->get(b, dm.id));  // advertised: any provider may read it to apply
  auto applied = contracts->change_member(b, dm.id, {MemberAction::join, 0, day("2026-11-02"), ""});
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(applied->members[0].status, storage::MemberStatus::applied);
  EXPECT_EQ(contracts->change_member(b, dm.id, {MemberAction::join, 0, std::nullopt, ""}).error().code,
            ErrorCode::conflict);
  EXPECT_EQ(contracts->change_member(b, dm.id, {MemberAction::suspend, provider_b, std::nullopt, "x"}).error().code,
            ErrorCode::forbidden);
  auto joined = contracts->change_member(officer, dm.id, {MemberAction::join, provider_b, day("2026-11-09"), ""});
  ASSERT_TRUE(joined) << joined.error().message;
  EXPECT_EQ(joined->members[0].joined_on, day("2026-11-09"));
  EXPECT_EQ(
      contracts->change_member(officer, dm.id, {MemberAction::suspend, provider_b, std::nullopt, ""}).error().field,
      "reason");
  auto suspended = contracts->change_member(
      officer, dm.id, {MemberAction::suspend, provider_b, day("2026-11-20"), "safeguarding concern under review"});
  ASSERT_TRUE(suspended);
  EXPECT_EQ(suspended->members[0].status, storage::MemberStatus::suspended);
  auto removed = contracts->change_member(officer, dm.id,
                                          {MemberAction::remove, provider_b, day("2026-11-30"), "inadequate rating"});
  ASSERT_TRUE(removed);
  EXPECT_EQ(removed->members[0].removed_on, day("2026-11-30"));
  EXPECT_EQ(store->audit_for("contract:" + std::to_string(dm.id))->size(), 6u);
}

TEST_F(ContractsTest, ProvidersSeeTheirOwnFiguresAndMembershipOnly) {
  const auto own_block = live(block(2));
  const auto fw = live(framework());
  EXPECT_TRUE(contracts->utilisation(a, own_block.id, Date::today(), Date::today()));
  EXPECT_EQ(contracts->utilisation(b, own_block.id, Date::today(), Date::today()).error().code, ErrorCode::not_found);
  // A framework's figures would show the other providers' call-offs and prices.
  EXPECT_EQ(contracts->utilisation(a, fw.id, Date::today(), Date::today()).error().code, ErrorCode::forbidden);
  EXPECT_TRUE(contracts->utilisation(officer, fw.id, Date::today(), Date::today()));
  const auto dm = live(dynamic_market());
  ASSERT_TRUE(contracts->change_member(officer, dm.id, {MemberAction::join, provider_a, std::nullopt, ""}));
  const auto as_b = contracts->change_member(b, dm.id, {MemberAction::join, 0, std::nullopt, ""});
  ASSERT_TRUE(as_b);
  ASSERT_EQ(as_b->members.size(), 1u);  // its own application, not provider A's membership
  EXPECT_EQ(as_b->members[0].provider_id, provider_b);
  EXPECT_EQ(contracts->get(a, dm.id)->members.size(), 1u);
  EXPECT_EQ(contracts->get(officer, dm.id)->members.size(), 2u);
  EXPECT_EQ(store->get_contract(dm.id)->members.size(), 2u);  // the filtered view wrote nothing back
}

// --- the call-off at award ----------------------------------------------------

TEST_F(ContractsTest, AwardDrawsOnABlockWithRoomFirst) {
  const auto c = live(block(1));
  ASSERT_TRUE(live(framework()).id);
  const auto first = award_to(a, home_a);
  EXPECT_EQ(first.call_off_model, ContractModel::block);
  EXPECT_EQ(first.contract_id, c.id);
  EXPECT_NE(first.call_off_reason.find("BCC-B-1"), std::string::npos);
  EXPECT_EQ(store->get_placement(first.id)->contract_id, c.id);  // stored, not only returned
  // The block is now full: the next placement there is a framework call-off.
  const auto second = award_to(a, home_a);
  EXPECT_EQ(second.call_off_model, ContractModel::framework);
  EXPECT_NE(second.call_off_reason.find("is full"), std::string::npos);
  const auto events = store->audit_for("contract:" + std::to_string(c.id)).value();
  EXPECT_EQ(events.back().action, "contract.call_off");
}

TEST_F(ContractsTest, AwardDrawsOnASoftBlockWithinItsFlexBand) {
  auto sb = soft_block();
  sb.committed = 2;
  sb.flex_max = 3;
  const auto c = live(sb);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(award_to(a, home_a).contract_id, c.id) << i;
  EXPECT_EQ(award_to(a, home_a).call_off_model, ContractModel::spot);  // committed 2 + flex 1 used up
}

TEST_F(ContractsTest, AwardUsesADynamicMarketOnlyForActiveMembers) {
  const auto dm = live(dynamic_market());
  ASSERT_TRUE(
      contracts->change_member(officer, dm.id, {MemberAction::join, provider_b, Date::today().plus_days(-7), ""}));
  const auto member = award_to(b, home_b);
  EXPECT_EQ(member.call_off_model, ContractModel::dynamic_market);
  EXPECT_EQ(member.contract_id, dm.id);
  ASSERT_TRUE(
      contracts->change_member(officer, dm.id, {MemberAction::suspend, provider_b, std::nullopt, "late returns"}));
  const auto suspended = award_to(b, home_b);
  EXPECT_EQ(suspended.call_off_model, ContractModel::spot);
  EXPECT_NE(suspended.call_off_reason.find("suspended"), std::string::npos);
}

TEST_F(ContractsTest, AwardIsSpotWithoutALiveContract) {
  auto c = block(2);
  const auto draft = contracts->create(officer, c);  // never activated
  ASSERT_TRUE(draft);
  auto other = block(2);
  other.reference = "SOL-B";
  other.parties = {{partner_org, 10'000, true}};
  ASSERT_TRUE(contracts->create(partner, other));
  const auto placement = award_to(a, home_a);
  EXPECT_EQ(placement.call_off_model, ContractModel::spot);
  EXPECT_FALSE(placement.contract_id.has_value());
  EXPECT_NE(placement.call_off_reason.find("spot purchase"), std::string::npos);
}

TEST_F(ContractsTest, AnAllianceContractServesEveryMemberCouncil) {
  auto c = block(2);
  c.parties = {{council_org, 5000, true}, {partner_org, 5000, false}};
  const auto made = live(c);
  EXPECT_EQ(award_to(a, home_a).contract_id, made.id);  // placed by Birmingham, a party
  EXPECT_EQ(route_placement(*store, partner_org, provider_a, home_a, Date::today())->contract_id, made.id);
  EXPECT_FALSE(route_placement(*store, operator_org, provider_a, home_a, Date::today())->contract_id.has_value());
}

TEST_F(ContractsTest, AnOfferOverTheFrameworkCeilingIsBoughtSpotAndTheOfficerSeesWhy) {
  const auto f = live(framework());  // nursing: 900.00 to 1400.00 a week
  const auto within = award_at(a, home_a, Money::from_pounds(1400));
  EXPECT_EQ(within.call_off_model, ContractModel::framework);
  EXPECT_EQ(within.contract_id, f.id);
  const auto over = award_at(a, home_a, Money::from_pence(145000));
  EXPECT_EQ(over.call_off_model, ContractModel::spot);
  EXPECT_FALSE(over.contract_id.has_value());
  EXPECT_NE(over.call_off_reason.find("£1,450.00 a week is over framework " + std::to_string(f.id) +
                                      "'s ceiling of £1,400.00 for care_home_nursing"),
            std::string::npos)
      << over.call_off_reason;
  EXPECT_EQ(store->get_placement(over.id)->call_off_reason, over.call_off_reason) << "stored as the officer saw it";
  const auto events = store->audit_for("referral:" + std::to_string(over.referral_id)).value();
  ASSERT_FALSE(events.empty());
  EXPECT_NE(events.back().detail.find("over framework"), std::string::npos) << "the award's audit entry says why";
}

TEST_F(ContractsTest, AFrameworkTakesOnlyPricesInItsBandAndKindsItBuys) {
  const auto f = live(framework());  // nursing: 900.00 to 1400.00 a week
  const auto dm = live(dynamic_market());
  ASSERT_TRUE(
      contracts->change_member(officer, dm.id, {MemberAction::join, provider_a, Date::today().plus_days(-7), ""}));
  AwardCallOff award{council_org,
                     provider_a,
                     home_a,
                     Date::today(),
                     market::KindOfCare::care_home_nursing,
                     Money::from_pence(89999),
                     market::PriceUnit::week,
                     1,
                     0};
  const auto below = route_award(*store, award);
  ASSERT_TRUE(below);
  EXPECT_EQ(below->contract_id, dm.id) << "below the band: the dynamic market is next";
  EXPECT_NE(below->reason.find("the offer's £899.99 a week is below framework " + std::to_string(f.id) +
                               "'s band of £900.00 to £1,400.00 for care_home_nursing"),
            std::string::npos)
      << below->reason;
  award.price = Money::from_pounds(900);
  const auto at_floor = route_award(*store, award);
  EXPECT_EQ(at_floor->contract_id, f.id);
  EXPECT_NE(at_floor->reason.find("within its band of £900.00 to £1,400.00 for care_home_nursing"), std::string::npos)
      << at_floor->reason;
  award.unit = market::PriceUnit::hour;
  award.price = Money::from_pounds(30);
  const auto hourly = route_award(*store, award);
  EXPECT_EQ(hourly->contract_id, dm.id);
  EXPECT_NE(hourly->reason.find("prices care_home_nursing a week, and the offer is priced an hour"), std::string::npos)
      << hourly->reason;
  award.unit = market::PriceUnit::week;
  award.kind = market::KindOfCare::home_care;
  const auto other_kind = route_award(*store, award);
  EXPECT_EQ(other_kind->model, ContractModel::spot) << other_kind->reason;
  EXPECT_NE(other_kind->reason.find("framework " + std::to_string(f.id) + " does not buy home_care"), std::string::npos)
      << other_kind->reason;
}

TEST_F(ContractsTest, ABlockTakesAPlacementOnlyIfAllItsPlacesFit) {
  const auto c = live(block(1));
  AwardCallOff siblings{council_org,
                        provider_a,
                        home_a,
                        Date::today(),
                        market::KindOfCare::care_home_nursing,
                        Money::from_pounds(1000),
                        market::PriceUnit::week,
                        2,
                        0};
  const auto two = route_award(*store, siblings);
  ASSERT_TRUE(two);
  EXPECT_EQ(two->model, ContractModel::spot);
  EXPECT_NE(two->reason.find("block " + std::to_string(c.id) +
                             " has 1 place(s) free at this service, fewer than the 2 needed"),
            std::string::npos)
      << two->reason;
  siblings.places = 1;
  EXPECT_EQ(route_award(*store, siblings)->contract_id, c.id);
}

TEST_F(ContractsTest, TwoAwardsAtOnceCannotBothTakeTheLastBlockPlace) {
  const auto c = live(block(1));  // one place left
  const auto first = offered(a, home_a);
  const auto second = offered(a, home_a);
  std::optional<Result<storage::Placement>> results[2];
  std::latch ready(2);
  std::thread one([&] {
    ready.arrive_and_wait();
    results[0] = brokerage->award(placer, first.first, {first.second, "", false, false, 0});
  });
  std::thread two([&] {
    ready.arrive_and_wait();
    results[1] = brokerage->award(placer, second.first, {second.second, "", false, false, 0});
  });
  one.join();
  two.join();
  int block_call_offs = 0;
  for (const auto& r : results) {
    ASSERT_TRUE(r.has_value());
    ASSERT_TRUE(*r) << (*r).error().message;
    if ((*r)->call_off_model == ContractModel::block) {
      ++block_call_offs;
      EXPECT_EQ((*r)->contract_id, c.id);
    } else {
      EXPECT_EQ((*r)->call_off_model, ContractModel::spot);
      EXPECT_NE((*r)->call_off_reason.find("block " + std::to_string(c.id) + " is full"), std::string::npos)
          << (*r)->call_off_reason;
    }
  }
  EXPECT_EQ(block_call_offs, 1);
  EXPECT_EQ(store->placements_under(c.id)->size(), 1u);
}

// --- utilisation and reviews -------------------------------------------------

class SoftBlockUseTest : public ContractsTest {
 protected:
  // A soft block from Monday 5 January 2026, reviewed every 4 weeks, with
  // placements drawn on it directly (their start and end dates fixed).
  void SetUp() override {
    ContractsTest::SetUp();
    auto c = soft_block();
    c.start = day("2026-01-05");
    c.end = day("2026-12-27");
    contract = live(c);
    place(day("2026-01-05"), std::nullopt);
    place(day("2026-01-05"), day("2026-01-26"));
    place(day("2026-01-19"), std::nullopt);
  }
  void place(Date start, std::optional<Date> end) {
    storage::Referral r;
    r.council_id = council_org;
    r.kinds = {market::KindOfCare::care_home_nursing};
    r.age = 80;
    r.home_district = "B44";
    r.needed_by = start;
    const auto referral = store->create_referral(r, {0, "P", "", "", "", ""}).value();
    storage::Offer o{0,
                     referral,
                     home_a,
                     provider_a,
                     Money::from_pounds(1100),
                     market::PriceUnit::week,
                     start,
                     "",
                     storage::OfferStatus::accepted,
                     "",
                     0};
    const auto offer = store->create_offer(o).value();
    storage::Placement p;
    p.referral_id = referral;
    p.council_id = council_org;
    p.service_id = home_a;
    p.provider_id = provider_a;
    p.offer_id = offer;
    p.start_date = start;
    p.weekly_cost = o.price;
    p.end_date = end;
    p.status = end ? storage::PlacementStatus::ended : storage::PlacementStatus::active;
    p.call_off_model = ContractModel::soft_block;
    p.contract_id = contract.id;
    ASSERT_TRUE(store->create_placement(p));
  }
  Contract contract;
};

TEST_F(SoftBlockUseTest, WeeklyUtilisationCountsVoidsAndPricesThemFromTheSchedule) {
  const auto u = contracts->utilisation(officer, contract.id, day("2026-01-05"), day("2026-01-26"));
  ASSERT_TRUE(u) << u.error().message;
  ASSERT_EQ(u->weeks.size(), 4u);
  // Marginal bands: places 1-3 at 1100, 4-5 at 1000, so 5 committed cost 5300 a week.
  const std::vector<int> occupied{2, 2, 3, 2};  // the second ends on the 26th; the third starts on the 19th
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(u->weeks[i].committed, 5);
    EXPECT_EQ(u->weeks[i].occupied, occupied[i]) << i;
    EXPECT_EQ(u->weeks[i].voids, 5 - occupied[i]);
    EXPECT_EQ(u->weeks[i].charge, Money::from_pounds(5300));
  }
  // 3 voids of 5 places costing 5300: 3180.00; 2 voids: 2120.00.
  EXPECT_EQ(u->weeks[0].void_cost, Money::from_pounds(3180));
  EXPECT_EQ(u->weeks[2].void_cost, Money::from_pounds(2120));
  EXPECT_EQ(u->voids_total, 11);
  EXPECT_EQ(u->void_cost_total, Money::from_pounds(3180 * 3 + 2120));
  EXPECT_EQ(u->charge_total, Money::from_pounds(5300 * 4));
  EXPECT_DOUBLE_EQ(u->utilisation_percent, 45.0);
  EXPECT_EQ(contracts->utilisation(officer, contract.id, day("2026-02-01"), day("2026-01-01")).error().field, "to");
  EXPECT_EQ(contracts->utilisation(partner, contract.id, day("2026-01-05"), day("2026-01-26")).error().code,
            ErrorCode::not_found);
}

TEST_F(SoftBlockUseTest, AReviewProposesWithinTheRulesAndTheDecisionChangesTheCommitment) {
  const auto view = contracts->reviews(officer, contract.id);
  ASSERT_TRUE(view) << view.error().message;
  ASSERT_TRUE(view->next_review);
  EXPECT_EQ(*view->next_review, day("2026-02-02"));
  ASSERT_TRUE(view->proposal);
  // Average use 2.25 over 4 weeks at a 100% target wants 3; at most 2 a review: 5 -> 3.
  EXPECT_EQ(view->proposal->proposed, 3);
  EXPECT_FALSE(view->provisional);
  ReviewDecision wrong{day("2026-03-02"), true, std::nullopt, "", day("2026-02-03")};
  EXPECT_EQ(contracts->decide_review(officer, contract.id, wrong).error().field, "review_date");
  ReviewDecision out_of_band{day("2026-02-02"), false, 1, "fewer needed", day("2026-02-03")};
  EXPECT_EQ(contracts->decide_review(officer, contract.id, out_of_band).error().field, "commitment");
  ReviewDecision no_reason{day("2026-02-02"), false, 4, "", day("2026-02-03")};
  EXPECT_EQ(contracts->decide_review(officer, contract.id, no_reason).error().field, "reason");
  ReviewDecision other{day("2026-02-02"), false, 4, "winter pressures expected", day("2026-02-09")};
  const auto decided = contracts->decide_review(officer, contract.id, other);
  ASSERT_TRUE(decided) << decided.error().message;
  EXPECT_EQ(decided->proposed, 3);
  EXPECT_EQ(decided->decided, 4);
  EXPECT_EQ(contracts->decide_review(officer, contract.id, other).error().field, "review_date");  // next is 2 March
  // The commitment is 5 until the decision date, then 4.
  const auto u = contracts->utilisation(officer, contract.id, day("2026-02-02"), day("2026-02-09"));
  EXPECT_EQ(u->weeks[0].committed, 5);
  EXPECT_EQ(u->weeks[1].committed, 4);
  EXPECT_EQ(u->weeks[1].charge, Money::from_pounds(4300));  // 3 x 1100 + 1 x 1000
  EXPECT_EQ(store->audit_for("contract:" + std::to_string(contract.id))->back().action, "contract.review");
  EXPECT_EQ(contracts->reviews(officer, contract.id)->next_review, day("2026-03-02"));
  EXPECT_EQ(contracts->decide_review(a, contract.id, other).error().code, ErrorCode::forbidden);
}

}  // namespace
}  // namespace caremarket::app::testing
