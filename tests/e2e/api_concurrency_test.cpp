// Writers at the same time: the server answers many requests at once, so a
// change to one field must never undo a concurrent change to another, and
// what the server shows must be what it stored (checked across a restart).
#include <atomic>
#include <thread>

#include "e2e/server_fixture.hpp"

namespace caremarket::e2e {
namespace {

constexpr int kRounds = 60;

std::string login_on(const Api& client, Who who) {
  const auto reply = client.post("/api/login", {{"email", email_of(who)}, {"password", kDemoPassword}});
  EXPECT_EQ(reply.status, 200) << describe(reply);
  return reply.body.value("token", "");
}

TEST(ApiConcurrency, VacancyAndDetailUpdatesAtOnceDoNotUndoEachOther) {
  TempDir dir;
  const auto db = dir / "concurrent.db";
  copy_database(demo_database(), db);
  auto server = std::make_unique<ServerProcess>(db);
  Api client(server->port());
  const std::string provider = login_on(client, Who::provider);
  const auto me = client.get("/api/me", provider);
  ASSERT_EQ(me.status, 200) << describe(me);
  const auto provider_org = me.body.at("organisation").at("id").get<std::int64_t>();
  const auto mine = client.get(
      with_query("/api/services", {{"provider_id", std::to_string(provider_org)}, {"limit", "500"}}), provider);
  ASSERT_EQ(mine.status, 200) << describe(mine);
  std::int64_t id = 0;
  int places = 0;
  for (const auto& item : mine.body.at("items")) {
    if (item.at("places").get<int>() >= 4) {
      id = item.at("id").get<std::int64_t>();
      places = item.at("places").get<int>();
      break;
    }
  }
  ASSERT_GT(id, 0) << "the demo provider has no service with four places";
  const std::string target = "/api/services/" + std::to_string(id);

  // One writer reports vacancies, the other edits the service's details;
  // after each of its own writes, each reads back what it wrote. Neither
  // touches the other's field, so neither may ever see its own write undone.
  std::atomic<int> lost_vacancies{0};
  std::atomic<int> lost_details{0};
  std::atomic<int> failed_writes{0};
  std::thread vacancies([&] {
    for (int i = 0; i < kRounds; ++i) {
      const int count = 1 + i % (places - 1);
      if (client.put(target + "/vacancies", {{"count", count}}, provider).status != 200) ++failed_writes;
      const auto read = client.get(target, provider);
      if (read.status != 200 || read.body.at("vacancies").at("count").get<int>() != count) ++lost_vacancies;
    }
  });
  std::thread details([&] {
    for (int i = 0; i < kRounds; ++i) {
      const json tag = json::array({"round-" + std::to_string(i)});
      if (client.patch(target, {{"specialisms", tag}}, provider).status != 200) ++failed_writes;
      const auto read = client.get(target, provider);
      if (read.status != 200 || read.body.at("specialisms") != tag) ++lost_details;
    }
  });
  vacancies.join();
  details.join();
  EXPECT_EQ(failed_writes.load(), 0);
  EXPECT_EQ(lost_vacancies.load(), 0) << "a vacancy report was undone by a concurrent PATCH of other fields";
  EXPECT_EQ(lost_details.load(), 0) << "a PATCH was undone by a concurrent vacancy report";

  const auto shown = client.get(target, provider);
  ASSERT_EQ(shown.status, 200) << describe(shown);
  EXPECT_EQ(shown.body.at("vacancies").at("count").get<int>(), 1 + (kRounds - 1) % (places - 1));
  EXPECT_EQ(shown.body.at("specialisms"), json::array({"round-" + std::to_string(kRounds - 1)}));
  EXPECT_EQ(server->stop(), 0) << "the server did not exit cleanly";

  // A new server reads the database afresh: it must show the same service.
  server = std::make_unique<ServerProcess>(db);
  const Api fresh(server->port());
  const std::string again = login_on(fresh, Who::provider);
  const auto stored = fresh.get(target, again);
  ASSERT_EQ(stored.status, 200) << describe(stored);
  for (const char* field : {"vacancies", "specialisms", "name", "places", "updated_at"}) {
    EXPECT_EQ(stored.body.at(field), shown.body.at(field)) << field << " differs between memory and the database";
  }
  EXPECT_EQ(server->stop(), 0) << "the server did not exit cleanly";
}

}  // namespace
}  // namespace caremarket::e2e
