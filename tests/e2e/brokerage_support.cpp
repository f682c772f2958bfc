#include "e2e/brokerage_support.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <stdexcept>

namespace caremarket::e2e {
namespace {

[[noreturn]] void fail_setup(const std::string& what) { throw std::runtime_error(what); }

std::string strftime_utc(std::chrono::system_clock::time_point t, const char* format) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, format, &parts);
  return buffer;
}

constexpr const char* kUserPassword = "e2e-brokerage-password";

}  // namespace

Party demo_party(Who who) { return {to_string(who), token(who), login_as(who).organisation_id()}; }

Party party_for(std::int64_t organisation_id, const std::string& label, const std::vector<std::string>& roles) {
  static std::map<std::pair<std::int64_t, std::string>, Party> made;
  const auto key = std::make_pair(organisation_id, roles.front());
  if (const auto it = made.find(key); it != made.end()) return it->second;
  const std::string email = "e2e." + roles.front() + "." + std::to_string(organisation_id) + "@brokerage.example";
  const auto added = api().post("/api/users",
                                {{"organisation_id", organisation_id},
                                 {"email", email},
                                 {"name", "E2E " + label},
                                 {"password", kUserPassword},
                                 {"roles", roles}},
                                token(Who::operator_));
  // 409: another test of this process added the user already.
  if (added.status != 201 && added.status != 409) fail_setup("cannot add " + email + ": " + describe(added));
  const auto login = api().post("/api/login", {{"email", email}, {"password", kUserPassword}});
  if (login.status != 200) fail_setup("cannot log in as " + email + ": " + describe(login));
  Party party{label, login.body.at("token").get<std::string>(),
              login.body.at("organisation").at("id").get<std::int64_t>()};
  if (party.organisation_id != organisation_id) fail_setup(email + " logged in to the wrong organisation");
  return made.emplace(key, party).first->second;
}

std::int64_t council_id(const std::string& ons_code) {
  const auto reply = api().get(with_query("/api/organisations", {{"kind", "council"}}), token(Who::operator_));
  if (reply.status != 200) fail_setup("cannot list councils: " + describe(reply));
  for (const auto& o : reply.body.at("items")) {
    if (o.value("ons_code", "") == ons_code) return o.at("id").get<std::int64_t>();
  }
  fail_setup("no council " + ons_code + " in the register");
}

std::int64_t provider_not_in(const std::vector<std::int64_t>& excluded) {
  const auto reply = api().get(with_query("/api/organisations", {{"kind", "provider"}}), token(Who::operator_));
  if (reply.status != 200) fail_setup("cannot list providers: " + describe(reply));
  for (const auto& o : reply.body.at("items")) {
    const auto id = o.at("id").get<std::int64_t>();
    if (std::find(excluded.begin(), excluded.end(), id) == excluded.end()) return id;
  }
  fail_setup("every provider was asked");
}

json Person::as_json() const {
  json out{{"name", name}, {"date_of_birth", date_of_birth}, {"nhs_number", nhs_number}};
  if (!council_child_id.empty()) out["council_child_id"] = council_child_id;
  return out;
}

std::vector<std::string> Person::identifiers() const {
  std::vector<std::string> out{name, date_of_birth, nhs_number, home_postcode};
  // The postcode written without its space identifies just as well.
  std::string packed = home_postcode;
  packed.erase(std::remove(packed.begin(), packed.end(), ' '), packed.end());
  out.push_back(packed);
  if (!council_child_id.empty()) out.push_back(council_child_id);
  if (child_id != 0) out.push_back(std::to_string(child_id));
  return out;
}

Person adult_person() { return {"Edna Marigold Testperson", "1941-06-15", "9434765919", "B44 9AA", "", 0}; }

Person child_person() {
  return {"Jayden Quillon Testchild", "2011-09-23", "9434765870", "B44 9AA", "BCC-73194682", 73194682};
}

std::vector<std::string> leaked_identifiers(const std::string& text, const Person& person) {
  std::vector<std::string> found;
  for (const auto& id : person.identifiers()) {
    if (!id.empty() && text.find(id) != std::string::npos) found.push_back(id);
  }
  return found;
}

json adult_referral(const Person& person, bool urgent) {
  json body{
      {"kind", "care_home_nursing"}, {"needs", {"dementia"}},     {"home_postcode", person.home_postcode}, {"age", 84},
      {"max_distance_miles", 20},    {"person", person.as_json()}};
  if (urgent) body["urgent"] = true;
  return body;
}

json child_document(std::int64_t child_id) {
  return {{"PlacementAvailability",
           {{"childId", child_id},
            {"neededBy", "in more than 5 days"},
            {"siblingCount", 0},
            {"preferredLocation", "north Birmingham, near the current school"}}},
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
          {"Risks",
           {{"riskSelfHarm", "No known risk"},
            {"riskSexualExploitation", "No known risk"},
            {"riskCriminalExploitation", "No known risk"},
            {"riskDrugAlcohol", "No known risk"},
            {"riskEatingDisorder", "No known risk"},
            {"riskMissing", "No known risk"},
            {"riskOther", "none recorded"},
            {"riskToOthersPhysical", "No known risk"},
            {"riskToOthersSexual", "No known risk"},
            {"riskToOthersFire", "No known risk"},
            {"riskToOthersAnimals", "No known risk"},
            {"riskToOthersCriminal", "No known risk"},
            {"riskToOthersOther", "none recorded"}}}};
}

json child_referral(const Person& person, const json& pds) {
  return {{"age", 14},
          {"home_postcode", person.home_postcode},
          {"max_distance_miles", 20},
          {"pds", pds},
          {"person", person.as_json()}};
}

json create_referral(const Party& council, const json& body) {
  const auto reply = api().post("/api/referrals", body, council.token);
  EXPECT_EQ(reply.status, 201) << describe(reply);
  if (reply.status != 201) fail_setup("cannot create a referral: " + describe(reply));
  return reply.body;
}

json send_referral(const Party& council, std::int64_t referral_id) {
  const auto reply =
      api().post("/api/referrals/" + std::to_string(referral_id) + "/send", json::object(), council.token);
  EXPECT_EQ(reply.status, 200) << describe(reply);
  if (reply.status != 200) fail_setup("cannot send referral " + std::to_string(referral_id) + ": " + describe(reply));
  return reply.body;
}

std::map<std::int64_t, std::vector<std::int64_t>> asked_by_provider(const json& council_view) {
  std::map<std::int64_t, std::vector<std::int64_t>> out;
  for (const auto& r : council_view.at("recipients")) {
    out[r.at("provider_id").get<std::int64_t>()].push_back(r.at("service_id").get<std::int64_t>());
  }
  return out;
}

Party provider_party(std::int64_t provider_id) {
  if (provider_id == login_as(Who::provider).organisation_id()) return demo_party(Who::provider);
  return party_for(provider_id, "provider " + std::to_string(provider_id), {"provider_manager"});
}

std::string date_in_days(int days) {
  return strftime_utc(std::chrono::system_clock::now() + std::chrono::hours(24 * days), "%Y-%m-%d");
}

std::string timestamp_in(long long seconds) {
  return strftime_utc(std::chrono::system_clock::now() + std::chrono::seconds(seconds), "%Y-%m-%dT%H:%M:%SZ");
}

json make_offer(const Party& provider, std::int64_t referral_id, std::int64_t service_id, std::int64_t price_pence) {
  const auto reply = api().post("/api/referrals/" + std::to_string(referral_id) + "/offers",
                                {{"service_id", service_id},
                                 {"price_pence", price_pence},
                                 {"start_date", date_in_days(3)},
                                 {"conditions", "a settling-in review after two weeks"}},
                                provider.token);
  EXPECT_EQ(reply.status, 201) << provider.label << " offering service " << service_id << ": " << describe(reply);
  return reply.body;
}

void decline(const Party& provider, std::int64_t referral_id, std::int64_t service_id) {
  const auto reply =
      api().post("/api/referrals/" + std::to_string(referral_id) + "/declines",
                 {{"service_id", service_id}, {"reason", "no nursing staff for dementia at night"}}, provider.token);
  EXPECT_EQ(reply.status, 204) << provider.label << " declining for service " << service_id << ": " << describe(reply);
}

std::vector<std::string> history_actions(const Party& council, std::int64_t referral_id) {
  const auto reply = api().get("/api/referrals/" + std::to_string(referral_id) + "/history", council.token);
  EXPECT_EQ(reply.status, 200) << describe(reply);
  std::vector<std::string> actions;
  if (reply.status != 200) return actions;
  for (const auto& e : reply.body.at("items")) actions.push_back(e.at("action").get<std::string>());
  return actions;
}

json inbox_items(const Party& party) {
  const auto reply = api().get("/api/inbox", party.token);
  EXPECT_EQ(reply.status, 200) << describe(reply);
  if (reply.status != 200) return json::array();
  return reply.body.at("items");
}

int vacancies_of(std::int64_t service_id) {
  const auto reply = api().get("/api/services/" + std::to_string(service_id), token(Who::council));
  EXPECT_EQ(reply.status, 200) << describe(reply);
  if (reply.status != 200) return -1;
  return reply.body.at("vacancies").at("count").get<int>();
}

}  // namespace caremarket::e2e
