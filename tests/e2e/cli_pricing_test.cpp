// `caremarket price ...` run as a user would: the calculations without a
// database, the stored models and open book as a named user, bad input
// refused with an exit code and a message.
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

std::int64_t pence(const json& money) { return money.at("amount_pence").get<std::int64_t>(); }

// One integer from the database file, as a test reads it to find its ids.
std::int64_t query_int(const std::string& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  std::int64_t out = 0;
  if (sqlite3_open(db.c_str(), &handle) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
      out = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return out;
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream file(path);
  file << text;
}

TEST(CliPricing, CalculationsNeedNoDatabase) {
  TempDir dir;
  // Case 07 and case 06 (see tests/cases/pricing).
  EXPECT_EQ(pence(run_json({"price", "calculate", "--template", "home_care", "--json"}).at("price")), 3255);
  EXPECT_EQ(pence(run_json({"price", "calculate", "--template", "care_home", "--set", "nursing_hours=9.00", "--set",
                            "nurse_pay=21.50", "--json"})
                      .at("price")),
            137540);
  write(dir / "lines.json",
        R"({"lines": [{"name": "care", "kind": "quantity_rate", "rate": "12.50", "quantity": "28.00", "is_pay": true},
                                          {"name": "ni", "kind": "percent_of_pay", "percent": "10.00"},
                                          {"name": "food", "kind": "fixed", "amount": "42.00"},
                                          {"name": "surplus", "kind": "percent_of_price", "percent": "5.00"}]})");
  EXPECT_EQ(pence(run_json({"price", "calculate", (dir / "lines.json").string(), "--json"}).at("price")), 44947);
  EXPECT_EQ(run_json({"price", "templates", "--json"}).at("items").size(), 2u);

  write(dir / "block.json", R"({"demand": {"samples": [8, 10, 12, 10]}, "spot_price": "1000.00", "soft_flex": 1,
                                "block_schedule": {"bands": [{"from": 1, "price": "800.00"}]}})");
  const auto block = run_json({"price", "block-sizing", (dir / "block.json").string(), "--json"});
  EXPECT_EQ(block.at("best"), "soft_block");
  EXPECT_EQ(pence(block.at("strategies")[2].at("expected_weekly")), 810000);

  write(dir / "fees.json", R"({"envelope": "10000.00", "nlw_change": "6.70", "cpi": "3.00", "contracts": [
      {"id": 1, "annual_spend": "100000.00", "rating": "good", "kpi_score": 50, "pay_share": "60.00"},
      {"id": 2, "weekly_price": "800.00", "places": 5, "rating": "outstanding", "kpi_score": 100, "pay_share": "70.00"}]})");
  const auto fees = run_json({"price", "fee-review", (dir / "fees.json").string(), "--json"});
  EXPECT_EQ(pence(fees.at("contracts")[0].at("uplift")), 253794);
  EXPECT_EQ(pence(fees.at("contracts")[1].at("new_weekly_price")), 82870);

  // Bad input: exit 2 and the field named.
  const auto bad =
      run_caremarket({"price", "calculate", "--template", "care_home", "--set", "occupancy=101.00", "--json"});
  EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
  EXPECT_EQ(json::parse(bad.out).at("error").at("field"), "parameters.occupancy");
  const auto pair = run_caremarket({"price", "calculate", "--template", "care_home", "--set", "occupancy"});
  EXPECT_EQ(pair.exit_code, 2) << pair.out << pair.err;
}

TEST(CliPricing, ModelsAndOpenBookAsANamedUser) {
  TempDir dir;
  const auto db = (dir / "cli.db").string();
  copy_database(demo_database(), db);
  const std::string officer = "officer@birmingham.example";
  const std::string manager = "manager@provider.example";
  const auto council = std::to_string(query_int(db, "SELECT id FROM organisations WHERE source_key = 'ons:E08000025'"));
  const auto service =
      std::to_string(query_int(db, "SELECT service_id FROM open_book_submissions ORDER BY id LIMIT 1"));
  ASSERT_NE(council, "0");
  ASSERT_NE(service, "0");
  const bool nursing =
      query_int(db, "SELECT COUNT(*) FROM services WHERE id = " + service + " AND kind = 'care_home_nursing'") == 1;

  write(dir / "models.json",
        R"({"models": [{"kind": "home_care", "effective_from": "2026-04-01", "template": "home_care",
                                             "parameters": {"care_pay": "12.60"}}]})");
  const auto set = run_json(
      {"price", "model", "set", council, (dir / "models.json").string(), "--db", db, "--user", officer, "--json"});
  bool found = false;
  for (const auto& m : set.at("items"))
    found = found || (m.at("kind") == "home_care" && m.at("effective_from") == "2026-04-01");
  EXPECT_TRUE(found);
  const auto listed = run_json({"price", "model", "list", council, "--db", db, "--user", manager, "--json"});
  EXPECT_EQ(listed.at("items").size(), set.at("items").size());
  const auto refused =
      run_caremarket({"price", "model", "set", council, (dir / "models.json").string(), "--db", db, "--user", manager});
  EXPECT_EQ(refused.exit_code, 5) << refused.out << refused.err;

  // The demo's submission, then the provider's own, explained against Birmingham's model.
  const auto before = run_json({"price", "open-book", "list", service, "--db", db, "--user", manager, "--json"});
  ASSERT_FALSE(before.at("items").empty());
  EXPECT_TRUE(before.at("items")[0].at("synthetic").get<bool>());
  json costs{{"effective_from", "2026-04-01"}, {"template", "care_home"}, {"parameters", {{"care_hours", "30.00"}}}};
  if (nursing) costs["parameters"]["nursing_hours"] = "9.00";  // as the demo council's nursing model
  write(dir / "costs.json", costs.dump());
  const auto submitted = run_json({"price", "open-book", "submit", service, (dir / "costs.json").string(), "--db", db,
                                   "--user", manager, "--json"});
  EXPECT_GT(submitted.at("id").get<std::int64_t>(), before.at("items").back().at("id").get<std::int64_t>());
  const auto explained = run_json({"price", "explain", "service", service, "--db", db, "--user", officer, "--json"});
  ASSERT_FALSE(explained.at("lines").empty());
  EXPECT_EQ(explained.at("open_book_id"), submitted.at("id"));
  // 30 care hours against the demo model's 26 (Birmingham: £12.21): 4 x £12.21 = £48.84 more.
  std::int64_t care = 0;
  for (const auto& l : explained.at("lines")) {
    if (l.at("name") == "care staff") care = pence(l.at("difference"));
  }
  EXPECT_EQ(care, 4884);
  std::int64_t sum = 0;
  for (const auto& l : explained.at("lines")) sum += pence(l.at("difference"));
  EXPECT_EQ(sum, pence(explained.at("difference")));
  const auto missing = run_caremarket({"price", "explain", "service", "987654321", "--db", db, "--user", officer});
  EXPECT_EQ(missing.exit_code, 3) << missing.out << missing.err;
  const auto no_user = run_caremarket({"price", "open-book", "list", service, "--db", db});
  EXPECT_NE(no_user.exit_code, 0);
}

}  // namespace
}  // namespace caremarket::e2e
