// Two `caremarket serve` processes on one PostgreSQL database, as a shared
// deployment runs them behind a proxy: a change through one is seen through
// the other at once, an import is seen by both, a session works on both,
// and an award raced through both gives one placement.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "e2e/server_fixture.hpp"
#include "storage/postgres_server.hpp"

namespace caremarket::e2e {
namespace {
using testing::PostgresServer;
using Clock = std::chrono::steady_clock;

std::string login(const Api& api, const std::string& email, const std::string& password = kDemoPassword) {
  const auto reply = api.post("/api/login", {{"email", email}, {"password", password}});
  EXPECT_EQ(reply.status, 200) << describe(reply);
  return reply.body.value("token", "");
}

// Asks until `seen` holds or 5 s pass; gives the milliseconds it took (-1: never).
template <typename Seen>
long long wait_until(Seen seen) {
  const auto start = Clock::now();
  while (Clock::now() - start < std::chrono::seconds(5)) {
    if (seen()) return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return -1;
}

class TwoServers : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto started = PostgresServer::start();
    ASSERT_TRUE(started) << "cannot start PostgreSQL: " << started.error().message;
    postgres_ = std::move(started).value();
    auto url = postgres_->fresh_schema_url();
    ASSERT_TRUE(url) << url.error().message;
    url_ = *url;
    dir_ = std::make_unique<TempDir>();
    key_ = (*dir_ / "audit.key").string();
    ASSERT_EQ(run_caremarket({"audit", "new-key", "--out", key_}).exit_code, 0);
    const auto demo = run_caremarket({"demo", "--db", url_, "--audit-key-file", key_});
    ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;
    a_ = std::make_unique<ServerProcess>(url_, std::vector<std::string>{"--audit-key-file", key_});
    b_ = std::make_unique<ServerProcess>(url_, std::vector<std::string>{"--audit-key-file", key_});
  }
  static void TearDownTestSuite() {
    if (a_) { EXPECT_EQ(a_->stop(), 0); }
    if (b_) { EXPECT_EQ(b_->stop(), 0); }
    a_.reset();
    b_.reset();
    dir_.reset();
    postgres_.reset();
  }
  void SetUp() override { ASSERT_TRUE(a_ && b_) << "the servers did not start"; }

  static Api a() { return Api(a_->port()); }
  static Api b() { return Api(b_->port()); }

  static inline std::unique_ptr<PostgresServer> postgres_;
  static inline std::unique_ptr<TempDir> dir_;
  static inline std::string url_;
  static inline std::string key_;
  static inline std::unique_ptr<ServerProcess> a_;
  static inline std::unique_ptr<ServerProcess> b_;
};

TEST_F(TwoServers, ASessionMadeOnOneWorksOnTheOtherAndSigningOutEndsItOnBoth) {
  const auto token = login(a(), email_of(Who::council));
  const auto me = b().get("/api/me", token);
  ASSERT_EQ(me.status, 200) << describe(me);
  EXPECT_EQ(me.body.at("user").at("email"), email_of(Who::council));
  ASSERT_EQ(b().post("/api/logout", json::object(), token).status, 204);
  EXPECT_EQ(a().get("/api/me", token).status, 401);
}

TEST_F(TwoServers, AVacancyReportedThroughOneIsSeenThroughTheOtherAtOnce) {
  const auto token = login(a(), email_of(Who::provider));
  const auto me = a().get("/api/me", token);
  ASSERT_EQ(me.status, 200) << describe(me);
  const auto provider = me.body.at("organisation").at("id").get<std::int64_t>();
  const auto mine =
      a().get(with_query("/api/services", {{"provider_id", std::to_string(provider)}, {"limit", "500"}}), token);
  ASSERT_EQ(mine.status, 200) << describe(mine);
  std::int64_t id = 0;
  int places = 0;
  for (const auto& item : mine.body.at("items")) {
    if (item.at("places").get<int>() >= 3) {
      id = item.at("id").get<std::int64_t>();
      places = item.at("places").get<int>();
      break;
    }
  }
  ASSERT_GT(id, 0);
  const std::string target = "/api/services/" + std::to_string(id);
  for (int round = 0; round < 5; ++round) {
    const int count = 1 + round % (places - 1);
    const auto& [writer, reader] = round % 2 ? std::pair(b(), a()) : std::pair(a(), b());
    ASSERT_EQ(writer.put(target + "/vacancies", {{"count", count}}, token).status, 200);
    const auto took = wait_until([&] {
      const auto read = reader.get(target, token);
      return read.status == 200 && read.body.at("vacancies").at("count").get<int>() == count;
    });
    EXPECT_GE(took, 0) << "round " << round << ": the other server never showed " << count;
    EXPECT_LT(took, 1000) << "round " << round << ": the other server took " << took << " ms";
    std::cout << "round " << round << ": seen through the other server after " << took << " ms\n";
    // The search index follows too, not only the record.
    const auto found =
        reader.get(with_query("/api/services",
                              {{"provider_id", std::to_string(provider)}, {"has_vacancy", "true"}, {"limit", "500"}}),
                   token);
    ASSERT_EQ(found.status, 200) << describe(found);
    bool listed = false;
    for (const auto& item : found.body.at("items")) listed = listed || item.at("id").get<std::int64_t>() == id;
    EXPECT_TRUE(listed) << "the other server's search does not list the service with room";
  }
}

TEST_F(TwoServers, AnImportIntoTheDatabaseIsSeenByBothRunningServers) {
  const auto before_a = a().get("/health").body.at("services").get<int>();
  const auto before_b = b().get("/health").body.at("services").get<int>();
  EXPECT_EQ(before_a, before_b);
  const auto csv = (*dir_ / "new_home.csv").string();
  {
    std::ifstream real(std::string(CAREMARKET_DATA_DIR) + "/cqc_care_homes_birmingham_2025-11.csv");
    std::string header;
    std::getline(real, header);
    std::ofstream out(csv);
    out << header << "\n"
        << "1-99000000001,VZZ01,Two Servers House,Two Servers Care Ltd,1-99000000002,,B44 8DD,Birmingham,"
           "52.5333980,-1.8700000,West Midlands,Birmingham,12,2026,true,false,false,true,false,false,false,false,"
           "false,,false,false,Good,Good,Good,Good,Good,Good,2026-01-10,false,Care home service without nursing,"
           "Older people,Social Care Org,Organisation\n";
  }
  const auto imported = run_caremarket({"import", "cqc", csv, "--db", url_, "--audit-key-file", key_});
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  for (const Api& server : {a(), b()}) {
    const auto took = wait_until([&] { return server.get("/health").body.value("services", 0) == before_a + 1; });
    EXPECT_GE(took, 0) << "a running server never counted the imported service";
    EXPECT_LT(took, 2000);
  }
  const auto token = login(b(), email_of(Who::council));
  const auto found =
      b().get(with_query("/api/services", {{"near", "B44 8DD"}, {"within_miles", "1"}, {"limit", "500"}}), token);
  ASSERT_EQ(found.status, 200) << describe(found);
  int named = 0;
  for (const auto& item : found.body.at("items")) named += item.at("name") == "Two Servers House";
  EXPECT_EQ(named, 1) << found.text;
}

TEST_F(TwoServers, AnAwardRacedThroughBothServersGivesOnePlacement) {
  const auto council = login(a(), email_of(Who::council));
  const auto created = a().post("/api/referrals",
                                {{"kind", "care_home_nursing"},
                                 {"needs", {"dementia"}},
                                 {"home_postcode", "B44 9AA"},
                                 {"age", 84},
                                 {"max_distance_miles", 20},
                                 {"urgent", true},
                                 {"person", {{"name", "Race Testperson"}, {"date_of_birth", "1941-06-15"}}}},
                                council);
  ASSERT_EQ(created.status, 201) << describe(created);
  const auto referral = "/api/referrals/" + std::to_string(created.body.at("id").get<std::int64_t>());
  const auto sent = b().post(referral + "/send", json::object(), council);
  ASSERT_EQ(sent.status, 200) << describe(sent);
  // Two asked providers offer; a user for each is added by the operator.
  const auto operator_token = login(a(), email_of(Who::operator_));
  std::vector<std::int64_t> offers;
  std::vector<std::int64_t> seen_providers;
  for (const auto& r : sent.body.at("recipients")) {
    const auto provider = r.at("provider_id").get<std::int64_t>();
    if (std::find(seen_providers.begin(), seen_providers.end(), provider) != seen_providers.end()) continue;
    seen_providers.push_back(provider);
    const std::string email = "race." + std::to_string(provider) + "@provider.example";
    const auto added = a().post("/api/users",
                                {{"organisation_id", provider},
                                 {"email", email},
                                 {"name", "Race manager"},
                                 {"password", "race-password-2026"},
                                 {"roles", {"provider_manager"}}},
                                operator_token);
    ASSERT_EQ(added.status, 201) << describe(added);
    const auto token = login(b(), email, "race-password-2026");
    const auto offer = b().post(referral + "/offers",
                                {{"service_id", r.at("service_id")},
                                 {"price_pence", 110000},
                                 {"start_date", "2027-01-04"},
                                 {"conditions", "none"}},
                                token);
    ASSERT_EQ(offer.status, 201) << describe(offer);
    offers.push_back(offer.body.at("id").get<std::int64_t>());
    if (offers.size() == 2) break;
  }
  ASSERT_EQ(offers.size(), 2u) << "the referral reached fewer than two providers";
  // Both servers award at the same moment, each a different offer.
  std::promise<void> go;
  auto ready = go.get_future().share();
  auto award = [&](const Api& server, std::int64_t offer) {
    return std::async(std::launch::async, [&, offer, ready] {
      ready.wait();
      return server.post(referral + "/award", {{"offer_id", offer}, {"reason", "nearest to family"}}, council);
    });
  };
  const Api server_a = a();
  const Api server_b = b();
  auto first = award(server_a, offers[0]);
  auto second = award(server_b, offers[1]);
  go.set_value();
  const auto one = first.get();
  const auto two = second.get();
  const int placed = (one.status == 201) + (two.status == 201);
  EXPECT_EQ(placed, 1) << describe(one) << "\n" << describe(two);
  EXPECT_TRUE(one.status == 409 || two.status == 409) << describe(one) << "\n" << describe(two);
  const auto placements = a().get("/api/placements", council);
  ASSERT_EQ(placements.status, 200) << describe(placements);
  int for_this = 0;
  for (const auto& p : placements.body.at("items")) {
    for_this += p.at("referral_id").get<std::int64_t>() == created.body.at("id").get<std::int64_t>();
  }
  EXPECT_EQ(for_this, 1);
}

}  // namespace
}  // namespace caremarket::e2e
