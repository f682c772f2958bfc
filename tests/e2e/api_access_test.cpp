// Who may do what, over HTTP: every authenticated route refuses a missing,
// malformed or bogus token, and each role is held to its own organisation.
#include <optional>

#include "e2e/server_fixture.hpp"

namespace caremarket::e2e {
namespace {

std::string target_of(std::int64_t id, const std::string& tail = "") {
  return "/api/services/" + std::to_string(id) + tail;
}

// What a refused request must leave untouched.
struct Snapshot {
  json own;
  json other;
  json own_prices;
  json other_prices;
  json provider_services;
  bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(std::int64_t own, std::int64_t other) {
  const auto provider = std::to_string(login_as(Who::provider).organisation_id());
  return {service_as_operator(own), service_as_operator(other), prices_as_operator(own), prices_as_operator(other),
          search({{"provider_id", provider}, {"include_inactive", "true"}, {"limit", "500"}}, Who::operator_)};
}

// A valid body for each writing route, so only the caller can be at fault.
json valid_body(const std::string& method, const std::string& path) {
  if (path.ends_with("/vacancies")) return {{"count", 1}};
  if (path.ends_with("/prices")) {
    return {{"prices",
             {{{"need_level", "high"}, {"unit", "week"}, {"amount_pence", 150000}, {"valid_from", "2027-01-01"}}}}};
  }
  if (path == "/api/services" && method == "POST") {
    return {{"name", "Never Created House"}, {"kind", "care_home_residential"}, {"postcode", "B44 8DD"}, {"places", 5}};
  }
  if (path == "/api/services/{id}") return {{"name", "Never Renamed"}};
  if (path == "/api/users") {
    return {{"organisation_id", login_as(Who::provider).organisation_id()},
            {"email", "never.added@provider.example"},
            {"name", "Never Added"},
            {"password", "a-long-enough-password"},
            {"roles", {"provider_manager"}}};
  }
  return nullptr;
}

TEST(ApiAuthentication, EveryProtectedRouteRefusesMissingMalformedAndBogusTokens) {
  const auto own = own_service();
  const auto other = other_service();
  const auto before = snapshot(own, other);
  const std::string good = token(Who::operator_);
  const std::vector<std::pair<std::string, std::optional<std::string>>> headers{
      {"no Authorization header", std::nullopt},
      {"empty header", ""},
      {"Basic scheme", "Basic b3BlcmF0b3I6cGFzc3dvcmQ="},
      {"Bearer without a token", "Bearer"},
      {"token without a scheme", good},
      {"another scheme with a valid token", "Token " + good},
      {"bogus token of the right length", "Bearer " + std::string(64, 'a')},
      {"short token", "Bearer abc123"},
      {"valid token with a character changed", "Bearer " + good.substr(0, 63) + (good.back() == '0' ? "1" : "0")},
      {"token too long", "Bearer " + good + "00"},
  };
  std::size_t checked = 0;
  for (const auto& route : tested_routes()) {
    if (route.path == "/health" || route.path == "/api/openapi.json" || route.path == "/api/login") continue;
    std::string target = route.path;
    if (const auto at = target.find("{id}"); at != std::string::npos) {
      target.replace(
          at, 4,
          std::to_string(route.path.starts_with("/api/organisations") ? login_as(Who::council).organisation_id()
                                                                      : own));
    }
    const json body = valid_body(route.method, route.path);
    for (const auto& [label, header] : headers) {
      SCOPED_TRACE(route.method + " " + target + " with " + label);
      Headers sent{{"Content-Type", "application/json"}};
      if (header) sent.emplace_back("Authorization", *header);
      const auto reply = api().send(route.method, target, body.is_null() ? "" : body.dump(), sent);
      EXPECT_TRUE(is_error(reply, 401, "unauthenticated"));
      EXPECT_EQ(reply.www_authenticate, "Bearer");
      ++checked;
    }
  }
  EXPECT_EQ(snapshot(own, other), before) << "a request without a valid login changed the register";
  EXPECT_TRUE(is_error(
      api().post("/api/login", {{"email", "never.added@provider.example"}, {"password", "a-long-enough-password"}}),
      401, "unauthenticated"))
      << "a user was added without a valid login";
  EXPECT_GE(checked, 100u);
  std::printf("[e2e] authentication: %zu route x bad-credential combinations refused with 401\n", checked);
}

struct Case {
  std::optional<Who> who;  // nullopt: nobody logged in
  std::string method;
  std::string target;
  json body;  // null: no body
  int status;
  std::string why;
};

std::string who_name(const std::optional<Who>& who) { return who ? to_string(*who) : "anonymous"; }

Reply run(const Case& c) {
  Headers headers{{"Content-Type", "application/json"}};
  if (c.who) headers.emplace_back("Authorization", "Bearer " + token(*c.who));
  return api().send(c.method, c.target, c.body.is_null() ? "" : c.body.dump(), headers);
}

std::size_t run_all(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    SCOPED_TRACE(who_name(c.who) + ": " + c.method + " " + c.target + " (" + c.why + ")");
    const auto reply = run(c);
    if (c.status == 401) {
      EXPECT_TRUE(is_error(reply, 401, "unauthenticated"));
    } else if (c.status == 403) {
      EXPECT_TRUE(is_error(reply, 403, "forbidden"));
    } else {
      EXPECT_EQ(reply.status, c.status) << describe(reply);
    }
  }
  return cases.size();
}

TEST(ApiAuthorisation, EachRoleIsHeldToItsOwnOrganisation) {
  const auto own = own_service();
  const auto other = other_service();
  const auto provider_org = login_as(Who::provider).organisation_id();
  const auto council_org = login_as(Who::council).organisation_id();
  const auto other_provider_org = service_as_operator(other).at("provider").at("id").get<std::int64_t>();
  const json other_before = service_as_operator(other);
  const json own_before = service_as_operator(own);
  const json new_service = {{"name", "Council Cannot Add"},
                            {"kind", "care_home_residential"},
                            {"postcode", "B44 8DD"},
                            {"provider_id", provider_org}};
  const json price = {
      {"prices", {{{"need_level", "high"}, {"unit", "week"}, {"amount_pence", 150000}, {"valid_from", "2027-01-01"}}}}};
  auto user = [](std::int64_t organisation, const std::string& email, const std::string& role) {
    return json{{"organisation_id", organisation},
                {"email", email},
                {"name", "E2E User"},
                {"password", "a-long-enough-password"},
                {"roles", {role}}};
  };

  // First every refusal, which must leave the register exactly as it was.
  const auto before = snapshot(own, other);
  std::vector<Case> refused{
      {Who::council, "PUT", target_of(own, "/vacancies"), {{"count", 1}}, 403, "councils do not report vacancies"},
      {Who::council, "PUT", target_of(own, "/prices"), price, 403, "councils do not set providers' prices"},
      {Who::council, "PATCH", target_of(own), {{"name", "Renamed By Council"}}, 403, "councils do not edit services"},
      {Who::council, "POST", "/api/services", new_service, 403, "councils do not add services"},
      {Who::council, "POST", "/api/users", user(council_org, "council.user@birmingham.example", "placement_officer"),
       403, "a placement officer is not the council's admin"},
      {Who::provider, "PUT", target_of(other, "/vacancies"), {{"count", 1}}, 403, "another provider's service"},
      {Who::provider, "PUT", target_of(other, "/prices"), price, 403, "another provider's service"},
      {Who::provider, "PATCH", target_of(other), {{"name", "Hijacked"}}, 403, "another provider's service"},
      {Who::provider, "GET", target_of(other, "/prices"), nullptr, 403, "a competitor's prices"},
      {Who::provider, "PATCH", target_of(own), {{"rating", "outstanding"}}, 403, "ratings come from the regulator"},
      {Who::provider, "PATCH", target_of(own), {{"rating_date", "2026-01-01"}}, 403, "ratings come from the regulator"},
      {Who::provider, "PATCH", target_of(own), {{"regulator_id", "1-999999999"}}, 403, "the regulator id is fixed"},
      {Who::provider,
       "PATCH",
       target_of(own),
       {{"provider_id", other_provider_org}},
       403,
       "only the operator moves services"},
      {Who::provider,
       "POST",
       "/api/services",
       {{"name", "Not Mine"},
        {"kind", "care_home_residential"},
        {"postcode", "B44 8DD"},
        {"provider_id", other_provider_org}},
       403,
       "adding a service for another provider"},
      {Who::provider, "POST", "/api/users", user(council_org, "intruder@birmingham.example", "council_admin"), 403,
       "a provider admin adds only its own users"},
      {Who::provider, "POST", "/api/users", user(other_provider_org, "intruder@other.example", "provider_admin"), 403,
       "a provider admin adds only its own users"},
  };
  for (const auto& route : tested_routes()) {
    if (route.path == "/health" || route.path == "/api/openapi.json" || route.path == "/api/login") continue;
    std::string target = route.path;
    if (const auto at = target.find("{id}"); at != std::string::npos) target.replace(at, 4, std::to_string(own));
    refused.push_back({std::nullopt, route.method, target, valid_body(route.method, route.path), 401, "not logged in"});
  }
  std::size_t checked = run_all(refused);
  EXPECT_EQ(snapshot(own, other), before) << "a refused request changed the register";
  for (const auto* email :
       {"council.user@birmingham.example", "intruder@birmingham.example", "intruder@other.example"}) {
    EXPECT_TRUE(is_error(api().post("/api/login", {{"email", email}, {"password", "a-long-enough-password"}}), 401,
                         "unauthenticated"))
        << email << " was added by a refused request";
  }

  // Then what each role may do.
  const std::vector<Case> allowed{
      {Who::council, "GET", "/api/me", nullptr, 200, "anyone logged in"},
      {Who::provider, "GET", "/api/me", nullptr, 200, "anyone logged in"},
      {Who::operator_, "GET", "/api/me", nullptr, 200, "anyone logged in"},
      {Who::council, "GET", "/api/services?limit=1", nullptr, 200, "the register is public to users"},
      {Who::provider, "GET", "/api/services?limit=1", nullptr, 200, "the register is public to users"},
      {Who::operator_, "GET", "/api/services?limit=1", nullptr, 200, "the register is public to users"},
      {Who::council, "GET", target_of(other), nullptr, 200, "the register is public to users"},
      {Who::provider, "GET", target_of(other), nullptr, 200, "the register is public to users"},
      {Who::operator_, "GET", target_of(other), nullptr, 200, "the register is public to users"},
      {Who::council, "GET", "/api/organisations", nullptr, 200, "the register is public to users"},
      {Who::provider, "GET", "/api/organisations", nullptr, 200, "the register is public to users"},
      {Who::operator_, "GET", "/api/organisations", nullptr, 200, "the register is public to users"},
      {Who::council, "GET", "/api/organisations/" + std::to_string(provider_org), nullptr, 200, "public"},
      {Who::provider, "GET", "/api/organisations/" + std::to_string(council_org), nullptr, 200, "public"},
      {Who::operator_, "GET", "/api/organisations/" + std::to_string(provider_org), nullptr, 200, "public"},
      {Who::council, "GET", target_of(own, "/prices"), nullptr, 200, "councils read prices"},
      {Who::council, "GET", target_of(other, "/prices"), nullptr, 200, "councils read prices"},
      {Who::provider, "GET", target_of(own, "/prices"), nullptr, 200, "its own prices"},
      {Who::operator_, "GET", target_of(other, "/prices"), nullptr, 200, "the operator reads everything"},
      {Who::provider, "PUT", target_of(own, "/vacancies"), {{"count", 1}}, 200, "its own service"},
      {Who::provider, "PUT", target_of(own, "/prices"), price, 200, "its own service"},
      {Who::provider, "PATCH", target_of(own), {{"specialisms", {"respite"}}}, 200, "its own service"},
      {Who::provider,
       "POST",
       "/api/services",
       {{"name", "Provider Adds House"}, {"kind", "care_home_residential"}, {"postcode", "B44 8DD"}},
       201,
       "for itself"},
      {Who::provider, "POST", "/api/users", user(provider_org, "colleague@provider.example", "provider_manager"), 201,
       "a provider admin adds its own users"},
      {Who::operator_, "PUT", target_of(other, "/vacancies"), {{"count", 1}}, 200, "the operator corrects anything"},
      {Who::operator_, "PUT", target_of(other, "/prices"), price, 200, "the operator corrects anything"},
      {Who::operator_,
       "PATCH",
       target_of(other),
       {{"rating", other_before.at("rating").at("overall")}},
       200,
       "the operator may set ratings"},
      {Who::operator_,
       "POST",
       "/api/services",
       {{"name", "Operator Adds House"},
        {"kind", "care_home_nursing"},
        {"postcode", "B44 8DD"},
        {"provider_id", provider_org}},
       201,
       "the operator adds for any provider"},
      {Who::operator_, "POST", "/api/users", user(council_org, "new.admin@birmingham.example", "council_admin"), 201,
       "the operator adds anyone"},
  };
  checked += run_all(allowed);

  // The allowed writes took effect, and the users they added can log in.
  EXPECT_EQ(service_as_operator(own).at("vacancies").at("count"), 1);
  EXPECT_EQ(service_as_operator(own).at("specialisms"), json({"respite"}));
  EXPECT_EQ(service_as_operator(other).at("vacancies").at("count"), 1);
  EXPECT_NE(service_as_operator(own).at("updated_at"), json(nullptr));
  EXPECT_NE(own_before.at("specialisms"), json({"respite"})) << "the PATCH must change something to prove anything";
  for (const auto* email : {"colleague@provider.example", "new.admin@birmingham.example"}) {
    const auto login = api().post("/api/login", {{"email", email}, {"password", "a-long-enough-password"}});
    EXPECT_EQ(login.status, 200) << email << ": " << describe(login);
  }
  std::printf("[e2e] authorisation: %zu endpoint x role combinations checked\n", checked);
}

TEST(ApiAuthorisation, AdminsAreStillBoundByTheRulesForUsers) {
  const auto provider_org = login_as(Who::provider).organisation_id();
  auto user = [provider_org](const std::string& email, const json& roles, const std::string& password) {
    return json{{"organisation_id", provider_org},
                {"email", email},
                {"name", "E2E User"},
                {"password", password},
                {"roles", roles}};
  };
  const std::string password = "a-long-enough-password";
  // A provider admin cannot hand out roles of another kind of organisation.
  EXPECT_TRUE(is_error(
      api().post("/api/users", user("op@provider.example", {"operator_admin"}, password), token(Who::provider)), 400,
      "invalid_input", "roles"));
  EXPECT_TRUE(is_error(
      api().post("/api/users", user("short@provider.example", {"provider_manager"}, "short"), token(Who::provider)),
      400, "invalid_input", "password"));
  EXPECT_TRUE(
      is_error(api().post("/api/users", user("not-an-email", {"provider_manager"}, password), token(Who::provider)),
               400, "invalid_input", "email"));
  EXPECT_TRUE(
      is_error(api().post("/api/users", user("x@provider.example", json::array(), password), token(Who::provider)), 400,
               "invalid_input", "roles"));
  // An email already in use is a clash, whatever its case.
  EXPECT_TRUE(is_error(
      api().post("/api/users", user("Manager@Provider.example", {"provider_manager"}, password), token(Who::provider)),
      409, "conflict"));
  for (const auto* email : {"op@provider.example", "short@provider.example", "x@provider.example"}) {
    EXPECT_TRUE(is_error(api().post("/api/login", {{"email", email}, {"password", password}}), 401, "unauthenticated"))
        << email << " was added by a refused request";
  }
}

}  // namespace
}  // namespace caremarket::e2e
