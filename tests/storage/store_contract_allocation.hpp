#pragma once
// The storage contract for the allocation area (included by store_contract.hpp).
#include "storage/store.hpp"

namespace caremarket::storage::contract {

TEST_P(StoreContract, AlliancesRoundTripAndListByMember) {
  const auto a =
      store().create_organisation(organisation("ons:E1", "Council one", market::OrganisationKind::council)).value();
  const auto b =
      store().create_organisation(organisation("ons:E2", "Council two", market::OrganisationKind::council)).value();
  const auto c =
      store().create_organisation(organisation("ons:E3", "Council three", market::OrganisationKind::council)).value();
  const auto id = store().create_alliance({0, "West Midlands", {b, a}, 77}).value();
  const auto other = store().create_alliance({0, "Two and three", {b, c}, 78}).value();
  const auto got = store().get_alliance(id).value();
  EXPECT_EQ(got.name, "West Midlands");
  EXPECT_EQ(got.members, (std::vector<std::int64_t>{std::min(a, b), std::max(a, b)}));
  EXPECT_EQ(got.created_at, 77);
  EXPECT_EQ(store().alliances_of(a).value().size(), 1u);
  EXPECT_EQ(store().alliances_of(b).value().size(), 2u);
  EXPECT_EQ(store().alliances_of(0).value().size(), 2u);
  EXPECT_EQ(store().alliances_of(c).value().front().id, other);
  EXPECT_EQ(store().get_alliance(999).error().code, ErrorCode::not_found);
  // The name is unique.
  EXPECT_EQ(store().create_alliance({0, "West Midlands", {a, c}, 79}).error().code, ErrorCode::conflict);
}

TEST_P(StoreContract, AllianceMembersMustBeCouncilsAndNothingIsHalfWritten) {
  const auto a =
      store().create_organisation(organisation("ons:E1", "Council one", market::OrganisationKind::council)).value();
  const auto provider = make_provider();
  const auto refused = store().create_alliance({0, "Mixed", {a, provider}, 1});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(store().alliances_of(0).value().empty());
  EXPECT_TRUE(store().alliances_of(a).value().empty());
}

TEST_P(StoreContract, AllocationRunsRoundTripWithTheirMatches) {
  const auto a =
      store().create_organisation(organisation("ons:E1", "Council one", market::OrganisationKind::council)).value();
  const auto b =
      store().create_organisation(organisation("ons:E2", "Council two", market::OrganisationKind::council)).value();
  const auto provider = make_provider();
  const auto service = store().create_service(full_service(provider)).value();
  auto make_referral = [&](std::int64_t council) {
    Referral r;
    r.council_id = council;
    r.created_by = 1;
    r.kinds = {market::KindOfCare::care_home_nursing};
    r.age = 80;
    r.home_district = "B44";
    r.needed_by = Date::from_ymd(2026, 12, 1).value();
    return store().create_referral(r, PersonalDetails{0, "A Person", "", "", "", ""}).value();
  };
  const auto r1 = make_referral(a), r2 = make_referral(b);
  AllocationRun run;
  run.requested_by = 5;
  run.requested_by_council = a;
  run.councils = {a, b};
  run.summary_json = R"({"objective":12})";
  run.created_at = 500;
  std::vector<ProposedMatch> matches{
      {0, r1, a, service, provider, 1, MatchStatus::proposed, R"({"placed":true})", "", 0, 0},
      {0, r2, b, 0, 0, 2, MatchStatus::unplaced, R"({"placed":false})", "", 0, 0}};
  const auto id = store().create_allocation_run(run, matches).value();
  const auto got = store().get_allocation_run(id).value();
  EXPECT_EQ(got.alliance_id, 0);
  EXPECT_EQ(got.requested_by, 5);
  EXPECT_EQ(got.requested_by_council, a);
  EXPECT_EQ(got.councils, (std::vector<std::int64_t>{a, b}));
  EXPECT_EQ(got.status, AllocationRunStatus::proposed);
  EXPECT_EQ(got.summary_json, R"({"objective":12})");
  EXPECT_EQ(got.created_at, 500);
  const auto stored = store().proposed_matches(id).value();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].referral_id, r1);
  EXPECT_EQ(stored[0].service_id, service);
  EXPECT_EQ(stored[0].provider_id, provider);
  EXPECT_EQ(stored[0].status, MatchStatus::proposed);
  EXPECT_EQ(stored[0].explanation_json, R"({"placed":true})");
  EXPECT_EQ(stored[1].service_id, 0);
  EXPECT_EQ(stored[1].places, 2);
  EXPECT_EQ(stored[1].status, MatchStatus::unplaced);

  auto sent = stored[0];
  sent.status = MatchStatus::sent;
  sent.outcome = "sent";
  sent.decided_by = 5;
  sent.decided_at = 600;
  ASSERT_TRUE(store().update_proposed_match(sent));
  ASSERT_TRUE(store().update_allocation_run_status(id, AllocationRunStatus::confirmed));
  const auto after = store().proposed_matches(id).value();
  EXPECT_EQ(after[0].status, MatchStatus::sent);
  EXPECT_EQ(after[0].decided_at, 600);
  EXPECT_EQ(after[0].decided_by, 5);
  EXPECT_EQ(store().get_allocation_run(id).value().status, AllocationRunStatus::confirmed);

  // Who sees which run: the councils in it; 0 lists all.
  const auto c =
      store().create_organisation(organisation("ons:E3", "Council three", market::OrganisationKind::council)).value();
  EXPECT_EQ(store().allocation_runs_of(a).value().size(), 1u);
  EXPECT_EQ(store().allocation_runs_of(b).value().size(), 1u);
  EXPECT_TRUE(store().allocation_runs_of(c).value().empty());
  EXPECT_EQ(store().allocation_runs_of(0).value().size(), 1u);

  EXPECT_EQ(store().get_allocation_run(id + 100).error().code, ErrorCode::not_found);
  EXPECT_EQ(store().update_allocation_run_status(id + 100, AllocationRunStatus::confirmed).error().code,
            ErrorCode::not_found);
  auto ghost = sent;
  ghost.referral_id = r2 + 100;
  EXPECT_EQ(store().update_proposed_match(ghost).error().code, ErrorCode::not_found);
}

TEST_P(StoreContract, AllocationRunIsAllOrNothing) {
  const auto a =
      store().create_organisation(organisation("ons:E1", "Council one", market::OrganisationKind::council)).value();
  AllocationRun run;
  run.requested_by_council = a;
  run.councils = {a};
  // A match for a referral that does not exist: the whole run is refused.
  const auto refused =
      store().create_allocation_run(run, {{0, 424242, a, 0, 0, 1, MatchStatus::unplaced, "{}", "", 0, 0}});
  EXPECT_FALSE(refused.has_value());
  EXPECT_TRUE(store().allocation_runs_of(0).value().empty());
  EXPECT_TRUE(store().allocation_runs_of(a).value().empty());
}

}  // namespace caremarket::storage::contract
