// The real `caremarket` binary on PostgreSQL: `--db postgresql://...` builds
// the demo register, serves it, signs and verifies its audit trail, exactly
// as on a SQLite file; `migrate` moves a SQLite database into PostgreSQL. One PostgreSQL 15 server for this test
// process (postgres_server.hpp); the e2e support runs the binary and talks HTTP.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "e2e/server_fixture.hpp"
#include "storage/postgres/pg_store.hpp"
#include "storage/postgres_server.hpp"
#include "storage/sqlite/sqlite_db.hpp"

namespace caremarket::e2e {
namespace {
using testing::PostgresServer;

std::unique_ptr<PostgresServer>& server() {
  static std::unique_ptr<PostgresServer> running;
  return running;
}

class PostgresEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    auto started = PostgresServer::start();
    ASSERT_TRUE(started) << "cannot start PostgreSQL for the CLI tests: " << started.error().message;
    server() = std::move(started).value();
  }
  void TearDown() override { server().reset(); }
};
const auto* const kServer = ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

std::string fresh_url() {
  if (!server()) return {};
  auto url = server()->fresh_schema_url();
  EXPECT_TRUE(url) << url.error().message;
  return url ? *url : std::string();
}

TEST(PostgresCli, DemoServesAndItsAuditTrailVerifies) {
  const auto url = fresh_url();
  ASSERT_FALSE(url.empty());
  TempDir dir;
  const auto key = (dir / "audit.key").string();

  // A PostgreSQL database has no folder to keep the key in beside it: it must be named.
  const auto unnamed = run_caremarket({"demo", "--db", url});
  EXPECT_EQ(unnamed.exit_code, 2) << unnamed.err;
  EXPECT_NE(unnamed.err.find("--audit-key-file"), std::string::npos) << unnamed.err;

  ASSERT_EQ(run_caremarket({"audit", "new-key", "--out", key}).exit_code, 0);
  const auto demo = run_caremarket({"demo", "--db", url, "--audit-key-file", key});
  ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;

  {
    ServerProcess serve(url, {"--audit-key-file", key});
    const Api api(serve.port());
    const auto health = api.get("/health");
    ASSERT_EQ(health.status, 200) << health.text;
    EXPECT_GT(health.body.at("services").get<int>(), 1000);  // the demo imports thousands of real services
    const auto login = api.post("/api/login", {{"email", email_of(Who::council)}, {"password", kDemoPassword}});
    ASSERT_EQ(login.status, 200) << login.text;
    const auto token = login.body.at("token").get<std::string>();
    const auto services = api.get(with_query("/api/services", {{"near", "B1 1AA"}, {"within_miles", "10"}}), token);
    ASSERT_EQ(services.status, 200) << services.text;
    EXPECT_GT(services.body.at("total").get<int>(), 0) << services.text;
    EXPECT_EQ(serve.stop(), 0);
  }

  const auto verified = run_caremarket({"audit", "verify", "--db", url, "--audit-key-file", key, "--json"});
  ASSERT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  const auto report = nlohmann::json::parse(verified.out);
  EXPECT_TRUE(report.at("intact").get<bool>());
  EXPECT_TRUE(report.at("signatures_checked").get<bool>());
  EXPECT_GT(report.at("entries").get<int>(), 0);
}

TEST(PostgresCli, AnUnreachableDatabaseIsUnavailable) {
  const auto refused = run_caremarket({"search", "--db", "postgresql://caremarket@127.0.0.1:1/none?connect_timeout=2"});
  EXPECT_EQ(refused.exit_code, 6) << refused.err;
  EXPECT_NE(refused.err.find("PostgreSQL"), std::string::npos) << refused.err;
}

// ---------------------------------------------------------------- migrate

std::string migrated_url() {
  if (!server()) return {};
  auto url = server()->fresh_database_url();
  EXPECT_TRUE(url) << url.error().message;
  return url ? *url : std::string();
}

// A private copy of the demo register, its audit key beside it.
fs::path demo_copy(const TempDir& dir) {
  const auto db = dir / "council.db";
  copy_database(demo_database(), db);
  return db;
}

CommandResult migrate(const fs::path& from, const std::string& to, const std::vector<std::string>& more = {}) {
  std::vector<std::string> args{"migrate", "--from", from.string(), "--to", to, "--json"};
  args.insert(args.end(), more.begin(), more.end());
  return run_caremarket(args);
}

// Every table's count matched, the trail verified in the copy, and it committed.
void expect_moved(const CommandResult& moved) {
  ASSERT_EQ(moved.exit_code, 0) << moved.out << moved.err;
  const auto report = json::parse(moved.out);
  EXPECT_TRUE(report.at("committed").get<bool>());
  EXPECT_TRUE(report.at("counts_match").get<bool>());
  EXPECT_GT(report.at("tables").size(), 20u);
  for (const auto& t : report.at("tables")) {
    EXPECT_TRUE(t.at("match").get<bool>()) << t.dump();
    EXPECT_EQ(t.at("source_rows"), t.at("target_rows")) << t.dump();
    if (t.at("table") == "services") { EXPECT_GT(t.at("target_rows").get<int>(), 1000); }
  }
  const auto& audit = report.at("audit");
  EXPECT_EQ(audit.at("checked_in"), "target");
  EXPECT_TRUE(audit.at("intact").get<bool>());
  EXPECT_TRUE(audit.at("signatures_checked").get<bool>());  // the demo's key, found beside the file
}

json search_json(const std::string& db) {
  const auto found = run_caremarket({"search", "--db", db, "--near", "B1 1AA", "--within-miles", "15", "--json"});
  EXPECT_EQ(found.exit_code, 0) << found.out << found.err;
  return json::parse(found.out, nullptr, false);
}

TEST(PostgresCli, MigrateMovesTheDemoRegisterAndRefusesANonEmptyTarget) {
  const auto url = migrated_url();
  ASSERT_FALSE(url.empty());
  TempDir dir;
  const auto db = demo_copy(dir);
  const auto key = db.string() + ".audit-key";
  // A write after the demo: one more user and organisation, one more signed audit entry.
  const auto added = run_caremarket({"user", "add", "--db", db.string(), "--operator", "--email",
                                     "ops@operator.example", "--name", "Ops", "--password-stdin", "--json"},
                                    "a-good-long-password\n");
  ASSERT_EQ(added.exit_code, 0) << added.out << added.err;

  expect_moved(migrate(db, url));

  const auto verified = run_caremarket({"audit", "verify", "--db", url, "--audit-key-file", key, "--json"});
  ASSERT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  const auto trail = json::parse(verified.out);
  EXPECT_TRUE(trail.at("intact").get<bool>());
  EXPECT_TRUE(trail.at("signatures_checked").get<bool>());
  const auto on_sqlite = run_caremarket({"audit", "verify", "--db", db.string(), "--json"});
  ASSERT_EQ(on_sqlite.exit_code, 0) << on_sqlite.err;
  EXPECT_EQ(trail.at("head"), json::parse(on_sqlite.out).at("head"));
  EXPECT_EQ(trail.at("entries"), json::parse(on_sqlite.out).at("entries"));

  // The register answers the same on both.
  const auto there = search_json(url);
  EXPECT_GT(there.at("total").get<int>(), 0) << there.dump();
  EXPECT_EQ(there, search_json(db.string()));

  // Ids continue past the copied ones: a new row on PostgreSQL takes a fresh id.
  {
    auto store = storage::postgres::PgStore::open(url, 1);
    ASSERT_TRUE(store) << store.error().message;
    auto organisations = (*store)->list_organisations(std::nullopt);
    ASSERT_TRUE(organisations) << organisations.error().message;
    std::int64_t newest = 0;
    for (const auto& o : *organisations) newest = std::max(newest, o.id);
    market::Organisation added_here;
    added_here.kind = market::OrganisationKind::provider;
    added_here.name = "Added after the move";
    added_here.source_key = "test:after-the-move";
    auto id = (*store)->create_organisation(added_here);
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_GT(*id, newest);
  }

  // Into the same database again: refused, and --replace named.
  const auto again = run_caremarket({"migrate", "--from", db.string(), "--to", url});
  EXPECT_EQ(again.exit_code, 4) << again.out << again.err;
  EXPECT_NE(again.err.find("--replace"), std::string::npos) << again.err;

  // --replace empties it first: the organisation added on PostgreSQL goes, the copy verifies.
  expect_moved(migrate(db, url, {"--replace"}));
  const auto replaced = run_caremarket({"audit", "verify", "--db", url, "--audit-key-file", key, "--json"});
  ASSERT_EQ(replaced.exit_code, 0) << replaced.out << replaced.err;
  EXPECT_EQ(json::parse(replaced.out).at("head"), json::parse(on_sqlite.out).at("head"));
  EXPECT_EQ(search_json(url), search_json(db.string()));
}

TEST(PostgresCli, MigrateIntoAnEmptySchemaPrintsATableAndNoPassword) {
  const auto url = fresh_url();  // not migrated yet: migrate applies the migrations
  ASSERT_FALSE(url.empty());
  TempDir dir;
  const auto db = demo_copy(dir);
  const auto moved = run_caremarket({"migrate", "--from", db.string(), "--to", url});
  ASSERT_EQ(moved.exit_code, 0) << moved.out << moved.err;
  EXPECT_NE(moved.out.find("services"), std::string::npos) << moved.out;
  EXPECT_NE(moved.out.find("audit trail intact in the copy"), std::string::npos) << moved.out;
  EXPECT_NE(moved.out.find("committed"), std::string::npos) << moved.out;
  EXPECT_EQ(moved.out.find(" NO\n"), std::string::npos) << moved.out;

  // A password in the URL never printed (the connection fails, the message names the database).
  const auto with_password = run_caremarket(
      {"migrate", "--from", db.string(), "--to", "postgresql://council:s3cret-pw@127.0.0.1:1/none?connect_timeout=2"});
  EXPECT_EQ(with_password.exit_code, 6) << with_password.err;
  EXPECT_EQ((with_password.out + with_password.err).find("s3cret-pw"), std::string::npos) << with_password.err;
}

TEST(PostgresCli, MigrateRefusesWhatItCannotMove) {
  TempDir dir;
  const auto url = migrated_url();
  ASSERT_FALSE(url.empty());
  const auto no_target = run_caremarket({"migrate", "--from", (dir / "x.db").string()});
  EXPECT_EQ(no_target.exit_code, 2) << no_target.err;
  EXPECT_NE(no_target.err.find("--to"), std::string::npos) << no_target.err;
  const auto not_postgres = run_caremarket({"migrate", "--from", (dir / "x.db").string(), "--to", "other.db"});
  EXPECT_EQ(not_postgres.exit_code, 2) << not_postgres.err;
  const auto no_source = run_caremarket({"migrate", "--from", (dir / "missing.db").string(), "--to", url});
  EXPECT_EQ(no_source.exit_code, 3) << no_source.err;
  EXPECT_NE(no_source.err.find("missing.db"), std::string::npos) << no_source.err;
  EXPECT_FALSE(fs::exists(dir / "missing.db"));  // not created by asking
}

// Every table of the target empty, but schema_migrations.
void expect_empty(const std::string& url) {
  auto store = storage::postgres::PgStore::open(url, 1);
  ASSERT_TRUE(store) << store.error().message;
  auto services = (*store)->list_services();
  ASSERT_TRUE(services) << services.error().message;
  EXPECT_TRUE(services->empty());
  auto log = (*store)->audit_log();
  ASSERT_TRUE(log) << log.error().message;
  EXPECT_TRUE(log->empty());
}

TEST(PostgresCli, MigrateReportsABrokenAuditTrailAndCopiesNothing) {
  const auto url = migrated_url();
  ASSERT_FALSE(url.empty());
  TempDir dir;
  const auto db = demo_copy(dir);
  {
    auto sqlite = storage::sqlite::Db::open(db.string());
    ASSERT_TRUE(sqlite) << sqlite.error().message;
    ASSERT_TRUE((*sqlite)->exec("UPDATE audit_events SET detail = '{\"edited\":true}' WHERE id = 2"));
  }
  const auto moved = migrate(db, url);
  EXPECT_EQ(moved.exit_code, 8) << moved.out << moved.err;
  const auto report = json::parse(moved.out);
  EXPECT_FALSE(report.at("committed").get<bool>());
  EXPECT_FALSE(report.at("audit").at("intact").get<bool>());
  EXPECT_EQ(report.at("audit").at("first_bad_id"), 2);
  EXPECT_EQ(report.at("audit").at("problem"), "altered");
  expect_empty(url);
}

TEST(PostgresCli, AFailedMigrateLeavesTheTargetAsItWas) {
  const auto url = migrated_url();
  ASSERT_FALSE(url.empty());
  TempDir dir;
  const auto db = demo_copy(dir);
  const auto first = migrate(db, url);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const auto before = search_json(url);

  // A value PostgreSQL's column cannot take (SQLite keeps text in an INTEGER
  // column): refused by name, after organisations were already emptied and
  // copied again in the transaction.
  {
    auto sqlite = storage::sqlite::Db::open(db.string());
    ASSERT_TRUE(sqlite) << sqlite.error().message;
    ASSERT_TRUE((*sqlite)->exec("UPDATE services SET places = 'many' WHERE id = (SELECT MAX(id) FROM services)"));
  }
  const auto refused = run_caremarket({"migrate", "--from", db.string(), "--to", url, "--replace"});
  EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("places"), std::string::npos) << refused.err;
  EXPECT_EQ(search_json(url), before);
  const auto verified = run_caremarket({"audit", "verify", "--db", url, "--json"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

}  // namespace
}  // namespace caremarket::e2e
