// Contracts over HTTP: each purchasing model from draft to live, an
// alliance of councils, the call-off made at award, utilisation and soft
// block reviews, and what each role may and may not do. Bad input gets a
// 4xx with the one error body and leaves nothing written.
#include "e2e/brokerage_support.hpp"

namespace caremarket::e2e {
namespace {

std::string contract_path(std::int64_t id, const std::string& tail = "") {
  return "/api/contracts/" + std::to_string(id) + tail;
}

Party contract_officer() { return party_for(council_id(kBirmingham), "contract officer", {"contract_officer"}); }

// A nursing home run by the demo provider: its id and the service.
std::pair<std::int64_t, std::int64_t> demo_provider_home() {
  const auto provider = login_as(Who::provider).organisation_id();
  const json found = search({{"provider_id", std::to_string(provider)}, {"limit", "50"}});
  for (const auto& s : found.at("items")) {
    if (s.at("kind") == "care_home_nursing" || s.at("kind") == "care_home_residential") {
      return {provider, s.at("id").get<std::int64_t>()};
    }
  }
  ADD_FAILURE() << "the demo provider runs no care home";
  return {provider, 0};
}

std::size_t contract_count(const Party& who) {
  const auto list = api().get("/api/contracts", who.token);
  EXPECT_EQ(list.status, 200) << describe(list);
  return list.body.at("items").size();
}

json create(const Party& who, const json& body) {
  const auto reply = api().post("/api/contracts", body, who.token);
  EXPECT_EQ(reply.status, 201) << describe(reply);
  return reply.body;
}

json activate(const Party& who, std::int64_t id) {
  const auto reply = api().post(contract_path(id, "/status"), {{"status", "active"}}, who.token);
  EXPECT_EQ(reply.status, 200) << describe(reply);
  return reply.body;
}

json soft_block_body(const std::string& reference, std::int64_t provider, std::int64_t service) {
  return {
      {"model", "soft_block"},
      {"reference", reference},
      {"title", "Nursing places, soft block"},
      {"kinds", {"care_home_nursing", "care_home_residential"}},
      {"providers", {provider}},
      {"services", {{{"service_id", service}}}},
      {"start", date_in_days(-35)},
      {"end", date_in_days(700)},
      {"notice_days", 90},
      {"band_mode", "whole_volume"},
      {"bands", {{{"from_places", 1}, {"weekly_price", "1100.00"}}, {{"from_places", 5}, {"weekly_price", "1000.00"}}}},
      {"committed", 4},
      {"flex", {{"min", 2}, {"max", 6}}},
      {"max_step", 1},
      {"target_percent", 90},
      {"review_weeks", 4},
      {"change_rules", "Reviewed every four weeks; one place either way at most."}};
}

TEST(ContractsFlow, ASoftBlockFromDraftToReviewWithItsVoidsPriced) {
  const Party officer = contract_officer();
  const auto [provider, service] = demo_provider_home();
  const json made = create(officer, soft_block_body("E2E-SB-1", provider, service));
  EXPECT_EQ(made.at("status"), "draft");
  EXPECT_EQ(made.at("bands").at(0).at("weekly_price").at("amount"), "1100.00");
  const auto id = made.at("id").get<std::int64_t>();
  // A draft changes freely.
  const auto renamed = api().patch(contract_path(id), {{"title", "Nursing places, north Birmingham"}}, officer.token);
  ASSERT_EQ(renamed.status, 200) << describe(renamed);
  EXPECT_EQ(renamed.body.at("title"), "Nursing places, north Birmingham");
  EXPECT_EQ(renamed.body.at("committed"), 4);
  activate(officer, id);
  // Live, its terms change only by a variation.
  EXPECT_TRUE(is_error(api().patch(contract_path(id), {{"committed", 5}}, officer.token), 409, "conflict"));
  EXPECT_EQ(api().get(contract_path(id), officer.token).body.at("committed"), 4);

  // No call-offs yet: every committed place is void, 4 at 1100.00 a week.
  const auto u =
      api().get(with_query(contract_path(id, "/utilisation"), {{"from", date_in_days(-35)}, {"to", date_in_days(-15)}}),
                officer.token);
  ASSERT_EQ(u.status, 200) << describe(u);
  ASSERT_EQ(u.body.at("weeks").size(), 3u);
  for (const auto& w : u.body.at("weeks")) {
    EXPECT_EQ(w.at("committed"), 4);
    EXPECT_EQ(w.at("voids"), 4);
    EXPECT_EQ(w.at("void_cost").at("amount_pence"), 440000);
  }
  EXPECT_EQ(u.body.at("totals").at("void_cost").at("amount"), "13200.00");
  EXPECT_TRUE(
      is_error(api().get(with_query(contract_path(id, "/utilisation"), {{"from", "soon"}, {"to", date_in_days(0)}}),
                         officer.token),
               400, "invalid_input", "from"));

  // The first review fell due a week ago: no use, so the rules propose one place fewer.
  const auto reviews = api().get(contract_path(id, "/reviews"), officer.token);
  ASSERT_EQ(reviews.status, 200) << describe(reviews);
  const json next = reviews.body.at("next");
  EXPECT_EQ(next.at("review_date"), date_in_days(-7));
  EXPECT_EQ(next.at("proposal").at("proposed"), 3);
  EXPECT_TRUE(is_error(
      api().post(
          contract_path(id, "/reviews"),
          {{"review_date", date_in_days(-7)}, {"decision", "other"}, {"commitment", 1}, {"reason", "demand falling"}},
          officer.token),
      400, "invalid_input", "commitment"));
  const auto decided = api().post(
      contract_path(id, "/reviews"),
      {{"review_date", date_in_days(-7)}, {"decision", "accept"}, {"decided_on", date_in_days(-7)}}, officer.token);
  ASSERT_EQ(decided.status, 201) << describe(decided);
  EXPECT_EQ(decided.body.at("decided"), 3);
  EXPECT_EQ(api().get(contract_path(id, "/reviews"), officer.token).body.at("commitment_now"), 3);
  const auto history = api().get(contract_path(id, "/history"), officer.token);
  ASSERT_EQ(history.status, 200);
  std::vector<std::string> actions;
  for (const auto& e : history.body.at("items")) actions.push_back(e.at("action").get<std::string>());
  EXPECT_EQ(actions,
            (std::vector<std::string>{"contract.create", "contract.update", "contract.status", "contract.review"}));
}

TEST(ContractsFlow, AnAwardDrawsOnABlockAndTheOfficerSeesWhy) {
  const Party council = demo_party(Who::council);
  const Party officer = contract_officer();
  const auto referral_id = create_referral(council, adult_referral(adult_person(), true)).at("id").get<std::int64_t>();
  const json sent = send_referral(council, referral_id);
  const auto asked = asked_by_provider(sent);
  // A provider other than the demo one, whose homes the demo's contracts do not cover.
  auto chosen = asked.begin();
  while (chosen != asked.end() && chosen->first == login_as(Who::provider).organisation_id()) ++chosen;
  ASSERT_NE(chosen, asked.end());
  const auto provider_id = chosen->first;
  const auto service_id = chosen->second.front();
  const json block = create(officer, {{"model", "block"},
                                      {"reference", "E2E-B-" + std::to_string(referral_id)},
                                      {"title", "Two nursing places"},
                                      {"kinds", {"care_home_nursing", "care_home_residential"}},
                                      {"providers", {provider_id}},
                                      {"services", {{{"service_id", service_id}, {"committed", 2}}}},
                                      {"start", date_in_days(-30)},
                                      {"end", date_in_days(400)},
                                      {"unit_price", "980.00"}});
  const auto block_id = block.at("id").get<std::int64_t>();
  activate(officer, block_id);
  const Party provider = provider_party(provider_id);
  const json offer = make_offer(provider, referral_id, service_id, 98000);
  const auto award = api().post("/api/referrals/" + std::to_string(referral_id) + "/award",
                                {{"offer_id", offer.at("id")}}, council.token);
  ASSERT_EQ(award.status, 201) << describe(award);
  EXPECT_EQ(award.body.at("call_off").at("model"), "block");
  EXPECT_EQ(award.body.at("call_off").at("contract_id"), block_id);
  EXPECT_NE(award.body.at("call_off").at("reason").get<std::string>().find("2 place(s) free"), std::string::npos);
  // The placement list says the same, and the block shows the place taken.
  bool listed = false;
  const auto placements = api().get("/api/placements", council.token);
  for (const auto& p : placements.body.at("items")) {
    if (p.at("id") == award.body.at("id")) listed = p.at("call_off").at("contract_id") == block_id;
  }
  EXPECT_TRUE(listed);
  const std::string start = offer.at("start_date").get<std::string>();
  const auto u =
      api().get(with_query(contract_path(block_id, "/utilisation"), {{"from", start}, {"to", start}}), officer.token);
  ASSERT_EQ(u.status, 200) << describe(u);
  EXPECT_EQ(u.body.at("weeks").at(0).at("occupied"), 1);
  EXPECT_EQ(u.body.at("weeks").at(0).at("void_cost").at("amount"), "980.00");
  // The provider reads its block; the contract's history records the call-off.
  EXPECT_EQ(api().get(contract_path(block_id), provider.token).status, 200);
  const auto history = api().get(contract_path(block_id, "/history"), officer.token);
  EXPECT_EQ(history.body.at("items").back().at("action"), "contract.call_off");
}

TEST(ContractsFlow, AnAllianceFrameworkHeldToFourYears) {
  const Party officer = contract_officer();
  const auto solihull = council_id(kSolihull);
  const Party partner = party_for(solihull, "Solihull commissioner", {"commissioner"});
  const Party outsider = party_for(council_id("E08000009"), "Trafford commissioner", {"commissioner"});
  const auto [provider, service] = demo_provider_home();
  (void)service;
  json body{{"model", "framework"},
            {"reference", "E2E-F-1"},
            {"title", "West Midlands care homes framework"},
            {"kinds", {"care_home_nursing", "care_home_residential"}},
            {"parties",
             {{{"council_id", council_id(kBirmingham)}, {"share_bp", 6000}, {"lead", true}},
              {{"council_id", solihull}, {"share_bp", 4000}}}},
            {"providers", {provider}},
            {"start", "2026-04-01"},
            {"end", "2030-04-01"},
            {"price_bands", {{{"kind", "care_home_nursing"}, {"floor", "900.00"}, {"ceiling", "1350.00"}}}},
            {"call_off_method", "mini_competition"}};
  const auto before = contract_count(officer);
  EXPECT_TRUE(is_error(api().post("/api/contracts", body, officer.token), 400, "invalid_input", "end"));
  body["end"] = "2030-03-31";
  body["parties"][1]["share_bp"] = 3000;
  EXPECT_TRUE(is_error(api().post("/api/contracts", body, officer.token), 400, "invalid_input", "parties"));
  EXPECT_EQ(contract_count(officer), before);  // nothing written
  body["parties"][1]["share_bp"] = 4000;
  const json made = create(officer, body);
  const auto id = made.at("id").get<std::int64_t>();
  EXPECT_EQ(made.at("parties").size(), 2u);
  EXPECT_EQ(made.at("price_bands").at(0).at("ceiling").at("amount"), "1350.00");
  // Solihull is a party: it reads and manages it; Trafford is not: it is not there.
  EXPECT_EQ(api().get(contract_path(id), partner.token).status, 200);
  EXPECT_EQ(activate(partner, id).at("status"), "active");
  EXPECT_TRUE(is_error(api().get(contract_path(id), outsider.token), 404, "not_found"));
  EXPECT_TRUE(
      is_error(api().post(contract_path(id, "/status"), {{"status", "suspended"}, {"reason", "audit"}}, outsider.token),
               404, "not_found"));
}

TEST(ContractsFlow, ADynamicMarketProvidersJoinAndAreSuspended) {
  const Party officer = contract_officer();
  const Party provider = demo_party(Who::provider);
  const json made =
      create(officer, {{"model", "dynamic_market"},
                       {"reference", "E2E-DM-1"},
                       {"title", "Children's homes, dynamic market"},
                       {"kinds", {"childrens_home"}},
                       {"start", date_in_days(-10)},
                       {"end", date_in_days(1000)},
                       {"notice_days", 30},
                       {"membership_conditions", "Ofsted registered; good or outstanding; accepts the terms"}});
  const auto id = made.at("id").get<std::int64_t>();
  // A draft is not advertised.
  EXPECT_TRUE(is_error(api().get(contract_path(id), provider.token), 404, "not_found"));
  activate(officer, id);
  const auto applied = api().post(contract_path(id, "/members"), {{"action", "join"}}, provider.token);
  ASSERT_EQ(applied.status, 200) << describe(applied);
  EXPECT_EQ(applied.body.at("members").at(0).at("status"), "applied");
  EXPECT_TRUE(is_error(
      api().post(contract_path(id, "/members"),
                 {{"action", "suspend"}, {"provider_id", provider.organisation_id}, {"reason", "self-suspension"}},
                 provider.token),
      403, "forbidden"));
  const auto admitted = api().post(
      contract_path(id, "/members"),
      {{"action", "join"}, {"provider_id", provider.organisation_id}, {"date", date_in_days(0)}}, officer.token);
  ASSERT_EQ(admitted.status, 200) << describe(admitted);
  EXPECT_EQ(admitted.body.at("members").at(0).at("joined_on"), date_in_days(0));
  EXPECT_TRUE(is_error(api().post(contract_path(id, "/members"),
                                  {{"action", "suspend"}, {"provider_id", provider.organisation_id}}, officer.token),
                       400, "invalid_input", "reason"));
  const auto suspended = api().post(
      contract_path(id, "/members"),
      {{"action", "suspend"}, {"provider_id", provider.organisation_id}, {"reason", "inspection rated inadequate"}},
      officer.token);
  ASSERT_EQ(suspended.status, 200);
  EXPECT_EQ(suspended.body.at("members").at(0).at("status"), "suspended");
  // Terminating needs the notice period.
  EXPECT_TRUE(
      is_error(api().post(contract_path(id, "/status"),
                          {{"status", "terminated"}, {"date", date_in_days(10)}, {"reason", "replaced by a framework"}},
                          officer.token),
               400, "invalid_input", "date"));
  const auto ended = api().post(
      contract_path(id, "/status"),
      {{"status", "terminated"}, {"date", date_in_days(30)}, {"reason", "replaced by a framework"}}, officer.token);
  ASSERT_EQ(ended.status, 200) << describe(ended);
  EXPECT_EQ(ended.body.at("status"), "terminated");
}

TEST(ContractsFlow, RolesAndBadInput) {
  const Party officer = contract_officer();
  const Party placer = party_for(council_id(kBirmingham), "placement officer", {"placement_officer"});
  const auto [provider, service] = demo_provider_home();
  json block{{"model", "block"},         {"reference", "E2E-B-ROLES"},
             {"title", "One place"},     {"kinds", {"care_home_nursing", "care_home_residential"}},
             {"providers", {provider}},  {"services", {{{"service_id", service}, {"committed", 1}}}},
             {"start", date_in_days(0)}, {"end", date_in_days(365)},
             {"unit_price", "1000.00"},  {"extension_options", 1},
             {"extension_months", 6}};
  const auto before = contract_count(officer);
  EXPECT_TRUE(is_error(api().post("/api/contracts", block, placer.token), 403, "forbidden"));
  EXPECT_TRUE(is_error(api().post("/api/contracts", block, token(Who::provider)), 403, "forbidden"));
  EXPECT_TRUE(is_error(api().post("/api/contracts", block, token(Who::operator_)), 403, "forbidden"));
  json unknown = block;
  unknown["price"] = "1000.00";
  EXPECT_TRUE(is_error(api().post("/api/contracts", unknown, officer.token), 400, "invalid_input", "price"));
  json bad_money = block;
  bad_money["unit_price"] = "10.001";
  EXPECT_TRUE(is_error(api().post("/api/contracts", bad_money, officer.token), 400, "invalid_input", "unit_price"));
  json bands = block;
  bands["bands"] = json::array({{{"from_places", 1}, {"weekly_price", "1.00"}}});
  EXPECT_TRUE(is_error(api().post("/api/contracts", bands, officer.token), 400, "invalid_input", "bands"));
  EXPECT_TRUE(is_error(api().send_text("POST", "/api/contracts", "{\"model\": ", officer.token), 400, "invalid_input"));
  EXPECT_EQ(contract_count(officer), before);
  const json made = create(officer, block);
  const auto id = made.at("id").get<std::int64_t>();
  EXPECT_TRUE(is_error(api().post("/api/contracts", block, officer.token), 409, "conflict", "reference"));
  // The placement officer reads its council's contracts but does not manage them; the operator reads all.
  EXPECT_EQ(api().get(contract_path(id), placer.token).status, 200);
  EXPECT_TRUE(
      is_error(api().post(contract_path(id, "/status"), {{"status", "active"}}, placer.token), 403, "forbidden"));
  EXPECT_EQ(api().get(contract_path(id), token(Who::operator_)).status, 200);
  EXPECT_TRUE(is_error(api().get(contract_path(id, "/reviews"), officer.token), 400, "invalid_input"));
  EXPECT_TRUE(is_error(api().post(contract_path(id, "/extensions"), json::object(), officer.token), 409, "conflict"));
  activate(officer, id);
  const auto extended = api().post(contract_path(id, "/extensions"), {{"reason", "good outcomes"}}, officer.token);
  ASSERT_EQ(extended.status, 201) << describe(extended);
  EXPECT_EQ(extended.body.at("extensions_left"), 0);
  EXPECT_TRUE(is_error(api().post(contract_path(id, "/extensions"), json::object(), officer.token), 409, "conflict"));
  EXPECT_TRUE(
      is_error(api().post(contract_path(id, "/status"), {{"status", "draft"}}, officer.token), 409, "conflict"));
  EXPECT_TRUE(is_error(api().post(contract_path(id, "/status"), {{"status", "closed"}}, officer.token), 400,
                       "invalid_input", "status"));
  EXPECT_TRUE(is_error(api().get(contract_path(999999), officer.token), 404, "not_found"));
  const auto filtered =
      api().get(with_query("/api/contracts", {{"model", "block"}, {"status", "active"}}), officer.token);
  ASSERT_EQ(filtered.status, 200);
  for (const auto& c : filtered.body.at("items")) {
    EXPECT_EQ(c.at("model"), "block");
    EXPECT_EQ(c.at("status"), "active");
  }
  EXPECT_TRUE(is_error(api().get(with_query("/api/contracts", {{"model", "lease"}}), officer.token), 400,
                       "invalid_input", "model"));
}

}  // namespace
}  // namespace caremarket::e2e
