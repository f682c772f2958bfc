// `caremarket audit verify` on a register built from the command line, and
// on copies of it edited behind the program's back.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "e2e/server_fixture.hpp"

namespace caremarket::e2e {
namespace {

const std::string kTrafford = std::string(CAREMARKET_DATA_DIR) + "/cqc_care_homes_trafford_2026-02-25.csv";
constexpr int kTampered = 8;

std::string describe_run(const CommandResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\nstdout: " + r.out.substr(0, 800) + "\nstderr: " + r.err.substr(0, 800);
}

json json_of(const CommandResult& r) {
  const json value = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(value.is_discarded()) << "not JSON on stdout: " << describe_run(r);
  return value.is_discarded() ? json::object() : value;
}

// Edits the file through the SQLite C API, as someone with the file but not the program would.
void tamper(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message);
  EXPECT_EQ(rc, SQLITE_OK) << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(handle);
}

CommandResult verify(const fs::path& db, bool as_json) {
  std::vector<std::string> args{"audit", "verify", "--db", db.string()};
  if (as_json) args.emplace_back("--json");
  return run_caremarket(args);
}

// An import (one audit entry) and three users (one each): four entries.
class AuditCli : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto imported = run_caremarket({"import", "cqc", kTrafford, "--db", original_.string(), "--json"});
    ASSERT_EQ(imported.exit_code, 0) << describe_run(imported);
    for (const std::string who : {"first", "second", "third"}) {
      const auto added = run_caremarket({"user", "add", "--db", original_.string(), "--operator", "--email",
                                         who + "@operator.example", "--name", who, "--password-stdin", "--json"},
                                        "a-good-long-password\n");
      ASSERT_EQ(added.exit_code, 0) << describe_run(added);
    }
  }

  // A fresh copy of the untouched register to spoil.
  fs::path copy(const std::string& name) const {
    const auto path = dir_ / name;
    copy_database(original_, path);
    return path;
  }

  TempDir dir_;
  fs::path original_ = dir_ / "register.db";
};

TEST_F(AuditCli, AnUntouchedTrailVerifies) {
  const auto text = verify(original_, false);
  ASSERT_EQ(text.exit_code, 0) << describe_run(text);
  EXPECT_NE(text.out.find("audit trail intact: 4 entries"), std::string::npos) << text.out;

  const auto as_json = verify(original_, true);
  ASSERT_EQ(as_json.exit_code, 0) << describe_run(as_json);
  const auto body = json_of(as_json);
  EXPECT_EQ(body.at("intact"), true);
  EXPECT_EQ(body.at("entries"), 4);
  EXPECT_EQ(body.at("checked"), 4);
  EXPECT_EQ(body.at("head").get<std::string>().size(), 64u);
  EXPECT_NE(text.out.find(body.at("head").get<std::string>()), std::string::npos) << "the head is printed for recording";

  // Verifying adds no entry of its own: the head is the same the second time.
  EXPECT_EQ(json_of(verify(original_, true)).at("head"), body.at("head"));
}

TEST_F(AuditCli, AnAlteredEntryIsNamedWithExitCode8) {
  const auto db = copy("altered.db");
  tamper(db, R"(UPDATE audit_events SET detail = '{"roles":["council_viewer"]}' WHERE id = 2)");

  const auto as_json = verify(db, true);
  EXPECT_EQ(as_json.exit_code, kTampered) << describe_run(as_json);
  const auto body = json_of(as_json);
  EXPECT_EQ(body.at("intact"), false);
  EXPECT_EQ(body.at("first_bad_id"), 2);
  EXPECT_EQ(body.at("problem"), "altered");
  EXPECT_EQ(body.at("checked"), 1);
  EXPECT_EQ(body.at("entry").at("action"), "user.create");
  EXPECT_NE(body.at("entry").at("subject").get<std::string>().find("user:"), std::string::npos);

  const auto text = verify(db, false);
  EXPECT_EQ(text.exit_code, kTampered);
  EXPECT_NE(text.out.find("entry 2"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("altered"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("user.create"), std::string::npos) << text.out;
}

TEST_F(AuditCli, ARemovedEntryIsFoundWhereItWas) {
  const auto db = copy("removed.db");
  tamper(db, "DELETE FROM audit_events WHERE id = 3");

  const auto body = json_of(verify(db, true));
  EXPECT_EQ(body.at("first_bad_id"), 4);
  EXPECT_EQ(body.at("problem"), "removed");
  EXPECT_EQ(body.at("entries"), 3);

  const auto text = verify(db, false);
  EXPECT_EQ(text.exit_code, kTampered) << describe_run(text);
  EXPECT_NE(text.out.find("entry 3 was removed"), std::string::npos) << text.out;
}

TEST_F(AuditCli, SwappedEntriesAreReported) {
  const auto db = copy("swapped.db");
  tamper(db,
         "CREATE TEMP TABLE moved AS SELECT * FROM audit_events WHERE id IN (1, 3);"
         "UPDATE audit_events SET (at, actor_user_id, actor_organisation_id, action, subject, detail, prev_hash, hash) = "
         "(SELECT at, actor_user_id, actor_organisation_id, action, subject, detail, prev_hash, hash FROM moved "
         " WHERE moved.id = 4 - audit_events.id) WHERE id IN (1, 3);");
  const auto r = verify(db, true);
  EXPECT_EQ(r.exit_code, kTampered) << describe_run(r);
  const auto body = json_of(r);
  EXPECT_EQ(body.at("first_bad_id"), 1);
  EXPECT_EQ(body.at("problem"), "reordered");
  EXPECT_EQ(body.at("entry").at("action"), "user.create");  // what now sits at id 1
}

TEST_F(AuditCli, ADatabaseThatIsNotThereIsNotCreated) {
  const auto missing = dir_ / "nothing-here.db";
  const auto text = verify(missing, false);
  EXPECT_EQ(text.exit_code, 3) << describe_run(text);
  EXPECT_NE(text.err.find(missing.string()), std::string::npos) << text.err;
  const auto as_json = verify(missing, true);
  EXPECT_EQ(as_json.exit_code, 3);
  EXPECT_EQ(json_of(as_json).value("/error/code"_json_pointer, std::string()), "not_found");
  EXPECT_FALSE(fs::exists(missing));
  EXPECT_FALSE(fs::exists(dir_ / "nothing-here.db-wal"));
}

TEST_F(AuditCli, VerifyNeedsItsSubcommand) {
  EXPECT_NE(run_caremarket({"audit", "--db", original_.string()}).exit_code, 0);
  EXPECT_NE(run_caremarket({"audit"}).exit_code, 0);
}

}  // namespace
}  // namespace caremarket::e2e
