// Brokerage over HTTP, two sides at once: a council refers, providers offer
// or decline, the council ranks and awards, the awarded provider (and only
// it) learns who the person is, and the placement ends. Also children's
// referrals in the Placements Data Standard, urgent referrals, withdrawals,
// the council's published weights and the inbox.
#include <algorithm>
#include <set>

#include "e2e/brokerage_support.hpp"

namespace caremarket::e2e {
namespace {

std::string referral_path(std::int64_t id, const std::string& tail = "") {
  return "/api/referrals/" + std::to_string(id) + tail;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

const json kDefaultWeights = {{"quality", 60}, {"price", 20}, {"distance", 20}, {"fit", 0}};

void expect_score_breakdown(const json& score) {
  for (const char* part : {"quality", "price", "distance", "fit", "total"}) {
    ASSERT_TRUE(score.contains(part) && score.at(part).is_number()) << part << " missing from " << score.dump();
    EXPECT_GE(score.at(part).get<double>(), 0) << part;
    EXPECT_LE(score.at(part).get<double>(), 100) << part;
  }
}

// A provider's view must not carry the person: checked on the raw text,
// so a field under any name (or inside a message) is caught.
void expect_redacted(const Reply& reply, const Person& person, const std::string& who) {
  const auto leaks = leaked_identifiers(reply.text, person);
  EXPECT_TRUE(leaks.empty()) << who << " saw " << leaks.front() << " in " << describe(reply);
}

json find_item(const json& items, std::int64_t id) {
  for (const auto& item : items) {
    if (item.at("id").get<std::int64_t>() == id) return item;
  }
  return nullptr;
}

TEST(BrokerageFlow, AnAdultReferralFromReferralToPlacementAndBack) {
  const Party council = demo_party(Who::council);
  const Person person = adult_person();

  // Created as a draft, holding only the district of the home postcode.
  const json created = create_referral(council, adult_referral(person));
  EXPECT_EQ(created.at("status"), "draft");
  EXPECT_EQ(created.at("home_district"), "B44");
  EXPECT_EQ(created.at("kinds"), json({"care_home_nursing"}));
  EXPECT_EQ(created.at("needs"), json({"dementia"}));
  EXPECT_TRUE(created.at("recipients").empty());
  EXPECT_TRUE(created.at("deadline").is_null());
  const auto id = created.at("id").get<std::int64_t>();

  // The preview: who would be asked, with scores, and who not, with reasons.
  const auto matches = api().get(referral_path(id, "/matches"), council.token);
  ASSERT_EQ(matches.status, 200) << describe(matches);
  EXPECT_EQ(matches.body.at("weights"), kDefaultWeights);
  const json& eligible = matches.body.at("eligible");
  const json& excluded = matches.body.at("excluded");
  ASSERT_GE(eligible.size(), 2u) << "two providers must be able to offer";
  ASSERT_FALSE(excluded.empty()) << "the real register has homes that cannot take this referral";
  std::set<std::int64_t> eligible_ids;
  double previous_total = 101;
  for (const auto& e : eligible) {
    eligible_ids.insert(e.at("service_id").get<std::int64_t>());
    EXPECT_LE(e.at("distance_miles").get<double>(), 20.0);
    expect_score_breakdown(e.at("score"));
    const double total = e.at("score").at("total").get<double>();
    EXPECT_LE(total, previous_total) << "eligible services are listed best first";
    previous_total = total;
  }
  for (const auto& e : excluded) {
    EXPECT_FALSE(e.at("reason").get<std::string>().empty()) << e.dump();
    EXPECT_FALSE(e.at("message").get<std::string>().empty()) << e.dump();
    EXPECT_EQ(eligible_ids.count(e.at("service_id").get<std::int64_t>()), 0u)
        << "both eligible and excluded: " << e.dump();
  }

  // Sent to every eligible service, with a deadline a day away.
  const std::string earliest = timestamp_in(24 * 3600 - 120);
  const json sent = send_referral(council, id);
  const std::string latest = timestamp_in(24 * 3600 + 120);
  EXPECT_EQ(sent.at("status"), "sent");
  const std::string deadline = sent.at("deadline").get<std::string>();
  EXPECT_GE(deadline, earliest);
  EXPECT_LE(deadline, latest);
  std::set<std::int64_t> asked_ids;
  for (const auto& r : sent.at("recipients")) {
    asked_ids.insert(r.at("service_id").get<std::int64_t>());
    EXPECT_EQ(r.at("status"), "asked");
  }
  EXPECT_EQ(asked_ids, eligible_ids);
  const auto asked = asked_by_provider(sent);
  ASSERT_GE(asked.size(), 2u) << "the referral must reach two providers";

  // Two providers that offer: the demo provider if it was asked, and another.
  const auto demo_provider = login_as(Who::provider).organisation_id();
  const std::int64_t first_id = asked.count(demo_provider) ? demo_provider : asked.begin()->first;
  std::int64_t second_id = 0;
  for (const auto& [provider, services] : asked) {
    if (provider != first_id) {
      second_id = provider;
      break;
    }
  }
  const Party first = provider_party(first_id);
  const Party second = provider_party(second_id);

  // Before award the provider sees the need, not the person: in the list...
  const auto list = api().get("/api/referrals", first.token);
  ASSERT_EQ(list.status, 200) << describe(list);
  const json listed = find_item(list.body.at("items"), id);
  ASSERT_FALSE(listed.is_null()) << "the referral is missing from the provider's list";
  EXPECT_EQ(listed.at("age_band"), "75-84");
  EXPECT_EQ(listed.at("home_district"), "B44");
  EXPECT_TRUE(listed.at("person").is_null());
  expect_redacted(list, person, first.label);
  // ...and opened.
  const auto view = api().get(referral_path(id), first.token);
  ASSERT_EQ(view.status, 200) << describe(view);
  EXPECT_EQ(view.body.at("age_band"), "75-84");
  EXPECT_EQ(view.body.at("home_district"), "B44");
  EXPECT_EQ(view.body.at("status"), "sent");
  EXPECT_EQ(view.body.at("deadline"), deadline);
  EXPECT_TRUE(view.body.at("person").is_null());
  for (const char* hidden : {"age", "name", "date_of_birth", "nhs_number", "home_postcode", "recipients"}) {
    EXPECT_FALSE(view.body.contains(hidden)) << hidden << " in the provider's view";
  }
  EXPECT_EQ(view.body.at("asked").size(), asked.at(first_id).size()) << "a provider sees only its own services asked";
  expect_redacted(view, person, first.label);
  EXPECT_TRUE(is_error(api().get(referral_path(id, "/person"), first.token), 403, "forbidden"));

  // The provider was told.
  const auto inbox = api().get("/api/inbox", first.token);
  ASSERT_EQ(inbox.status, 200) << describe(inbox);
  bool told = false;
  for (const auto& n : inbox.body.at("items")) {
    told = told || (n.at("kind") == "referral.new" && n.at("referral_id") == id);
  }
  EXPECT_TRUE(told) << "no referral.new notice: " << inbox.text;
  expect_redacted(inbox, person, first.label);

  // Every asked service answers: one offer from each of two providers, and
  // declines for the rest, so the council may rank before the deadline.
  const auto first_service = asked.at(first_id).front();
  const auto second_service = asked.at(second_id).front();
  const json first_offer = make_offer(first, id, first_service, 95000);
  const json second_offer = make_offer(second, id, second_service, 120000);
  EXPECT_EQ(first_offer.at("status"), "open");
  EXPECT_EQ(first_offer.at("price").at("amount_pence"), 95000);
  EXPECT_EQ(first_offer.at("unit"), "week");
  // A service answers once.
  EXPECT_TRUE(is_error(
      api().post(referral_path(id, "/offers"),
                 {{"service_id", first_service}, {"price_pence", 90000}, {"start_date", date_in_days(3)}}, first.token),
      409, "conflict"));
  // Before every service has answered, ranking waits for the deadline.
  if (sent.at("recipients").size() > 2) {
    EXPECT_TRUE(is_error(api().post(referral_path(id, "/rank"), json::object(), council.token), 409, "conflict"));
  }
  for (const auto& [provider, services] : asked) {
    const Party party = provider_party(provider);
    for (const auto service : services) {
      if (service != first_service && service != second_service) decline(party, id, service);
    }
  }

  const auto ranked = api().post(referral_path(id, "/rank"), json::object(), council.token);
  ASSERT_EQ(ranked.status, 200) << describe(ranked);
  EXPECT_EQ(ranked.body.at("weights"), kDefaultWeights);
  const json& offers = ranked.body.at("offers");
  ASSERT_EQ(offers.size(), 2u) << ranked.text;
  for (const auto& o : offers) {
    expect_score_breakdown(o.at("score"));
    EXPECT_GE(o.at("distance_miles").get<double>(), 0);
  }
  EXPECT_GE(offers[0].at("score").at("total").get<double>(), offers[1].at("score").at("total").get<double>());
  const auto after_rank = api().get(referral_path(id), council.token);
  ASSERT_EQ(after_rank.status, 200) << describe(after_rank);
  EXPECT_EQ(after_rank.body.at("status"), "offers");

  // The council chooses the second-ranked offer: that needs a reason.
  const json chosen = offers[1];
  const auto chosen_service = chosen.at("service_id").get<std::int64_t>();
  const auto awarded_id = chosen.at("provider_id").get<std::int64_t>();
  const Party awarded = awarded_id == first_id ? first : second;
  const Party passed_over = awarded_id == first_id ? second : first;
  const int vacancies_before = vacancies_of(chosen_service);
  ASSERT_GE(vacancies_before, 1);
  EXPECT_TRUE(is_error(api().post(referral_path(id, "/award"), {{"offer_id", chosen.at("id")}}, council.token), 400,
                       "invalid_input", "reason"));
  EXPECT_TRUE(is_error(
      api().post(referral_path(id, "/award"), {{"offer_id", chosen.at("id")}, {"reason", "   "}}, council.token), 400,
      "invalid_input", "reason"));
  EXPECT_EQ(vacancies_of(chosen_service), vacancies_before) << "a refused award changed the vacancies";
  const auto award = api().post(
      referral_path(id, "/award"),
      {{"offer_id", chosen.at("id")}, {"reason", "her daughter can visit daily by bus"}, {"preferred_location", true}},
      council.token);
  ASSERT_EQ(award.status, 201) << describe(award);
  const json placement = award.body;
  const auto placement_id = placement.at("id").get<std::int64_t>();
  EXPECT_EQ(placement.at("referral_id"), id);
  EXPECT_EQ(placement.at("service_id"), chosen_service);
  EXPECT_EQ(placement.at("provider_id"), awarded_id);
  EXPECT_EQ(placement.at("offer_id"), chosen.at("id"));
  EXPECT_EQ(placement.at("status"), "active");
  EXPECT_EQ(placement.at("weekly_cost"), chosen.at("price"));
  EXPECT_EQ(vacancies_of(chosen_service), vacancies_before - 1);
  // Awarded once only.
  EXPECT_TRUE(is_error(api().post(referral_path(id, "/award"), {{"offer_id", offers[0].at("id")}}, council.token), 409,
                       "conflict"));

  // Now, and only now, the awarded provider learns who the person is.
  const auto awarded_view = api().get(referral_path(id), awarded.token);
  ASSERT_EQ(awarded_view.status, 200) << describe(awarded_view);
  EXPECT_EQ(awarded_view.body.at("status"), "awarded");
  ASSERT_TRUE(awarded_view.body.at("person").is_object()) << awarded_view.text;
  EXPECT_EQ(awarded_view.body.at("person").at("name"), person.name);
  EXPECT_EQ(awarded_view.body.at("person").at("nhs_number"), person.nhs_number);
  EXPECT_EQ(awarded_view.body.at("person").at("date_of_birth"), person.date_of_birth);
  EXPECT_EQ(awarded_view.body.at("person").at("home_postcode"), person.home_postcode);
  ASSERT_EQ(awarded_view.body.at("offers").size(), 1u);
  EXPECT_EQ(awarded_view.body.at("offers")[0].at("status"), "accepted");
  const auto details = api().get(referral_path(id, "/person"), awarded.token);
  ASSERT_EQ(details.status, 200) << describe(details);
  EXPECT_EQ(details.body.at("name"), person.name);
  EXPECT_EQ(details.body.at("nhs_number"), person.nhs_number);

  // The other provider still does not, and is told why it was not chosen.
  EXPECT_TRUE(is_error(api().get(referral_path(id, "/person"), passed_over.token), 403, "forbidden"));
  const auto passed_view = api().get(referral_path(id), passed_over.token);
  ASSERT_EQ(passed_view.status, 200) << describe(passed_view);
  EXPECT_TRUE(passed_view.body.at("person").is_null());
  expect_redacted(passed_view, person, passed_over.label);
  ASSERT_EQ(passed_view.body.at("offers").size(), 1u);
  EXPECT_EQ(passed_view.body.at("offers")[0].at("status"), "not_selected");
  EXPECT_TRUE(passed_view.body.at("offers")[0].at("feedback").get<std::string>().starts_with("Not selected"))
      << passed_view.text;
  const auto passed_list = api().get("/api/referrals", passed_over.token);
  ASSERT_EQ(passed_list.status, 200) << describe(passed_list);
  expect_redacted(passed_list, person, passed_over.label);

  // Every step is on the record, the read of the person's details included.
  const auto actions = history_actions(council, id);
  for (const char* action :
       {"referral.create", "referral.send", "offer.make", "offers.rank", "referral.award", "personal_details.read"}) {
    EXPECT_TRUE(has(actions, action)) << action << " is missing from the history";
  }
  const auto history = api().get(referral_path(id, "/history"), council.token);
  bool award_reason_recorded = false;
  for (const auto& e : history.body.at("items")) {
    if (e.at("action") == "referral.award") {
      award_reason_recorded = e.at("detail").at("reason") == "her daughter can visit daily by bus" &&
                              e.at("detail").at("top_ranked") == false;
      EXPECT_EQ(e.at("actor_user_id"), login_as(Who::council).user_id());
    }
  }
  EXPECT_TRUE(award_reason_recorded) << history.text;

  // Placements as each side sees them.
  const auto council_placements = api().get("/api/placements", council.token);
  ASSERT_EQ(council_placements.status, 200) << describe(council_placements);
  EXPECT_FALSE(find_item(council_placements.body.at("items"), placement_id).is_null());
  const auto provider_placements = api().get("/api/placements", awarded.token);
  ASSERT_EQ(provider_placements.status, 200) << describe(provider_placements);
  EXPECT_FALSE(find_item(provider_placements.body.at("items"), placement_id).is_null());
  const auto other_placements = api().get("/api/placements", passed_over.token);
  ASSERT_EQ(other_placements.status, 200) << describe(other_placements);
  EXPECT_TRUE(find_item(other_placements.body.at("items"), placement_id).is_null());

  // The placement ends with a planned move: the place is free again.
  const std::string end_path = "/api/placements/" + std::to_string(placement_id) + "/end";
  EXPECT_TRUE(is_error(api().post(end_path, {{"end_date", date_in_days(30)}, {"reason", "bored"}}, council.token), 400,
                       "invalid_input", "reason"));
  EXPECT_TRUE(
      is_error(api().post(end_path, {{"end_date", date_in_days(30)}, {"reason", "planned_move"}}, awarded.token), 403,
               "forbidden"));
  const auto ended = api().post(end_path, {{"end_date", date_in_days(30)}, {"reason", "planned_move"}}, council.token);
  ASSERT_EQ(ended.status, 200) << describe(ended);
  EXPECT_EQ(ended.body.at("status"), "ended");
  EXPECT_EQ(ended.body.at("end_reason"), "planned_move");
  EXPECT_EQ(ended.body.at("end_date"), date_in_days(30));
  EXPECT_EQ(vacancies_of(chosen_service), vacancies_before);
  EXPECT_TRUE(
      is_error(api().post(end_path, {{"end_date", date_in_days(30)}, {"reason", "planned_move"}}, council.token), 409,
               "conflict"));
  EXPECT_TRUE(has(history_actions(council, id), "placement.end"));

  const auto council_after = api().get("/api/placements", council.token);
  EXPECT_EQ(find_item(council_after.body.at("items"), placement_id).at("status"), "ended");
  const auto provider_after = api().get("/api/placements", awarded.token);
  EXPECT_EQ(find_item(provider_after.body.at("items"), placement_id).at("status"), "ended");
  bool ended_notice = false;
  for (const auto& n : inbox_items(awarded)) {
    ended_notice = ended_notice || (n.at("kind") == "placement.ended" && n.at("referral_id") == id);
  }
  EXPECT_TRUE(ended_notice);
}

TEST(BrokerageFlow, AChildReferralCarriesThePlacementsDataStandardWithoutTheChildsId) {
  const Party council = demo_party(Who::council);
  const Person child = child_person();
  const json pds = child_document(child.child_id);

  const json created = create_referral(council, child_referral(child, pds));
  EXPECT_EQ(created.at("status"), "draft");
  EXPECT_EQ(created.at("for_child"), true);
  EXPECT_EQ(created.at("kinds"), json({"childrens_home"})) << "from residentialCareSuitability: Preferred";
  EXPECT_EQ(created.at("pds"), pds) << "the council keeps the whole document";
  const auto id = created.at("id").get<std::int64_t>();

  // The council exports it unchanged, as the standard's document.
  const auto exported = api().get(referral_path(id, "/pds"), council.token);
  ASSERT_EQ(exported.status, 200) << describe(exported);
  EXPECT_EQ(exported.body, pds);

  // A value outside the standard's options is refused, naming the allowed ones.
  json wrong = pds;
  wrong["PlacementRequirements"]["pets"] = "Maybe";
  const auto refused = api().post("/api/referrals", child_referral(child, wrong), council.token);
  ASSERT_TRUE(is_error(refused, 400, "invalid_input"));
  const std::string message = refused.body.at("error").at("message").get<std::string>();
  for (const char* option : {"Yes - must", "Yes - can", "No", "Not Known"}) {
    EXPECT_NE(message.find(option), std::string::npos) << option << " missing from: " << message;
  }
  EXPECT_NE(message.find("Maybe"), std::string::npos) << message;
  EXPECT_EQ(refused.body.at("error").value("field", ""), "PlacementRequirements.pets");
  // So is a document missing one of the four parts, or a required field.
  json partial = pds;
  partial.erase("Risks");
  EXPECT_TRUE(
      is_error(api().post("/api/referrals", child_referral(child, partial), council.token), 400, "invalid_input"));
  json no_companions = pds;
  no_companions["PlacementRequirements"].erase("livingCompanions");
  EXPECT_TRUE(is_error(api().post("/api/referrals", child_referral(child, no_companions), council.token), 400,
                       "invalid_input"));

  // Sent, a provider sees the document without the child's id.
  const json sent = send_referral(council, id);
  const auto asked = asked_by_provider(sent);
  ASSERT_FALSE(asked.empty());
  const Party provider = provider_party(asked.begin()->first);
  const auto view = api().get(referral_path(id), provider.token);
  ASSERT_EQ(view.status, 200) << describe(view);
  ASSERT_TRUE(view.body.contains("pds")) << view.text;
  EXPECT_FALSE(view.body.at("pds").at("PlacementAvailability").contains("childId")) << view.text;
  EXPECT_EQ(view.body.at("pds").at("PlacementRequirements"), pds.at("PlacementRequirements"));
  EXPECT_EQ(view.body.at("pds").at("Risks"), pds.at("Risks"));
  EXPECT_EQ(view.body.at("age_band"), "13-15");
  EXPECT_TRUE(view.body.at("person").is_null());
  expect_redacted(view, child, provider.label);
  const auto list = api().get("/api/referrals", provider.token);
  ASSERT_EQ(list.status, 200) << describe(list);
  expect_redacted(list, child, provider.label);
  // The council-side export is the council's alone.
  EXPECT_TRUE(is_error(api().get(referral_path(id, "/pds"), provider.token), 403, "forbidden"));
  // The council's own copy still has it.
  const auto council_view = api().get(referral_path(id), council.token);
  EXPECT_EQ(council_view.body.at("pds").at("PlacementAvailability").at("childId"), child.child_id);
}

TEST(BrokerageFlow, AnUrgentReferralClosesWithinTwoHoursAndMayTakeTheFirstOffer) {
  const Party council = demo_party(Who::council);
  const json created = create_referral(council, adult_referral(adult_person(), true));
  EXPECT_EQ(created.at("urgent"), true);
  const auto id = created.at("id").get<std::int64_t>();
  const std::string not_before = timestamp_in(-5);
  const json sent = send_referral(council, id);
  const std::string not_after = timestamp_in(2 * 3600 + 5);
  const std::string deadline = sent.at("deadline").get<std::string>();
  EXPECT_GT(deadline, not_before);
  EXPECT_LE(deadline, not_after) << "an urgent referral's offers close within two hours";
  const auto asked = asked_by_provider(sent);
  ASSERT_FALSE(asked.empty());
  const Party provider = provider_party(asked.begin()->first);
  const auto view = api().get(referral_path(id), provider.token);
  ASSERT_EQ(view.status, 200) << describe(view);
  EXPECT_EQ(view.body.at("urgent"), true);
  EXPECT_EQ(view.body.at("deadline"), deadline);
  // Needed today: the first suitable offer may be taken without waiting.
  const json offer = make_offer(provider, id, asked.begin()->second.front(), 110000);
  const auto award = api().post(referral_path(id, "/award"), {{"offer_id", offer.at("id")}}, council.token);
  ASSERT_EQ(award.status, 201) << describe(award);
  // The place is given back, for the other tests of this process.
  const auto ended = api().post("/api/placements/" + std::to_string(award.body.at("id").get<std::int64_t>()) + "/end",
                                {{"end_date", date_in_days(3)}, {"reason", "moved_away"}}, council.token);
  EXPECT_EQ(ended.status, 200) << describe(ended);
}

// The API used to ignore a floor of "inadequate" without a reason, and to
// take a date of birth in the future; the web form refused both.
TEST(BrokerageFlow, TheApiRefusesWhatTheFormRefuses) {
  json inadequate = adult_referral(adult_person(), false);
  inadequate["min_rating"] = "inadequate";
  EXPECT_TRUE(is_error(api().post("/api/referrals", inadequate, token(Who::council)), 400, "invalid_input",
                       "inadequate_override_reason"));
  json unborn = adult_referral(adult_person(), false);
  unborn["person"]["date_of_birth"] = date_in_days(30);
  EXPECT_TRUE(is_error(api().post("/api/referrals", unborn, token(Who::council)), 400, "invalid_input",
                       "person.date_of_birth"));
  inadequate["inadequate_override_reason"] = "no other home nearby takes bariatric nursing";
  EXPECT_EQ(api().post("/api/referrals", inadequate, token(Who::council)).status, 201);
}

TEST(BrokerageFlow, TheCouncilWithdrawsAReferralWithAReason) {
  const Party council = demo_party(Who::council);
  const auto id = create_referral(council, adult_referral(adult_person())).at("id").get<std::int64_t>();
  const json sent = send_referral(council, id);
  const auto asked = asked_by_provider(sent);
  ASSERT_FALSE(asked.empty());
  const Party provider = provider_party(asked.begin()->first);

  EXPECT_TRUE(is_error(api().post(referral_path(id, "/withdraw"), json::object(), council.token), 400, "invalid_input",
                       "reason"));
  EXPECT_TRUE(is_error(api().post(referral_path(id, "/withdraw"), {{"reason", "  "}}, council.token), 400,
                       "invalid_input", "reason"));
  EXPECT_TRUE(is_error(api().post(referral_path(id, "/withdraw"), {{"reason", "not mine to withdraw"}}, provider.token),
                       403, "forbidden"));
  const auto withdrawn =
      api().post(referral_path(id, "/withdraw"), {{"reason", "the family arranged care themselves"}}, council.token);
  ASSERT_EQ(withdrawn.status, 204) << describe(withdrawn);
  const auto view = api().get(referral_path(id), council.token);
  EXPECT_EQ(view.body.at("status"), "withdrawn");
  EXPECT_EQ(view.body.at("outcome_reason"), "the family arranged care themselves");
  EXPECT_TRUE(has(history_actions(council, id), "referral.withdraw"));

  // Nothing more can happen to it.
  EXPECT_TRUE(
      is_error(api().post(referral_path(id, "/withdraw"), {{"reason", "again"}}, council.token), 409, "conflict"));
  EXPECT_TRUE(is_error(
      api().post(
          referral_path(id, "/offers"),
          {{"service_id", asked.begin()->second.front()}, {"price_pence", 100000}, {"start_date", date_in_days(3)}},
          provider.token),
      409, "conflict"));
  EXPECT_TRUE(is_error(api().post(referral_path(id, "/send"), json::object(), council.token), 409, "conflict"));

  // The providers asked are told.
  const auto provider_view = api().get(referral_path(id), provider.token);
  EXPECT_EQ(provider_view.body.at("status"), "withdrawn");
  bool told = false;
  for (const auto& n : inbox_items(provider)) {
    told = told || (n.at("kind") == "referral.withdrawn" && n.at("referral_id") == id);
  }
  EXPECT_TRUE(told);
}

TEST(BrokerageFlow, AProviderWithdrawsItsOfferBeforeAward) {
  const Party council = demo_party(Who::council);
  const auto id = create_referral(council, adult_referral(adult_person())).at("id").get<std::int64_t>();
  const json sent = send_referral(council, id);
  const auto asked = asked_by_provider(sent);
  ASSERT_GE(asked.size(), 2u);
  const Party provider = provider_party(asked.begin()->first);
  const Party other = provider_party(std::next(asked.begin())->first);
  const json offer = make_offer(provider, id, asked.begin()->second.front(), 99000);
  const auto offer_id = offer.at("id").get<std::int64_t>();
  const std::string path = "/api/offers/" + std::to_string(offer_id) + "/withdraw";

  // Only the provider that made it.
  EXPECT_TRUE(is_error(api().post(path, json::object(), other.token), 404, "not_found"));
  EXPECT_TRUE(is_error(api().post(path, json::object(), council.token), 404, "not_found"));
  const auto withdrawn = api().post(path, json::object(), provider.token);
  ASSERT_EQ(withdrawn.status, 204) << describe(withdrawn);
  EXPECT_TRUE(is_error(api().post(path, json::object(), provider.token), 409, "conflict"));

  const auto view = api().get(referral_path(id), council.token);
  const json listed = find_item(view.body.at("offers"), offer_id);
  ASSERT_FALSE(listed.is_null());
  EXPECT_EQ(listed.at("status"), "withdrawn");
  EXPECT_TRUE(has(history_actions(council, id), "offer.withdraw"));
  bool told = false;
  for (const auto& n : inbox_items(council)) {
    told = told || (n.at("kind") == "offer.withdrawn" && n.at("referral_id") == id);
  }
  EXPECT_TRUE(told);
}

TEST(BrokerageFlow, TheCouncilPublishesItsWeightsAndRankingUsesThem) {
  const Party council = demo_party(Who::council);
  const auto settings = api().get("/api/settings", council.token);
  ASSERT_EQ(settings.status, 200) << describe(settings);
  EXPECT_EQ(settings.body.at("weights"), kDefaultWeights);

  EXPECT_TRUE(is_error(
      api().put("/api/settings/weights", {{"quality", 50}, {"price", 30}, {"distance", 30}, {"fit", 0}}, council.token),
      400, "invalid_input"));
  EXPECT_TRUE(
      is_error(api().put("/api/settings/weights", {{"quality", 50}, {"price", 30}, {"distance", 10}}, council.token),
               400, "invalid_input"));
  EXPECT_TRUE(is_error(api().put("/api/settings/weights", {{"quality", 50}, {"price", 50}}, council.token), 400,
                       "invalid_input", "distance"));
  EXPECT_TRUE(is_error(api().put("/api/settings/weights",
                                 {{"quality", 40}, {"price", 30}, {"distance", 20}, {"fit", 10}}, token(Who::provider)),
                       403, "forbidden"));
  EXPECT_EQ(api().get("/api/settings", council.token).body.at("weights"), kDefaultWeights)
      << "a refused change took effect";

  const json weights = {{"quality", 40}, {"price", 30}, {"distance", 20}, {"fit", 10}};
  const auto put = api().put("/api/settings/weights", weights, council.token);
  ASSERT_EQ(put.status, 204) << describe(put);
  EXPECT_EQ(api().get("/api/settings", council.token).body.at("weights"), weights);

  // A referral is matched with the weights in force, and keeps those it was sent with.
  const auto id = create_referral(council, adult_referral(adult_person())).at("id").get<std::int64_t>();
  const auto matches = api().get(referral_path(id, "/matches"), council.token);
  ASSERT_EQ(matches.status, 200) << describe(matches);
  EXPECT_EQ(matches.body.at("weights"), weights);
  const json sent = send_referral(council, id);
  EXPECT_EQ(sent.at("weights"), weights);

  // Back to the published defaults for the other tests of this process.
  ASSERT_EQ(api().put("/api/settings/weights", kDefaultWeights, council.token).status, 204);
  EXPECT_EQ(api().get("/api/settings", council.token).body.at("weights"), kDefaultWeights);
  EXPECT_TRUE(is_error(api().get("/api/settings", token(Who::provider)), 403, "forbidden"));
}

TEST(BrokerageFlow, InboxNoticesAreMarkedReadByTheirOrganisationOnly) {
  const Party council = demo_party(Who::council);
  const auto id = create_referral(council, adult_referral(adult_person())).at("id").get<std::int64_t>();
  const json sent = send_referral(council, id);
  const auto asked = asked_by_provider(sent);
  ASSERT_FALSE(asked.empty());
  const Party provider = provider_party(asked.begin()->first);
  make_offer(provider, id, asked.begin()->second.front(), 101000);

  json notice;
  for (const auto& n : inbox_items(council)) {
    if (n.at("kind") == "offer.received" && n.at("referral_id") == id) notice = n;
  }
  ASSERT_FALSE(notice.is_null()) << "the council was not told of the offer";
  EXPECT_EQ(notice.at("read"), false);
  const auto notice_id = notice.at("id").get<std::int64_t>();
  const std::string path = "/api/inbox/" + std::to_string(notice_id) + "/read";

  EXPECT_TRUE(is_error(api().post(path, json::object(), provider.token), 404, "not_found"));
  const auto read = api().post(path, json::object(), council.token);
  ASSERT_EQ(read.status, 204) << describe(read);
  bool marked = false;
  for (const auto& n : inbox_items(council)) {
    if (n.at("id") == notice_id) marked = n.at("read").get<bool>();
  }
  EXPECT_TRUE(marked);
  EXPECT_TRUE(is_error(api().post("/api/inbox/999999999/read", json::object(), council.token), 404, "not_found"));
}

}  // namespace
}  // namespace caremarket::e2e
