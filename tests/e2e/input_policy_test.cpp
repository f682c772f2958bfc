// The one input policy at every edge (issue 13), over HTTP against the real
// server: bytes that are not UTF-8 in the path, the query, a header, a JSON
// body or a form are a 4xx in the one error shape, never a crash or a 500;
// JSON nested deeper than 64 is refused before it is built; numbers must fit;
// a JSON body sent with curl's form content type is read as JSON; a refused
// form leaves the store and the server's memory as they were; signing in
// goes only to this site's own paths.
#include <httplib.h>

#include <algorithm>
#include <regex>

#include "e2e/brokerage_support.hpp"
#include "web/form.hpp"
#include "web/session.hpp"

namespace caremarket::e2e {
namespace {

// Requests sent exactly as written, to the API or the pages, without the
// fixture's check that an answering route is in tested_routes(): these
// targets are deliberately not routes.
struct Raw {
  int status = 0;  // 0: no HTTP answer (the server died)
  std::string text;
  httplib::Headers headers;
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  e2e::Reply reply() const {
    e2e::Reply r;
    r.status = status;
    r.text = text;
    r.body = json::parse(text, nullptr, false);
    r.content_type = header("Content-Type");
    r.www_authenticate = header("WWW-Authenticate");
    return r;
  }
};

Raw raw(const std::string& method, const std::string& target, const std::string& body = "",
        const Headers& headers = {}) {
  httplib::Client client("127.0.0.1", shared_server().port());
  client.set_url_encode(false);
  client.set_connection_timeout(10);
  client.set_read_timeout(60);
  client.set_write_timeout(60);
  httplib::Request request;
  request.method = method;
  request.path = target;
  for (const auto& [name, value] : headers) request.headers.emplace(name, value);
  request.body = body;
  const auto result = client.send(request);
  Raw out;
  if (!result) {
    out.text = "no HTTP answer: " + httplib::to_string(result.error());
    return out;
  }
  out.status = result->status;
  out.text = result->body;
  out.headers = result->headers;
  return out;
}

::testing::AssertionResult alive() {
  const auto health = raw("GET", "/health");
  if (health.status == 200) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "the server no longer answers /health: " << health.status << " "
                                       << health.text;
}

Headers bearer(const std::string& token, const std::string& content_type = "application/json") {
  Headers h{{"Authorization", "Bearer " + token}};
  if (!content_type.empty()) h.emplace_back("Content-Type", content_type);
  return h;
}

// `depth` arrays inside one another around a string.
std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + "\"x\"" + std::string(depth, ']'); }

std::string login_body(const std::string& email_json) {
  return R"({"email": )" + email_json + R"(, "password": "demo-password-2026"})";
}

TEST(InputPolicy, BadBytesInThePathAreA400NotACrash) {
  // Before: the server aborted writing the 404 body (nlohmann type_error 316).
  for (const std::string target : {"/api/x%FF", "/api/x%C3", "/api/services/%FF", "/api/%ED%A0%80", "/api/x%C0%AF"}) {
    const auto reply = raw("GET", target).reply();
    EXPECT_TRUE(is_error(reply, 400, "invalid_input")) << target << ": " << describe(reply);
    EXPECT_NE(reply.text.find("UTF-8"), std::string::npos) << reply.text;
    ASSERT_TRUE(alive()) << "after GET " << target;
  }
  // Outside the API the answer is a page.
  for (const std::string target : {"/referrals%FF", "/health%FF", "/%FF"}) {
    const auto page = raw("GET", target);
    EXPECT_EQ(page.status, 400) << target << ": " << page.text;
    EXPECT_NE(page.header("Content-Type").find("text/html"), std::string::npos) << target;
    ASSERT_TRUE(alive()) << "after GET " << target;
  }
  // A good address that does not exist is still the 404 it was.
  EXPECT_TRUE(is_error(raw("GET", "/api/x%C3%A9").reply(), 404, "not_found"));
}

TEST(InputPolicy, BadBytesInTheQueryAreA400) {
  // Before: 500 for both.
  EXPECT_TRUE(is_error(raw("GET", "/health?%FF=1").reply(), 400, "invalid_input"));
  const auto kind = raw("GET", "/api/services?kind=%FF", "", bearer(token(Who::council), "")).reply();
  EXPECT_TRUE(is_error(kind, 400, "invalid_input", "kind")) << describe(kind);
  const auto near = raw("GET", "/api/services?near=B44%209AA%C0%AF", "", bearer(token(Who::council), "")).reply();
  EXPECT_TRUE(is_error(near, 400, "invalid_input", "near")) << describe(near);
  // Refused before the login is looked at: no bad byte reaches anything.
  EXPECT_TRUE(is_error(raw("GET", "/api/services?kind=%FF").reply(), 400, "invalid_input", "kind"));
  const auto page = raw("GET", "/sign-in?next=%FF");
  EXPECT_EQ(page.status, 400) << page.text;
  EXPECT_TRUE(alive());
}

TEST(InputPolicy, BadBytesInAHeaderAreA400) {
  const auto reply =
      raw("GET", "/api/me", "", {{"Authorization", "Bearer " + token(Who::council)}, {"X-Note", "caf\xE9"}}).reply();
  EXPECT_TRUE(is_error(reply, 400, "invalid_input")) << describe(reply);
  EXPECT_TRUE(alive());
}

TEST(InputPolicy, JsonNestedDeeperThan64IsRefusedBeforeItIsBuilt) {
  // Before: a segmentation fault (the value was copied recursively), with no
  // login. Its 300 KB are over sign-in's 16 KiB, so the size limit answers
  // first; the depth limit itself is shown below and by the PDS document.
  const auto deep =
      raw("POST", "/api/login", login_body(nested_arrays(150'000)), {{"Content-Type", "application/json"}}).reply();
  EXPECT_TRUE(is_error(deep, 413, "payload_too_large")) << describe(deep);
  ASSERT_TRUE(alive());
  // The limit is 64 containers: the body's object and 63 lists are read (and
  // the field's type is what is wrong), one more list is refused as too deep.
  const auto at_limit =
      raw("POST", "/api/login", login_body(nested_arrays(63)), {{"Content-Type", "application/json"}}).reply();
  EXPECT_TRUE(is_error(at_limit, 400, "invalid_input", "email")) << describe(at_limit);
  const auto over =
      raw("POST", "/api/login", login_body(nested_arrays(64)), {{"Content-Type", "application/json"}}).reply();
  EXPECT_TRUE(is_error(over, 400, "invalid_input")) << describe(over);
  EXPECT_NE(over.text.find("more than 64 deep"), std::string::npos) << over.text;
  // A child's referral whose Placements Data Standard document is 100,000 deep.
  json referral = child_referral(child_person(), child_document(73194682));
  std::string body = referral.dump();
  const std::string marker = R"("pds":)";
  const auto at = body.find(marker);
  ASSERT_NE(at, std::string::npos);
  body.insert(at + marker.size(), std::string(100'000, '[') + "{}" + std::string(100'000, ']') + ", \"x\":");
  const auto pds = raw("POST", "/api/referrals", body, bearer(token(Who::council))).reply();
  EXPECT_TRUE(is_error(pds, 400, "invalid_input")) << describe(pds);
  EXPECT_NE(pds.text.find("64"), std::string::npos) << pds.text;
  EXPECT_TRUE(alive());
}

TEST(InputPolicy, NumbersThatDoNotFitTheirFieldAreA400) {
  // Before: 500 (nlohmann's out_of_range 406 escaped the parser).
  json referral = adult_referral(adult_person());
  std::string body = referral.dump();
  const auto age = body.find(R"("age":84)");
  ASSERT_NE(age, std::string::npos) << body;
  body.replace(age, 8, R"("age":1e400)");
  const auto reply = raw("POST", "/api/referrals", body, bearer(token(Who::council))).reply();
  EXPECT_TRUE(is_error(reply, 400, "invalid_input", "age")) << describe(reply);
  const auto id = own_service(3);
  const auto count = raw("PUT", "/api/services/" + std::to_string(id) + "/vacancies", R"({"count": -1e999})",
                         bearer(token(Who::provider)))
                         .reply();
  EXPECT_TRUE(is_error(count, 400, "invalid_input", "count")) << describe(count);
  EXPECT_TRUE(alive());
}

TEST(InputPolicy, JsonBodiesMustBeUtf8) {
  const auto id = own_service(3);
  const auto before = service_as_operator(id);
  const auto reply =
      raw("PATCH", "/api/services/" + std::to_string(id), "{\"name\": \"Caf\xE9 House\"}", bearer(token(Who::provider)))
          .reply();
  EXPECT_TRUE(is_error(reply, 400, "invalid_input")) << describe(reply);
  EXPECT_NE(reply.text.find("UTF-8"), std::string::npos) << reply.text;
  EXPECT_EQ(service_as_operator(id), before);
}

TEST(InputPolicy, JsonSentWithCurlsFormContentTypeIsReadAsJson) {
  // `curl -d @file.json` says application/x-www-form-urlencoded. Before: 413
  // "too large" for anything over 8 KiB, although the limit is 1 MiB.
  const std::string padded = R"({"email": ")" + email_of(Who::council) + R"(", "password": ")" + kDemoPassword + "\"" +
                             std::string(9 * 1024, ' ') + "}";
  const auto login = raw("POST", "/api/login", padded, {{"Content-Type", "application/x-www-form-urlencoded"}}).reply();
  EXPECT_EQ(login.status, 200) << describe(login);
  EXPECT_TRUE(login.body.is_object() && login.body.contains("token")) << login.text;
  // The real limits still hold, in the one error shape: the server's 1 MiB,
  // and a sign-in's own 16 KiB.
  const auto id = own_service(3);
  const std::string huge = R"({"count": 1)" + std::string(1024 * 1024, ' ') + "}";
  const auto too_big = raw("PUT", "/api/services/" + std::to_string(id) + "/vacancies", huge,
                           bearer(token(Who::provider), "application/x-www-form-urlencoded"))
                           .reply();
  EXPECT_TRUE(is_error(too_big, 413, "payload_too_large")) << describe(too_big);
  EXPECT_NE(too_big.text.find("1048576"), std::string::npos) << too_big.text;
  const std::string big_login = R"({"email": "a@b.c", "password": "x")" + std::string(17 * 1024, ' ') + "}";
  const auto login_too_big = raw("POST", "/api/login", big_login, {{"Content-Type", "application/json"}}).reply();
  EXPECT_TRUE(is_error(login_too_big, 413, "payload_too_large")) << describe(login_too_big);
  EXPECT_NE(login_too_big.text.find("16384"), std::string::npos) << login_too_big.text;
  EXPECT_TRUE(alive());
}

TEST(InputPolicy, CommandLineArgumentsMustBeUtf8) {
  TempDir dir;
  const auto db = dir / "copy.db";
  copy_database(demo_database(), db);
  const auto added = run_caremarket({"user", "add", "--db", db.string(), "--email", "edna@example.org", "--name",
                                     "Edna Caf\xE9", "--password", "a-long-enough-password", "--role", "admin"});
  EXPECT_EQ(added.exit_code, 2) << added.out << added.err;
  EXPECT_NE(added.err.find("not UTF-8 text"), std::string::npos) << added.err;
}

// ---------------------------------------------------------------- pages

// A signed-in page session: the web cookie holds the same token as the API's
// bearer header, and the CSRF token is derived from it.
struct PageSession {
  std::string token;
  Headers form_headers() const {
    return {{"Cookie", "caremarket_session=" + token}, {"Content-Type", "application/x-www-form-urlencoded"}};
  }
  // Fields already encoded by the caller (so a test can send %FF as it is).
  std::string body(const std::vector<std::pair<std::string, std::string>>& encoded) const {
    std::string out = "csrf_token=" + web::url_encode(web::csrf_token(token));
    for (const auto& [name, value] : encoded) out += "&" + web::url_encode(name) + "=" + value;
    return out;
  }
};

std::string status_of_service(const Party& council, std::int64_t referral_id, std::int64_t service_id) {
  const auto view = api().get("/api/referrals/" + std::to_string(referral_id), council.token);
  EXPECT_EQ(view.status, 200) << describe(view);
  if (view.status != 200) return "unreadable";
  for (const auto& r : view.body.at("recipients")) {
    if (r.at("service_id") == service_id)
      return r.at("status").get<std::string>() + ":" + r.at("decline_reason").get<std::string>();
  }
  return "not asked";
}

TEST(PageInput, ADeclineWithBadBytesIsA400AndTheServerForgetsIt) {
  // Before: the page was a 500, nothing was stored, but the decline stayed in
  // the server's memory (an open transaction) and the referral answered 500.
  const Party council = demo_party(Who::council);
  const json sent = send_referral(council, create_referral(council, adult_referral(adult_person())).at("id"));
  const auto id = sent.at("id").get<std::int64_t>();
  const auto asked = asked_by_provider(sent);
  ASSERT_FALSE(asked.empty());
  const Party provider = provider_party(asked.begin()->first);
  const auto service = asked.begin()->second.front();
  const std::string sid = std::to_string(service);
  const PageSession page{provider.token};
  const std::string target = "/inbox/" + std::to_string(id) + "/declines";

  const auto bad =
      raw("POST", target, page.body({{"service_id", sid}, {"decline-" + sid, "No+room%FF"}}), page.form_headers());
  EXPECT_EQ(bad.status, 400) << bad.text;
  EXPECT_NE(bad.header("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(bad.text.find("decline-" + sid), std::string::npos) << "the page names the field";
  EXPECT_EQ(status_of_service(council, id, service), "asked:");
  EXPECT_EQ(api().get("/api/referrals/" + std::to_string(id), provider.token).status, 200);

  const auto good = raw("POST", target, page.body({{"service_id", sid}, {"decline-" + sid, "No+room+until+March"}}),
                        page.form_headers());
  EXPECT_EQ(good.status, 303) << good.text;
  EXPECT_EQ(status_of_service(council, id, service), "declined:No room until March");
  EXPECT_TRUE(alive());
}

// An adult's referral form, fields already encoded; `changes` replace or add fields.
std::vector<std::pair<std::string, std::string>> adult_form(
    const std::vector<std::pair<std::string, std::string>>& changes = {}) {
  std::vector<std::pair<std::string, std::string>> fields{{"for", "adult"},
                                                          {"person.name", "Edna+Testperson"},
                                                          {"person.date_of_birth-day", "15"},
                                                          {"person.date_of_birth-month", "6"},
                                                          {"person.date_of_birth-year", "1941"},
                                                          {"home_postcode", "B44+9AA"},
                                                          {"age", "84"},
                                                          {"max_distance_miles", "20"},
                                                          {"kind", "care_home_nursing"}};
  for (const auto& [name, value] : changes) {
    bool found = false;
    for (auto& f : fields) {
      if (f.first == name) {
        f.second = value;
        found = true;
      }
    }
    if (!found) fields.emplace_back(name, value);
  }
  return fields;
}

TEST(PageInput, APersonsNameWithBadBytesIsRefusedAtTheForm) {
  // Before: stored, and reading the person answered 500 ever after.
  const Party council = demo_party(Who::council);
  const PageSession page{council.token};
  const auto count = [&] {
    const auto list = api().get("/api/referrals", council.token);
    EXPECT_EQ(list.status, 200) << describe(list);
    return list.body.value("total", std::size_t{0});
  };
  const auto form = [&](const std::string& encoded_name) {
    return page.body(adult_form({{"person.name", encoded_name}}));
  };
  const auto before = count();
  const auto bad = raw("POST", "/referrals/new", form("Edna+Test%FFperson"), page.form_headers());
  EXPECT_EQ(bad.status, 400) << bad.text;
  EXPECT_NE(bad.text.find("person.name"), std::string::npos) << "the page names the field";
  EXPECT_EQ(count(), before) << "nothing was stored";
  // The same form with a readable name is a referral: the refusal was the name.
  const auto good = raw("POST", "/referrals/new", form("Edna+Caf%C3%A9+Testperson"), page.form_headers());
  EXPECT_EQ(good.status, 303) << good.text;
  EXPECT_EQ(count(), before + 1);
  const std::string location = good.header("Location");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(location, m, std::regex(R"(^/referrals/(\d+))"))) << location;
  const auto person = api().get("/api/referrals/" + m[1].str() + "/person", council.token);
  EXPECT_EQ(person.status, 200) << describe(person);
  if (person.status == 200) { EXPECT_EQ(person.body.at("name"), "Edna Caf\xC3\xA9 Testperson") << person.text; }
}

// The three rules the API and the form used to apply differently, now
// written once in app/referral_rules.cpp: both refuse, naming the field.
TEST(PageInput, TheFormAndTheApiApplyTheSameReferralRules) {
  const Party council = demo_party(Who::council);
  const PageSession page{council.token};
  const auto form = [&](const std::vector<std::pair<std::string, std::string>>& changes) {
    return raw("POST", "/referrals/new", page.body(adult_form(changes)), page.form_headers());
  };
  const std::string next_year = std::to_string(std::stoi(date_in_days(0).substr(0, 4)) + 1);
  struct Case {
    std::vector<std::pair<std::string, std::string>> form;
    json api_changes;
    std::string field;
  };
  const std::vector<Case> cases{
      {{{"min_rating", "inadequate"}}, {{"min_rating", "inadequate"}}, "inadequate_override_reason"},
      {{{"person.date_of_birth-year", next_year}},
       {{"person", {{"name", "Edna"}, {"date_of_birth", next_year + "-06-15"}}}},
       "person.date_of_birth"},
      {{{"kind", "home_care"}, {"hours_per_week", "0"}},
       {{"kind", "home_care"}, {"hours_per_week", 0}},
       "hours_per_week"},
  };
  for (const auto& c : cases) {
    const auto page_reply = form(c.form);
    EXPECT_EQ(page_reply.status, 400) << c.field << ": " << page_reply.text.substr(0, 300);
    std::string anchor = c.field;
    std::replace(anchor.begin(), anchor.end(), '.', '-');
    EXPECT_NE(page_reply.text.find("href=\"#" + anchor), std::string::npos)
        << c.field << ": the error summary links the field";
    json body = adult_referral(adult_person(), false);
    body.update(c.api_changes);
    EXPECT_TRUE(is_error(api().post("/api/referrals", body, council.token), 400, "invalid_input", c.field)) << c.field;
  }
}

// Signs in through the form, as a browser would after following `target`.
Raw sign_in_via(const std::string& target, const std::string& posted_next = "") {
  const auto form = raw("GET", target);
  EXPECT_EQ(form.status, 200) << form.text;
  std::smatch nonce_cookie, nonce_field, next_field;
  const std::string set_cookie = form.header("Set-Cookie");
  EXPECT_TRUE(std::regex_search(set_cookie, nonce_cookie, std::regex("caremarket_signin=([^;]+)"))) << set_cookie;
  EXPECT_TRUE(std::regex_search(form.text, nonce_field, std::regex(R"re(name="signin_nonce" value="([^"]*)")re")));
  EXPECT_TRUE(std::regex_search(form.text, next_field, std::regex(R"re(name="next" value="([^"]*)")re")));
  if (nonce_cookie.empty() || nonce_field.empty() || next_field.empty()) return {};
  const std::string next = posted_next.empty() ? web::url_encode(next_field[1].str()) : posted_next;
  const std::string body = "signin_nonce=" + web::url_encode(nonce_field[1].str()) + "&next=" + next +
                           "&email=" + web::url_encode(email_of(Who::council)) +
                           "&password=" + web::url_encode(kDemoPassword);
  return raw("POST", "/sign-in", body,
             {{"Cookie", "caremarket_signin=" + nonce_cookie[1].str()},
              {"Content-Type", "application/x-www-form-urlencoded"}});
}

TEST(PageInput, SigningInGoesOnlyToThisSitesOwnPaths) {
  // Before: 303 Location "/<TAB>/evil.example", which browsers follow to evil.example.
  const auto tab = sign_in_via("/sign-in?next=%2F%09%2Fevil.example");
  EXPECT_EQ(tab.status, 303) << tab.text;
  EXPECT_EQ(tab.header("Location"), "/");
  // The same, posted straight to the form.
  for (const std::string next : {"%2F%09%2Fevil.example", "%2F%2Fevil.example", "%2F%5Cevil.example",
                                 "https%3A%2F%2Fevil.example", "%2F%0D%0ASet-Cookie%3A+x%3D1"}) {
    const auto posted = sign_in_via("/sign-in", next);
    EXPECT_EQ(posted.status, 303) << next << ": " << posted.text;
    EXPECT_EQ(posted.header("Location"), "/") << next;
  }
  // A path on this site is kept.
  const auto own = sign_in_via("/sign-in?next=%2Finvoices%3Fstatus%3Dissued");
  EXPECT_EQ(own.status, 303) << own.text;
  EXPECT_EQ(own.header("Location"), "/invoices?status=issued");
}

}  // namespace
}  // namespace caremarket::e2e
