// Who learns what about the person behind a referral: every brokerage
// endpoint called by every party (the placing council, another council, a
// provider asked, one not asked, the awarded provider, the operator with and
// without a reason, nobody logged in), at each stage of a referral's life.
// Each call is held to its expected status, and no answer to a party not
// entitled to the person's details may contain any of them (name, NHS
// number, full home postcode, date of birth, the council's child id),
// searched for in the raw response text, error messages included.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

#include <httplib.h>

#include "e2e/brokerage_support.hpp"

namespace caremarket::e2e {
namespace {

constexpr std::int64_t kMissing = 987654321;  // no referral, offer, placement or notice has this id
constexpr const char* kOperatorReason = "complaint investigation ref 2026/114";

enum class Role {
  owner,                 // an officer of the council that made the referral
  other_council,         // an officer of another council
  asked,                 // a provider the referral was sent to, before award (after: passed over)
  awarded,               // the provider awarded the placement (before award: asked)
  not_asked,             // a provider the referral was never sent to
  operator_no_reason,    // the operator, giving no reason
  operator_with_reason,  // the operator, recording why (only /person takes a reason)
  anonymous,             // nobody logged in
};

std::string name_of(Role role) {
  switch (role) {
    case Role::owner: return "placing council officer";
    case Role::other_council: return "officer of another council";
    case Role::asked: return "provider asked (not awarded)";
    case Role::awarded: return "awarded provider";
    case Role::not_asked: return "provider not asked";
    case Role::operator_no_reason: return "operator without a reason";
    case Role::operator_with_reason: return "operator with a reason";
    case Role::anonymous: return "nobody logged in";
  }
  return "";
}

// Every route of src/api/routes_brokerage.cpp: the matrix must reach each.
const std::set<std::pair<std::string, std::string>>& brokerage_routes() {
  static const std::set<std::pair<std::string, std::string>> routes{
      {"POST", "/api/referrals"},
      {"GET", "/api/referrals"},
      {"GET", "/api/referrals/{id}"},
      {"GET", "/api/referrals/{id}/matches"},
      {"POST", "/api/referrals/{id}/send"},
      {"POST", "/api/referrals/{id}/offers"},
      {"POST", "/api/referrals/{id}/declines"},
      {"POST", "/api/offers/{id}/withdraw"},
      {"POST", "/api/referrals/{id}/rank"},
      {"POST", "/api/referrals/{id}/award"},
      {"POST", "/api/referrals/{id}/withdraw"},
      {"GET", "/api/referrals/{id}/person"},
      {"GET", "/api/referrals/{id}/history"},
      {"GET", "/api/referrals/{id}/pds"},
      {"GET", "/api/placements/{id}/pds"},
      {"POST", "/api/referrals/{id}/placement"},
      {"GET", "/api/placements"},
      {"POST", "/api/placements/{id}/end"},
      {"GET", "/api/inbox"},
      {"POST", "/api/inbox/{id}/read"},
      {"GET", "/api/settings"},
      {"PUT", "/api/settings/weights"},
      // routes_pricing.cpp: the one price route that reads a referral's offer.
      {"GET", "/api/offers/{id}/price-explanation"},
  };
  return routes;
}

struct Call {
  std::string method;
  std::string target;
  json body;  // null: no body
};

class Matrix {
 public:
  Matrix(const Person& person, std::map<Role, Party> parties) : person_(person), parties_(std::move(parties)) {}

  // One endpoint x role case. `entitled`: the party may see the person's
  // details in this answer. `if_missing`: the same call on a record that
  // does not exist, which must be answered alike (the party may not learn
  // that the real one exists).
  Reply check(Role role, const Call& call, const std::set<int>& expected, bool entitled = false,
              const std::optional<Call>& if_missing = std::nullopt) {
    const std::string label = stage_ + ": " + name_of(role) + " " + call.method + " " + call.target;
    SCOPED_TRACE(label);
    const Reply reply = send(role, call);
    ++cases_;
    routes_.insert({call.method, route_template(call.target)});
    EXPECT_TRUE(expected.count(reply.status)) << "unexpected status; " << describe(reply);
    if (expected.count(reply.status) && (reply.status == 401 || reply.status == 403 || reply.status == 404)) {
      EXPECT_TRUE(is_error(reply, reply.status,
                           reply.status == 401   ? "unauthenticated"
                           : reply.status == 403 ? "forbidden"
                                                 : "not_found"));
    }
    if (!entitled) {
      const auto found = leaked_identifiers(reply.text, person_);
      if (!found.empty()) {
        ++leaks_;
        ADD_FAILURE() << "LEAK: " << label << " answered with '" << found.front() << "': " << describe(reply);
      }
    }
    if (if_missing) {
      const Reply ghost = send(role, *if_missing);
      EXPECT_EQ(reply.status, ghost.status)
          << "the answer differs from one about a record that does not exist, so the record's existence is disclosed; "
          << "real: " << describe(reply) << "; missing: " << describe(ghost);
    }
    return reply;
  }

  // The entitled answers do carry the person: proof the search above finds them.
  void expect_shows_person(const Reply& reply, Role role) {
    EXPECT_NE(reply.text.find(person_.name), std::string::npos)
        << stage_ << ": " << name_of(role) << " should see the person: " << describe(reply);
  }

  void stage(const std::string& name) { stage_ = name; }
  const Party& party(Role role) const { return parties_.at(role); }
  std::size_t cases() const { return cases_; }
  std::size_t leaks() const { return leaks_; }
  const std::set<std::pair<std::string, std::string>>& routes() const { return routes_; }

 private:
  Reply send(Role role, const Call& call) const {
    Headers headers{{"Content-Type", "application/json"}};
    if (role != Role::anonymous) headers.emplace_back("Authorization", "Bearer " + parties_.at(role).token);
    return api().send(call.method, call.target, call.body.is_null() ? "" : call.body.dump(), headers);
  }

  const Person& person_;
  std::map<Role, Party> parties_;
  std::string stage_;
  std::size_t cases_ = 0;
  std::size_t leaks_ = 0;
  std::set<std::pair<std::string, std::string>> routes_;
};

std::string referral_target(std::int64_t id, const std::string& tail = "") {
  return "/api/referrals/" + std::to_string(id) + tail;
}

Call get(const std::string& target) { return {"GET", target, nullptr}; }
Call post(const std::string& target, const json& body) { return {"POST", target, body}; }

const std::vector<Role> kEveryone{Role::owner,     Role::other_council,      Role::asked,    Role::awarded,
                                  Role::not_asked, Role::operator_no_reason, Role::anonymous};

// Where the referral is in its life.
struct Stage {
  bool for_child = false;
  std::int64_t id = 0;
  bool sent = false;              // the providers asked are recipients
  std::int64_t placement_id = 0;  // awarded (0: not yet)
};

// The reads about one referral, for everyone, at one stage.
void check_reads(Matrix& m, const Stage& at) {
  const bool for_child = at.for_child;
  const auto id = at.id;
  const bool awarded = at.placement_id != 0;
  const auto placement_id = at.placement_id;
  const auto missing = [](const std::string& tail) { return get(referral_target(kMissing, tail)); };
  for (const Role role : kEveryone) {
    const bool provider = role == Role::asked || role == Role::awarded || role == Role::not_asked;
    const bool recipient = at.sent && (role == Role::asked || role == Role::awarded);
    const bool holds_placement = awarded && role == Role::awarded;

    // The list: only the owner's and the recipients' lists hold the referral.
    {
      const std::set<int> expected = role == Role::anonymous            ? std::set<int>{401}
                                     : role == Role::operator_no_reason ? std::set<int>{403}
                                                                        : std::set<int>{200};
      const auto reply = m.check(role, get("/api/referrals"), expected, role == Role::owner);
      if (reply.status == 200) {
        bool listed = false;
        for (const auto& item : reply.body.at("items")) listed = listed || item.at("id") == id;
        EXPECT_EQ(listed, role == Role::owner || recipient) << name_of(role);
        if (provider) {
          for (const auto& item : reply.body.at("items")) {
            EXPECT_TRUE(item.at("person").is_null()) << "the list never carries the person";
          }
        }
      }
    }

    // The referral itself.
    {
      std::set<int> expected;
      if (role == Role::anonymous) expected = {401};
      else if (role == Role::owner || recipient) expected = {200};
      else if (role == Role::operator_no_reason) expected = {403};
      else expected = {404};  // another council; a provider not (yet) asked
      const bool hidden = role == Role::other_council || (provider && !recipient);
      const auto reply = m.check(role, get(referral_target(id)), expected, role == Role::owner || holds_placement,
                                 hidden ? std::optional<Call>(missing("")) : std::nullopt);
      if (reply.status == 200 && provider) {
        EXPECT_EQ(reply.body.at("person").is_null(), !holds_placement) << reply.text;
        if (holds_placement) m.expect_shows_person(reply, role);
        if (for_child) { EXPECT_FALSE(reply.body.at("pds").at("PlacementAvailability").contains("childId")); }
      }
    }

    // The person's details.
    {
      std::set<int> expected;
      if (role == Role::anonymous) expected = {401};
      else if (role == Role::owner || holds_placement) expected = {200};
      else if (role == Role::operator_no_reason) expected = {400};  // the reason is required
      else if (recipient) expected = {403};                         // knows the referral, not the person
      else expected = {404};                                        // may not learn the referral exists
      const bool hidden = role == Role::other_council || (provider && !recipient);
      const auto reply =
          m.check(role, get(referral_target(id, "/person")), expected, role == Role::owner || holds_placement,
                  hidden ? std::optional<Call>(missing("/person")) : std::nullopt);
      if (reply.status == 200) m.expect_shows_person(reply, role);
      if (role == Role::operator_no_reason) { EXPECT_TRUE(is_error(reply, 400, "invalid_input", "reason")); }
    }

    // The council's working: matches, history, the PDS export.
    for (const std::string tail : {"/matches", "/history", "/pds"}) {
      std::set<int> expected;
      if (role == Role::anonymous) expected = {401};
      else if (role == Role::owner) expected = {tail == "/pds" && !for_child ? 400 : 200};  // the PDS is for children
      else if (role == Role::other_council) expected = {404};
      else expected = {403};  // providers and the operator: not theirs at all
      m.check(
          role, get(referral_target(id, tail)), expected, role == Role::owner,
          role == Role::other_council || (provider && !recipient) ? std::optional<Call>(missing(tail)) : std::nullopt);
    }

    // Recording a placement agreed elsewhere: an empty document is refused
    // by the owner (and anything already awarded is closed to it); no one
    // else learns anything.
    {
      std::set<int> expected;
      if (role == Role::anonymous) expected = {401};
      else if (role == Role::owner) expected = {400, 409};
      else if (role == Role::other_council) expected = {404};
      else expected = {403};
      m.check(role, post(referral_target(id, "/placement"), json::object()), expected, role == Role::owner,
              role == Role::other_council
                  ? std::optional<Call>(post(referral_target(kMissing, "/placement"), json::object()))
                  : std::nullopt);
    }

    // Placements, inbox, settings.
    {
      const std::set<int> placements = role == Role::anonymous            ? std::set<int>{401}
                                       : role == Role::operator_no_reason ? std::set<int>{403}
                                                                          : std::set<int>{200};
      const auto reply = m.check(role, get("/api/placements"), placements, role == Role::owner);
      if (reply.status == 200 && awarded) {
        bool listed = false;
        for (const auto& p : reply.body.at("items")) listed = listed || p.at("id") == placement_id;
        EXPECT_EQ(listed, role == Role::owner || holds_placement) << name_of(role);
      }
      m.check(role, get("/api/inbox"), role == Role::anonymous ? std::set<int>{401} : std::set<int>{200},
              role == Role::owner);
      const bool council = role == Role::owner || role == Role::other_council;
      m.check(role, get("/api/settings"),
              role == Role::anonymous ? std::set<int>{401}
              : council               ? std::set<int>{200}
                                      : std::set<int>{403},
              role == Role::owner);
    }

    if (awarded) {
      const std::string target = "/api/placements/" + std::to_string(placement_id) + "/pds";
      std::set<int> expected;
      if (role == Role::anonymous) expected = {401};
      // An adult's placement is outside the children's standard: either
      // answer is accepted here (the referral export refuses adults).
      else if (role == Role::owner) expected = for_child ? std::set<int>{200} : std::set<int>{200, 400};
      else expected = {404};
      m.check(role, get(target), expected, role == Role::owner,
              role != Role::owner && role != Role::anonymous
                  ? std::optional<Call>(get("/api/placements/" + std::to_string(kMissing) + "/pds"))
                  : std::nullopt);
    }
  }

  // The operator with a recorded reason reads the person (and only there
  // does a reason apply: no other endpoint takes one).
  const auto with_reason =
      m.check(Role::operator_with_reason,
              get(with_query(referral_target(id, "/person"), {{"reason", kOperatorReason}})), {200}, true);
  if (with_reason.status == 200) m.expect_shows_person(with_reason, Role::operator_with_reason);
  m.check(Role::operator_with_reason,
          get(with_query(referral_target(kMissing, "/person"), {{"reason", kOperatorReason}})), {404});
}

// A referral's council-side state, to show refused writes changed nothing.
json council_state(const Party& council, std::int64_t id) {
  json view = api().get(referral_target(id), council.token).body;
  view.erase("updated_at");
  const auto history = api().get(referral_target(id, "/history"), council.token).body;
  return {{"view", view}, {"history", history}};
}

void walk(Matrix& m, const Person& person, bool for_child) {
  const Party& council = m.party(Role::owner);
  json body = for_child ? child_referral(person, child_document(person.child_id)) : adult_referral(person);
  body["urgent"] = true;  // the award need not wait for every service to answer

  // Creating: councils' officers only.
  m.stage(for_child ? "child, draft" : "adult, draft");
  const auto created = m.check(Role::owner, post("/api/referrals", body), {201}, true);
  ASSERT_EQ(created.status, 201) << describe(created);
  const auto id = created.body.at("id").get<std::int64_t>();
  for (const Role role : {Role::asked, Role::not_asked, Role::operator_no_reason, Role::anonymous}) {
    m.check(role, post("/api/referrals", body), {role == Role::anonymous ? 401 : 403});
  }

  // Draft: nobody but the owner knows of it; sending is the owner's.
  check_reads(m, {for_child, id, false, 0});
  json before = council_state(council, id);
  for (const Role role : kEveryone) {
    if (role == Role::owner) continue;
    std::set<int> expected = role == Role::anonymous       ? std::set<int>{401}
                             : role == Role::other_council ? std::set<int>{404}
                                                           : std::set<int>{403};
    m.check(role, post(referral_target(id, "/send"), json::object()), expected, false,
            role == Role::other_council ? std::optional<Call>(post(referral_target(kMissing, "/send"), json::object()))
                                        : std::nullopt);
  }
  EXPECT_EQ(council_state(council, id), before) << "a refused send changed the referral";
  const auto sent = m.check(Role::owner, post(referral_target(id, "/send"), json::object()), {200}, true);
  ASSERT_EQ(sent.status, 200) << describe(sent);
  const auto asked = asked_by_provider(sent.body);
  ASSERT_TRUE(asked.count(m.party(Role::awarded).organisation_id)) << "the provider to be awarded was not asked";
  ASSERT_TRUE(asked.count(m.party(Role::asked).organisation_id)) << "the second provider was not asked";
  ASSERT_FALSE(asked.count(m.party(Role::not_asked).organisation_id)) << "the provider not asked was asked";
  const auto awarded_service = asked.at(m.party(Role::awarded).organisation_id).front();
  const auto asked_service = asked.at(m.party(Role::asked).organisation_id).front();

  // Sent: offers from the two providers asked; nobody else can offer or decline.
  m.stage(for_child ? "child, sent" : "adult, sent");
  const json offer = {{"service_id", awarded_service}, {"price_pence", 150000}, {"start_date", date_in_days(3)}};
  const json decline = {{"service_id", awarded_service}, {"reason", "no room"}};
  before = council_state(council, id);
  for (const Role role :
       {Role::owner, Role::other_council, Role::not_asked, Role::operator_no_reason, Role::anonymous}) {
    const int refused = role == Role::anonymous ? 401 : role == Role::not_asked ? 404 : 403;
    m.check(role, post(referral_target(id, "/offers"), offer), {refused}, role == Role::owner,
            role == Role::not_asked ? std::optional<Call>(post(referral_target(kMissing, "/offers"), offer))
                                    : std::nullopt);
    m.check(role, post(referral_target(id, "/declines"), decline), {refused}, role == Role::owner,
            role == Role::not_asked ? std::optional<Call>(post(referral_target(kMissing, "/declines"), decline))
                                    : std::nullopt);
  }
  // A provider asked cannot answer for another provider's service.
  m.check(Role::asked, post(referral_target(id, "/offers"), offer), {400});
  m.check(Role::asked, post(referral_target(id, "/declines"), decline), {400});
  EXPECT_EQ(council_state(council, id), before) << "a refused offer or decline changed the referral";
  const auto winning = m.check(Role::awarded, post(referral_target(id, "/offers"), offer), {201});
  json second_offer = offer;
  second_offer["service_id"] = asked_service;
  second_offer["price_pence"] = 90000;
  const auto losing = m.check(Role::asked, post(referral_target(id, "/offers"), second_offer), {201});
  ASSERT_EQ(winning.status, 201);
  ASSERT_EQ(losing.status, 201);
  const auto losing_offer = losing.body.at("id").get<std::int64_t>();

  check_reads(m, {for_child, id, true, 0});

  // An offer's price against the council's model: the council, the offering
  // provider and the operator (404 too when no model covers the kind, as
  // for children's homes); to anyone else the offer does not exist.
  const std::string explain = "/api/offers/" + std::to_string(losing_offer) + "/price-explanation";
  const std::string explain_missing = "/api/offers/" + std::to_string(kMissing) + "/price-explanation";
  for (const Role role : kEveryone) {
    const bool may = role == Role::owner || role == Role::asked || role == Role::operator_no_reason;
    const std::set<int> expected = role == Role::anonymous ? std::set<int>{401}
                                   : may                   ? std::set<int>{200, 404}
                                                           : std::set<int>{404};
    const auto reply =
        m.check(role, get(explain), expected, false,
                may || role == Role::anonymous ? std::nullopt : std::optional<Call>(get(explain_missing)));
    if (reply.status == 200) { EXPECT_EQ(reply.body.at("offer_price").at("amount_pence"), 90000) << name_of(role); }
  }

  // Withdrawing an offer: its provider's alone; to anyone else it does not exist.
  const std::string withdraw_offer = "/api/offers/" + std::to_string(losing_offer) + "/withdraw";
  const std::string withdraw_missing = "/api/offers/" + std::to_string(kMissing) + "/withdraw";
  before = council_state(council, id);
  for (const Role role : kEveryone) {
    if (role == Role::asked) continue;  // its own offer: withdrawn below, after the award (refused then)
    m.check(role, post(withdraw_offer, json::object()), {role == Role::anonymous ? 401 : 404}, role == Role::owner,
            role == Role::anonymous ? std::nullopt : std::optional<Call>(post(withdraw_missing, json::object())));
  }
  // Ranking, awarding and withdrawing the referral: the owner's alone.
  const json award = {{"offer_id", winning.body.at("id")}, {"reason", "closest to her family"}};
  for (const Role role : kEveryone) {
    if (role == Role::owner) continue;
    const int refused = role == Role::anonymous ? 401 : role == Role::other_council ? 404 : 403;
    for (const auto& [tail, payload] : std::vector<std::pair<std::string, json>>{
             {"/rank", json::object()}, {"/award", award}, {"/withdraw", {{"reason", "not yours to withdraw"}}}}) {
      m.check(role, post(referral_target(id, tail), payload), {refused}, false,
              role == Role::other_council ? std::optional<Call>(post(referral_target(kMissing, tail), payload))
                                          : std::nullopt);
    }
  }
  // Notices: marked read by their own organisation only.
  std::int64_t notice = 0;
  for (const auto& n : inbox_items(council)) {
    if (n.at("kind") == "offer.received" && n.at("referral_id") == id) notice = n.at("id").get<std::int64_t>();
  }
  ASSERT_NE(notice, 0) << "the council was not told of the offers";
  const std::string read_notice = "/api/inbox/" + std::to_string(notice) + "/read";
  for (const Role role : kEveryone) {
    if (role == Role::owner) continue;
    m.check(role, post(read_notice, json::object()), {role == Role::anonymous ? 401 : 404}, false,
            role == Role::anonymous
                ? std::nullopt
                : std::optional<Call>(post("/api/inbox/" + std::to_string(kMissing) + "/read", json::object())));
  }
  // Weights: the council's commissioners only (the other council's user is a placement officer).
  const json weights = {{"quality", 60}, {"price", 20}, {"distance", 20}, {"fit", 0}};
  for (const Role role : kEveryone) {
    if (role == Role::owner) continue;
    m.check(role, {"PUT", "/api/settings/weights", weights}, {role == Role::anonymous ? 401 : 403});
  }
  EXPECT_EQ(council_state(council, id), before) << "a refused request changed the referral";
  EXPECT_EQ(api().get("/api/settings", council.token).body.at("weights"), weights);

  // The owner does each of these.
  m.check(Role::owner, post(read_notice, json::object()), {204}, true);
  m.check(Role::owner, {"PUT", "/api/settings/weights", weights}, {204}, true);
  const auto ranked = m.check(Role::owner, post(referral_target(id, "/rank"), json::object()), {200}, true);
  EXPECT_EQ(ranked.body.at("offers").size(), 2u) << ranked.text;
  const auto placed = m.check(Role::owner, post(referral_target(id, "/award"), award), {201}, true);
  ASSERT_EQ(placed.status, 201) << describe(placed);
  const auto placement_id = placed.body.at("id").get<std::int64_t>();

  // Awarded: the awarded provider may now see the person; nobody else new.
  m.stage(for_child ? "child, awarded" : "adult, awarded");
  check_reads(m, {for_child, id, true, placement_id});
  m.check(Role::asked, post(withdraw_offer, json::object()), {409});  // passed over: no longer open
  m.check(Role::owner, post(referral_target(id, "/withdraw"), {{"reason", "too late for that"}}), {409}, true);
  const json end = {{"end_date", date_in_days(40)}, {"reason", "planned_move"}};
  const std::string end_target = "/api/placements/" + std::to_string(placement_id) + "/end";
  before = council_state(council, id);
  for (const Role role : kEveryone) {
    if (role == Role::owner) continue;
    const int refused = role == Role::anonymous ? 401 : role == Role::other_council ? 404 : 403;
    m.check(role, post(end_target, end), {refused}, false,
            role == Role::other_council
                ? std::optional<Call>(post("/api/placements/" + std::to_string(kMissing) + "/end", end))
                : std::nullopt);
  }
  EXPECT_EQ(council_state(council, id), before) << "a refused end changed the placement";
  m.check(Role::owner, post(end_target, end), {200}, true);

  // Ended: the same again.
  m.stage(for_child ? "child, ended" : "adult, ended");
  check_reads(m, {for_child, id, true, placement_id});
}

std::map<Role, Party> parties_for(const json& probe_view) {
  // The two providers asked: the demo provider if it is one, and another.
  const auto asked = asked_by_provider(probe_view);
  const auto demo_provider = login_as(Who::provider).organisation_id();
  const std::int64_t first = asked.count(demo_provider) ? demo_provider : asked.begin()->first;
  std::int64_t second = 0;
  std::vector<std::int64_t> asked_ids;
  for (const auto& [provider, services] : asked) {
    asked_ids.push_back(provider);
    if (provider != first && second == 0) second = provider;
  }
  const std::int64_t outsider = provider_not_in(asked_ids);
  return {{Role::owner, demo_party(Who::council)},
          {Role::other_council, party_for(council_id(kSolihull), "Solihull placement officer", {"placement_officer"})},
          {Role::awarded, provider_party(first)},
          {Role::asked, provider_party(second)},
          {Role::not_asked, party_for(outsider, "provider not asked", {"provider_manager"})},
          {Role::operator_no_reason, demo_party(Who::operator_)},
          {Role::operator_with_reason, demo_party(Who::operator_)},
          {Role::anonymous, Party{"nobody", "", 0}}};
}

// A referral like the one under test, sent, to learn which providers it reaches.
json probe(const Person& person, bool for_child) {
  const Party council = demo_party(Who::council);
  const json body = for_child ? child_referral(person, child_document(person.child_id)) : adult_referral(person);
  const auto id = create_referral(council, body).at("id").get<std::int64_t>();
  const json view = send_referral(council, id);
  EXPECT_EQ(api().post(referral_target(id, "/withdraw"), {{"reason", "a probe of who is asked"}}, council.token).status,
            204);
  return view;
}

TEST(PrivacyMatrix, NoEndpointTellsAnyoneNotEntitledWhoThePersonIs) {
  std::size_t cases = 0;
  std::size_t leaks = 0;
  std::set<std::pair<std::string, std::string>> routes;
  for (const bool for_child : {false, true}) {
    SCOPED_TRACE(for_child ? "a child's referral" : "an adult's referral");
    const Person person = for_child ? child_person() : adult_person();
    const json seen = probe(person, for_child);
    ASSERT_GE(asked_by_provider(seen).size(), 2u) << "the referral must reach two providers";
    Matrix m(person, parties_for(seen));
    walk(m, person, for_child);
    cases += m.cases();
    leaks += m.leaks();
    routes.insert(m.routes().begin(), m.routes().end());
  }
  for (const auto& route : brokerage_routes()) {
    EXPECT_TRUE(routes.count(route)) << route.first << " " << route.second << " was not walked";
  }
  EXPECT_GT(cases, 300u);
  std::printf("[e2e] privacy matrix: %zu endpoint x role cases, %zu leaks\n", cases, leaks);
  EXPECT_EQ(leaks, 0u);
}

// Regional allocation: a proposal is seen only by the councils whose
// referrals are in it and by the operator; providers learn nothing until a
// match is sent to them; no answer, not even the owner's, carries the
// person's details (a proposal holds none).
TEST(PrivacyMatrix, AllocationProposalsReachOnlyTheCouncilsInThem) {
  const Person person = adult_person();
  const json seen = probe(person, false);
  Matrix m(person, parties_for(seen));
  const Party& council = m.party(Role::owner);
  const auto id = create_referral(council, adult_referral(person)).at("id").get<std::int64_t>();
  const std::vector<Role> providers{Role::asked, Role::awarded, Role::not_asked};
  auto refused = [](Role role, int otherwise) { return std::set<int>{role == Role::anonymous ? 401 : otherwise}; };

  m.stage("allocation, alliances");
  const json alliance{{"name", "Privacy alliance"},
                      {"members", {council.organisation_id, m.party(Role::other_council).organisation_id}}};
  for (const Role role : kEveryone) {
    if (role != Role::operator_no_reason) m.check(role, post("/api/alliances", alliance), refused(role, 403));
    const bool sees = role == Role::owner || role == Role::other_council || role == Role::operator_no_reason;
    m.check(role, get("/api/alliances"),
            role == Role::anonymous ? std::set<int>{401}
            : sees                  ? std::set<int>{200}
                                    : std::set<int>{403});
  }
  m.check(Role::operator_no_reason, post("/api/alliances", alliance), {201});

  m.stage("allocation, proposed");
  for (const Role role : kEveryone) {
    if (role == Role::owner) continue;
    // The other council may run its own: nobody of its is waiting.
    m.check(role, post("/api/allocations", json::object()), refused(role, role == Role::other_council ? 409 : 403));
  }
  const auto run = m.check(Role::owner, post("/api/allocations", json::object()), {201});
  ASSERT_EQ(run.status, 201) << describe(run);
  const auto run_id = run.body.at("id").get<std::int64_t>();
  std::int64_t service = 0;
  for (const auto& match : run.body.at("matches")) {
    if (match.at("referral_id") == id)
      service = match.at("service_id").is_null() ? 0 : match.at("service_id").get<std::int64_t>();
  }
  ASSERT_NE(service, 0) << run.text;
  const std::string target = "/api/allocations/" + std::to_string(run_id);
  const std::string ghost = "/api/allocations/" + std::to_string(kMissing);
  auto reads = [&] {
    for (const Role role : kEveryone) {
      const bool provider = std::find(providers.begin(), providers.end(), role) != providers.end();
      const bool sees =
          role == Role::owner || role == Role::operator_no_reason;  // the other council has no referral in it
      m.check(role, get(target),
              role == Role::anonymous ? std::set<int>{401}
              : sees                  ? std::set<int>{200}
                                      : std::set<int>{404},
              false, sees || role == Role::anonymous ? std::nullopt : std::optional<Call>(get(ghost)));
      const auto list = m.check(role, get("/api/allocations"),
                                role == Role::anonymous ? std::set<int>{401}
                                : provider              ? std::set<int>{403}
                                                        : std::set<int>{200});
      if (list.status == 200) {
        bool listed = false;
        for (const auto& item : list.body.at("items")) listed = listed || item.at("id") == run_id;
        EXPECT_EQ(listed, sees) << name_of(role);
      }
    }
  };
  reads();
  // Before confirmation no provider has heard of the referral.
  for (const Role role : providers)
    m.check(role, get(referral_target(id)), {404}, false, get(referral_target(kMissing)));

  // Confirming is the owner's alone.
  const json confirm{{"referrals", {id}}};
  for (const Role role : kEveryone) {
    if (role == Role::owner) continue;
    const bool sees = role == Role::operator_no_reason;
    m.check(role, post(target + "/confirm", confirm), refused(role, sees ? 403 : 404), false,
            sees || role == Role::anonymous ? std::nullopt : std::optional<Call>(post(ghost + "/confirm", confirm)));
  }
  m.stage("allocation, confirmed");
  const auto confirmed = m.check(Role::owner, post(target + "/confirm", confirm), {200});
  ASSERT_EQ(confirmed.status, 200) << describe(confirmed);
  reads();
  // Sent: the provider of the chosen service now sees the need, never the person.
  const auto view = api().get(referral_target(id), council.token).body;
  ASSERT_EQ(view.at("recipients").size(), 1u);
  const auto provider_id = view.at("recipients").at(0).at("provider_id").get<std::int64_t>();
  const Party chosen = provider_party(provider_id);
  const auto redacted = api().get(referral_target(id), chosen.token);
  EXPECT_EQ(redacted.status, 200) << describe(redacted);
  EXPECT_TRUE(leaked_identifiers(redacted.text, person).empty()) << redacted.text;
  for (const Role role : providers) {
    if (m.party(role).organisation_id == provider_id) continue;
    m.check(role, get(referral_target(id)), {404}, false, get(referral_target(kMissing)));
  }

  for (const auto& route : std::set<std::pair<std::string, std::string>>{{"POST", "/api/alliances"},
                                                                         {"GET", "/api/alliances"},
                                                                         {"POST", "/api/allocations"},
                                                                         {"GET", "/api/allocations"},
                                                                         {"GET", "/api/allocations/{id}"},
                                                                         {"POST", "/api/allocations/{id}/confirm"}}) {
    EXPECT_TRUE(m.routes().count(route)) << route.first << " " << route.second << " was not walked";
  }
  std::printf("[e2e] allocation privacy matrix: %zu endpoint x role cases, %zu leaks\n", m.cases(), m.leaks());
  EXPECT_EQ(m.leaks(), 0u);
}

// Least privilege inside the placing council: a person's details are for
// its placement officers (app/access.hpp). Its commissioners, contract
// officers and admins manage referrals and contracts without them: /person
// answers them 403 in the error shape, naming no one, and the web pages
// neither link to the details nor show them. (The demo officer is a
// placement officer and a commissioner: the placement role is what counts.)
TEST(PrivacyMatrix, OnlyTheCouncilsPlacementOfficersReadThePerson) {
  const Person person = adult_person();
  const Party officer = demo_party(Who::council);
  const auto id = create_referral(officer, adult_referral(person)).at("id").get<std::int64_t>();
  send_referral(officer, id);
  const auto own = api().get(referral_target(id, "/person"), officer.token);
  ASSERT_EQ(own.status, 200) << describe(own);
  EXPECT_NE(own.text.find(person.name), std::string::npos);

  httplib::Client web("127.0.0.1", shared_server().port());
  auto page = [&](const Party& party, const std::string& path) {
    const auto res = web.Get(path, httplib::Headers{{"Cookie", "caremarket_session=" + party.token}});
    EXPECT_TRUE(res) << path;
    return res ? std::make_pair(res->status, res->body) : std::make_pair(0, std::string());
  };
  const std::string referral_page = "/referrals/" + std::to_string(id);
  const auto officer_page = page(officer, referral_page);
  EXPECT_EQ(officer_page.first, 200);
  EXPECT_NE(officer_page.second.find(referral_page + "/person"), std::string::npos)
      << "the officer is offered the details";
  EXPECT_EQ(page(officer, referral_page + "/person").first, 200);

  for (const std::string role : {"commissioner", "contract_officer", "council_admin"}) {
    SCOPED_TRACE(role);
    const Party party = party_for(officer.organisation_id, "Birmingham " + role, {role});
    const auto reply = api().get(referral_target(id, "/person"), party.token);
    EXPECT_TRUE(is_error(reply, 403, "forbidden")) << describe(reply);
    EXPECT_TRUE(leaked_identifiers(reply.text, person).empty()) << reply.text;
    // The web: no link on the referral's page (where the role may see it),
    // and the details page refused.
    const auto shown = page(party, referral_page);
    EXPECT_EQ(shown.second.find(referral_page + "/person"), std::string::npos) << "a link to the person's details";
    EXPECT_TRUE(leaked_identifiers(shown.second, person).empty());
    const auto details = page(party, referral_page + "/person");
    EXPECT_EQ(details.first, 403);
    EXPECT_TRUE(leaked_identifiers(details.second, person).empty()) << details.second;
  }
}

}  // namespace
}  // namespace caremarket::e2e
