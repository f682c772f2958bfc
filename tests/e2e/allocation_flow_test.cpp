// Regional allocation over HTTP and from the command line: an alliance, a
// proposal across it, who may see and confirm it, confirmation sending each
// match to its one service, and bad input refused with nothing written.
#include <fstream>

#include "e2e/brokerage_support.hpp"

namespace caremarket::e2e {
namespace {

std::string referral_target_for(std::int64_t id) { return "/api/referrals/" + std::to_string(id); }

std::int64_t new_alliance(const std::vector<std::int64_t>& members, const std::string& name) {
  const auto reply =
      api().post("/api/alliances", {{"name", name}, {"members", members}}, demo_party(Who::operator_).token);
  EXPECT_EQ(reply.status, 201) << describe(reply);
  return reply.status == 201 ? reply.body.at("id").get<std::int64_t>() : 0;
}

TEST(AllocationFlow, AProposalAcrossAnAllianceReviewedAndConfirmed) {
  const Party birmingham = demo_party(Who::council);
  const Party solihull = party_for(council_id(kSolihull), "Solihull officer", {"placement_officer"});
  const Party trafford = party_for(council_id("E08000009"), "Trafford officer", {"placement_officer"});
  const Party provider = demo_party(Who::provider);
  const Party operator_ = demo_party(Who::operator_);
  const Person person = adult_person();
  const auto mine = create_referral(birmingham, adult_referral(person)).at("id").get<std::int64_t>();
  json theirs_body = adult_referral(person);
  const auto theirs = create_referral(solihull, theirs_body).at("id").get<std::int64_t>();

  // Only the operator records alliances; strict input.
  EXPECT_TRUE(
      is_error(api().post("/api/alliances",
                          {{"name", "Mine"}, {"members", {birmingham.organisation_id, solihull.organisation_id}}},
                          birmingham.token),
               403, "forbidden"));
  EXPECT_TRUE(is_error(api().post("/api/alliances", {{"name", "Bad"}, {"members", {"one", "two"}}}, operator_.token),
                       400, "invalid_input", "members"));
  const auto alliance = new_alliance({birmingham.organisation_id, solihull.organisation_id}, "Birmingham and Solihull");
  EXPECT_EQ(api().get("/api/alliances", birmingham.token).body.at("items").size(), 1u);
  EXPECT_TRUE(api().get("/api/alliances", trafford.token).body.at("items").empty());

  // Bad requests: nothing stored.
  EXPECT_TRUE(is_error(api().post("/api/allocations", {{"alliance_id", "x"}}, birmingham.token), 400, "invalid_input",
                       "alliance_id"));
  EXPECT_TRUE(is_error(api().post("/api/allocations", {{"colour", "red"}}, birmingham.token), 400, "invalid_input"));
  EXPECT_TRUE(is_error(api().post("/api/allocations", {{"block_places", {{{"service_id", 1}}}}}, birmingham.token), 400,
                       "invalid_input"));
  EXPECT_TRUE(is_error(api().post("/api/allocations", {{"alliance_id", alliance}}, trafford.token), 404, "not_found"));
  EXPECT_TRUE(is_error(api().post("/api/allocations", json::object(), provider.token), 403, "forbidden"));
  EXPECT_TRUE(api().get("/api/allocations", birmingham.token).body.at("items").empty());

  const auto run = api().post("/api/allocations", {{"alliance_id", alliance}}, birmingham.token);
  ASSERT_EQ(run.status, 201) << describe(run);
  EXPECT_TRUE(leaked_identifiers(run.text, person).empty()) << "a proposal carries no personal details";
  const auto id = run.body.at("id").get<std::int64_t>();
  const std::string target = "/api/allocations/" + std::to_string(id);
  EXPECT_TRUE(run.body.at("summary").at("optimal").get<bool>());
  EXPECT_EQ(run.body.at("summary").at("councils").size(), 2u);
  EXPECT_TRUE(run.body.at("summary").at("stages").contains("total_seconds"));
  std::int64_t my_service = 0;
  for (const auto& m : run.body.at("matches")) {
    EXPECT_EQ(m.at("status"), m.at("explanation").at("placed").get<bool>() ? "proposed" : "unplaced");
    if (m.at("referral_id") == mine) {
      ASSERT_EQ(m.at("status"), "proposed") << m.dump();
      my_service = m.at("service_id").get<std::int64_t>();
      EXPECT_EQ(m.at("explanation").at("chosen").at("service_id"), my_service);
      EXPECT_TRUE(m.at("explanation").at("chosen").at("score").contains("total"));
    }
  }
  ASSERT_NE(my_service, 0);

  // Who sees it: the two councils in it and the operator; nobody else learns it exists.
  EXPECT_EQ(api().get(target, birmingham.token).status, 200);
  EXPECT_EQ(api().get(target, solihull.token).status, 200);
  EXPECT_EQ(api().get(target, operator_.token).status, 200);
  for (const auto* outsider : {&trafford, &provider}) {
    const auto seen = api().get(target, outsider->token);
    const auto ghost = api().get("/api/allocations/987654321", outsider->token);
    EXPECT_TRUE(is_error(seen, 404, "not_found")) << outsider->label;
    EXPECT_EQ(seen.status, ghost.status);
  }
  EXPECT_TRUE(is_error(api().get("/api/allocations", provider.token), 403, "forbidden"));
  EXPECT_TRUE(api().get("/api/allocations", trafford.token).body.at("items").empty());
  EXPECT_EQ(api().get(target, "").status, 401);

  // Confirming: each council its own matches.
  EXPECT_TRUE(is_error(api().post(target + "/confirm", {{"referrals", {mine}}}, solihull.token), 400, "invalid_input",
                       "referrals"));
  EXPECT_TRUE(is_error(api().post(target + "/confirm", {{"referrals", {mine}}}, provider.token), 404, "not_found"));
  EXPECT_TRUE(
      is_error(api().post(target + "/confirm", {{"referrals", "all"}}, birmingham.token), 400, "invalid_input"));
  EXPECT_EQ(api().get(referral_target_for(mine), birmingham.token).body.at("status"), "draft");
  const auto confirmed = api().post(target + "/confirm", {{"referrals", {mine}}}, birmingham.token);
  ASSERT_EQ(confirmed.status, 200) << describe(confirmed);
  EXPECT_EQ(confirmed.body.at("status"), "confirmed");
  const auto view = api().get(referral_target_for(mine), birmingham.token).body;
  EXPECT_EQ(view.at("status"), "sent");
  ASSERT_EQ(view.at("recipients").size(), 1u);
  EXPECT_EQ(view.at("recipients").at(0).at("service_id"), my_service);
  // Solihull's referral was not sent by Birmingham's confirmation.
  EXPECT_EQ(api().get(referral_target_for(theirs), solihull.token).body.at("status"), "draft");
  const auto history = history_actions(birmingham, mine);
  EXPECT_EQ(history.back(), "referral.send");
}

// The proposal for one referral in a run of the council alone.
json match_for(const json& run, std::int64_t referral) {
  for (const auto& m : run.at("matches"))
    if (m.at("referral_id") == referral) return m;
  ADD_FAILURE() << "referral " << referral << " is not in the run";
  return json::object();
}

TEST(AllocationFlow, CommittedPlacesComeFromTheCouncilsBlockContracts) {
  const Party council = demo_party(Who::council);
  const Party contracts = party_for(council_id(kBirmingham), "contract officer", {"contract_officer"});
  const auto referral = create_referral(council, adult_referral(adult_person())).at("id").get<std::int64_t>();
  const auto first = api().post("/api/allocations", json::object(), council.token);
  ASSERT_EQ(first.status, 201) << describe(first);
  const json before = match_for(first.body, referral);
  ASSERT_EQ(before.at("status"), "proposed") << before.dump();
  const auto service = before.at("service_id").get<std::int64_t>();
  const auto provider = before.at("provider_id").get<std::int64_t>();

  // Two committed places at that home, none occupied yet.
  const auto made = api().post("/api/contracts",
                               {{"model", "block"},
                                {"reference", "E2E-ALLOC-B-" + std::to_string(referral)},
                                {"title", "Two places for the allocation test"},
                                {"kinds", {"care_home_nursing", "care_home_residential"}},
                                {"providers", {provider}},
                                {"services", {{{"service_id", service}, {"committed", 2}}}},
                                {"start", date_in_days(-30)},
                                {"end", date_in_days(400)},
                                {"unit_price", "950.00"}},
                               contracts.token);
  ASSERT_EQ(made.status, 201) << describe(made);
  const auto contract = made.body.at("id").get<std::int64_t>();
  // A draft contract is not in force: its places are not counted yet.
  const auto draft_run = api().post("/api/allocations", json::object(), council.token);
  ASSERT_EQ(draft_run.status, 201) << describe(draft_run);
  for (const auto& b : draft_run.body.at("summary").at("block_places")) EXPECT_NE(b.value("contract_id", 0), contract);
  ASSERT_EQ(api()
                .post("/api/contracts/" + std::to_string(contract) + "/status", {{"status", "active"}}, contracts.token)
                .status,
            200);

  const auto second = api().post("/api/allocations", json::object(), council.token);
  ASSERT_EQ(second.status, 201) << describe(second);
  bool listed = false;
  for (const auto& b : second.body.at("summary").at("block_places")) {
    if (b.value("contract_id", 0) != contract) continue;
    listed = true;
    EXPECT_EQ(b.at("service_id"), service);
    EXPECT_EQ(b.at("council_id"), council.organisation_id);
    EXPECT_EQ(b.at("places"), 2);
  }
  EXPECT_TRUE(listed) << second.body.at("summary").dump();
  // A block place there is cheaper than the spot place the first run chose,
  // so the optimum puts a Birmingham referral into it.
  bool block_used = false;
  for (const auto& m : second.body.at("matches")) {
    if (m.at("service_id") != service || m.at("council_id") != council.organisation_id) continue;
    block_used = block_used || m.at("explanation").at("chosen").at("place_kind") == "block";
  }
  EXPECT_TRUE(block_used);
}

TEST(AllocationFlow, FromTheCommandLineWithProgressOnStderr) {
  TempDir dir;
  const auto db = (dir / "cli.db").string();
  copy_database(demo_database(), db);
  const std::string officer = "officer@birmingham.example";
  {
    std::ofstream file(dir / "referral.json");
    file << R"({"kind": "care_home_nursing", "age": 84, "needs": ["dementia"], "home_postcode": "B44 9AA",
               "max_distance_miles": 10, "person": {"name": "Edna Example", "nhs_number": "9434765919"}})";
  }
  const auto created =
      run_caremarket({"referral", "create", (dir / "referral.json").string(), "--db", db, "--user", officer, "--json"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const auto referral = json::parse(created.out).at("id").get<std::int64_t>();
  const auto ran = run_caremarket({"allocate", "run", "--db", db, "--user", officer, "--json"});
  ASSERT_EQ(ran.exit_code, 0) << ran.err;
  EXPECT_NE(ran.err.find("allocate: solve"), std::string::npos) << ran.err;  // progress goes to stderr
  const auto run = json::parse(ran.out);
  const auto id = std::to_string(run.at("id").get<std::int64_t>());
  EXPECT_EQ(run.at("matches").size(), 1u);
  EXPECT_EQ(ran.out.find("Edna"), std::string::npos);
  const auto shown = run_caremarket({"allocate", "show", id, "--db", db, "--user", officer, "--json"});
  ASSERT_EQ(shown.exit_code, 0);
  EXPECT_EQ(json::parse(shown.out).at("id"), run.at("id"));
  // A provider is told the run does not exist (exit 3); a bad file is invalid input (exit 2).
  EXPECT_EQ(run_caremarket({"allocate", "show", id, "--db", db, "--user", "manager@provider.example"}).exit_code, 3);
  {
    std::ofstream bad(dir / "blocks.json");
    bad << R"({"not": "a list"})";
  }
  EXPECT_EQ(run_caremarket(
                {"allocate", "run", "--block-places", (dir / "blocks.json").string(), "--db", db, "--user", officer})
                .exit_code,
            2);
  const auto confirmed = run_caremarket(
      {"allocate", "confirm", id, "--referral", std::to_string(referral), "--db", db, "--user", officer, "--json"});
  ASSERT_EQ(confirmed.exit_code, 0) << confirmed.err;
  EXPECT_EQ(json::parse(confirmed.out).at("matches").at(0).at("status"), "sent");
  // Nothing left to confirm: a conflict (exit 4).
  EXPECT_EQ(run_caremarket({"allocate", "confirm", id, "--db", db, "--user", officer}).exit_code, 4);
}

}  // namespace
}  // namespace caremarket::e2e
