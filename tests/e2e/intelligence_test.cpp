// The market intelligence area through its three doors, against the real
// server and binary: the API, the CLI and the page give the same figures
// from the same register, and refuse the same bad parameters by name.
#include <httplib.h>
#include <sqlite3.h>

#include "e2e/server_fixture.hpp"

namespace caremarket::e2e {
namespace {

constexpr const char* kBirmingham = "E08000025";

json concentration(const Query& query, Who who = Who::council) {
  const auto reply = api().get(with_query("/api/market/concentration", query), token(who));
  EXPECT_EQ(reply.status, 200) << describe(reply);
  return reply.body;
}

TEST(MarketConcentration, SharesAddUpAndTheLargestOwnerComesFirst) {
  const json c = concentration({{"council", kBirmingham}, {"top", "5"}});
  EXPECT_EQ(c.at("area"), "Birmingham");
  EXPECT_EQ(c.at("council"), kBirmingham);
  EXPECT_TRUE(c.at("kind").is_null());
  const auto places = c.at("places").get<double>();
  ASSERT_GT(places, 0);
  ASSERT_GT(c.at("services").get<int>(), 0);
  const auto& owners = c.at("largest_owners");
  ASSERT_FALSE(owners.empty());
  EXPECT_LE(owners.size(), 5u);
  double listed = 0;
  for (std::size_t i = 0; i < owners.size(); ++i) {
    const auto& w = owners[i];
    EXPECT_NEAR(w.at("share_of_places").get<double>(), w.at("places").get<double>() / places, 1e-9);
    if (i > 0) { EXPECT_LE(w.at("places").get<int>(), owners[i - 1].at("places").get<int>()); }
    listed += w.at("share_of_places").get<double>();
  }
  // The five listed hold no more than the ten largest, which hold no more than all.
  EXPECT_LE(listed, c.at("by_places").at("top10_share").get<double>() + 1e-9);
  EXPECT_LE(c.at("by_places").at("top10_share").get<double>(), 1.0 + 1e-9);
  const double hhi = c.at("by_places").at("hhi").get<double>();
  EXPECT_GT(hhi, 0);
  EXPECT_LE(hhi, 10000);
  // Any signed-in party may read it: public register facts.
  EXPECT_EQ(concentration({{"council", kBirmingham}, {"top", "5"}}, Who::provider), c);
  EXPECT_EQ(concentration({{"council", kBirmingham}, {"top", "5"}}, Who::operator_), c);
}

TEST(MarketConcentration, OneKindIsPartOfEveryKind) {
  const json all = concentration({{"council", kBirmingham}});
  const json homes = concentration({{"council", kBirmingham}, {"kind", "care_home_nursing"}});
  EXPECT_EQ(homes.at("kind"), "care_home_nursing");
  EXPECT_GT(homes.at("services").get<int>(), 0);
  EXPECT_LT(homes.at("services").get<int>(), all.at("services").get<int>());
  EXPECT_LE(homes.at("places").get<int>(), all.at("places").get<int>());
  const json england = concentration({});
  EXPECT_EQ(england.at("area"), "England");
  EXPECT_GT(england.at("services").get<int>(), all.at("services").get<int>());
  const json with_inactive = concentration({{"include_inactive", "true"}});
  EXPECT_GE(with_inactive.at("services").get<int>(), england.at("services").get<int>());
}

TEST(MarketConcentration, BadParametersAreRefusedByName) {
  struct Case {
    Query query;
    std::string field;
  };
  const std::vector<Case> cases{{{{"kind", "castle"}}, "kind"},
                                {{{"top", "0"}}, "top"},
                                {{{"top", "501"}}, "top"},
                                {{{"top", "ten"}}, "top"},
                                {{{"include_inactive", "maybe"}}, "include_inactive"},
                                {{{"council", "E99999999"}}, "council"}};
  for (const auto& c : cases) {
    const auto reply = api().get(with_query("/api/market/concentration", c.query), token(Who::council));
    EXPECT_TRUE(is_error(reply, 400, "invalid_input", c.field)) << c.query.front().first;
  }
  EXPECT_TRUE(is_error(api().get("/api/market/concentration?colour=red", token(Who::council)), 400, "invalid_input"));
  EXPECT_TRUE(is_error(api().get("/api/market/concentration"), 401, "unauthenticated"));
}

TEST(MarketConcentration, TheCliPrintsWhatTheApiAnswers) {
  TempDir dir;
  const auto db = dir / "market.db";
  copy_database(demo_database(), db);
  const auto cli = run_caremarket({"market", "concentration", "--db", db.string(), "--council", kBirmingham, "--kind",
                                   "care_home_nursing", "--top", "7", "--json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  const json printed = json::parse(cli.out, nullptr, false);
  ASSERT_FALSE(printed.is_discarded()) << cli.out;
  EXPECT_EQ(printed, concentration({{"council", kBirmingham}, {"kind", "care_home_nursing"}, {"top", "7"}}));
  const auto bad = run_caremarket({"market", "concentration", "--db", db.string(), "--kind", "castle"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("castle"), std::string::npos) << bad.err;
}

TEST(OwnershipGroups, TheOperatorGroupsCompaniesAndTheFiguresFollow) {
  const json owners = concentration({{"council", kBirmingham}, {"top", "3"}});
  ASSERT_GE(owners.at("largest_owners").size(), 2u);
  const auto first = owners.at("largest_owners")[0], second = owners.at("largest_owners")[1];
  const json link{{"company", first.at("owner")},
                  {"group", "Test Holdings plc"},
                  {"source", "annual report 2025, p. 4"},
                  {"as_of", "2026-03-31"}};
  // Only the operator's admins keep the table.
  EXPECT_TRUE(is_error(api().put("/api/market/ownership-groups", link, token(Who::council)), 403, "forbidden"));
  EXPECT_TRUE(is_error(api().put("/api/market/ownership-groups", link, token(Who::provider)), 403, "forbidden"));
  const auto saved = api().put("/api/market/ownership-groups", link, token(Who::operator_));
  ASSERT_EQ(saved.status, 200) << describe(saved);
  EXPECT_EQ(saved.body.at("group"), "Test Holdings plc");
  json second_link = link;
  second_link["company"] = second.at("owner");
  ASSERT_EQ(api().put("/api/market/ownership-groups", second_link, token(Who::operator_)).status, 200);
  // Everyone signed in reads the table with its sources.
  const auto listed = api().get("/api/market/ownership-groups", token(Who::provider));
  ASSERT_EQ(listed.status, 200) << describe(listed);
  EXPECT_EQ(listed.body.at("total"), 2);
  EXPECT_EQ(listed.body.at("items")[0].at("source"), "annual report 2025, p. 4");
  // Under groups the two companies are one owner holding both their places.
  const json grouped = concentration({{"council", kBirmingham}, {"top", "3"}, {"view", "groups"}});
  EXPECT_EQ(grouped.at("view"), "groups");
  EXPECT_EQ(grouped.at("owners").get<int>(), owners.at("owners").get<int>() - 1);
  const auto& top = grouped.at("largest_owners")[0];
  EXPECT_EQ(top.at("owner"), "Test Holdings plc");
  EXPECT_EQ(top.at("places").get<int>(), first.at("places").get<int>() + second.at("places").get<int>());
  EXPECT_GT(grouped.at("by_places").at("hhi").get<double>(), owners.at("by_places").at("hhi").get<double>());
  // The owners view is unchanged.
  EXPECT_EQ(concentration({{"council", kBirmingham}, {"top", "3"}}), owners);
  // Removed, the link no longer counts.
  EXPECT_EQ(api()
                .post("/api/market/ownership-groups/remove", {{"company", second.at("owner")}}, token(Who::operator_))
                .status,
            204);
  EXPECT_TRUE(is_error(
      api().post("/api/market/ownership-groups/remove", {{"company", second.at("owner")}}, token(Who::operator_)), 404,
      "not_found"));
  EXPECT_EQ(concentration({{"council", kBirmingham}, {"view", "groups"}}).at("owners"), owners.at("owners"));
}

TEST(OwnershipGroups, ALinkNeedsACompanyAGroupASourceAndAPastDate) {
  const json good{
      {"company", "Acme Care Ltd"}, {"group", "Acme Group"}, {"source", "Companies House"}, {"as_of", "2026-01-31"}};
  for (const std::string field : {"company", "group", "source"}) {
    json bad = good;
    bad[field] = "  ";
    EXPECT_TRUE(
        is_error(api().put("/api/market/ownership-groups", bad, token(Who::operator_)), 400, "invalid_input", field));
  }
  json future = good;
  future["as_of"] = "2999-01-01";
  EXPECT_TRUE(is_error(api().put("/api/market/ownership-groups", future, token(Who::operator_)), 400, "invalid_input",
                       "as_of"));
  json extra = good;
  extra["colour"] = "red";
  EXPECT_TRUE(is_error(api().put("/api/market/ownership-groups", extra, token(Who::operator_)), 400, "invalid_input"));
  EXPECT_TRUE(is_error(api().get("/api/market/concentration?view=everything", token(Who::council)), 400,
                       "invalid_input", "view"));
  const auto listed = api().get("/api/market/ownership-groups", token(Who::council));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.at("total"), 0) << "nothing refused was written";
}

// The ownership-group entries of the audit trail, oldest first, read with
// SQLite itself rather than through caremarket.
std::vector<std::string> audited_actions(const fs::path& db) {
  sqlite3* handle = nullptr;
  std::vector<std::string> out;
  if (sqlite3_open(db.c_str(), &handle) != SQLITE_OK) return {"cannot open " + db.string()};
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(handle, "SELECT action FROM audit_events WHERE subject = 'ownership_groups' ORDER BY id", -1,
                         &stmt, nullptr) == SQLITE_OK) {
    while (sqlite3_step(stmt) == SQLITE_ROW)
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return out;
}

TEST(OwnershipGroups, TheCliKeepsTheTableAndTheAuditTrailNamesEachChange) {
  TempDir dir;
  const auto db = dir / "groups.db";
  copy_database(demo_database(), db);
  const auto set = run_caremarket({"market", "groups", "set", "--db", db.string(), "--company", "Acme Care Ltd",
                                   "--group", "Acme Group", "--source", "Companies House", "--as-of", "2026-01-31"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  const auto listed = run_caremarket({"market", "groups", "list", "--db", db.string(), "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const json list = json::parse(listed.out, nullptr, false);
  ASSERT_FALSE(list.is_discarded()) << listed.out;
  ASSERT_EQ(list.at("total"), 1);
  EXPECT_EQ(list.at("items")[0].at("group"), "Acme Group");
  const auto bad = run_caremarket({"market", "groups", "set", "--db", db.string(), "--company", "Acme Care Ltd",
                                   "--group", "Acme Group", "--source", "x", "--as-of", "31/01/2026"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("as_of"), std::string::npos) << bad.err;
  ASSERT_EQ(run_caremarket({"market", "groups", "remove", "--db", db.string(), "--company", "Acme Care Ltd"}).exit_code,
            0);
  const auto audit = run_caremarket({"audit", "verify", "--db", db.string()});
  EXPECT_EQ(audit.exit_code, 0) << audit.out << audit.err;
  EXPECT_EQ(audited_actions(db), (std::vector<std::string>{"ownership_group.set", "ownership_group.remove"}));
}

struct Page {
  int status = 0;
  std::string html;
  std::string location;
};

Page page(const std::string& target, Who who, bool signed_in = true) {
  httplib::Client client("127.0.0.1", shared_server().port());
  client.set_read_timeout(60);
  httplib::Headers headers;
  if (signed_in) headers.emplace("Cookie", "caremarket_session=" + token(who));
  const auto result = client.Get(target, headers);
  if (!result) return {};
  return {result->status, result->body, result->get_header_value("Location")};
}

TEST(MarketPage, ShowsTheApisFiguresToEverySignedInParty) {
  const json c = concentration({{"council", kBirmingham}, {"top", "20"}});
  for (const Who who : {Who::council, Who::provider, Who::operator_}) {
    const auto p = page("/market?council=" + std::string(kBirmingham), who);
    ASSERT_EQ(p.status, 200) << to_string(who) << ": " << p.html.substr(0, 400);
    EXPECT_NE(p.html.find("Who owns the market"), std::string::npos);
    EXPECT_NE(p.html.find("Birmingham, every kind of care"), std::string::npos);
    const std::string caption = "The largest " + std::to_string(c.at("largest_owners").size()) + " of " +
                                std::to_string(c.at("owners").get<int>()) + " owners";
    EXPECT_NE(p.html.find(caption), std::string::npos) << caption;
    EXPECT_NE(p.html.find("href=\"/market\""), std::string::npos) << "the menu links the page";
  }
}

TEST(MarketPage, ABadChoiceIsNamedAndASignedOutVisitorIsSentToSignIn) {
  const auto bad = page("/market?kind=castle", Who::provider);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.html.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(bad.html.find("castle"), std::string::npos);
  const auto out = page("/market", Who::provider, false);
  EXPECT_EQ(out.status, 303);
  EXPECT_TRUE(out.location.starts_with("/sign-in")) << out.location;
}

}  // namespace
}  // namespace caremarket::e2e
