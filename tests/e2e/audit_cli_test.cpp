// `caremarket audit verify` on a register built from the command line, and
// on copies of it edited behind the program's back.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "e2e/server_fixture.hpp"
#include "storage/audit_chain.hpp"

namespace caremarket::e2e {
namespace {

const std::string kTrafford = std::string(CAREMARKET_DATA_DIR) + "/cqc_care_homes_trafford_2026-02-25.csv";
constexpr int kTampered = 8;

std::string describe_run(const CommandResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\nstdout: " + r.out.substr(0, 800) +
         "\nstderr: " + r.err.substr(0, 800);
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

std::string_view trim_newline(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
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
  EXPECT_NE(text.out.find(body.at("head").get<std::string>()), std::string::npos)
      << "the head is printed for recording";

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
  tamper(
      db,
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

// What someone with the database but not the key can do: change an entry's
// detail and recompute its hash and every later one with the documented
// format (audit_chain.hpp). The signatures stay as they were.
void rewrite_with_hashes(const fs::path& db, std::int64_t id, const std::string& detail) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  sqlite3_stmt* read = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(
                handle,
                "SELECT id, at, actor_user_id, actor_organisation_id, action, subject, detail, prev_hash, hash "
                "FROM audit_events ORDER BY id",
                -1, &read, nullptr),
            SQLITE_OK);
  std::vector<storage::AuditEvent> events;
  auto text = [&](int column) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(read, column))); };
  while (sqlite3_step(read) == SQLITE_ROW) {
    events.push_back({sqlite3_column_int64(read, 0), sqlite3_column_int64(read, 1), sqlite3_column_int64(read, 2),
                      sqlite3_column_int64(read, 3), text(4), text(5), text(6), text(7), text(8)});
  }
  sqlite3_finalize(read);
  std::string previous = storage::kAuditGenesis;
  for (auto& e : events) {
    if (e.id == id) e.detail = detail;
    if (e.id >= id) {
      e.prev_hash = previous;
      e.hash = storage::audit_entry_hash(e);
      sqlite3_stmt* write = nullptr;
      sqlite3_prepare_v2(handle, "UPDATE audit_events SET detail = ?, prev_hash = ?, hash = ? WHERE id = ?", -1, &write,
                         nullptr);
      sqlite3_bind_text(write, 1, e.detail.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(write, 2, e.prev_hash.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(write, 3, e.hash.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(write, 4, e.id);
      EXPECT_EQ(sqlite3_step(write), SQLITE_DONE);
      sqlite3_finalize(write);
    }
    previous = e.hash;
  }
  sqlite3_close(handle);
}

CommandResult add_user(const fs::path& db, const std::string& who) {
  return run_caremarket({"user", "add", "--db", db.string(), "--operator", "--email", who + "@operator.example",
                         "--name", who, "--password-stdin", "--json"},
                        "a-good-long-password\n");
}

CommandResult new_key(const fs::path& path) { return run_caremarket({"audit", "new-key", "--out", path.string()}); }

fs::path key_of(const fs::path& db) { return db.string() + ".audit-key"; }

// The trail is signed with a key file beside the database: every command
// on it finds the key there (as after `caremarket demo`).
class SignedAuditCli : public AuditCli {
 protected:
  void SetUp() override {
    const auto made = new_key(key_of(original_));
    ASSERT_EQ(made.exit_code, 0) << describe_run(made);
    EXPECT_EQ(fs::status(key_of(original_)).permissions() & (fs::perms::group_all | fs::perms::others_all),
              fs::perms::none)
        << "the key file is for its owner only";
    AuditCli::SetUp();
  }
};

TEST_F(SignedAuditCli, RecomputingEveryHashWithoutTheKeyIsCaught) {
  const auto clean = json_of(verify(original_, true));
  EXPECT_EQ(clean.at("intact"), true);
  EXPECT_EQ(clean.at("signatures_checked"), true);
  EXPECT_EQ(clean.at("signed_from"), 1);

  const auto db = copy("rewritten.db");
  rewrite_with_hashes(db, 2, R"({"email":"someone.else@operator.example"})");
  const auto r = verify(db, true);
  EXPECT_EQ(r.exit_code, kTampered) << describe_run(r);
  const auto body = json_of(r);
  EXPECT_EQ(body.at("intact"), false);
  EXPECT_EQ(body.at("problem"), "forged");
  EXPECT_EQ(body.at("first_bad_id"), 2);
  EXPECT_EQ(body.at("checked"), 1);
  const auto text = verify(db, false);
  EXPECT_EQ(text.exit_code, kTampered);
  EXPECT_NE(text.out.find("without the key"), std::string::npos) << text.out;

  // Without the key only the hashes can be checked, and they were all
  // recomputed: verify says so rather than vouching for the trail.
  fs::remove(key_of(db));
  const auto keyless = verify(db, false);
  EXPECT_EQ(keyless.exit_code, 0) << describe_run(keyless);
  EXPECT_NE(keyless.out.find("signatures NOT checked"), std::string::npos) << keyless.out;
}

TEST_F(SignedAuditCli, RemovingTheNewestEntriesIsCaughtAgainstTheRecordedHead) {
  const auto head = run_caremarket({"audit", "head", "--db", original_.string()});
  ASSERT_EQ(head.exit_code, 0) << describe_run(head);
  const std::string recorded = std::string(trim_newline(head.out));
  ASSERT_TRUE(recorded.starts_with("4:")) << recorded;
  EXPECT_EQ(recorded.size(), 2u + 64u);
  const auto as_json = json_of(run_caremarket({"audit", "head", "--db", original_.string(), "--json"}));
  EXPECT_EQ(as_json.at("head"), recorded);
  EXPECT_EQ(as_json.at("seq"), 4);

  const auto fine = run_caremarket({"audit", "verify", "--db", original_.string(), "--expect-head", recorded});
  EXPECT_EQ(fine.exit_code, 0) << describe_run(fine);

  const auto db = copy("truncated.db");
  tamper(db, "DELETE FROM audit_events WHERE id >= 3");
  EXPECT_EQ(verify(db, false).exit_code, 0) << "the log alone cannot show it";
  const auto r = run_caremarket({"audit", "verify", "--db", db.string(), "--expect-head", recorded, "--json"});
  EXPECT_EQ(r.exit_code, kTampered) << describe_run(r);
  const auto body = json_of(r);
  EXPECT_EQ(body.at("problem"), "head_missing");
  EXPECT_NE(body.at("reason").get<std::string>().find("newest entries were removed"), std::string::npos) << r.out;

  // Stripping every signature and recomputing the hashes leaves a trail
  // that looks written before any key: the recorded head shows it.
  const auto stripped = copy("stripped.db");
  tamper(stripped, "UPDATE audit_events SET mac = ''");
  rewrite_with_hashes(stripped, 2, R"({"email":"someone.else@operator.example"})");
  EXPECT_EQ(run_caremarket({"audit", "verify", "--db", stripped.string(), "--expect-head", recorded}).exit_code,
            kTampered);

  const auto bad = run_caremarket({"audit", "verify", "--db", db.string(), "--expect-head", "4:not-a-mac"});
  EXPECT_EQ(bad.exit_code, 2) << describe_run(bad);
}

TEST_F(SignedAuditCli, WritersWithoutTheTrailsKeyAreRefused) {
  const auto db = copy("keyless.db");
  fs::rename(key_of(db), dir_ / "elsewhere.key");
  const auto refused = add_user(db, "fourth");
  EXPECT_NE(refused.exit_code, 0) << describe_run(refused);
  EXPECT_NE((refused.err + refused.out).find("--audit-key-file"), std::string::npos) << describe_run(refused);
  // Nothing was written: the trail still ends at entry 4.
  EXPECT_EQ(json_of(verify(db, true)).at("entries"), 4);

  // Named explicitly, the key works from anywhere.
  const auto named = run_caremarket(
      {"audit", "verify", "--db", db.string(), "--json", "--audit-key-file", (dir_ / "elsewhere.key").string()});
  EXPECT_EQ(json_of(named).at("signatures_checked"), true);

  // Another key is refused too, and so is serving without the key.
  ASSERT_EQ(new_key(key_of(db)).exit_code, 0);
  const auto wrong = add_user(db, "fifth");
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE((wrong.err + wrong.out).find("not the one that signed"), std::string::npos) << describe_run(wrong);
  fs::remove(key_of(db));
  const auto serve = run_caremarket({"serve", "--db", db.string(), "--port", "0", "--quiet"});
  EXPECT_NE(serve.exit_code, 0);
  EXPECT_NE(serve.err.find("signed with a key"), std::string::npos) << describe_run(serve);
}

// A trail written before any key: a key configured later signs from the
// next entry on, and that first signature anchors everything before it.
TEST_F(AuditCli, AnUnsignedTrailIsAnchoredByTheFirstEntrySignedAfterAKeyIsConfigured) {
  const auto db = copy("later.db");
  ASSERT_EQ(new_key(key_of(db)).exit_code, 0);
  const auto unsigned_yet = verify(db, false);
  EXPECT_EQ(unsigned_yet.exit_code, 0);
  EXPECT_NE(unsigned_yet.out.find("no entry is signed with the key yet"), std::string::npos) << unsigned_yet.out;
  ASSERT_EQ(add_user(db, "fourth").exit_code, 0);
  const auto body = json_of(verify(db, true));
  EXPECT_EQ(body.at("intact"), true);
  EXPECT_EQ(body.at("signed_from"), 5);
  EXPECT_NE(verify(db, false).out.find("signed with the key from entry 5"), std::string::npos);

  rewrite_with_hashes(db, 2, R"({"email":"someone.else@operator.example"})");
  const auto caught = json_of(verify(db, true));
  EXPECT_EQ(caught.at("intact"), false);
  EXPECT_EQ(caught.at("problem"), "forged");
  EXPECT_EQ(caught.at("first_bad_id"), 5) << "the first signed entry no longer matches what it vouched for";
}

}  // namespace
}  // namespace caremarket::e2e
