// The contract commands, run as a contract officer and a provider would.
#include <gtest/gtest.h>

#include <fstream>

#include "server_fixture.hpp"

namespace caremarket::e2e {
namespace {

json run_json(const std::vector<std::string>& args) {
  const auto r = run_caremarket(args);
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  return r.exit_code == 0 ? json::parse(r.out) : json();
}

TEST(CliContracts, ASoftBlockFromTheCommandLine) {
  TempDir dir;
  const auto db = (dir / "cli.db").string();
  copy_database(demo_database(), db);
  // The demo officer is a commissioner: it manages Birmingham's contracts.
  const std::string officer = "officer@birmingham.example";
  const std::string provider = "manager@provider.example";
  const auto demo = run_json({"contract", "list", "--db", db, "--user", officer, "--json", "--model", "soft_block"});
  ASSERT_FALSE(demo.at("items").empty()) << "the demo has a Birmingham soft block";
  const auto demo_block = demo.at("items").at(0);
  EXPECT_TRUE(demo_block.at("synthetic"));
  const auto provider_id = demo_block.at("providers").at(0).get<std::int64_t>();
  const auto service_id = demo_block.at("services").at(0).at("service_id").get<std::int64_t>();
  {
    std::ofstream file(dir / "contract.json");
    file << json{
        {"model", "soft_block"},
        {"reference", "CLI-SB-1"},
        {"title", "Residential places"},
        {"kinds", {"care_home_nursing", "care_home_residential"}},
        {"providers", {provider_id}},
        {"services", {{{"service_id", service_id}}}},
        {"start", "2026-01-05"},
        {"end", "2027-01-03"},
        {"band_mode", "marginal"},
        {"bands", {{{"from_places", 1}, {"weekly_price", "950.00"}}, {{"from_places", 3}, {"weekly_price", "900.00"}}}},
        {"committed", 3},
        {"flex", {{"min", 1}, {"max", 5}}},
        {"review_weeks",
         12}}.dump();
  }
  const auto created =
      run_json({"contract", "create", (dir / "contract.json").string(), "--db", db, "--user", officer, "--json"});
  ASSERT_EQ(created.at("status"), "draft");
  const auto id = std::to_string(created.at("id").get<std::int64_t>());
  const auto active = run_json({"contract", "status", id, "--to", "active", "--db", db, "--user", officer, "--json"});
  EXPECT_EQ(active.at("status"), "active");
  // Marginal bands: 950 + 950 + 900 a week for 3 committed places, all void.
  const auto u = run_json({"contract", "utilisation", id, "--from", "2026-01-05", "--to", "2026-01-12", "--db", db,
                           "--user", officer, "--json"});
  ASSERT_EQ(u.at("weeks").size(), 2u);
  EXPECT_EQ(u.at("weeks").at(0).at("charge").at("amount"), "2800.00");
  EXPECT_EQ(u.at("totals").at("void_cost").at("amount"), "5600.00");
  const auto reviews = run_json({"contract", "reviews", id, "--db", db, "--user", officer, "--json"});
  EXPECT_EQ(reviews.at("next").at("review_date"), "2026-03-30");
  const auto decided =
      run_json({"contract", "review", id, "--date", "2026-03-30", "--commitment", "2", "--reason", "use has stayed low",
                "--decided-on", "2026-04-01", "--db", db, "--user", officer, "--json"});
  EXPECT_EQ(decided.at("decided"), 2);
  EXPECT_EQ(decided.at("decision"), "other");
  // The demo provider runs the demo soft block's homes, so it reads this contract too.
  const auto shown = run_json({"contract", "show", id, "--db", db, "--user", provider, "--json"});
  EXPECT_EQ(shown.at("providers").at(0), provider_id);
  // Bad input: exit 2 naming the field, nothing changed.
  const auto bad = run_caremarket({"contract", "status", id, "--to", "suspended", "--db", db, "--user", officer});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("reason"), std::string::npos);
  EXPECT_EQ(run_json({"contract", "show", id, "--db", db, "--user", officer, "--json"}).at("status"), "active");
  const auto missing = run_caremarket({"contract", "show", "999999", "--db", db, "--user", officer});
  EXPECT_EQ(missing.exit_code, 3);
  const auto history = run_json({"contract", "history", id, "--db", db, "--user", officer, "--json"});
  ASSERT_EQ(history.at("items").size(), 3u);
  EXPECT_EQ(history.at("items").at(2).at("action"), "contract.review");
  EXPECT_EQ(run_caremarket({"audit", "verify", "--db", db}).exit_code, 0);
}

}  // namespace
}  // namespace caremarket::e2e
