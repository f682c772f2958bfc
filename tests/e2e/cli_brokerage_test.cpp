// The brokerage and audit commands, run as a user would run them.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "server_fixture.hpp"

namespace caremarket::e2e {
namespace {

json run_json(const std::vector<std::string>& args) {
  const auto r = run_caremarket(args);
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  return r.exit_code == 0 ? json::parse(r.out) : json();
}

void tamper(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(handle);
  sqlite3_close(handle);
}

TEST(CliBrokerage, AReferralFromTheCommandLineAndATamperedTrailCaught) {
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
      run_json({"referral", "create", (dir / "referral.json").string(), "--db", db, "--user", officer, "--json"});
  ASSERT_EQ(created.at("status"), "draft");
  const auto id = std::to_string(created.at("id").get<int>());
  const auto matches = run_json({"referral", "matches", id, "--db", db, "--user", officer, "--json"});
  ASSERT_FALSE(matches.at("eligible").empty());
  for (const auto& e : matches.at("excluded")) EXPECT_FALSE(e.at("message").get<std::string>().empty());
  const auto sent = run_json({"referral", "send", id, "--db", db, "--user", officer, "--json"});
  EXPECT_EQ(sent.at("status"), "sent");
  EXPECT_EQ(sent.at("recipients").size(), matches.at("eligible").size());

  // The demo provider was not asked: to it the referral does not exist.
  const auto hidden =
      run_caremarket({"referral", "show", id, "--db", db, "--user", "manager@provider.example", "--json"});
  EXPECT_EQ(hidden.exit_code, 3);
  EXPECT_EQ(hidden.out.find("Edna"), std::string::npos);
  // A user that does not exist cannot act.
  EXPECT_EQ(run_caremarket({"referral", "list", "--db", db, "--user", "nobody@example.org"}).exit_code, 5);
  // Bad input: exit 2 and a message, nothing changed.
  const auto bad = run_caremarket({"referral", "withdraw", id, "--db", db, "--user", officer, "--reason", " "});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("reason"), std::string::npos);

  const auto history = run_json({"referral", "history", id, "--db", db, "--user", officer, "--json"});
  ASSERT_GE(history.at("items").size(), 2u);
  EXPECT_EQ(history.at("items").at(0).at("action"), "referral.create");
  EXPECT_EQ(history.at("items").at(1).at("action"), "referral.send");

  const auto ok = run_caremarket({"audit", "verify", "--db", db, "--json"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  const auto verified = json::parse(ok.out);
  EXPECT_TRUE(verified.at("intact"));
  const auto entries = verified.at("entries").get<int>();
  ASSERT_GT(entries, 3);

  tamper(db, "UPDATE audit_events SET detail = '{\"reason\":\"changed later\"}' WHERE id = 3");
  const auto altered = run_caremarket({"audit", "verify", "--db", db, "--json"});
  EXPECT_EQ(altered.exit_code, 8);
  EXPECT_EQ(json::parse(altered.out).at("first_bad_id"), 3);

  copy_database(demo_database(), db);
  tamper(db, "DELETE FROM audit_events WHERE id = 2");
  const auto removed = run_caremarket({"audit", "verify", "--db", db});
  EXPECT_EQ(removed.exit_code, 8);
  EXPECT_NE(removed.out.find("removed"), std::string::npos);

  const auto missing = run_caremarket({"audit", "verify", "--db", (dir / "nothing.db").string()});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_FALSE(fs::exists(dir / "nothing.db"));
}

}  // namespace
}  // namespace caremarket::e2e
