// The API doing its job, over HTTP against the real server: logins, search,
// services, vacancies, prices, organisations, logout and the OpenAPI document.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <regex>
#include <set>

#include "e2e/server_fixture.hpp"

namespace caremarket::e2e {
namespace {

std::string iso_utc(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

std::vector<std::int64_t> ids_of(const json& list) {
  std::vector<std::int64_t> ids;
  for (const auto& item : list.at("items")) ids.push_back(item.at("id").get<std::int64_t>());
  return ids;
}

bool contains_id(const json& list, std::int64_t id) {
  const auto ids = ids_of(list);
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string target_of(std::int64_t id, const std::string& tail = "") {
  return "/api/services/" + std::to_string(id) + tail;
}

TEST(ApiHealth, ReportsTheRegisterWithoutALogin) {
  const auto reply = api().get("/health");
  ASSERT_EQ(reply.status, 200) << describe(reply);
  EXPECT_TRUE(reply.content_type.starts_with("application/json")) << reply.content_type;
  EXPECT_EQ(reply.body.at("status"), "ok");
  // The demo imports thousands of real services.
  EXPECT_GT(reply.body.at("services").get<int>(), 1000);
  EXPECT_GE(reply.body.at("schema_version").get<int>(), 1);
}

TEST(ApiLogin, EachDemoUserLogsInAndTheTokenSaysWhoTheyAre) {
  struct Expected {
    Who who;
    std::string organisation_kind;
    std::string role;
  };
  const std::vector<Expected> users{{Who::council, "council", "placement_officer"},
                                    {Who::provider, "provider", "provider_manager"},
                                    {Who::operator_, "operator", "operator_admin"}};
  const std::regex timestamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)");
  for (const auto& u : users) {
    SCOPED_TRACE(to_string(u.who));
    const auto before = std::chrono::system_clock::now();
    // Emails are matched without regard to case or surrounding spaces.
    std::string email = " " + email_of(u.who) + " ";
    email[1] = static_cast<char>(std::toupper(static_cast<unsigned char>(email[1])));
    const auto reply = api().post("/api/login", {{"email", email}, {"password", kDemoPassword}});
    ASSERT_EQ(reply.status, 200) << describe(reply);
    const json& body = reply.body;
    const std::string token_text = body.at("token").get<std::string>();
    EXPECT_TRUE(std::regex_match(token_text, std::regex("[0-9a-f]{64}"))) << token_text;
    EXPECT_EQ(body.at("token_type"), "Bearer");
    const std::string expires = body.at("expires_at").get<std::string>();
    EXPECT_TRUE(std::regex_match(expires, timestamp)) << expires;
    // A working day: eight hours from now (string order is time order here).
    EXPECT_GE(expires, iso_utc(before + std::chrono::hours(8) - std::chrono::seconds(5)));
    EXPECT_LE(expires, iso_utc(std::chrono::system_clock::now() + std::chrono::hours(8) + std::chrono::seconds(5)));
    EXPECT_EQ(body.at("user").at("email"), email_of(u.who));
    EXPECT_FALSE(body.at("user").contains("password_hash"));
    EXPECT_EQ(body.at("organisation").at("kind"), u.organisation_kind);

    const auto me = api().get("/api/me", token_text);
    ASSERT_EQ(me.status, 200) << describe(me);
    EXPECT_EQ(me.body.at("user").at("email"), email_of(u.who));
    EXPECT_EQ(me.body.at("user").at("id"), body.at("user").at("id"));
    EXPECT_EQ(me.body.at("organisation").at("id"), body.at("organisation").at("id"));
    EXPECT_EQ(me.body.at("organisation").at("kind"), u.organisation_kind);
    const auto roles = me.body.at("user").at("roles").get<std::vector<std::string>>();
    EXPECT_NE(std::find(roles.begin(), roles.end(), u.role), roles.end());
  }
  const auto council = api().get("/api/me", token(Who::council));
  EXPECT_EQ(council.body.at("organisation").value("ons_code", ""), kBirmingham);
}

TEST(ApiLogin, WrongPasswordAndUnknownEmailGiveTheSameAnswer) {
  const auto wrong = api().post("/api/login", {{"email", email_of(Who::council)}, {"password", "not-the-password"}});
  const auto unknown = api().post("/api/login", {{"email", "nobody@nowhere.example"}, {"password", kDemoPassword}});
  EXPECT_TRUE(is_error(wrong, 401, "unauthenticated"));
  EXPECT_TRUE(is_error(unknown, 401, "unauthenticated"));
  // Emails cannot be probed: both failures read alike.
  EXPECT_EQ(wrong.body, unknown.body);
}

// A distance search is the nearest-first list cut at the radius: the same
// services in the same order, none missing at the edge of the circle.
void expect_radius_search(const std::string& kind, const std::string& near, const std::string& near_shown,
                          double miles) {
  SCOPED_TRACE(kind + " within " + std::to_string(miles) + " miles of " + near);
  const json within =
      search({{"kind", kind}, {"near", near}, {"within_miles", std::to_string(miles)}, {"limit", "500"}});
  const json nearest = search({{"kind", kind}, {"near", near}, {"limit", "500"}});
  EXPECT_EQ(within.value("near", ""), near_shown);
  const auto& items = within.at("items");
  ASSERT_FALSE(items.empty()) << "a search that finds nothing checks nothing";
  ASSERT_LT(items.size(), 500u);
  EXPECT_EQ(within.at("total").get<std::size_t>(), items.size());
  double previous = 0;
  for (const auto& item : items) {
    EXPECT_EQ(item.at("kind"), kind);
    const double d = item.at("distance_miles").get<double>();
    EXPECT_LE(d, miles) << item.at("id");
    EXPECT_GE(d, previous) << "not sorted nearest first at service " << item.at("id");
    previous = d;
  }
  const auto within_ids = ids_of(within);
  const auto nearest_ids = ids_of(nearest);
  ASSERT_GT(nearest_ids.size(), within_ids.size()) << "the unbounded search should reach beyond the radius";
  EXPECT_TRUE(std::equal(within_ids.begin(), within_ids.end(), nearest_ids.begin()))
      << "the radius search is not the nearest-first list cut at " << miles << " miles";
  // Shown distances are rounded to the hundredth of a mile.
  EXPECT_GT(nearest.at("items").at(within_ids.size()).at("distance_miles").get<double>(), miles - 0.01);
}

TEST(ApiSearch, NearAPostcodeIsNearestFirstAndWithinTheRadius) {
  expect_radius_search("care_home_nursing", "B44 8DD", "B44 8DD", 5);
  expect_radius_search("care_home_residential", "b448dd", "B44 8DD", 3.5);
  // A wide circle in the north, where one degree of longitude is shortest.
  expect_radius_search("care_home_residential", "M1 1AE", "M1 1AE", 25);
  expect_radius_search("childrens_home", "B44 8", "B44 8", 10);
  expect_radius_search("care_home_nursing", "M33", "M33", 8);
}

TEST(ApiSearch, EveryFilterHoldsForEveryItem) {
  const json all = search({{"limit", "1"}});
  const auto everything = all.at("total").get<std::size_t>();
  ASSERT_GT(everything, 1000u);

  const json vacant = search({{"has_vacancy", "true"}, {"limit", "500"}});
  ASSERT_GT(vacant.at("items").size(), 0u);
  EXPECT_LT(vacant.at("total").get<std::size_t>(), everything);
  for (const auto& item : vacant.at("items"))
    EXPECT_GT(item.at("vacancies").at("count").get<int>(), 0) << item.at("id");

  const json good = search({{"min_rating", "good"}, {"limit", "500"}});
  ASSERT_GT(good.at("items").size(), 0u);
  EXPECT_LT(good.at("total").get<std::size_t>(), everything);
  for (const auto& item : good.at("items")) {
    const auto overall = item.at("rating").at("overall").get<std::string>();
    EXPECT_TRUE(overall == "good" || overall == "outstanding") << item.at("id") << " is " << overall;
  }
  const json outstanding = search({{"min_rating", "outstanding"}, {"limit", "1"}});
  EXPECT_LT(outstanding.at("total").get<std::size_t>(), good.at("total").get<std::size_t>());

  const json birmingham = search({{"local_authority", kBirmingham}, {"limit", "500"}});
  ASSERT_GT(birmingham.at("items").size(), 0u);
  for (const auto& item : birmingham.at("items")) {
    EXPECT_EQ(item.at("local_authority").at("code"), kBirmingham) << item.at("id");
    EXPECT_EQ(item.at("local_authority").at("name"), "Birmingham") << item.at("id");
  }
  const json lower_case = search({{"local_authority", "e08000025"}, {"limit", "1"}});
  EXPECT_EQ(lower_case.at("total"), birmingham.at("total"));

  const json children = search({{"kind", "childrens_home"}, {"age", "10"}, {"limit", "500"}});
  ASSERT_GT(children.at("items").size(), 0u);
  for (const auto& item : children.at("items")) {
    EXPECT_EQ(item.at("kind"), "childrens_home");
    EXPECT_LE(item.at("age_range").at("min").get<int>(), 10) << item.at("id");
    EXPECT_GE(item.at("age_range").at("max").get<int>(), 10) << item.at("id");
  }

  const json dementia = search({{"needs", "dementia,nursing"}, {"limit", "500"}});
  ASSERT_GT(dementia.at("items").size(), 0u);
  for (const auto& item : dementia.at("items")) {
    const auto needs = item.at("needs").get<std::vector<std::string>>();
    EXPECT_NE(std::find(needs.begin(), needs.end(), "dementia"), needs.end()) << item.at("id");
    EXPECT_NE(std::find(needs.begin(), needs.end(), "nursing"), needs.end()) << item.at("id");
  }

  // Filters combine: each narrows the one before.
  const json combined = search({{"local_authority", kBirmingham},
                                {"min_rating", "good"},
                                {"has_vacancy", "true"},
                                {"kind", "care_home_residential"},
                                {"limit", "500"}});
  EXPECT_LE(combined.at("total").get<std::size_t>(), birmingham.at("total").get<std::size_t>());
  for (const auto& item : combined.at("items")) {
    EXPECT_EQ(item.at("local_authority").at("code"), kBirmingham);
    EXPECT_EQ(item.at("kind"), "care_home_residential");
    EXPECT_GT(item.at("vacancies").at("count").get<int>(), 0);
    const auto overall = item.at("rating").at("overall").get<std::string>();
    EXPECT_TRUE(overall == "good" || overall == "outstanding") << item.at("id") << " is " << overall;
  }
}

TEST(ApiSearch, PagesAreStableDisjointAndCoverTheWholeResult) {
  const Query filter{{"kind", "care_home_residential"}, {"local_authority", kBirmingham}};
  Query whole_query = filter;
  whole_query.emplace_back("limit", "500");
  const json whole = search(whole_query);
  const auto total = whole.at("total").get<std::size_t>();
  ASSERT_GT(total, 30u) << "too few services to page through";
  ASSERT_EQ(whole.at("items").size(), total);
  // Without a postcode the order is by name.
  for (std::size_t i = 1; i < total; ++i) {
    auto a = whole["items"][i - 1]["name"].get<std::string>();
    auto b = whole["items"][i]["name"].get<std::string>();
    std::transform(a.begin(), a.end(), a.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::transform(b.begin(), b.end(), b.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    EXPECT_LE(a, b) << "not in name order at position " << i;
  }

  const std::size_t page_size = 13;
  std::vector<std::int64_t> paged;
  std::size_t pages = 0;
  for (std::size_t offset = 0; offset < total; offset += page_size, ++pages) {
    Query query = filter;
    query.emplace_back("offset", std::to_string(offset));
    query.emplace_back("limit", std::to_string(page_size));
    const json page = search(query);
    EXPECT_EQ(page.at("total").get<std::size_t>(), total) << "total changed at offset " << offset;
    EXPECT_EQ(page.at("offset").get<std::size_t>(), offset);
    EXPECT_EQ(page.at("limit").get<std::size_t>(), page_size);
    EXPECT_EQ(page.at("items").size(), std::min(page_size, total - offset));
    for (const auto id : ids_of(page)) paged.push_back(id);
  }
  EXPECT_GE(pages, 3u);
  const std::set<std::int64_t> distinct(paged.begin(), paged.end());
  EXPECT_EQ(distinct.size(), paged.size()) << "a service appeared on two pages";
  EXPECT_EQ(paged, ids_of(whole)) << "the pages together differ from the whole result";

  Query beyond = filter;
  beyond.emplace_back("offset", std::to_string(total + 10));
  const json empty = search(beyond);
  EXPECT_TRUE(empty.at("items").empty());
  EXPECT_EQ(empty.at("total").get<std::size_t>(), total);
}

TEST(ApiServices, OneServiceShowsPricesOnlyToThoseAllowed) {
  const auto own = own_service();
  const auto other = other_service();
  const auto provider_org = login_as(Who::provider).organisation_id();

  const auto as_council = api().get(target_of(other), token(Who::council));
  ASSERT_EQ(as_council.status, 200) << describe(as_council);
  const json& s = as_council.body;
  EXPECT_EQ(s.at("id").get<std::int64_t>(), other);
  for (const char* field :
       {"name", "kind", "provider", "regulator", "regulator_id", "postcode", "location", "local_authority", "places",
        "age_range", "needs", "rating", "status", "vacancies", "price_unit", "updated_at"}) {
    EXPECT_TRUE(s.contains(field)) << field;
  }
  EXPECT_EQ(s.at("regulator"), "cqc");
  EXPECT_EQ(s.at("price_unit"), "week");
  ASSERT_TRUE(s.contains("prices")) << "councils see prices";
  EXPECT_FALSE(s.at("prices").empty()) << "the demo prices every service";

  const auto other_as_provider = api().get(target_of(other), token(Who::provider));
  ASSERT_EQ(other_as_provider.status, 200) << describe(other_as_provider);
  EXPECT_FALSE(other_as_provider.body.contains("prices")) << "a provider must not see a competitor's prices";
  EXPECT_EQ(other_as_provider.body.at("name"), s.at("name"));

  const auto own_as_provider = api().get(target_of(own), token(Who::provider));
  ASSERT_EQ(own_as_provider.status, 200) << describe(own_as_provider);
  EXPECT_EQ(own_as_provider.body.at("provider").at("id").get<std::int64_t>(), provider_org);
  EXPECT_TRUE(own_as_provider.body.contains("prices"));
}

TEST(ApiProvider, SetsVacanciesOnItsOwnServiceAndSearchSeesThem) {
  const auto id = own_service(3);
  const auto provider_org = std::to_string(login_as(Who::provider).organisation_id());
  const Query vacant{{"has_vacancy", "true"}, {"provider_id", provider_org}, {"limit", "500"}};
  const int places = service_as_operator(id).at("places").get<int>();

  auto reply = api().put(target_of(id, "/vacancies"), {{"count", 0}}, token(Who::provider));
  ASSERT_EQ(reply.status, 200) << describe(reply);
  EXPECT_EQ(reply.body.at("vacancies").at("count"), 0);
  EXPECT_FALSE(contains_id(search(vacant, Who::council), id));

  reply = api().put(target_of(id, "/vacancies"), {{"count", 2}}, token(Who::provider));
  ASSERT_EQ(reply.status, 200) << describe(reply);
  const json& vacancies = reply.body.at("vacancies");
  EXPECT_EQ(vacancies.at("count"), 2);
  EXPECT_EQ(vacancies.at("synthetic"), false) << "reported by the provider, not demo data";
  EXPECT_EQ(vacancies.at("set_by_user_id").get<std::int64_t>(), login_as(Who::provider).user_id());
  EXPECT_TRUE(vacancies.at("as_of").is_string());
  EXPECT_TRUE(contains_id(search(vacant, Who::council), id));
  EXPECT_EQ(service_as_operator(id).at("vacancies").at("count"), 2);

  // Every place free is allowed.
  reply = api().put(target_of(id, "/vacancies"), {{"count", places}}, token(Who::provider));
  ASSERT_EQ(reply.status, 200) << describe(reply);
  EXPECT_EQ(service_as_operator(id).at("vacancies").at("count"), places);

  reply = api().put(target_of(id, "/vacancies"), {{"count", 0}}, token(Who::provider));
  ASSERT_EQ(reply.status, 200) << describe(reply);
  EXPECT_FALSE(contains_id(search(vacant, Who::council), id));
}

TEST(ApiProvider, SetsPricesInBothFormsAndCouncilsReadThem) {
  const auto id = own_service();
  const json prices = {
      {"prices",
       {{{"need_level", "standard"}, {"unit", "week"}, {"amount_pence", 105050}, {"valid_from", "2026-09-01"}},
        {{"need_level", "enhanced"}, {"unit", "week"}, {"amount", "1200.75"}, {"valid_from", "2026-09-01"}},
        {{"need_level", "complex"}, {"unit", "week"}, {"amount", "1999"}, {"valid_from", "2026-09-01"}}}}};
  const auto reply = api().put(target_of(id, "/prices"), prices, token(Who::provider));
  ASSERT_EQ(reply.status, 200) << describe(reply);

  auto find = [](const json& items, const std::string& level, const std::string& from) -> json {
    for (const auto& p : items) {
      if (p.at("need_level") == level && p.at("valid_from") == from) return p;
    }
    return nullptr;
  };
  const json& saved = reply.body.at("items");
  const json standard = find(saved, "standard", "2026-09-01");
  const json enhanced = find(saved, "enhanced", "2026-09-01");
  const json complex = find(saved, "complex", "2026-09-01");
  ASSERT_FALSE(standard.is_null()) << reply.text;
  ASSERT_FALSE(enhanced.is_null()) << reply.text;
  ASSERT_FALSE(complex.is_null()) << reply.text;
  EXPECT_EQ(standard.at("amount_pence"), 105050);
  EXPECT_EQ(standard.at("amount"), "1050.50");
  EXPECT_EQ(enhanced.at("amount_pence"), 120075);
  EXPECT_EQ(enhanced.at("amount"), "1200.75");
  EXPECT_EQ(complex.at("amount_pence"), 199900);
  EXPECT_EQ(complex.at("amount"), "1999.00");
  EXPECT_EQ(standard.at("unit"), "week");
  EXPECT_EQ(standard.at("synthetic"), false);
  // Earlier (demo) prices from another date are kept: a price list has history.
  EXPECT_FALSE(find(saved, "standard", "2026-04-01").is_null()) << reply.text;

  const auto own_read = api().get(target_of(id, "/prices"), token(Who::provider));
  const auto council_read = api().get(target_of(id, "/prices"), token(Who::council));
  ASSERT_EQ(own_read.status, 200) << describe(own_read);
  ASSERT_EQ(council_read.status, 200) << describe(council_read);
  EXPECT_EQ(own_read.body.at("items"), saved);
  EXPECT_EQ(council_read.body.at("items"), saved);
  EXPECT_EQ(prices_as_operator(id).at("items"), saved);
  const auto service = api().get(target_of(id), token(Who::council));
  EXPECT_EQ(service.body.at("prices"), saved);

  // Setting the same level and date again replaces the amount, not adds a row.
  const json again = {
      {"prices",
       {{{"need_level", "standard"}, {"unit", "week"}, {"amount", "1100.00"}, {"valid_from", "2026-09-01"}}}}};
  const auto replaced = api().put(target_of(id, "/prices"), again, token(Who::provider));
  ASSERT_EQ(replaced.status, 200) << describe(replaced);
  EXPECT_EQ(replaced.body.at("items").size(), saved.size());
  EXPECT_EQ(find(replaced.body.at("items"), "standard", "2026-09-01").at("amount_pence"), 110000);
}

TEST(ApiProvider, CreatesAServiceFromAPostcodeAndChangesIt) {
  const auto provider_org = login_as(Who::provider).organisation_id();
  const std::string name = "E2E Test House " + std::to_string(::getpid());
  const json input = {{"name", name},         {"kind", "care_home_residential"},
                      {"postcode", "b448dd"}, {"address", "1 Test Road, Birmingham"},
                      {"places", 10},         {"age_min", 65},
                      {"age_max", 120},       {"needs", {"older_people", "dementia"}}};
  const auto created = api().post("/api/services", input, token(Who::provider));
  ASSERT_EQ(created.status, 201) << describe(created);
  const json& s = created.body;
  const auto id = s.at("id").get<std::int64_t>();
  EXPECT_GT(id, 0);
  EXPECT_EQ(s.at("name"), name);
  EXPECT_EQ(s.at("provider").at("id").get<std::int64_t>(), provider_org);
  EXPECT_EQ(s.at("postcode"), "B44 8DD");
  EXPECT_EQ(s.at("local_authority").at("code"), kBirmingham);
  EXPECT_EQ(s.at("location").at("source"), "postcode_sector");
  EXPECT_NEAR(s.at("location").at("latitude").get<double>(), 52.53, 0.05);
  EXPECT_NEAR(s.at("location").at("longitude").get<double>(), -1.87, 0.08);
  EXPECT_EQ(s.at("regulator"), "none");
  EXPECT_EQ(s.at("source"), "api");
  EXPECT_EQ(s.at("places"), 10);
  EXPECT_EQ(s.at("vacancies").at("count"), 0);

  // Read back, and found by a search near its postcode.
  const auto read = api().get(target_of(id), token(Who::council));
  ASSERT_EQ(read.status, 200) << describe(read);
  EXPECT_EQ(read.body.at("name"), name);
  const Query near_b44{{"kind", "care_home_residential"}, {"near", "B44 8DD"}, {"within_miles", "1"}, {"limit", "500"}};
  EXPECT_TRUE(contains_id(search(near_b44), id));
  // The same name at the same postcode again is a clash, not a second service.
  EXPECT_TRUE(is_error(api().post("/api/services", input, token(Who::provider)), 409, "conflict"));

  auto patched =
      api().patch(target_of(id), {{"name", name + " (renamed)"}, {"places", 12}, {"specialisms", {"respite"}}},
                  token(Who::provider));
  ASSERT_EQ(patched.status, 200) << describe(patched);
  EXPECT_EQ(patched.body.at("name"), name + " (renamed)");
  EXPECT_EQ(patched.body.at("places"), 12);
  EXPECT_EQ(patched.body.at("specialisms"), json({"respite"}));
  EXPECT_EQ(patched.body.at("needs"), json({"older_people", "dementia"})) << "fields not given stay as they were";
  EXPECT_EQ(service_as_operator(id).at("name"), name + " (renamed)");

  // Suspended services leave the default search; include_inactive finds them.
  const Query mine{{"provider_id", std::to_string(provider_org)}, {"limit", "500"}};
  Query mine_all = mine;
  mine_all.emplace_back("include_inactive", "true");
  patched = api().patch(target_of(id), {{"status", "suspended"}}, token(Who::provider));
  ASSERT_EQ(patched.status, 200) << describe(patched);
  EXPECT_FALSE(contains_id(search(mine), id));
  EXPECT_TRUE(contains_id(search(mine_all), id));

  // Moving it re-places it on the map and in another council's area.
  patched = api().patch(target_of(id), {{"status", "active"}, {"postcode", "M1 1AE"}}, token(Who::provider));
  ASSERT_EQ(patched.status, 200) << describe(patched);
  EXPECT_EQ(patched.body.at("postcode"), "M1 1AE");
  EXPECT_EQ(patched.body.at("local_authority").at("code"), "E08000003");
  EXPECT_FALSE(contains_id(search(near_b44), id));
  EXPECT_TRUE(contains_id(
      search({{"kind", "care_home_residential"}, {"near", "M1 1AE"}, {"within_miles", "1"}, {"limit", "500"}}), id));
  EXPECT_TRUE(contains_id(
      search({{"local_authority", "E08000003"}, {"provider_id", std::to_string(provider_org)}, {"limit", "500"}}), id));
}

TEST(ApiOrganisations, ListsCouncilsIncludingBirmingham) {
  const auto reply = api().get(with_query("/api/organisations", {{"kind", "council"}}), token(Who::provider));
  ASSERT_EQ(reply.status, 200) << describe(reply);
  const json& items = reply.body.at("items");
  EXPECT_EQ(reply.body.at("total").get<std::size_t>(), items.size());
  EXPECT_GT(items.size(), 100u) << "every upper-tier council in the gazetteer";
  json birmingham;
  for (const auto& o : items) {
    EXPECT_EQ(o.at("kind"), "council");
    if (o.value("ons_code", "") == kBirmingham) birmingham = o;
  }
  ASSERT_FALSE(birmingham.is_null()) << "Birmingham (E08000025) is missing";
  EXPECT_EQ(birmingham.at("name"), "Birmingham");
  EXPECT_EQ(birmingham.at("id"), login_as(Who::council).response.at("organisation").at("id"));

  const auto one =
      api().get("/api/organisations/" + std::to_string(birmingham.at("id").get<std::int64_t>()), token(Who::provider));
  ASSERT_EQ(one.status, 200) << describe(one);
  EXPECT_EQ(one.body, birmingham);

  const auto providers = api().get(with_query("/api/organisations", {{"kind", "provider"}}), token(Who::council));
  ASSERT_EQ(providers.status, 200) << describe(providers);
  bool found = false;
  for (const auto& o : providers.body.at("items")) {
    EXPECT_EQ(o.at("kind"), "provider");
    found = found || o.at("id").get<std::int64_t>() == login_as(Who::provider).organisation_id();
  }
  EXPECT_TRUE(found) << "the demo provider is missing from the provider list";
  const auto all = api().get("/api/organisations", token(Who::council));
  ASSERT_EQ(all.status, 200) << describe(all);
  EXPECT_GT(all.body.at("total").get<std::size_t>(), providers.body.at("total").get<std::size_t>());
}

TEST(ApiLogout, RevokesOnlyTheTokenItWasCalledWith) {
  const auto first = api().post("/api/login", {{"email", email_of(Who::council)}, {"password", kDemoPassword}});
  const auto second = api().post("/api/login", {{"email", email_of(Who::council)}, {"password", kDemoPassword}});
  ASSERT_EQ(first.status, 200) << describe(first);
  ASSERT_EQ(second.status, 200) << describe(second);
  const auto a = first.body.at("token").get<std::string>();
  const auto b = second.body.at("token").get<std::string>();
  ASSERT_NE(a, b) << "two logins must not share a token";
  ASSERT_EQ(api().get("/api/me", a).status, 200);

  const auto out = api().send("POST", "/api/logout", "", {{"Authorization", "Bearer " + a}});
  EXPECT_EQ(out.status, 204) << describe(out);
  EXPECT_TRUE(out.text.empty()) << out.text;

  EXPECT_TRUE(is_error(api().get("/api/me", a), 401, "unauthenticated"));
  EXPECT_TRUE(is_error(api().get(with_query("/api/services", {{"limit", "1"}}), a), 401, "unauthenticated"));
  EXPECT_TRUE(
      is_error(api().send("POST", "/api/logout", "", {{"Authorization", "Bearer " + a}}), 401, "unauthenticated"));
  // The other session of the same user carries on.
  EXPECT_EQ(api().get("/api/me", b).status, 200);
}

TEST(ApiOpenApi, DescribesExactlyTheRoutesTheServerAnswers) {
  const auto reply = api().get("/api/openapi.json");
  ASSERT_EQ(reply.status, 200) << describe(reply);
  ASSERT_TRUE(reply.body.is_object()) << "not JSON: " << reply.text.substr(0, 200);
  const json& doc = reply.body;
  ASSERT_TRUE(doc.at("openapi").is_string());
  EXPECT_TRUE(doc.at("openapi").get<std::string>().starts_with("3.")) << doc.at("openapi");
  EXPECT_TRUE(doc.at("info").at("title").is_string());
  const json& paths = doc.at("paths");
  const json& schemas = doc.at("components").at("schemas");

  // Every route the tests use is documented...
  for (const auto& route : tested_routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    EXPECT_TRUE(paths.contains(route.path) && paths.at(route.path).contains(method))
        << route.method << " " << route.path << " is not in the OpenAPI document";
  }
  // ...and every documented operation is one the tests use, answers on the
  // real server, and refers only to schemas the document defines.
  const auto service_id = std::to_string(own_service());
  std::size_t operations = 0;
  for (const auto& [path, methods] : paths.items()) {
    for (const auto& [method, op] : methods.items()) {
      ++operations;
      std::string upper = method;
      std::transform(upper.begin(), upper.end(), upper.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      SCOPED_TRACE(upper + " " + path);
      const auto& routes = tested_routes();
      EXPECT_NE(std::find(routes.begin(), routes.end(), RouteKey{upper, path}), routes.end())
          << "documented but never exercised by the e2e tests";
      const bool has_id = path.find("{id}") != std::string::npos;
      if (has_id) {
        bool declared = false;
        for (const auto& p : op.value("parameters", json::array()))
          declared = declared || (p.at("name") == "id" && p.at("in") == "path");
        EXPECT_TRUE(declared) << "the {id} path parameter is not declared";
      }
      std::string concrete = path;
      if (has_id) concrete.replace(concrete.find("{id}"), 4, service_id);
      const auto answer =
          api().send(upper, concrete, upper == "GET" ? "" : "{}", {{"Content-Type", "application/json"}});
      if (op.contains("security")) {
        EXPECT_TRUE(is_error(answer, 401, "unauthenticated")) << "documented as needing a login";
        EXPECT_TRUE(op.at("responses").contains("401"));
      } else {
        EXPECT_NE(answer.status, 401) << describe(answer);
        EXPECT_NE(answer.status, 404) << describe(answer);
        EXPECT_LT(answer.status, 500) << describe(answer);
      }
      for (const auto& [status, response] : op.at("responses").items()) {
        const auto ref = response.value("/content/application~1json/schema/$ref"_json_pointer, std::string());
        if (!ref.empty()) { EXPECT_TRUE(schemas.contains(ref.substr(ref.rfind('/') + 1))) << ref; }
      }
      if (op.contains("requestBody")) {
        const auto ref =
            op.at("requestBody").value("/content/application~1json/schema/$ref"_json_pointer, std::string());
        EXPECT_TRUE(schemas.contains(ref.substr(ref.rfind('/') + 1))) << ref;
      }
    }
  }
  EXPECT_EQ(operations, tested_routes().size());
  std::printf("[e2e] OpenAPI: %zu documented operations, each checked against the live server\n", operations);
}

}  // namespace
}  // namespace caremarket::e2e
