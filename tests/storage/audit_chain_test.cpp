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
  EXPECT_EQ(v.problem, AuditProblem::none);
  EXPECT_TRUE(verify_audit_chain({}).intact);
  EXPECT_EQ(chain_of(1).front().prev_hash, kAuditGenesis);
}

TEST(AuditChain, TheHashIsHexSha256OfTheLengthPrefixedFields) {
  AuditEvent e{1, 2, 3, 4, "a", "b", "c", "d", {}};
  // `printf 1:11:21:31:41:a1:b1:c1:d | sha256sum`
  EXPECT_EQ(audit_entry_hash(e), "1b83eea059c7997e5940b2f18a7adc4017c1f94b1b7946ea3881299e6d6ed002");
}

TEST(AuditChain, AnAlteredEntryIsNamed) {
  auto events = chain_of(5);
  events[2].detail = R"({"price":1})";
  const auto v = verify_audit_chain(events);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 3);
  EXPECT_EQ(v.problem, AuditProblem::altered);
  EXPECT_EQ(v.checked, 2u);
  EXPECT_NE(v.reason.find("altered"), std::string::npos);
}

TEST(AuditChain, EveryCoveredFieldCounts) {
  using Change = void (*)(AuditEvent&);
  const Change changes[] = {
      [](AuditEvent& e) { e.at += 1; },
      [](AuditEvent& e) { e.actor_user_id += 1; },
      [](AuditEvent& e) { e.actor_organisation_id += 1; },
      [](AuditEvent& e) { e.action += "x"; },
      [](AuditEvent& e) { e.subject += "x"; },
      [](AuditEvent& e) { e.detail += " "; },
  };
  for (const auto change : changes) {
    auto events = chain_of(4);
    change(events[3]);
    const auto v = verify_audit_chain(events);
    EXPECT_FALSE(v.intact);
    EXPECT_EQ(v.first_bad_id, 4);
    EXPECT_EQ(v.problem, AuditProblem::altered);
  }
}

TEST(AuditChain, ABlankedPrevHashIsNotTakenForTheFirstEntry) {
  auto events = chain_of(3);
  events[0].prev_hash = "";
  const auto v = verify_audit_chain(events);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 1);
}

TEST(AuditChain, AnAlteredEntryWithARecomputedHashBreaksTheNextLink) {
  auto events = chain_of(5);
  events[1].actor_user_id = 99;
  events[1].hash = audit_entry_hash(events[1]);  // a forger who knows the scheme
  const auto v = verify_audit_chain(events);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 3);
  EXPECT_EQ(v.problem, AuditProblem::removed_or_reordered);
}

TEST(AuditChain, ARemovedEntryIsFound) {
  auto events = chain_of(5);
  events.erase(events.begin() + 2);
  const auto v = verify_audit_chain(events);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 4);
  EXPECT_EQ(v.problem, AuditProblem::removed);
  EXPECT_NE(v.reason.find("entry 3 was removed"), std::string::npos) << v.reason;
  EXPECT_EQ(v.checked, 2u);
  auto head_gone = chain_of(3);
  head_gone.erase(head_gone.begin());
  EXPECT_EQ(verify_audit_chain(head_gone).first_bad_id, 2);
  EXPECT_EQ(verify_audit_chain(head_gone).problem, AuditProblem::removed);
  auto several = chain_of(6);
  several.erase(several.begin() + 1, several.begin() + 4);
  EXPECT_NE(verify_audit_chain(several).reason.find("entries 2 to 4 were removed"), std::string::npos);
}

TEST(AuditChain, ARemovalHiddenByRenumberingIsStillFound) {
  auto events = chain_of(5);
  events.erase(events.begin() + 2);
  for (std::size_t i = 2; i < events.size(); ++i) events[i].id = static_cast<std::int64_t>(i) + 1;
  const auto v = verify_audit_chain(events);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 3);
}

TEST(AuditChain, RemovingTheNewestEntriesNeedsTheRecordedHead) {
  // The documented limit: the log alone cannot show a cut tail.
  auto events = chain_of(5);
  const auto head = events.back().hash;
  events.pop_back();
  EXPECT_TRUE(verify_audit_chain(events).intact);
  EXPECT_NE(events.back().hash, head);
}

TEST(AuditChain, ReorderedEntriesAreFound) {
  auto events = chain_of(5);
  std::swap(events[1], events[2]);
  const auto v = verify_audit_chain(events);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 3);  // the first entry out of place
  EXPECT_EQ(v.problem, AuditProblem::reordered);
}

TEST(AuditChain, ContentsMovedToOtherIdsAreReordered) {
  // What a swap of two rows (every column but the id) looks like.
  auto events = chain_of(5);
  std::swap(events[1], events[3]);
  std::swap(events[1].id, events[3].id);
  const auto v = verify_audit_chain(events);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 2);
  EXPECT_EQ(v.problem, AuditProblem::reordered);
  EXPECT_NE(v.reason.find("reordered"), std::string::npos);
}

TEST(AuditChain, ContentsMovedWithoutTheirHashesAreAltered) {
  auto events = chain_of(4);
  std::swap(events[1].detail, events[2].detail);
  std::swap(events[1].subject, events[2].subject);
  const auto v = verify_audit_chain(events);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_id, 2);
  EXPECT_EQ(v.problem, AuditProblem::altered);
}

TEST(AuditChain, ProblemsHaveNames) {
  EXPECT_EQ(to_string(AuditProblem::altered), "altered");
  EXPECT_EQ(to_string(AuditProblem::removed), "removed");
  EXPECT_EQ(to_string(AuditProblem::reordered), "reordered");
  EXPECT_EQ(to_string(AuditProblem::removed_or_reordered), "removed_or_reordered");
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
