// Bad input over HTTP: every kind gets its 4xx with the one error body, and
// nothing is half-written (each case reads the register back).
#include <unistd.h>

#include "e2e/server_fixture.hpp"

namespace caremarket::e2e {
namespace {

std::string target_of(std::int64_t id, const std::string& tail = "") {
  return "/api/services/" + std::to_string(id) + tail;
}

struct BadBody {
  std::string method;
  std::string target;
  std::string body;   // sent exactly as written
  std::string field;  // the field the error must name, or "" when there is none
  std::string why;
};

// The provider's view of everything a bad request could have touched.
json state_of(std::int64_t id) {
  const auto provider = std::to_string(login_as(Who::provider).organisation_id());
  return {{"service", service_as_operator(id)},
          {"prices", prices_as_operator(id)},
          {"services",
           search({{"provider_id", provider}, {"include_inactive", "true"}, {"limit", "500"}}, Who::operator_)}};
}

// A price list whose third item is bad in the way given; the first two are
// new and valid, so a partial save would show.
std::string prices_with_bad_third(const std::string& third) {
  return R"({"prices": [)"
         R"({"need_level": "high", "unit": "week", "amount_pence": 170000, "valid_from": "2027-02-01"},)"
         R"({"need_level": "complex", "unit": "week", "amount": "1900.00", "valid_from": "2027-02-01"},)" +
         third + "]}";
}

TEST(ApiInput, BadBodiesAreRefusedAndNothingIsWritten) {
  const auto id = own_service(3);
  const int places = service_as_operator(id).at("places").get<int>();
  const std::string vacancies = target_of(id, "/vacancies");
  const std::string prices = target_of(id, "/prices");
  const std::string service = target_of(id);
  const std::string over = std::to_string(places + 1);
  const std::vector<BadBody> cases{
      // Not a JSON object at all.
      {"PUT", vacancies, "", "", "an empty body"},
      {"PUT", vacancies, "   \n", "", "only whitespace"},
      {"PUT", vacancies, "{count: 1", "", "malformed JSON"},
      {"PUT", vacancies, R"({"count": 1,})", "", "a trailing comma"},
      {"PUT", vacancies, R"({"count": 1} {"count": 2})", "", "two documents"},
      {"PUT", vacancies, "[1]", "", "an array instead of an object"},
      {"PUT", vacancies, R"("count")", "", "a string instead of an object"},
      {"PUT", vacancies, "null", "", "null instead of an object"},
      {"PUT", vacancies, "2", "", "a number instead of an object"},
      // Fields unknown, missing, of the wrong type or out of range.
      {"PUT", vacancies, R"({"count": 1, "colour": "red"})", "colour", "an unknown field"},
      {"PUT", vacancies, R"({"Count": 1})", "Count", "field names are case-sensitive"},
      {"PUT", vacancies, "{}", "count", "a missing field"},
      {"PUT", vacancies, R"({"count": null})", "count", "a null count"},
      {"PUT", vacancies, R"({"count": "3"})", "count", "a string for a number"},
      {"PUT", vacancies, R"({"count": true})", "count", "a boolean for a number"},
      {"PUT", vacancies, R"({"count": 1.5})", "count", "a fraction"},
      {"PUT", vacancies, R"({"count": 2.0})", "count", "a float for a whole number"},
      {"PUT", vacancies, R"({"count": [1]})", "count", "a list for a number"},
      {"PUT", vacancies, R"({"count": -1})", "count", "negative vacancies"},
      {"PUT", vacancies, R"({"count": )" + over + "}", "count", "more vacancies than places"},
      {"PUT", vacancies, R"({"count": 18446744073709551615})", "count", "the largest unsigned 64-bit number"},
      {"PUT", vacancies, R"({"count": 99999999999999999999999})", "count", "a number too big for any integer"},
      {"PATCH", service, R"({"name": 5})", "name", "a number for a name"},
      {"PATCH", service, R"({"name": "   "})", "name", "a blank name"},
      {"PATCH", service, R"({"name": ")" + std::string(201, 'x') + R"("})", "name", "a name too long"},
      {"PATCH", service, R"({"places": -1})", "places", "negative places"},
      {"PATCH", service, R"({"places": 2001})", "places", "too many places"},
      {"PATCH", service, R"({"places": "ten"})", "places", "a string for places"},
      {"PATCH", service, R"({"age_min": 200})", "age_min", "an age of 200"},
      {"PATCH", service, R"({"age_min": 90, "age_max": 20})", "age_min", "an age range upside down"},
      {"PATCH", service, R"({"kind": "spaceship"})", "kind", "an unknown kind of care"},
      {"PATCH", service, R"({"kind": 3})", "kind", "a number for a kind"},
      {"PATCH", service, R"({"status": "closed"})", "status", "an unknown status"},
      {"PATCH", service, R"({"needs": ["flying"]})", "needs", "an unknown need"},
      {"PATCH", service, R"({"needs": "dementia"})", "needs", "a string for a list"},
      {"PATCH", service, R"({"needs": [1, 2]})", "needs", "numbers in a list of strings"},
      {"PATCH", service, R"({"postcode": "ZZ99 9ZZ"})", "postcode", "a postcode that does not exist"},
      {"PATCH", service, R"({"postcode": "not a postcode"})", "postcode", "text that is not a postcode"},
      {"PATCH", service, R"({"postcode": "B44"})", "postcode", "a district is not a service's postcode"},
      {"PATCH", service, R"({"rating_date": "2026-13-01"})", "rating_date", "a date that does not exist"},
      {"PATCH", service, R"({"places": 12, "name": "Half Written", "bogus": 1})", "bogus",
       "good fields beside a bad one"},
      {"PATCH", service, R"({"name": "Half Written", "postcode": "ZZ99 9ZZ"})", "postcode",
       "a good name, a bad postcode"},
      // Price lists: the third item is bad; the first two must not be saved.
      {"PUT", prices,
       prices_with_bad_third(
           R"({"need_level": "standard", "unit": "week", "amount_pence": 100000, "valid_from": "2027-02-01", "vat": 0})"),
       "prices[2].vat", "an unknown field in the third price"},
      {"PUT", prices,
       prices_with_bad_third(
           R"({"need_level": "standard", "unit": "month", "amount_pence": 100000, "valid_from": "2027-02-01"})"),
       "prices[2].unit", "a unit that is not week or hour"},
      {"PUT", prices,
       prices_with_bad_third(
           R"({"need_level": "standard", "unit": "week", "amount": "12.345", "valid_from": "2027-02-01"})"),
       "prices[2].amount", "fractions of a penny"},
      {"PUT", prices,
       prices_with_bad_third(
           R"({"need_level": "standard", "unit": "week", "amount": "lots", "valid_from": "2027-02-01"})"),
       "prices[2].amount", "an amount that is not money"},
      {"PUT", prices,
       prices_with_bad_third(
           R"({"need_level": "standard", "unit": "week", "amount_pence": 0, "valid_from": "2027-02-01"})"),
       "prices[2].amount_pence", "a price of nothing"},
      {"PUT", prices,
       prices_with_bad_third(
           R"({"need_level": "standard", "unit": "week", "amount_pence": 1050.5, "valid_from": "2027-02-01"})"),
       "prices[2].amount_pence", "a float for pence"},
      {"PUT", prices,
       prices_with_bad_third(
           R"({"need_level": "standard", "unit": "week", "amount_pence": 100000, "amount": "1000.00", "valid_from": "2027-02-01"})"),
       "prices[2]", "both amount forms"},
      {"PUT", prices,
       prices_with_bad_third(R"({"need_level": "standard", "unit": "week", "valid_from": "2027-02-01"})"), "prices[2]",
       "no amount"},
      {"PUT", prices, prices_with_bad_third(R"({"need_level": "standard", "unit": "week", "amount_pence": 100000})"),
       "prices[2].valid_from", "no date"},
      {"PUT", prices,
       prices_with_bad_third(
           R"({"need_level": "standard", "unit": "week", "amount_pence": 100000, "valid_from": "01/02/2027"})"),
       "prices[2].valid_from", "a date in the wrong form"},
      {"PUT", prices, prices_with_bad_third("5"), "", "a number where a price should be"},
      {"PUT", prices,
       prices_with_bad_third(
           R"({"need_level": "platinum", "unit": "week", "amount_pence": 100000, "valid_from": "2027-02-01"})"),
       "prices[2].need_level", "an unknown need level"},
      {"PUT", prices,
       prices_with_bad_third(
           R"({"need_level": "high", "unit": "week", "amount_pence": 100000, "valid_from": "2027-02-01"})"),
       "prices[2].need_level", "the first item's level and date again"},
      {"PUT", prices,
       prices_with_bad_third(
           R"({"need_level": "standard", "unit": "week", "amount_pence": 10000001, "valid_from": "2027-02-01"})"),
       "prices[2].amount_pence", "a price above the ceiling"},
      {"PUT", prices, R"({"prices": []})", "prices", "an empty price list"},
      {"PUT", prices, R"({"prices": {"need_level": "standard"}})", "prices", "an object for a list"},
      {"PUT", prices, "{}", "prices", "no price list"},
  };
  const json before = state_of(id);
  std::size_t checked = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.method + " " + c.target + ": " + c.why);
    const auto reply = api().send_text(c.method, c.target, c.body, token(Who::provider));
    EXPECT_TRUE(is_error(reply, 400, "invalid_input", c.field));
    ++checked;
  }
  // Read back once more after all of them: not one was partly applied.
  const json after = state_of(id);
  EXPECT_EQ(after.at("service"), before.at("service"));
  EXPECT_EQ(after.at("prices"), before.at("prices"));
  EXPECT_EQ(after.at("services"), before.at("services"));
  std::printf("[e2e] bad bodies: %zu cases refused with 400, nothing written\n", checked);
}

TEST(ApiInput, RefusedChangesToPlacesAndNewServicesLeaveNoTrace) {
  const auto id = own_service(3);
  const std::string name = "E2E Refused House " + std::to_string(::getpid());
  ASSERT_EQ(api().put(target_of(id, "/vacancies"), {{"count", 2}}, token(Who::provider)).status, 200);
  const json before = state_of(id);
  // Fewer places than the vacancies now reported.
  EXPECT_TRUE(is_error(api().patch(target_of(id), {{"places", 1}, {"name", "Half Written"}}, token(Who::provider)), 400,
                       "invalid_input", "places"));
  const std::vector<std::pair<json, std::string>> bad_new{
      {{{"kind", "care_home_residential"}, {"postcode", "B44 8DD"}}, "name"},
      {{{"name", name}, {"postcode", "B44 8DD"}}, "kind"},
      {{{"name", name}, {"kind", "care_home_residential"}}, "postcode"},
      {{{"name", name}, {"kind", "spaceship"}, {"postcode", "B44 8DD"}}, "kind"},
      {{{"name", name}, {"kind", "care_home_residential"}, {"postcode", "ZZ99 9ZZ"}}, "postcode"},
      {{{"name", name}, {"kind", "care_home_residential"}, {"postcode", "??"}}, "postcode"},
      {{{"name", name}, {"kind", "care_home_residential"}, {"postcode", "B44 8DD"}, {"needs", {"flying"}}}, "needs"},
      {{{"name", name}, {"kind", "care_home_residential"}, {"postcode", "B44 8DD"}, {"regulator", "cqc"}},
       "regulator_id"},
      {{{"name", name}, {"kind", "care_home_residential"}, {"postcode", "B44 8DD"}, {"places", 3000}}, "places"},
      {{{"name", name}, {"kind", "care_home_residential"}, {"postcode", "B44 8DD"}, {"id", 5}}, "id"},
  };
  for (const auto& [body, field] : bad_new) {
    SCOPED_TRACE(body.dump());
    EXPECT_TRUE(is_error(api().post("/api/services", body, token(Who::provider)), 400, "invalid_input", field));
  }
  // A CQC registration already on the register cannot be claimed twice.
  const json existing = service_as_operator(id);
  const json duplicate = {{"name", name},
                          {"kind", "care_home_residential"},
                          {"postcode", "B44 8DD"},
                          {"regulator", "cqc"},
                          {"regulator_id", existing.at("regulator_id")}};
  EXPECT_TRUE(is_error(api().post("/api/services", duplicate, token(Who::provider)), 409, "conflict"));
  EXPECT_EQ(state_of(id), before);
  ASSERT_EQ(api().put(target_of(id, "/vacancies"), {{"count", 0}}, token(Who::provider)).status, 200);
}

struct BadQuery {
  std::string path;
  Query query;
  std::string field;
};

TEST(ApiInput, BadQueryParametersAreRefused) {
  const std::vector<BadQuery> cases{
      {"/api/services", {{"limit", "0"}}, "limit"},
      {"/api/services", {{"limit", "501"}}, "limit"},
      {"/api/services", {{"limit", "ten"}}, "limit"},
      {"/api/services", {{"limit", ""}}, "limit"},
      {"/api/services", {{"limit", "5.5"}}, "limit"},
      {"/api/services", {{"offset", "-1"}}, "offset"},
      {"/api/services", {{"offset", "1000001"}}, "offset"},
      {"/api/services", {{"within_miles", "5"}}, "within_miles"},
      {"/api/services", {{"near", "B44 8DD"}, {"within_miles", "0"}}, "within_miles"},
      {"/api/services", {{"near", "B44 8DD"}, {"within_miles", "-3"}}, "within_miles"},
      {"/api/services", {{"near", "B44 8DD"}, {"within_miles", "501"}}, "within_miles"},
      {"/api/services", {{"near", "B44 8DD"}, {"within_miles", "nan"}}, "within_miles"},
      {"/api/services", {{"near", "B44 8DD"}, {"within_miles", "inf"}}, "within_miles"},
      {"/api/services", {{"near", "B44 8DD"}, {"within_miles", "five"}}, "within_miles"},
      {"/api/services", {{"age", "200"}}, "age"},
      {"/api/services", {{"age", "-1"}}, "age"},
      {"/api/services", {{"age", "ten"}}, "age"},
      {"/api/services", {{"near", "ZZ99 9ZZ"}}, "near"},
      {"/api/services", {{"near", "not a postcode"}}, "near"},
      {"/api/services", {{"near", ""}}, "near"},
      {"/api/services", {{"kind", "spaceship"}}, "kind"},
      {"/api/services", {{"kind", ""}}, "kind"},
      {"/api/services", {{"min_rating", "not_rated"}}, "min_rating"},
      {"/api/services", {{"min_rating", "great"}}, "min_rating"},
      {"/api/services", {{"has_vacancy", "maybe"}}, "has_vacancy"},
      {"/api/services", {{"include_inactive", "2"}}, "include_inactive"},
      {"/api/services", {{"local_authority", "E99999999"}}, "local_authority"},
      {"/api/services", {{"needs", "flying"}}, "needs"},
      {"/api/services", {{"provider_id", "0"}}, "provider_id"},
      {"/api/services", {{"provider_id", "abc"}}, "provider_id"},
      {"/api/services", {{"colour", "red"}}, "colour"},
      {"/api/services", {{"Limit", "5"}}, "Limit"},
      {"/api/services", {{"limit", "1"}, {"limit", "2"}}, "limit"},
      {"/api/services", {{"near", "B44 8DD"}, {"near", "M1 1AE"}}, "near"},
      {"/api/services", {{"kind", "care_home_nursing"}, {"kind", "care_home_nursing"}}, "kind"},
      {"/api/me", {{"verbose", "1"}}, "verbose"},
      {"/api/organisations", {{"kind", "spaceship"}}, "kind"},
      {"/api/organisations", {{"kind", "council"}, {"kind", "provider"}}, "kind"},
      {"/api/organisations", {{"limit", "5"}}, "limit"},
      {"/api/openapi.json", {{"format", "yaml"}}, "format"},
      {"/health", {{"deep", "true"}}, "deep"},
  };
  for (const auto& c : cases) {
    const auto target = with_query(c.path, c.query);
    SCOPED_TRACE(target);
    EXPECT_TRUE(is_error(api().get(target, token(Who::council)), 400, "invalid_input", c.field));
  }
  std::printf("[e2e] bad query parameters: %zu cases refused with 400\n", cases.size());
}

TEST(ApiInput, AnOversizedBodyGets413AndNothingIsSaved) {
  const auto id = own_service();
  const json before = state_of(id);
  // Valid JSON, and a valid price list apart from its size.
  std::string body =
      R"({"prices": [{"need_level": "high", "unit": "week", "amount_pence": 170000, "valid_from": "2027-03-01"}], "pad": ")";
  body += std::string(1024 * 1024 + 10, 'x');
  body += "\"}";
  const auto reply = api().send_text("PUT", target_of(id, "/prices"), body, token(Who::provider));
  EXPECT_TRUE(is_error(reply, 413, "payload_too_large"));
  EXPECT_EQ(state_of(id), before);

  // Just under the limit is read (and refused for what it says, not its size).
  std::string under = R"({"count": 1, "pad": ")" + std::string(1000 * 1000, 'x') + "\"}";
  EXPECT_TRUE(is_error(api().send_text("PUT", target_of(id, "/vacancies"), under, token(Who::provider)), 400,
                       "invalid_input", "pad"));
  EXPECT_EQ(state_of(id), before);
}

TEST(ApiInput, UnknownPathsAndRecordsAre404) {
  const std::string missing = "999999999";
  // "/" and other paths outside /api are the web pages (tests/browser).
  const std::vector<std::pair<std::string, std::string>> no_route{
      {"GET", "/api"},
      {"GET", "/api/nothing"},
      {"GET", "/api/services/abc"},
      {"GET", "/api/services/12/nothing"},
      {"GET", "/api/services/1234567890123456789"},  // longer than any id
      {"DELETE", "/api/services/1"},
      {"POST", "/api/services/1"},
      {"PUT", "/api/me"},
      {"GET", "/api/login"},
  };
  for (const auto& [method, path] : no_route) {
    SCOPED_TRACE(method + " " + path);
    const auto reply = api().send(method, path, "", {{"Authorization", "Bearer " + token(Who::operator_)}});
    EXPECT_TRUE(is_error(reply, 404, "not_found"));
  }
  const std::vector<std::pair<std::string, std::string>> no_record{
      {"GET", "/api/services/" + missing},
      {"GET", "/api/services/" + missing + "/prices"},
      {"GET", "/api/organisations/" + missing},
      {"GET", "/api/services/0"},
  };
  for (const auto& [method, path] : no_record) {
    SCOPED_TRACE(method + " " + path);
    EXPECT_TRUE(is_error(api().send(method, path, "", {{"Authorization", "Bearer " + token(Who::operator_)}}), 404,
                         "not_found"));
  }
  const json price = {
      {"prices", {{{"need_level", "high"}, {"unit", "week"}, {"amount_pence", 150000}, {"valid_from", "2027-01-01"}}}}};
  for (const Who who : {Who::provider, Who::operator_}) {
    SCOPED_TRACE(to_string(who));
    EXPECT_TRUE(
        is_error(api().put("/api/services/" + missing + "/vacancies", {{"count", 1}}, token(who)), 404, "not_found"));
    EXPECT_TRUE(is_error(api().put("/api/services/" + missing + "/prices", price, token(who)), 404, "not_found"));
    EXPECT_TRUE(is_error(api().patch("/api/services/" + missing, {{"name", "Ghost"}}, token(who)), 404, "not_found"));
  }
  // The operator adding a service for a provider that does not exist.
  const json orphan = {
      {"name", "Orphan House"}, {"kind", "care_home_residential"}, {"postcode", "B44 8DD"}, {"provider_id", 999999999}};
  const auto reply = api().post("/api/services", orphan, token(Who::operator_));
  EXPECT_TRUE(reply.status == 404 || reply.status == 400) << describe(reply);
  EXPECT_TRUE(is_error(reply, reply.status, reply.status == 404 ? "not_found" : "invalid_input"));
}

}  // namespace
}  // namespace caremarket::e2e
