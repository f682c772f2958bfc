// The real `caremarket` binary on PostgreSQL: `--db postgresql://...` builds
// the demo register, serves it, signs and verifies its audit trail, exactly
// as on a SQLite file. One PostgreSQL 15 server for this test process
// (postgres_server.hpp); the e2e support runs the binary and talks HTTP.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "e2e/server_fixture.hpp"
#include "storage/postgres_server.hpp"

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

}  // namespace
}  // namespace caremarket::e2e
