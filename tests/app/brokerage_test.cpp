#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <thread>

#include "app/brokerage.hpp"
#include "app_fixture.hpp"

namespace caremarket::app::testing {
namespace {
using storage::ReferralStatus;

nlohmann::json child_document() {
  nlohmann::json risks;
  for (const auto& r : market::known_risks()) risks[r] = "No known risk";
  risks["riskSelfHarm"] = "Risk Present";
  return {{"PlacementAvailability",
           {{"childId", 424242},
            {"neededBy", "in less than 5 days"},
            {"siblingCount", 0},
            {"preferredLocation", "near school in Erdington"}}},
          {"PlacementRequirements",
           {{"communicationNeeds", "N"},
            {"specificCommunicationRequirements", {"None"}},
            {"homeAdaptation", false},
            {"culturalNeeds", "Not required"},
            {"livingCompanions", "No preference"},
            {"pets", "Yes - can"},
            {"additionalSupport", "NA"},
            {"deprivationOfLiberty", false}}},
          {"PlacementRecommendation",
           {{"fosterCareSuitability", "Unsuitable"},
            {"residentialCareSuitability", "Preferred"},
            {"supportedAccommodationSuitability", "Unsuitable"}}},
          {"Risks", risks}};
}

class BrokerageTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    brokerage = std::make_unique<Brokerage>(*store, *reg, BrokerageConfig{});
    officer = council_caller();
    a = provider_caller(provider_a);
    b = provider_caller(provider_b);
    near_home = add_home(a, "Near", "B44 8DD", 10).service.id;
    far_home = add_home(b, "Further", "B31 2TX", 10).service.id;
    full_home = add_home(b, "Full", "B23 5XR", 10).service.id;
    EXPECT_TRUE(reg->set_vacancies(a, near_home, 2));
    EXPECT_TRUE(reg->set_vacancies(b, far_home, 1));
  }

  ReferralInput adult() {
    ReferralInput in;
    in.kinds = {market::KindOfCare::care_home_nursing};
    in.age = 84;
    in.needs = {"dementia"};
    in.home_postcode = "B44 9AA";
    in.max_distance_miles = 20;
    in.person = {0, "Edna Example", "1942-03-01", "9434765919", "", ""};
    return in;
  }

  std::int64_t sent_referral() {
    auto created = brokerage->create_referral(officer, adult());
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    auto sent = brokerage->send(officer, created->referral.id);
    EXPECT_TRUE(sent) << (sent ? "" : sent.error().message);
    return created->referral.id;
  }

  // A children's home of provider A, registered with Ofsted, one place vacant.
  ServiceView add_childrens_home(const std::string& urn, int places) {
    ServiceInput home;
    home.name = "Children's home " + urn;
    home.kind = market::KindOfCare::childrens_home;
    home.regulator = market::Regulator::ofsted;
    home.regulator_id = urn;
    home.postcode = "B44 8DD";
    home.places = places;
    home.age_min = 8;
    home.age_max = 17;
    auto created = reg->create_service(a, home);
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    EXPECT_TRUE(reg->set_vacancies(a, created->service.id, 1));
    return *created;
  }

  ReferralInput child_referral(const std::string& child_id) {
    ReferralInput in;
    in.for_child = true;
    in.age = 14;
    in.home_postcode = "B44 9AA";
    in.pds = child_document();
    in.person = {0, "Child Example", "2012-05-01", "", child_id, ""};
    return in;
  }

  OfferInput offer(std::int64_t service, std::int64_t pounds) {
    return {service, Money::from_pounds(pounds), Date::today().plus_days(3), "respite first week"};
  }

  std::unique_ptr<Brokerage> brokerage;
  Caller officer, a, b;
  std::int64_t near_home = 0, far_home = 0, full_home = 0;
};

TEST_F(BrokerageTest, PreviewExplainsWhoIsAskedAndWhoIsNot) {
  const auto created = brokerage->create_referral(officer, adult());
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->referral.status, ReferralStatus::draft);
  EXPECT_EQ(created->referral.home_district, "B44");
  const auto preview = brokerage->preview(officer, created->referral.id);
  ASSERT_TRUE(preview) << preview.error().message;
  ASSERT_EQ(preview->eligible.size(), 2u);
  EXPECT_EQ(preview->eligible.front().service_id, near_home);
  ASSERT_EQ(preview->excluded.size(), 1u);
  EXPECT_EQ(preview->excluded.front().service_id, full_home);
  EXPECT_EQ(preview->excluded.front().reason, brokerage::ExclusionReason::no_vacancy);
  EXPECT_EQ(preview->weights.quality, 60);
}

TEST_F(BrokerageTest, TheWholeFlowFromReferralToPlacementAndBack) {
  const auto id = sent_referral();
  const auto view = brokerage->council_view(officer, id).value();
  EXPECT_EQ(view.referral.status, ReferralStatus::sent);
  EXPECT_EQ(view.recipients.size(), 2u);
  EXPECT_GT(view.referral.deadline, now_utc());
  EXPECT_EQ(store->inbox(provider_a)->size(), 1u);

  // Before award a provider sees the need, not the person.
  const auto redacted = brokerage->provider_view(a, id).value();
  EXPECT_EQ(redacted.age_band, "75-84");
  EXPECT_EQ(redacted.home_district, "B44");
  EXPECT_FALSE(redacted.person.has_value());
  EXPECT_EQ(brokerage->personal_details(a, id, "").error().code, ErrorCode::forbidden);

  const auto cheap = brokerage->make_offer(b, id, offer(far_home, 900));
  ASSERT_TRUE(cheap) << cheap.error().message;
  const auto dear = brokerage->make_offer(a, id, offer(near_home, 1400));
  ASSERT_TRUE(dear) << dear.error().message;
  EXPECT_EQ(brokerage->make_offer(a, id, offer(near_home, 1300)).error().code, ErrorCode::conflict);

  // Everyone answered: the offers can be ranked before the deadline.
  const auto ranking = brokerage->rank_offers(officer, id);
  ASSERT_TRUE(ranking) << ranking.error().message;
  ASSERT_EQ(ranking->offers.size(), 2u);
  EXPECT_EQ(brokerage->council_view(officer, id)->referral.status, ReferralStatus::offers);
  const auto top = ranking->offers.front().offer;
  const auto second = ranking->offers.back().offer;

  // Not the top-ranked offer: a reason is required.
  AwardInput award{second.id, "", true, false, 0};
  EXPECT_EQ(brokerage->award(officer, id, award).error().field, "reason");
  award.reason = "the family can visit by bus";
  const int before = store->get_service(second.service_id)->vacancies;
  const auto placement = brokerage->award(officer, id, award);
  ASSERT_TRUE(placement) << placement.error().message;
  EXPECT_EQ(store->get_service(second.service_id)->vacancies, before - 1);
  EXPECT_EQ(reg->service(second.service_id)->vacancies, before - 1);  // the index follows
  EXPECT_EQ(placement->weekly_cost, second.price);
  EXPECT_EQ(store->get_offer(top.id)->status, storage::OfferStatus::not_selected);
  EXPECT_FALSE(store->get_offer(top.id)->feedback.empty());

  // Now, and only now, the awarded provider sees the person.
  const auto& awarded = second.provider_id == provider_a ? a : b;
  const auto& other = second.provider_id == provider_a ? b : a;
  const auto person = brokerage->personal_details(awarded, id, "");
  ASSERT_TRUE(person) << person.error().message;
  EXPECT_EQ(person->name, "Edna Example");
  EXPECT_EQ(brokerage->personal_details(other, id, "").error().code, ErrorCode::forbidden);
  EXPECT_FALSE(brokerage->provider_view(other, id)->person.has_value());

  // The Placements Data Standard describes children's placements, not adults'.
  EXPECT_EQ(brokerage->export_placement(officer, placement->id).error().code, ErrorCode::invalid_input);
  EXPECT_EQ(brokerage->export_referral(officer, id).error().code, ErrorCode::invalid_input);

  const auto ended = brokerage->end_placement(officer, placement->id, Date::today().plus_days(30), "planned_move");
  ASSERT_TRUE(ended) << ended.error().message;
  EXPECT_EQ(store->get_service(second.service_id)->vacancies, before);

  std::vector<std::string> actions;
  for (const auto& e : brokerage->history(officer, id).value()) actions.push_back(e.action);
  for (const std::string expected : {"referral.create", "referral.send", "offer.make", "offers.rank", "referral.award",
                                     "personal_details.read", "placement.end"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), expected), actions.end()) << expected;
  }
}

TEST_F(BrokerageTest, OtherCouncilsCannotSeeAReferralAtAll) {
  const auto id = sent_referral();
  market::Organisation solihull{0, market::OrganisationKind::council, "Solihull", "E08000029", "", "ons:E08000029"};
  const auto other_council = store->create_organisation(solihull).value();
  const auto stranger = caller_for(other_council, market::OrganisationKind::council, {"placement_officer"});
  EXPECT_EQ(brokerage->council_view(stranger, id).error().code, ErrorCode::not_found);
  EXPECT_EQ(brokerage->personal_details(stranger, id, "").error().code, ErrorCode::not_found);
  EXPECT_EQ(brokerage->history(stranger, id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(brokerage->council_referrals(stranger)->empty());
}

TEST_F(BrokerageTest, AProviderNotAskedCannotSeeOrOffer) {
  ServiceInput in;
  in.name = "Residential only";
  in.kind = market::KindOfCare::care_home_residential;
  in.postcode = "B44 8DD";
  market::Organisation c{0, market::OrganisationKind::provider, "Provider C", "", "", "test:c"};
  const auto provider_c = store->create_organisation(c).value();
  const auto pc = provider_caller(provider_c);
  const auto service = reg->create_service(pc, in).value();
  const auto id = sent_referral();
  EXPECT_EQ(brokerage->provider_view(pc, id).error().code, ErrorCode::not_found);
  EXPECT_FALSE(brokerage->make_offer(pc, id, offer(service.service.id, 900)));
  EXPECT_TRUE(brokerage->provider_referrals(pc)->empty());
}

TEST_F(BrokerageTest, OperatorReadsPersonalDetailsOnlyWithAReason) {
  const auto id = sent_referral();
  const auto op = operator_caller();
  EXPECT_EQ(brokerage->personal_details(op, id, "").error().field, "reason");
  const auto person = brokerage->personal_details(op, id, "complaint investigation ref 2026/114");
  ASSERT_TRUE(person);
  const auto events = store->audit_for("referral:" + std::to_string(id)).value();
  EXPECT_EQ(events.back().action, "personal_details.read");
  EXPECT_NE(events.back().detail.find("complaint investigation"), std::string::npos);
}

TEST_F(BrokerageTest, RankingWaitsForTheDeadlineUnlessAllHaveAnswered) {
  const auto id = sent_referral();
  ASSERT_TRUE(brokerage->make_offer(a, id, offer(near_home, 1000)));
  EXPECT_EQ(brokerage->rank_offers(officer, id).error().code, ErrorCode::conflict);
  ASSERT_TRUE(brokerage->decline(b, id, far_home, "no nursing staff for dementia at night"));
  EXPECT_TRUE(brokerage->rank_offers(officer, id));
}

TEST_F(BrokerageTest, NoOffersClosesTheReferral) {
  const auto id = sent_referral();
  ASSERT_TRUE(brokerage->decline(a, id, near_home, "full from next week"));
  ASSERT_TRUE(brokerage->decline(b, id, far_home, "cannot meet the need"));
  const auto ranking = brokerage->rank_offers(officer, id);
  ASSERT_TRUE(ranking);
  EXPECT_TRUE(ranking->offers.empty());
  EXPECT_EQ(brokerage->council_view(officer, id)->referral.status, ReferralStatus::closed);
}

TEST_F(BrokerageTest, UrgentReferralsMayTakeTheFirstSuitableOffer) {
  auto in = adult();
  in.urgent = true;
  const auto created = brokerage->create_referral(officer, in).value();
  const auto sent = brokerage->send(officer, created.referral.id).value();
  EXPECT_LE(sent.referral.deadline, now_utc() + 2 * 3600);
  const auto first = brokerage->make_offer(a, created.referral.id, offer(near_home, 1500)).value();
  const auto placement = brokerage->award(officer, created.referral.id, {first.id, "", false, false, 0});
  ASSERT_TRUE(placement) << placement.error().message;
}

// Awards at one moment for different referrals, one vacancy at the
// service: the vacancy is checked and taken inside the award's transaction,
// so exactly one placement is made and every other award is a conflict.
TEST_F(BrokerageTest, AwardsRacingForTheLastPlaceMakeExactlyOnePlacement) {
  constexpr int kRounds = 4;
  constexpr int kAwards = 6;
  int over_booked_rounds = 0;
  for (int round = 0; round < kRounds; ++round) {
    ASSERT_TRUE(reg->set_vacancies(a, near_home, 2));
    std::vector<std::pair<std::int64_t, std::int64_t>> referral_offer;
    for (int i = 0; i < kAwards; ++i) {
      auto in = adult();
      in.urgent = true;  // awarded at the first suitable offer, no deadline to wait for
      const auto created = brokerage->create_referral(officer, in).value();
      ASSERT_TRUE(brokerage->send(officer, created.referral.id));
      const auto made = brokerage->make_offer(a, created.referral.id, offer(near_home, 1500 + i)).value();
      referral_offer.emplace_back(created.referral.id, made.id);
    }
    ASSERT_TRUE(reg->set_vacancies(a, near_home, 1));
    const auto before = store->placements(council_org, std::nullopt)->size();
    std::barrier start(kAwards);
    std::atomic<int> placed{0}, conflicts{0}, other{0};
    std::vector<std::thread> threads;
    for (const auto& [referral, offer_id] : referral_offer) {
      threads.emplace_back([&, referral = referral, offer_id = offer_id] {
        start.arrive_and_wait();
        const auto result = brokerage->award(officer, referral, {offer_id, "", false, false, 0});
        if (result) ++placed;
        else if (result.error().code == ErrorCode::conflict) ++conflicts;
        else ++other;
      });
    }
    for (auto& t : threads) t.join();
    SCOPED_TRACE("round " + std::to_string(round));
    EXPECT_EQ(placed.load(), 1);
    EXPECT_EQ(conflicts.load(), kAwards - 1);
    EXPECT_EQ(other.load(), 0);
    const auto made = store->placements(council_org, std::nullopt)->size() - before;
    EXPECT_EQ(made, 1u) << "placements made for one place";
    if (made > 1) ++over_booked_rounds;
    EXPECT_EQ(store->get_service(near_home)->vacancies, 0);
    EXPECT_EQ(reg->service(near_home)->vacancies, 0) << "memory and the database disagree";
  }
  EXPECT_EQ(over_booked_rounds, 0);
}

// Two awards of one referral at once (its two offers, room at both
// services): the referral's state is read again inside the transaction, so
// only one placement is made and one vacancy taken.
TEST_F(BrokerageTest, TwoAwardsOfOneReferralAtOnceMakeOnePlacement) {
  for (int round = 0; round < 4; ++round) {
    ASSERT_TRUE(reg->set_vacancies(a, near_home, 2));
    ASSERT_TRUE(reg->set_vacancies(b, far_home, 2));
    auto in = adult();
    in.urgent = true;
    const auto created = brokerage->create_referral(officer, in).value();
    ASSERT_TRUE(brokerage->send(officer, created.referral.id));
    const auto first = brokerage->make_offer(a, created.referral.id, offer(near_home, 1500)).value();
    const auto second = brokerage->make_offer(b, created.referral.id, offer(far_home, 1400)).value();
    std::barrier start(2);
    std::atomic<int> placed{0}, conflicts{0};
    std::vector<std::thread> threads;
    for (const auto offer_id : {first.id, second.id}) {
      threads.emplace_back([&, offer_id] {
        start.arrive_and_wait();
        const auto result =
            brokerage->award(officer, created.referral.id, {offer_id, "urgent: first suitable", false, false, 0});
        if (result) ++placed;
        else if (result.error().code == ErrorCode::conflict) ++conflicts;
      });
    }
    for (auto& t : threads) t.join();
    SCOPED_TRACE("round " + std::to_string(round));
    EXPECT_EQ(placed.load(), 1);
    EXPECT_EQ(conflicts.load(), 1);
    int placements = 0;
    const auto all = store->placements(council_org, std::nullopt).value();
    for (const auto& p : all) placements += p.referral_id == created.referral.id;
    EXPECT_EQ(placements, 1);
    EXPECT_EQ(store->get_service(near_home)->vacancies + store->get_service(far_home)->vacancies, 3)
        << "one place taken, not two";
  }
}

TEST_F(BrokerageTest, WithdrawnOffersCannotBeAwardedAndWithdrawalNeedsAReason) {
  const auto id = sent_referral();
  const auto made = brokerage->make_offer(a, id, offer(near_home, 1000)).value();
  EXPECT_EQ(brokerage->withdraw_offer(b, made.id).error().code, ErrorCode::not_found);
  ASSERT_TRUE(brokerage->withdraw_offer(a, made.id));
  EXPECT_EQ(brokerage->withdraw_referral(officer, id, " ").error().field, "reason");
  ASSERT_TRUE(brokerage->withdraw_referral(officer, id, "the family arranged care themselves"));
  EXPECT_EQ(brokerage->council_view(officer, id)->referral.status, ReferralStatus::withdrawn);
  EXPECT_EQ(brokerage->send(officer, id).error().code, ErrorCode::conflict);
}

TEST_F(BrokerageTest, BadReferralsAreRefusedAndNothingIsStored) {
  auto in = adult();
  in.home_postcode = "B44";
  EXPECT_EQ(brokerage->create_referral(officer, in).error().field, "home_postcode");
  in = adult();
  in.person.name = " ";
  EXPECT_EQ(brokerage->create_referral(officer, in).error().field, "person.name");
  in = adult();
  in.needs = {"flying"};
  EXPECT_EQ(brokerage->create_referral(officer, in).error().field, "needs");
  in = adult();
  in.age = 12;
  EXPECT_EQ(brokerage->create_referral(officer, in).error().field, "age");
  EXPECT_EQ(brokerage->create_referral(a, adult()).error().code, ErrorCode::forbidden);
  EXPECT_TRUE(store->referrals_of_council(council_org)->empty());
}

TEST_F(BrokerageTest, AChildReferralUsesThePlacementsDataStandard) {
  const auto created = add_childrens_home("SC123456", 3);
  const auto in = child_referral("BCC-000123");
  const auto referral = brokerage->create_referral(officer, in);
  ASSERT_TRUE(referral) << referral.error().message;
  EXPECT_EQ(referral->referral.kinds, std::vector<market::KindOfCare>{market::KindOfCare::childrens_home});
  const auto preview = brokerage->preview(officer, referral->referral.id).value();
  ASSERT_EQ(preview.excluded.size(), 1u);  // the home does not manage self-harm
  EXPECT_EQ(preview.excluded.front().reason, brokerage::ExclusionReason::risks);

  const auto exported = brokerage->export_referral(officer, referral->referral.id);
  ASSERT_TRUE(exported) << exported.error().message;
  EXPECT_EQ(*exported, child_document());

  // Once the home says it manages self-harm it is asked, and the placement
  // leaves as a Placements Data Standard document.
  ServiceInput manages;
  manages.risks_accepted = std::vector<std::string>{"riskSelfHarm"};
  ASSERT_TRUE(reg->update_service(a, created.service.id, manages));
  ASSERT_TRUE(brokerage->send(officer, referral->referral.id));
  const auto made = brokerage->make_offer(a, referral->referral.id, offer(created.service.id, 4200));
  ASSERT_TRUE(made) << made.error().message;
  ASSERT_TRUE(brokerage->rank_offers(officer, referral->referral.id));
  const auto placement = brokerage->award(officer, referral->referral.id, {made->id, "", true, true, 0});
  ASSERT_TRUE(placement) << placement.error().message;
  const auto outcome = brokerage->export_placement(officer, placement->id);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_EQ(outcome->at("ActualPlacement").at("totalWeeklyCost"), 4200);
  EXPECT_EQ(outcome->at("ActualPlacement").at("providerURN"), "SC123456");
  EXPECT_EQ(outcome->at("ActualPlacement").at("placementType"), "Residential");
  EXPECT_EQ(outcome->at("ActualPlacement").at("educationContinuity"), true);

  auto bad = in;
  bad.pds["PlacementRequirements"]["pets"] = "Maybe";
  const auto refused = brokerage->create_referral(officer, bad);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("Yes - must"), std::string::npos);  // names the allowed values
}

TEST_F(BrokerageTest, APlacementAgreedElsewhereIsRecordedFromItsStandardDocument) {
  const auto service = add_childrens_home("2590934", 2);
  const auto referral = brokerage->create_referral(officer, child_referral("BCC-000124")).value();
  nlohmann::json document{{"ActualPlacement",
                           {{"totalWeeklyCost", 4350},
                            {"placementLocation", "Birmingham"},
                            {"preferabilityLocation", true},
                            {"educationContinuity", true},
                            {"providerURN", "2590934"},
                            {"siblingsPlacedTogether", 0},
                            {"placementType", "Residential"}}},
                          {"QualityAssurance",
                           {{"referralDate", "2026-11-20"},
                            {"placementOfficerName", "A. Officer"},
                            {"placementDate", Date::today().to_string()},
                            {"costDate", Date::today().to_string()}}}};
  auto wrong = document;
  wrong["ActualPlacement"]["providerURN"] = "9999999";
  EXPECT_EQ(brokerage->import_placement(officer, referral.referral.id, wrong).error().field,
            "ActualPlacement.providerURN");
  const auto placement = brokerage->import_placement(officer, referral.referral.id, document);
  ASSERT_TRUE(placement) << placement.error().message;
  EXPECT_EQ(placement->weekly_cost, Money::from_pounds(4350));
  EXPECT_EQ(store->get_service(service.service.id)->vacancies, 0);
  EXPECT_EQ(brokerage->council_view(officer, referral.referral.id)->referral.status, ReferralStatus::awarded);
  const auto exported = brokerage->export_placement(officer, placement->id).value();
  EXPECT_EQ(exported.at("ActualPlacement").at("totalWeeklyCost"), 4350);
  EXPECT_EQ(exported.at("ActualPlacement").at("providerURN"), "2590934");
  EXPECT_EQ(brokerage->import_placement(officer, referral.referral.id, document).error().code, ErrorCode::conflict);
}

TEST(AgeBand, HidesTheExactAge) {
  EXPECT_EQ(age_band(14), "13-15");
  EXPECT_EQ(age_band(17), "16-17");
  EXPECT_EQ(age_band(30), "25-34");
  EXPECT_EQ(age_band(84), "75-84");
  EXPECT_EQ(age_band(96), "85+");
}

// The clock Application hands the services: a test moves it instead of
// waiting out a referral's 24 hours.
class BrokerageClockTest : public BrokerageTest {
 protected:
  void SetUp() override {
    BrokerageTest::SetUp();
    brokerage = std::make_unique<Brokerage>(*store, *reg, BrokerageConfig{}, Clock([this] { return now; }));
  }
  Timestamp now = now_utc();
};

TEST_F(BrokerageClockTest, OffersAreRankedOnceTheWindowHasClosedOnTheServicesClock) {
  const auto created = brokerage->create_referral(officer, adult());
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(created->referral.created_at, now);
  ASSERT_TRUE(brokerage->send(officer, created->referral.id));
  const auto id = created->referral.id;
  const auto deadline = brokerage->council_view(officer, id)->referral.deadline;
  EXPECT_GT(deadline, now);
  ASSERT_TRUE(brokerage->make_offer(a, id, offer(near_home, 1200)));
  // One of two services has answered and the window is open: not yet.
  EXPECT_EQ(brokerage->rank_offers(officer, id).error().code, ErrorCode::conflict);
  now = deadline - 1;
  EXPECT_EQ(brokerage->rank_offers(officer, id).error().code, ErrorCode::conflict);
  now = deadline;
  const auto ranking = brokerage->rank_offers(officer, id);
  ASSERT_TRUE(ranking) << ranking.error().message;
  EXPECT_EQ(ranking->offers.size(), 1u);
}

}  // namespace
}  // namespace caremarket::app::testing
