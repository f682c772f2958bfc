// The storage contract run against SQLite (in memory and in a file), plus
// what only the SQLite backend promises: WAL, foreign keys, reopening.
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>

#include "storage/audit_chain.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store_contract.hpp"
#include "storage/store_contract_invoices.hpp"
#include "storage/store_contract_pricing.hpp"

namespace caremarket::storage {
namespace {
using contract::InvoiceContract;
using contract::NamedFactory;
using contract::StoreContract;
using sqlite::SqliteStore;

// One folder per test process, removed at exit, so parallel ctest runs never share a file.
const std::filesystem::path& temp_folder() {
  static const std::filesystem::path folder = [] {
    auto p = std::filesystem::temp_directory_path() / ("caremarket-storage-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(p);
    return p;
  }();
  return folder;
}

class TempFolderCleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(temp_folder(), ignored);
  }
};
const auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new TempFolderCleanup);

std::string fresh_path() {
  static std::atomic<int> counter{0};
  return (temp_folder() / ("store-" + std::to_string(++counter) + ".db")).string();
}

std::unique_ptr<Store> open_or_fail(const std::string& path) {
  auto opened = SqliteStore::open(path);
  if (!opened) {
    ADD_FAILURE() << "cannot open " << path << ": " << opened.error().message;
    return nullptr;
  }
  return std::move(opened).value();
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract,
                         ::testing::Values(NamedFactory{"memory", [] { return open_or_fail(":memory:"); }},
                                           NamedFactory{"file", [] { return open_or_fail(fresh_path()); }}),
                         [](const ::testing::TestParamInfo<NamedFactory>& backend) { return backend.param.name; });
INSTANTIATE_TEST_SUITE_P(Sqlite, InvoiceContract,
                         ::testing::Values(NamedFactory{"memory", [] { return open_or_fail(":memory:"); }},
                                           NamedFactory{"file", [] { return open_or_fail(fresh_path()); }}),
                         [](const ::testing::TestParamInfo<NamedFactory>& backend) { return backend.param.name; });

// The first value of a query run through a second, plain connection to the file.
std::string query_of(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  std::string value;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(stmt, 0);
    if (text) value = reinterpret_cast<const char*>(text);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

std::string pragma_of(const std::string& path, const std::string& pragma) { return query_of(path, "PRAGMA " + pragma); }

void exec_on(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  EXPECT_EQ(rc, SQLITE_OK) << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(db);
}

market::Organisation provider(const std::string& key) {
  market::Organisation o;
  o.kind = market::OrganisationKind::provider;
  o.name = "Provider " + key;
  o.source_key = key;
  return o;
}

TEST(SqliteColumns, AColumnListGivesItsPlaceholdersAndAssignments) {
  EXPECT_EQ(sqlite::placeholders("a"), "?");
  EXPECT_EQ(sqlite::placeholders("a, b,c"), "?, ?, ?");
  EXPECT_EQ(sqlite::assignments("a, b,c"), "a = ?, b = ?, c = ?");
}

TEST(SqliteColumns, BindFromBindsInOrderAndReturnsTheNextIndex) {
  auto db = sqlite::Db::open(":memory:");
  ASSERT_TRUE(db.has_value());
  ASSERT_TRUE((*db)->exec("CREATE TABLE t (a INTEGER, b TEXT, c REAL, d TEXT, e INTEGER)").has_value());
  auto insert = (*db)->prepare("INSERT INTO t (a, b, c, d, e) VALUES (" + sqlite::placeholders("a, b, c, d, e") + ")");
  ASSERT_TRUE(insert.has_value());
  EXPECT_EQ(insert->parameter_count(), 5);
  const std::optional<std::string> none;
  EXPECT_EQ(insert->bind_from(1, std::int64_t{7}, std::string("x"), 2.5, none, true), 6);
  ASSERT_TRUE(insert->run().has_value());
  auto read = (*db)->prepare("SELECT a, b, c, d, e FROM t");
  ASSERT_TRUE(read.has_value());
  ASSERT_TRUE(*read->step());
  EXPECT_EQ(read->int64(0), 7);
  EXPECT_EQ(read->text(1), "x");
  EXPECT_EQ(read->real(2), 2.5);
  EXPECT_TRUE(read->is_null(3));
  EXPECT_EQ(read->int64(4), 1);
}

TEST(SqliteStore, FileDatabaseIsInWalMode) {
  const auto path = fresh_path();
  auto store = open_or_fail(path);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->create_organisation(provider("p")).has_value());
  EXPECT_EQ(pragma_of(path, "journal_mode"), "wal");
}

TEST(SqliteStore, ForeignKeysAreEnforced) {
  auto store = open_or_fail(":memory:");
  ASSERT_NE(store, nullptr);
  market::Service s;
  s.provider_id = 99;  // no such organisation
  s.name = "Orphan";
  s.location = {52.5, -1.9};
  s.local_authority_code = "E08000025";
  s.source_key = "orphan";
  const auto created = store->create_service(s);
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code, ErrorCode::conflict);
  EXPECT_NE(created.error().message.find("FOREIGN KEY"), std::string::npos) << created.error().message;

  Session session{"hash", 12345, 1, 2, false};  // no such user
  EXPECT_FALSE(store->create_session(session).has_value());
}

TEST(SqliteStore, ReopenedFileKeepsDataAndIsNotMigratedAgain) {
  const auto path = fresh_path();
  std::int64_t org = 0;
  std::int64_t service = 0;
  {
    auto store = open_or_fail(path);
    ASSERT_NE(store, nullptr);
    org = *store->create_organisation(provider("kept"));
    market::Service s;
    s.provider_id = org;
    s.name = "Kept House";
    s.location = {52.5, -1.9};
    s.local_authority_code = "E08000025";
    s.source_key = "kept-house";
    service = *store->create_service(s);
    ASSERT_TRUE(store->set_vacancies({service, 4, 1795000000, 0}).has_value());
  }
  const int latest = sqlite::migrations().back().version;
  EXPECT_EQ(pragma_of(path, "user_version"), std::to_string(latest));
  // Reopening twice: a migration applied again would fail on CREATE TABLE.
  for (int i = 0; i < 2; ++i) {
    auto store = open_or_fail(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(*store->schema_version(), latest);
    const auto o = store->get_organisation(org);
    ASSERT_TRUE(o.has_value());
    EXPECT_EQ(o->source_key, "kept");
    const auto s = store->get_service(service);
    ASSERT_TRUE(s.has_value());
    EXPECT_EQ(s->name, "Kept House");
    EXPECT_EQ(s->vacancies, 4);
    EXPECT_EQ(store->vacancy_history(service)->size(), 1u);
    EXPECT_EQ(store->list_organisations(std::nullopt)->size(), 1u);
  }
}

TEST(SqliteStore, DatabaseNewerThanTheProgramIsRefused) {
  const auto path = fresh_path();
  { ASSERT_NE(open_or_fail(path), nullptr); }
  exec_on(path, "PRAGMA user_version = 999");
  const auto opened = SqliteStore::open(path);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::unavailable);
}

TEST(SqliteStore, MigrationsAreNumberedInOrder) {
  const auto& list = sqlite::migrations();
  ASSERT_FALSE(list.empty());
  for (std::size_t i = 0; i < list.size(); ++i) {
    EXPECT_EQ(list[i].version, static_cast<int>(i) + 1);
    EXPECT_FALSE(list[i].description.empty());
  }
}

// --- the audit chain against someone editing the file directly -------------

// A file store with `n` audit entries, closed again.
std::string audited_file(int n) {
  const auto path = fresh_path();
  auto store = open_or_fail(path);
  if (store == nullptr) return path;
  for (int i = 1; i <= n; ++i) {
    const auto status = store->append_audit({0,
                                             1795000000 + i,
                                             7,
                                             3,
                                             "service.update",
                                             "service:" + std::to_string(i),
                                             R"({"places":)" + std::to_string(i) + "}",
                                             {},
                                             {}});
    EXPECT_TRUE(status.has_value());
  }
  return path;
}

AuditVerification verify_file(const std::string& path) {
  auto store = open_or_fail(path);
  if (store == nullptr) return {};
  const auto log = store->audit_log();
  EXPECT_TRUE(log.has_value());
  return log ? verify_audit_chain(*log) : AuditVerification{};
}

TEST(SqliteAuditChain, AnUntouchedFileVerifies) {
  const auto v = verify_file(audited_file(5));
  EXPECT_TRUE(v.intact) << v.reason;
  EXPECT_EQ(v.checked, 5u);
}

TEST(SqliteAuditChain, AnUpdatedDetailIsReportedAsAltered) {
  const auto path = audited_file(5);
  exec_on(path, R"(UPDATE audit_events SET detail = '{"places":30}' WHERE id = 3)");
  const auto v = verify_file(path);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 3);
  EXPECT_EQ(v.problem, AuditProblem::altered);
  EXPECT_EQ(v.checked, 2u);
}

TEST(SqliteAuditChain, ARewrittenHashStillBreaksTheNextLink) {
  // Whoever edits the file can recompute the entry's own hash, but not
  // every later entry's prev_hash without rewriting the rest of the chain.
  const auto path = audited_file(5);
  exec_on(path, "UPDATE audit_events SET actor_user_id = 1 WHERE id = 2");
  {
    auto store = open_or_fail(path);
    ASSERT_NE(store, nullptr);
    auto forged = (*store->audit_log())[1];
    exec_on(path, "UPDATE audit_events SET hash = '" + audit_entry_hash(forged) + "' WHERE id = 2");
  }
  const auto v = verify_file(path);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 3);
  EXPECT_EQ(v.problem, AuditProblem::removed_or_reordered);
}

TEST(SqliteAuditChain, ADeletedMiddleRowIsReportedWhereItWas) {
  const auto path = audited_file(5);
  exec_on(path, "DELETE FROM audit_events WHERE id = 3");
  const auto v = verify_file(path);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 4);
  EXPECT_EQ(v.problem, AuditProblem::removed);
  EXPECT_NE(v.reason.find("entry 3 was removed"), std::string::npos) << v.reason;
}

TEST(SqliteAuditChain, TheFirstRowDeletedIsReported) {
  const auto path = audited_file(3);
  exec_on(path, "DELETE FROM audit_events WHERE id = 1");
  const auto v = verify_file(path);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 2);
  EXPECT_EQ(v.problem, AuditProblem::removed);
}

TEST(SqliteAuditChain, SwappedRowsAreReported) {
  // Every column but the id swapped between entries 2 and 4.
  const auto path = audited_file(5);
  exec_on(
      path,
      "CREATE TEMP TABLE moved AS SELECT * FROM audit_events WHERE id IN (2, 4);"
      "UPDATE audit_events SET (at, actor_user_id, actor_organisation_id, action, subject, detail, prev_hash, hash) = "
      "(SELECT at, actor_user_id, actor_organisation_id, action, subject, detail, prev_hash, hash FROM moved "
      " WHERE moved.id = 6 - audit_events.id) WHERE id IN (2, 4);");
  const auto v = verify_file(path);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 2);
  EXPECT_EQ(v.problem, AuditProblem::reordered);
}

TEST(SqliteAuditChain, SwappedContentsWithoutTheirHashesAreReported) {
  const auto path = audited_file(5);
  exec_on(path,
          "CREATE TEMP TABLE moved AS SELECT * FROM audit_events WHERE id IN (2, 3);"
          "UPDATE audit_events SET (subject, detail) = (SELECT subject, detail FROM moved "
          " WHERE moved.id = 5 - audit_events.id) WHERE id IN (2, 3);");
  const auto v = verify_file(path);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 2);
  EXPECT_EQ(v.problem, AuditProblem::altered);
}

TEST(SqliteAuditChain, AppendingAfterADeletedNewestEntryChainsOntoWhatIsLeft) {
  // A removed tail is invisible in the log alone (hence the head that
  // `audit verify` prints); the store does not fail to write because of it.
  const auto path = audited_file(4);
  exec_on(path, "DELETE FROM audit_events WHERE id = 4");
  {
    auto store = open_or_fail(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->append_audit({0, 1795001000, 1, 1, "login", "user:1", "{}", {}, {}}).has_value());
  }
  const auto v = verify_file(path);
  EXPECT_TRUE(v.intact) << v.reason;
  EXPECT_EQ(v.checked, 4u);
}

TEST(SqliteAuditChain, ADatabaseMadeBeforeTheChainIsChainedWhenOpened) {
  const auto path = fresh_path();
  // Schema version 1 exactly as it was released, with entries whose ids
  // skip (they were never promised to be consecutive then).
  exec_on(path, std::string(sqlite::migrations().front().sql) +
                    "INSERT INTO audit_events (id, at, actor_user_id, actor_organisation_id, action, subject, detail) "
                    "VALUES (4, 1790000000, 0, 0, 'register.import', 'register:cqc', '{\"imported\":12}'),"
                    "       (9, 1790000100, 2, 1, 'service.update', 'service:3', '{\"name\":\"Oak House\"}'),"
                    "       (10, 1790000200, 2, 1, 'login', 'user:2', '{}');"
                    "PRAGMA user_version = 1;");
  ASSERT_EQ(pragma_of(path, "user_version"), "1");
  {
    auto store = open_or_fail(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(*store->schema_version(), sqlite::migrations().back().version);
    const auto log = store->audit_log();
    ASSERT_TRUE(log.has_value());
    ASSERT_EQ(log->size(), 3u);
    EXPECT_EQ((*log)[0].id, 1);
    EXPECT_EQ((*log)[0].prev_hash, kAuditGenesis);
    EXPECT_EQ((*log)[0].action, "register.import");
    EXPECT_EQ((*log)[1].detail, R"({"name":"Oak House"})");
    EXPECT_EQ((*log)[2].id, 3);
    EXPECT_EQ((*log)[2].at, 1790000200);
    const auto v = verify_audit_chain(*log);
    EXPECT_TRUE(v.intact) << v.reason;
    EXPECT_EQ(v.checked, 3u);
    // New entries carry on from the migrated chain.
    ASSERT_TRUE(store->append_audit({0, 1795000000, 2, 1, "logout", "user:2", "{}", {}, {}}).has_value());
    const auto after = store->audit_log();
    ASSERT_EQ(after->size(), 4u);
    EXPECT_EQ(after->back().id, 4);
    EXPECT_EQ(after->back().prev_hash, (*log)[2].hash);
  }
  EXPECT_TRUE(verify_file(path).intact);
  // And the migrated entries are protected like any other.
  exec_on(path, "UPDATE audit_events SET subject = 'service:4' WHERE id = 2");
  const auto v = verify_file(path);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 2);
  EXPECT_EQ(v.problem, AuditProblem::altered);
}

TEST(SqliteAuditChain, AFailedBackfillRollsBackTheWholeMigration) {
  // The backfill runs in the migration's own transaction: if it fails, the
  // new columns go too and the version is not advanced.
  const auto& list = sqlite::migrations();
  const auto chain = std::find_if(list.begin(), list.end(), [](const auto& m) { return m.after != nullptr; });
  ASSERT_NE(chain, list.end());
  const auto path = fresh_path();
  exec_on(path, std::string(list.front().sql) +
                    "INSERT INTO audit_events (id, at, actor_user_id, actor_organisation_id, action, subject) "
                    "VALUES (1, 1790000000, 0, 0, 'login', 'user:1');"
                    "CREATE TRIGGER frozen BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'frozen'); END;"
                    "PRAGMA user_version = 1;");
  const auto opened = SqliteStore::open(path);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::unavailable);
  EXPECT_NE(opened.error().message.find(std::string(chain->description)), std::string::npos) << opened.error().message;
  EXPECT_EQ(pragma_of(path, "user_version"), std::to_string(chain->version - 1));
  EXPECT_EQ(
      query_of(path, "SELECT count(*) FROM pragma_table_info('audit_events') WHERE name IN ('prev_hash', 'hash')"),
      "0");
}

TEST(SqliteStore, UnopenablePathIsUnavailable) {
  const auto opened = SqliteStore::open((temp_folder() / "no-such-dir" / "x.db").string());
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::unavailable);
}

}  // namespace
}  // namespace caremarket::storage
