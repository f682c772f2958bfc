// `caremarket invoice ...` run as a user would: two placements invoiced
// for a week, a credit, issue, the provider's actuals from a file, payment
// and the on-time rate, with exit codes for what is refused.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "server_fixture.hpp"

namespace caremarket::e2e {
namespace {

json run_json(const std::vector<std::string>& args) {
  const auto r = run_caremarket(args);
  EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
  return r.exit_code == 0 ? json::parse(r.out) : json();
}

void sql(const fs::path& db, const std::string& statements) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle, statements.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(handle);
  sqlite3_close(handle);
}

// A placement of the demo provider with the demo council, as an award leaves it.
void add_placement(const fs::path& db, const std::string& start, int weekly_pence) {
  const std::string council = "(SELECT organisation_id FROM users WHERE email = 'officer@birmingham.example')";
  const std::string provider = "(SELECT organisation_id FROM users WHERE email = 'manager@provider.example')";
  const std::string service = "(SELECT id FROM services WHERE provider_id = " + provider + " ORDER BY id LIMIT 1)";
  sql(db,
      "INSERT INTO referrals (council_id, created_by, status, for_child, kinds, age, home_district, home_latitude, "
      "home_longitude, needed_by, max_distance_miles, min_rating, created_at, updated_at) VALUES (" +
          council + ", 1, 'awarded', 0, 'care_home_nursing', 84, 'B44', 52.5, -1.9, '" + start +
          "', 20, 'requires_improvement', 0, 0);"
          "INSERT INTO offers (referral_id, service_id, provider_id, price_pence, unit, start_date, status, "
          "created_at) "
          "VALUES (last_insert_rowid(), " +
          service + ", " + provider + ", " + std::to_string(weekly_pence) + ", 'week', '" + start +
          "', 'accepted', 0);"
          "INSERT INTO placements (referral_id, council_id, service_id, provider_id, offer_id, start_date, "
          "weekly_cost_pence, status) SELECT referral_id, " +
          council +
          ", service_id, provider_id, id, start_date, "
          "price_pence, 'active' FROM offers WHERE id = last_insert_rowid();");
}

TEST(CliInvoice, AWeekInvoicedReconciledAndPaidFromTheCommandLine) {
  TempDir dir;
  const auto db = (dir / "cli.db").string();
  copy_database(demo_database(), db);
  add_placement(db, "2026-10-01", 100000);  // the whole week: 1000.00
  add_placement(db, "2026-11-05", 70000);   // Thu to Sun, 4 days: 70000 x 4 / 7 = 40000 -> 400.00
  const std::string officer = "officer@birmingham.example";
  const std::string manager = "manager@provider.example";
  const auto provider_id =
      json::parse(run_caremarket({"placement", "list", "--db", db, "--user", manager, "--json"}).out)
          .at("items")
          .at(0)
          .at("provider_id")
          .get<std::int64_t>();
  const std::vector<std::string> generate{"invoice",        "generate",   "--db",       db,
                                          "--user",         officer,      "--provider", std::to_string(provider_id),
                                          "--period-start", "2026-11-02", "--json"};
  const auto draft = run_json(generate);
  ASSERT_EQ(draft.at("status"), "draft");
  // The two placements (1000.00 + 400.00) and the demo's contracts with this provider, paid
  // whether used or not: the soft block's 12 committed places in marginal bands, 10 x 1150.00
  // + 2 x 1090.00 = 13680.00, and the block's 4 beds x 1210.00 = 4840.00. 19920.00 in all.
  EXPECT_EQ(draft.at("total").at("amount"), "19920.00");
  ASSERT_EQ(draft.at("lines").size(), 7u) << draft.dump();  // 2 placements; 2 bands + voids; 1 commitment + voids
  const auto id = std::to_string(draft.at("id").get<std::int64_t>());

  auto with_credit = generate;
  with_credit.push_back("--adjust=-50.00|goodwill credit for a missed visit");  // "=": a value may start with "-"
  const auto credited = run_json(with_credit);
  EXPECT_EQ(credited.at("id"), draft.at("id"));
  EXPECT_EQ(credited.at("total").at("amount"), "19870.00");

  auto tuesday = generate;
  tuesday[9] = "2026-11-03";
  const auto bad = run_caremarket(tuesday);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE((bad.out + bad.err).find("monday"), std::string::npos) << bad.out << bad.err;
  EXPECT_EQ(run_caremarket({"invoice", "show", id, "--db", db, "--user", manager, "--json"}).exit_code, 3)
      << "the provider does not see a draft";

  const auto issued =
      run_json({"invoice", "issue", id, "--date", "2026-11-09", "--db", db, "--user", officer, "--json"});
  EXPECT_EQ(issued.at("status"), "issued");
  EXPECT_EQ(issued.at("due_date"), "2026-12-09");
  EXPECT_EQ(run_caremarket({"invoice", "issue", id, "--db", db, "--user", officer}).exit_code, 4);
  EXPECT_EQ(run_json({"invoice", "list", "--db", db, "--user", manager, "--json"}).at("total"), 1);

  const auto placements = issued.at("lines");
  {
    std::ofstream csv(dir / "actuals.csv");
    csv << "placement_id,from,to,days,amount\n"
        << placements.at(0).at("placement_id") << ",02/11/2026,08/11/2026,7,\"£1,000.00\"\n"
        << "twelve,2026-11-02,2026-11-08,7,1.00\n";
  }
  const auto recon =
      run_json({"invoice", "actuals", id, (dir / "actuals.csv").string(), "--db", db, "--user", manager, "--json"});
  EXPECT_FALSE(recon.at("agrees"));
  // Missing from their file: the second placement and each contract's fee.
  ASSERT_EQ(recon.at("differences").size(), 3u) << recon.dump();
  std::map<std::string, std::string> missing;
  for (const auto& d : recon.at("differences")) {
    EXPECT_EQ(d.at("kind"), "missing_on_their_side");
    missing[d.at("placement_id").is_null() ? "contract " + d.at("contract_id").dump() : "placement"] =
        d.at("ours").at("amount");
  }
  EXPECT_EQ(missing["placement"], "400.00");
  std::vector<std::string> fees;
  for (const auto& [what, amount] : missing)
    if (what != "placement") fees.push_back(amount);
  std::sort(fees.begin(), fees.end());
  EXPECT_EQ(fees, (std::vector<std::string>{"13680.00", "4840.00"}));
  ASSERT_EQ(recon.at("bad_rows").size(), 1u);
  EXPECT_EQ(recon.at("bad_rows")[0].at("line"), 3);
  EXPECT_EQ(run_json({"invoice", "differences", id, "--db", db, "--user", officer, "--json"}).at("id"), recon.at("id"));
  EXPECT_EQ(run_json({"invoice", "show", id, "--db", db, "--user", officer, "--json"}).at("status"), "disputed");

  const std::vector<std::string> pay{"invoice",  "pay",         id,          "--date", "2026-11-20", "--amount",
                                     "19870.00", "--reference", "BACS 0042", "--db",   db,           "--json"};
  auto as_manager = pay;
  as_manager.insert(as_manager.end(), {"--user", manager});
  EXPECT_EQ(run_caremarket(as_manager).exit_code, 5);
  auto as_officer = pay;
  as_officer.insert(as_officer.end(), {"--user", officer});
  const auto paid = run_json(as_officer);
  EXPECT_EQ(paid.at("status"), "paid");
  EXPECT_EQ(paid.at("outstanding").at("amount_pence"), 0);
  EXPECT_EQ(run_caremarket(as_officer).exit_code, 4) << "paid already";

  const auto rate =
      run_json({"invoice", "timeliness", "--as-of", "2026-12-31", "--db", db, "--user", officer, "--json"});
  EXPECT_EQ(rate.at("counted"), 1);
  EXPECT_EQ(rate.at("rate_basis_points"), 10000);
  const auto text = run_caremarket({"invoice", "timeliness", "--db", db, "--user", officer});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("\"on_time\": 1"), std::string::npos) << text.out;

  const auto verified = run_caremarket({"audit", "verify", "--db", db, "--json"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
}

}  // namespace
}  // namespace caremarket::e2e
