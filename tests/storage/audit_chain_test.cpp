#include <gtest/gtest.h>

#include "storage/audit_chain.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace caremarket::storage {
namespace {

std::vector<AuditEvent> chain_of(int n) {
  std::vector<AuditEvent> events;
  std::string previous = kAuditGenesis;
  for (int i = 1; i <= n; ++i) {
    AuditEvent e{i, 1795000000 + i, 7, 3, "service.update", "service:" + std::to_string(i), "{}", previous, {}};
    e.hash = audit_entry_hash(e);
    previous = e.hash;
    events.push_back(e);
  }
  return events;
}

TEST(AuditChain, AnIntactChainVerifies) {
  const auto v = verify_audit_chain(chain_of(5));
  EXPECT_TRUE(v.intact);
  EXPECT_EQ(v.checked, 5u);
  EXPECT_TRUE(verify_audit_chain({}).intact);
}

TEST(AuditChain, AnAlteredEntryIsNamed) {
  auto events = chain_of(5);
  events[2].detail = R"({"price":1})";
  const auto v = verify_audit_chain(events);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 3);
  EXPECT_NE(v.reason.find("altered"), std::string::npos);
}

TEST(AuditChain, AnAlteredEntryWithARecomputedHashBreaksTheNextLink) {
  auto events = chain_of(5);
  events[1].actor_user_id = 99;
  events[1].hash = audit_entry_hash(events[1]);  // a forger who knows the scheme
  const auto v = verify_audit_chain(events);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 3);
}

TEST(AuditChain, ARemovedEntryIsFound) {
  auto events = chain_of(5);
  events.erase(events.begin() + 2);
  const auto v = verify_audit_chain(events);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 4);
  EXPECT_NE(v.reason.find("removed"), std::string::npos);
  auto head_gone = chain_of(3);
  head_gone.erase(head_gone.begin());
  EXPECT_EQ(verify_audit_chain(head_gone).first_bad_id, 2);
}

TEST(AuditChain, ReorderedEntriesAreFound) {
  auto events = chain_of(5);
  std::swap(events[1], events[2]);
  const auto v = verify_audit_chain(events);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 3);  // the first entry out of place
}

TEST(AuditChain, FieldsCannotBeShiftedBetweenEachOther) {
  AuditEvent a{1, 1, 1, 1, "ab", "c", "{}", kAuditGenesis, {}};
  AuditEvent b{1, 1, 1, 1, "a", "bc", "{}", kAuditGenesis, {}};
  EXPECT_NE(audit_entry_hash(a), audit_entry_hash(b));
}

TEST(AuditChainSqlite, TheStoreWritesAChainThatVerifies) {
  auto store = sqlite::SqliteStore::open(":memory:").value();
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(store->append_audit({0, 1795000000 + i, 1, 1, "x", "service:1", "{}", {}, {}}));
  }
  const auto log = store->audit_log().value();
  ASSERT_EQ(log.size(), 10u);
  EXPECT_EQ(log.front().prev_hash, kAuditGenesis);
  EXPECT_EQ(log[1].prev_hash, log[0].hash);
  EXPECT_TRUE(verify_audit_chain(log).intact);
}

}  // namespace
}  // namespace caremarket::storage
