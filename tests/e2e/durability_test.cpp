// Durability: the server is killed with SIGKILL while clients write, three
// times over, and restarted on the same database. Every write it
// acknowledged must be there, the database must pass SQLite's
// integrity_check, and the audit trail must verify.
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "e2e/brokerage_support.hpp"
#include "e2e/server_fixture.hpp"

namespace caremarket::e2e {
namespace {

std::string sign_in(const Api& api, const std::string& email) {
  const auto reply = api.post("/api/login", {{"email", email}, {"password", kDemoPassword}});
  if (reply.status != 200) throw std::runtime_error("cannot sign in as " + email + ": " + describe(reply));
  return reply.body.at("token").get<std::string>();
}

std::string integrity_of(const fs::path& db) {
  sqlite3* handle = nullptr;
  std::string result;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    result = "cannot open: " + std::string(sqlite3_errmsg(handle));
  } else {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(handle, "PRAGMA integrity_check", -1, &statement, nullptr);
    while (statement && sqlite3_step(statement) == SQLITE_ROW) {
      result += reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
      result += "\n";
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(handle);
  return result;
}

// What the clients were told was saved.
struct Acknowledged {
  std::mutex mutex;
  std::vector<std::int64_t> referrals;
  int vacancies = -1;  // the last count the server acknowledged
};

TEST(Durability, EveryAcknowledgedWriteSurvivesKillNine) {
  TempDir dir;
  const fs::path db = dir / "durable.db";
  copy_database(demo_database(), db);
  const auto service = own_service();
  Acknowledged saved;
  std::atomic<int> next_count{0};

  for (int round = 0; round < 3; ++round) {
    ServerProcess server(db);
    const Api client(server.port());
    const auto officer = sign_in(client, email_of(Who::council));
    const auto manager = sign_in(client, email_of(Who::provider));
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 3; ++w) {
      writers.emplace_back([&, w] {
        for (int i = 0; !stop; ++i) {
          Person person = adult_person();
          person.name = "Durability " + std::to_string(round) + "-" + std::to_string(w) + "-" + std::to_string(i);
          const auto reply = client.post("/api/referrals", adult_referral(person, false), officer);
          if (reply.status == 201) {
            std::lock_guard lock(saved.mutex);
            saved.referrals.push_back(reply.body.at("id").get<std::int64_t>());
          } else if (reply.status != 0) {
            ADD_FAILURE() << "a write was refused while the server was up: " << describe(reply);
            return;
          }
        }
      });
    }
    writers.emplace_back([&] {
      while (!stop) {
        const int count = ++next_count % 1000;
        const auto reply =
            client.put("/api/services/" + std::to_string(service) + "/vacancies", {{"count", count}}, manager);
        if (reply.status == 200) {
          std::lock_guard lock(saved.mutex);
          saved.vacancies = count;
        }
      }
    });
    // Let the writers get going, then pull the plug mid-stream.
    const auto before = [&] {
      std::lock_guard lock(saved.mutex);
      return saved.referrals.size();
    }();
    while ([&] {
      std::lock_guard lock(saved.mutex);
      return saved.referrals.size();
    }() < before + 30) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    server.kill_now();
    stop = true;
    for (auto& t : writers) t.join();
  }

  ASSERT_GE(saved.referrals.size(), 90u);
  EXPECT_EQ(integrity_of(db), "ok\n");
  ServerProcess server(db);
  const Api client(server.port());
  const auto officer = sign_in(client, email_of(Who::council));
  std::size_t missing = 0;
  for (const auto id : saved.referrals) {
    const auto reply = client.get("/api/referrals/" + std::to_string(id), officer);
    if (reply.status != 200) ++missing;
  }
  EXPECT_EQ(missing, 0u) << "of " << saved.referrals.size() << " acknowledged referrals";
  // The last acknowledged count, or a later one whose answer was cut off.
  const auto manager = sign_in(client, email_of(Who::provider));
  const auto now = client.get("/api/services/" + std::to_string(service), manager);
  ASSERT_EQ(now.status, 200) << describe(now);
  const int stored = now.body.at("vacancies").at("count").get<int>();
  EXPECT_TRUE(stored == saved.vacancies || stored == (saved.vacancies + 1) % 1000)
      << "stored " << stored << ", last acknowledged " << saved.vacancies;
  server.stop();
  const auto verified = run_caremarket({"audit", "verify", "--db", db.string()});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

}  // namespace
}  // namespace caremarket::e2e
