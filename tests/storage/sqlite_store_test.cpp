// The storage contract run against SQLite (in memory and in a file), plus
// what only the SQLite backend promises: WAL, foreign keys, reopening.
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>

#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store_contract.hpp"

namespace caremarket::storage {
namespace {
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

INSTANTIATE_TEST_SUITE_P(
    Sqlite, StoreContract,
    ::testing::Values(NamedFactory{"memory", [] { return open_or_fail(":memory:"); }},
                      NamedFactory{"file", [] { return open_or_fail(fresh_path()); }}),
    [](const ::testing::TestParamInfo<NamedFactory>& backend) { return backend.param.name; });

// A pragma's value read through a second, plain connection to the file.
std::string pragma_of(const std::string& path, const std::string& pragma) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  std::string value;
  if (sqlite3_prepare_v2(db, ("PRAGMA " + pragma).c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(stmt, 0);
    if (text) value = reinterpret_cast<const char*>(text);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return value;
}

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

TEST(SqliteStore, UnopenablePathIsUnavailable) {
  const auto opened = SqliteStore::open((temp_folder() / "no-such-dir" / "x.db").string());
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::unavailable);
}

}  // namespace
}  // namespace caremarket::storage
