// Regional allocation use cases on a real (in-memory) store: a proposal
// across an alliance, who sees it, confirming sends each match to its one
// service through brokerage, declined matches come back next run, stale
// matches are not sent, block places are used.
#include <gtest/gtest.h>

#include "app/allocation.hpp"
#include "app_fixture.hpp"

namespace caremarket::app::testing {
namespace {
using storage::MatchStatus;
using storage::ReferralStatus;

class AllocationTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    brokerage = std::make_unique<Brokerage>(*store, *reg, BrokerageConfig{});
    allocation = std::make_unique<Allocation>(*store, *reg, *brokerage);
    market::Organisation solihull{0, market::OrganisationKind::council, "Solihull", "E08000029", "", "ons:E08000029"};
    solihull_org = store->create_organisation(solihull).value();
    market::Organisation coventry{0, market::OrganisationKind::council, "Coventry", "E08000026", "", "ons:E08000026"};
    coventry_org = store->create_organisation(coventry).value();
    officer = council_caller();
    solihull_officer = caller_for(solihull_org, market::OrganisationKind::council, {"placement_officer"});
    coventry_officer = caller_for(coventry_org, market::OrganisationKind::council, {"placement_officer"});
    a = provider_caller(provider_a);
    b = provider_caller(provider_b);
    near_home = add_home(a, "Near", "B44 8DD", 10).service.id;
    far_home = add_home(b, "Further", "B31 2TX", 10).service.id;
    full_home = add_home(b, "Full", "B23 5XR", 10).service.id;
    EXPECT_TRUE(reg->set_vacancies(a, near_home, 2));
    EXPECT_TRUE(reg->set_vacancies(b, far_home, 1));
    alliance = allocation->create_alliance(operator_caller(), "Birmingham and Solihull", {council_org, solihull_org})
                   .value()
                   .id;
  }

  std::int64_t draft(const Caller& council, const std::string& name) {
    ReferralInput in;
    in.kinds = {market::KindOfCare::care_home_nursing};
    in.age = 84;
    in.needs = {"dementia"};
    in.home_postcode = "B44 9AA";
    in.max_distance_miles = 20;
    in.person = {0, name, "1942-03-01", "9434765919", "", ""};
    auto created = brokerage->create_referral(council, in);
    EXPECT_TRUE(created) << (created ? "" : created.error().message);
    return created ? created->referral.id : 0;
  }

  const storage::ProposedMatch& match_of(const AllocationRunView& v, std::int64_t referral) {
    for (const auto& m : v.matches)
      if (m.referral_id == referral) return m;
    throw std::runtime_error("no match");
  }

  std::unique_ptr<Brokerage> brokerage;
  std::unique_ptr<Allocation> allocation;
  std::int64_t solihull_org = 0, coventry_org = 0, alliance = 0;
  Caller officer, solihull_officer, coventry_officer, a, b;
  std::int64_t near_home = 0, far_home = 0, full_home = 0;
};

TEST_F(AllocationTest, ProposalAcrossTheAllianceAndConfirmSendsEachMatchToItsService) {
  const auto r1 = draft(officer, "Ann One"), r2 = draft(officer, "Bob Two"), r3 = draft(solihull_officer, "Cy Three");
  const auto run = allocation->run(officer, {alliance, {}, true});
  ASSERT_TRUE(run) << run.error().message;
  ASSERT_EQ(run->matches.size(), 3u);
  EXPECT_EQ(run->run.councils, (std::vector<std::int64_t>{council_org, solihull_org}));
  const auto summary = nlohmann::json::parse(run->run.summary_json);
  EXPECT_TRUE(summary.at("optimal").get<bool>());
  EXPECT_EQ(summary.at("places_placed"), 3);  // two at the near home, one further
  EXPECT_EQ(summary.at("councils").size(), 2u);
  for (const auto& m : run->matches) {
    EXPECT_EQ(m.status, MatchStatus::proposed);
    EXPECT_TRUE(m.service_id == near_home || m.service_id == far_home);
    const auto e = nlohmann::json::parse(m.explanation_json);
    EXPECT_TRUE(e.at("placed").get<bool>());
    EXPECT_EQ(e.at("chosen").at("service_id"), m.service_id);
    // No personal details in a proposal.
    EXPECT_EQ(m.explanation_json.find("9434765919"), std::string::npos);
  }
  // Nothing reaches a provider before confirmation.
  EXPECT_TRUE(brokerage->inbox(a).value().empty());
  EXPECT_TRUE(brokerage->inbox(b).value().empty());

  const auto confirmed = allocation->confirm(officer, run->run.id, {});
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(confirmed->run.status, storage::AllocationRunStatus::confirmed);
  for (const auto id : {r1, r2}) {
    const auto& m = match_of(*confirmed, id);
    EXPECT_EQ(m.status, MatchStatus::sent);
    const auto view = brokerage->council_view(officer, id).value();
    EXPECT_EQ(view.referral.status, ReferralStatus::sent);
    ASSERT_EQ(view.recipients.size(), 1u);  // sent to its one service, not to the market
    EXPECT_EQ(view.recipients.front().service_id, m.service_id);
  }
  // Solihull's match is Solihull's to confirm.
  EXPECT_EQ(match_of(*confirmed, r3).status, MatchStatus::proposed);
  EXPECT_EQ(store->get_referral(r3).value().status, ReferralStatus::draft);
  // Confirming again: nothing of Birmingham's left to send.
  EXPECT_EQ(allocation->confirm(officer, run->run.id, {}).error().code, ErrorCode::conflict);
  // Naming another council's referral is refused, and nothing is sent.
  EXPECT_EQ(allocation->confirm(officer, run->run.id, {r3}).error().code, ErrorCode::invalid_input);
  EXPECT_EQ(store->get_referral(r3).value().status, ReferralStatus::draft);
  ASSERT_TRUE(allocation->confirm(solihull_officer, run->run.id, {r3}));
  EXPECT_EQ(store->get_referral(r3).value().status, ReferralStatus::sent);

  std::vector<std::string> actions;
  for (const auto& e : store->audit_for("allocation:" + std::to_string(run->run.id)).value())
    actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"allocation.run", "allocation.confirm", "allocation.confirm"}));
}

TEST_F(AllocationTest, OnlyTheCouncilsInAProposalAndTheOperatorSeeIt) {
  draft(officer, "Ann One");
  const auto run = allocation->run(officer, {0, {}, true}).value();  // Birmingham alone
  EXPECT_EQ(run.run.councils, (std::vector<std::int64_t>{council_org}));
  EXPECT_TRUE(allocation->show(officer, run.run.id));
  EXPECT_TRUE(allocation->show(operator_caller(), run.run.id));
  EXPECT_EQ(allocation->show(solihull_officer, run.run.id).error().code,
            ErrorCode::not_found);  // in the alliance, but no referral in it
  EXPECT_EQ(allocation->show(coventry_officer, run.run.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(allocation->show(a, run.run.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(allocation->runs(a).error().code, ErrorCode::forbidden);
  EXPECT_EQ(allocation->runs(officer).value().size(), 1u);
  EXPECT_TRUE(allocation->runs(solihull_officer).value().empty());
  EXPECT_EQ(allocation->runs(operator_caller()).value().size(), 1u);
  EXPECT_EQ(allocation->confirm(solihull_officer, run.run.id, {}).error().code, ErrorCode::not_found);
  // Running needs an officer of a member council.
  EXPECT_EQ(allocation->run(a, {0, {}, true}).error().code, ErrorCode::forbidden);
  EXPECT_EQ(allocation->run(coventry_officer, {alliance, {}, true}).error().code, ErrorCode::not_found);
  EXPECT_EQ(allocation->run(operator_caller(), {0, {}, true}).error().code, ErrorCode::forbidden);
  // Coventry has nobody waiting.
  EXPECT_EQ(allocation->run(coventry_officer, {0, {}, true}).error().code, ErrorCode::conflict);
  // Views are audited.
  bool viewed = false;
  for (const auto& e : store->audit_for("allocation:" + std::to_string(run.run.id)).value())
    viewed = viewed || e.action == "allocation.view";
  EXPECT_TRUE(viewed);
}

TEST_F(AllocationTest, ADeclinedMatchComesBackWithoutThatService) {
  const auto r = draft(officer, "Ann One");
  const auto run = allocation->run(officer, {0, {}, true}).value();
  const auto first = match_of(run, r).service_id;
  EXPECT_EQ(first, near_home);
  ASSERT_TRUE(allocation->confirm(officer, run.run.id, {r}));
  ASSERT_TRUE(brokerage->decline(a, r, near_home, "no room for dementia care this month"));
  const auto again = allocation->run(officer, {0, {}, true});
  ASSERT_TRUE(again) << again.error().message;
  const auto& m = match_of(*again, r);
  EXPECT_EQ(m.service_id, far_home);
  const auto e = nlohmann::json::parse(m.explanation_json);
  bool said = false;
  for (const auto& n : e.at("nearer"))
    said = said || (n.at("service_id") == near_home && n.at("why") == "declined_before");
  EXPECT_TRUE(said) << e.dump();
  ASSERT_TRUE(allocation->confirm(officer, again->run.id, {r}));
  const auto view = brokerage->council_view(officer, r).value();
  EXPECT_EQ(view.recipients.size(), 2u);  // the decline is kept; the new service asked
}

TEST_F(AllocationTest, AMatchWhoseServiceFilledIsStaleAndNotSent) {
  const auto r = draft(officer, "Ann One");
  const auto run = allocation->run(officer, {0, {}, true}).value();
  ASSERT_EQ(match_of(run, r).service_id, near_home);
  ASSERT_TRUE(reg->set_vacancies(a, near_home, 0));
  const auto confirmed = allocation->confirm(officer, run.run.id, {});
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(match_of(*confirmed, r).status, MatchStatus::stale);
  EXPECT_FALSE(match_of(*confirmed, r).outcome.empty());
  EXPECT_EQ(store->get_referral(r).value().status, ReferralStatus::draft);
  EXPECT_EQ(confirmed->run.status, storage::AllocationRunStatus::proposed);
}

TEST_F(AllocationTest, CommittedBlockPlacesAreUsedAndSent) {
  const auto r = draft(officer, "Ann One");
  ASSERT_TRUE(reg->set_vacancies(a, near_home, 0));
  ASSERT_TRUE(reg->set_vacancies(b, far_home, 0));
  // No vacancy anywhere, but Birmingham has paid for an empty place at Full.
  const auto run = allocation->run(officer, {0, {{council_org, full_home, 1}}, true});
  ASSERT_TRUE(run) << run.error().message;
  const auto& m = match_of(*run, r);
  ASSERT_EQ(m.service_id, full_home);
  EXPECT_EQ(nlohmann::json::parse(m.explanation_json).at("chosen").at("place_kind"), "block");
  const auto confirmed = allocation->confirm(officer, run->run.id, {});
  ASSERT_TRUE(confirmed) << confirmed.error().message;
  EXPECT_EQ(match_of(*confirmed, r).status, MatchStatus::sent);
  // Block places must be a member council's, at a service that exists.
  EXPECT_EQ(allocation->run(officer, {0, {{solihull_org, full_home, 1}}, true}).error().code, ErrorCode::invalid_input);
  EXPECT_EQ(allocation->run(officer, {0, {{council_org, 999999, 1}}, true}).error().code, ErrorCode::invalid_input);
}

TEST_F(AllocationTest, OnlyTheOperatorRecordsAlliances) {
  EXPECT_EQ(allocation->create_alliance(officer, "Mine", {council_org, coventry_org}).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(allocation->create_alliance(operator_caller(), "Alone", {council_org}).error().code,
            ErrorCode::invalid_input);
  EXPECT_EQ(allocation->create_alliance(operator_caller(), "Twice", {council_org, council_org}).error().code,
            ErrorCode::invalid_input);
  EXPECT_EQ(allocation->create_alliance(operator_caller(), "With a provider", {council_org, provider_a}).error().code,
            ErrorCode::invalid_input);
  EXPECT_EQ(allocation->alliances(officer).value().size(), 1u);
  EXPECT_TRUE(allocation->alliances(coventry_officer).value().empty());
  EXPECT_EQ(allocation->alliances(a).error().code, ErrorCode::forbidden);
}

}  // namespace
}  // namespace caremarket::app::testing
