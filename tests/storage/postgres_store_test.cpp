// The storage contract run against PostgreSQL: a real PostgreSQL 15 server
// (Debian's) started once for this test process, each test in a fresh empty
// schema; plus what only the PostgreSQL backend promises (migrations
// recorded and applied once, two connections on one database, savepoints).
// Without PostgreSQL's programs the test fails: install-deps.sh installs them.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "storage/postgres/pg_db.hpp"
#include "storage/postgres/pg_migrations.hpp"
#include "storage/postgres/pg_store.hpp"
#include "storage/postgres_server.hpp"
#include "storage/store_contract.hpp"
#include "storage/store_contract_invoices.hpp"
#include "storage/store_contract_pricing.hpp"

namespace caremarket::storage {
namespace {
using contract::InvoiceContract;
using contract::NamedFactory;
using contract::StoreContract;
using postgres::PgStore;
using testing::PostgresServer;

std::unique_ptr<PostgresServer>& server() {
  static std::unique_ptr<PostgresServer> running;
  return running;
}
std::string& start_failure() {
  static std::string why;
  return why;
}

// One server for the whole test process, stopped and removed at the end.
class PostgresEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    auto started = PostgresServer::start();
    if (!started) {
      start_failure() = started.error().message;
      FAIL() << "cannot start PostgreSQL for the storage tests: " << start_failure();
    }
    server() = std::move(started).value();
  }
  void TearDown() override { server().reset(); }
};
const auto* const kServer = ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

// A URL to a new, empty schema (`migrated`: a new database, migrated), or a
// test failure saying why there is none.
std::string fresh_url(bool migrated = false) {
  if (!server()) {
    ADD_FAILURE() << "no PostgreSQL server: " << start_failure();
    return {};
  }
  auto url = migrated ? server()->fresh_database_url() : server()->fresh_schema_url();
  if (!url) {
    ADD_FAILURE() << "cannot make a fresh database: " << url.error().message;
    return {};
  }
  return *url;
}

std::unique_ptr<Store> open_or_fail(const std::string& url) {
  if (url.empty()) return nullptr;
  auto opened = PgStore::open(url);
  if (!opened) {
    ADD_FAILURE() << "cannot open " << url << ": " << opened.error().message;
    return nullptr;
  }
  return std::move(opened).value();
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContract,
                         ::testing::Values(NamedFactory{"postgres", [] { return open_or_fail(fresh_url(true)); }}),
                         [](const ::testing::TestParamInfo<NamedFactory>& backend) { return backend.param.name; });
INSTANTIATE_TEST_SUITE_P(Postgres, InvoiceContract,
                         ::testing::Values(NamedFactory{"postgres", [] { return open_or_fail(fresh_url(true)); }}),
                         [](const ::testing::TestParamInfo<NamedFactory>& backend) { return backend.param.name; });

market::Organisation organisation(const std::string& key) {
  market::Organisation o;
  o.kind = market::OrganisationKind::council;
  o.name = "Birmingham City Council";
  o.source_key = key;
  return o;
}

// The first value of a query, read through a connection of its own.
std::string query_of(const std::string& url, const std::string& sql) {
  auto db = postgres::Db::open(url);
  if (!db) {
    ADD_FAILURE() << db.error().message;
    return {};
  }
  auto stmt = (*db)->prepare(sql);
  const auto row = stmt.step();
  if (!row || !*row) {
    ADD_FAILURE() << "no row from: " << sql;
    return {};
  }
  return stmt.text(0);
}

TEST(PgStore, EveryMigrationIsRecordedOnceAndReopeningAppliesNone) {
  const auto url = fresh_url();
  const auto latest = postgres::migrations().back().version;
  {
    auto store = PgStore::open(url);
    ASSERT_TRUE(store) << store.error().message;
    EXPECT_EQ(*(*store)->schema_version(), latest);
    ASSERT_TRUE((*store)->create_organisation(organisation("kept")));
  }
  auto again = PgStore::open(url);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*(*again)->schema_version(), latest);
  EXPECT_EQ(query_of(url, "SELECT count(*) FROM schema_migrations"), std::to_string(postgres::migrations().size()));
  EXPECT_TRUE((*again)->find_organisation_by_key("kept")->has_value());
}

TEST(PgStore, MigrationsAreNumberedInOrderLikeSqlite) {
  int previous = 0;
  for (const auto& m : postgres::migrations()) {
    EXPECT_EQ(m.version, previous + 1) << m.description;
    previous = m.version;
  }
}

TEST(PgStore, DatabaseNewerThanTheProgramIsRefused) {
  const auto url = fresh_url();
  ASSERT_TRUE(PgStore::open(url));
  {
    auto db = postgres::Db::open(url);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->exec("INSERT INTO schema_migrations (version, description) VALUES (9999, 'from the future')"));
  }
  const auto opened = PgStore::open(url);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::unavailable);
  EXPECT_NE(opened.error().message.find("newer than this program"), std::string::npos) << opened.error().message;
}

TEST(PgStore, FlagsAndTimestampsUseTheirOwnTypes) {
  const auto url = fresh_url();
  ASSERT_TRUE(PgStore::open(url));
  EXPECT_EQ(query_of(url,
                     "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() "
                     "AND table_name = 'services' AND column_name = 'vacancies_synthetic'"),
            "boolean");
  EXPECT_EQ(query_of(url,
                     "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() "
                     "AND table_name = 'audit_events' AND column_name = 'at'"),
            "bigint");
}

TEST(PgStore, TwoStoresOnOneDatabaseSeeEachOthersWritesAndShareOneAuditChain) {
  const auto url = fresh_url();
  auto a = PgStore::open(url);
  auto b = PgStore::open(url);
  ASSERT_TRUE(a && b);
  const auto id = (*a)->create_organisation(organisation("through-a"));
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ((*b)->get_organisation(*id)->source_key, "through-a");
  EXPECT_EQ((*b)->create_organisation(organisation("through-a")).error().code, ErrorCode::conflict);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE((*a)->append_audit({0, 1795000000 + i, 1, 1, "from.a", "x", "{}", {}, {}}));
    ASSERT_TRUE((*b)->append_audit({0, 1795000100 + i, 1, 1, "from.b", "x", "{}", {}, {}}));
  }
  const auto log = (*a)->audit_log();
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 6u);
  const auto verified = verify_audit_chain(*log);
  EXPECT_TRUE(verified.intact) << verified.reason;
}

TEST(PgStore, ReadThenWriteTransactionsOnTwoServersNeverLoseAnUpdate) {
  // Each transaction reads a count and writes it back one higher, as an
  // award reads the room left and takes a place. Two stores stand for two
  // servers, each with several connections; without the writers' lock two
  // transactions would read the same count and one increment would be lost.
  const auto url = fresh_url(true);
  auto a = PgStore::open(url, 4);
  auto b = PgStore::open(url, 4);
  ASSERT_TRUE(a && b);
  auto provider = organisation("provider");
  provider.kind = market::OrganisationKind::provider;
  const auto provider_id = (*a)->create_organisation(provider);
  ASSERT_TRUE(provider_id) << provider_id.error().message;
  market::Service service;
  service.provider_id = *provider_id;
  service.name = "Counting House";
  service.places = 1000;
  service.source_key = "test:counting";
  service.match_key = "counting";
  const auto id = (*a)->create_service(service);
  ASSERT_TRUE(id) << id.error().message;

  constexpr int kThreads = 6;
  constexpr int kRounds = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    Store& store = t % 2 ? **b : **a;
    threads.emplace_back([&store, &failures, id = *id] {
      for (int i = 0; i < kRounds; ++i) {
        const Status done = store.in_transaction([&]() -> Status {
          CM_ASSIGN_OR_RETURN(const auto s, store.get_service(id));
          return store.set_vacancies({id, s.vacancies + 1, 1795000000, 0});
        });
        if (!done) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ((*b)->get_service(*id)->vacancies, kThreads * kRounds);
}

TEST(PgStore, ReadsGoOnWhileATransactionIsOpen) {
  // The pool gives a reader its own connection: a long transaction on one
  // thread does not hold up reads on the others.
  const auto url = fresh_url(true);
  auto store = PgStore::open(url, 3);
  ASSERT_TRUE(store);
  const auto id = (*store)->create_organisation(organisation("reader"));
  ASSERT_TRUE(id);
  std::promise<void> opened;
  std::promise<void> read_done;
  auto read_done_seen = read_done.get_future();
  auto renamed = organisation("reader-renamed");
  renamed.id = *id;
  std::thread writer([&] {
    const Status done = (*store)->in_transaction([&]() -> Status {
      CM_TRY_STATUS((*store)->update_organisation(renamed));
      opened.set_value();
      // Held open until the read below has finished (or 10 s have passed).
      return read_done_seen.wait_for(std::chrono::seconds(10)) == std::future_status::ready
                 ? Status{}
                 : Error::internal("the read waited for the transaction");
    });
    EXPECT_TRUE(done) << done.error().message;
  });
  opened.get_future().wait();
  const auto during = (*store)->get_organisation(*id);
  read_done.set_value();
  writer.join();
  ASSERT_TRUE(during) << during.error().message;
  EXPECT_EQ(during->source_key, "reader") << "a read saw a transaction's change before its commit";
  EXPECT_EQ((*store)->get_organisation(*id)->source_key, "reader-renamed");
}

TEST(PgStore, AFailedWriteInsideATransactionLeavesTheTransactionUsable) {
  // PostgreSQL aborts a whole transaction on one failed statement; the store
  // puts each write under a savepoint, so the caller's work carries on as it
  // would on SQLite.
  auto store = PgStore::open(fresh_url());
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->create_organisation(organisation("first")));
  const auto status = (*store)->in_transaction([&]() -> Status {
    EXPECT_EQ((*store)->create_organisation(organisation("first")).error().code, ErrorCode::conflict);
    return (*store)->create_organisation(organisation("second")).has_value() ? Status{} : Error::internal("refused");
  });
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_TRUE((*store)->find_organisation_by_key("second")->has_value());
}

TEST(PgStore, AConnectionClosedByTheServerIsOpenedAgain) {
  const auto url = fresh_url(true);
  auto store = PgStore::open(url);
  ASSERT_TRUE(store);
  ASSERT_TRUE((*store)->create_organisation(organisation("before")));
  const auto database = url.substr(url.rfind('/') + 1);
  EXPECT_EQ(
      query_of(server()->url(),
               "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" + database + "'"),
      "1");
  // The call that meets the closed connection may fail (unavailable); the next one connects again.
  const auto first = (*store)->find_organisation_by_key("before");
  if (!first) { EXPECT_EQ(first.error().code, ErrorCode::unavailable); }
  const auto after = (*store)->find_organisation_by_key("before");
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_TRUE(after->has_value());
  EXPECT_TRUE((*store)->create_organisation(organisation("after")));
}

TEST(PgStore, UnreachableServerIsUnavailable) {
  const auto opened = PgStore::open("postgresql://caremarket@127.0.0.1:1/postgres?connect_timeout=2");
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::unavailable);
}

}  // namespace
}  // namespace caremarket::storage
