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

const std::string kKey = "0123456789abcdef0123456789abcdef-test-key";

std::vector<AuditEvent> signed_chain_of(int n, int signed_from = 1) {
  auto events = chain_of(n);
  for (auto& e : events) {
    if (e.id >= signed_from) e.mac = audit_entry_mac(kKey, e.hash);
  }
  return events;
}

// Recomputing from `from` with the documented format, as anyone with the
// database can; the signatures stay as they were.
void recompute_hashes(std::vector<AuditEvent>& events, std::size_t from) {
  for (std::size_t i = from; i < events.size(); ++i) {
    events[i].prev_hash = i == 0 ? std::string(kAuditGenesis) : events[i - 1].hash;
    events[i].hash = audit_entry_hash(events[i]);
  }
}

TEST(AuditChainKey, TheMacIsHmacSha256OfTheHash) {
  // `printf %s abc | openssl dgst -sha256 -hmac key`
  EXPECT_EQ(audit_entry_mac("key", "abc"), "9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab");
  AuditEvent e{7, 1, 1, 1, "x", "y", "{}", kAuditGenesis, "hash", "mac"};
  EXPECT_EQ(audit_head(e), "7:mac");
}

TEST(AuditChainKey, ASignedChainVerifiesWithItsKeyOnly) {
  const auto events = signed_chain_of(5);
  const auto v = verify_audit_chain(events, kKey);
  EXPECT_TRUE(v.intact) << v.reason;
  EXPECT_TRUE(v.signatures_checked);
  EXPECT_EQ(v.signed_from, 1);
  const auto other = verify_audit_chain(events, std::string(40, 'k'));
  EXPECT_FALSE(other.intact);
  EXPECT_EQ(other.problem, AuditProblem::forged);
  EXPECT_EQ(other.first_bad_id, 1);
}

TEST(AuditChainKey, RecomputedHashesWithoutTheKeyAreCaught) {
  auto events = signed_chain_of(6);
  events[2].detail = R"({"price":1})";
  recompute_hashes(events, 2);
  EXPECT_TRUE(verify_audit_chain(events).intact) << "the hashes alone hold: only the key tells";
  const auto v = verify_audit_chain(events, kKey);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.problem, AuditProblem::forged);
  EXPECT_EQ(v.first_bad_id, 3);
  EXPECT_EQ(v.checked, 2u);
}

TEST(AuditChainKey, EntriesBeforeTheKeyAreAnchoredByTheFirstSignedOne) {
  auto events = signed_chain_of(6, 4);
  const auto v = verify_audit_chain(events, kKey);
  EXPECT_TRUE(v.intact) << v.reason;
  EXPECT_EQ(v.signed_from, 4);
  events[1].subject = "service:999";  // an unsigned entry, every hash recomputed
  recompute_hashes(events, 1);
  const auto caught = verify_audit_chain(events, kKey);
  EXPECT_FALSE(caught.intact);
  EXPECT_EQ(caught.problem, AuditProblem::forged);
  EXPECT_EQ(caught.first_bad_id, 4);
}

TEST(AuditChainKey, AnUnsignedEntryAfterASignedOneIsReported) {
  auto events = signed_chain_of(5);
  events[3].mac.clear();
  const auto v = verify_audit_chain(events, kKey);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.problem, AuditProblem::unsigned_entry);
  EXPECT_EQ(v.first_bad_id, 4);
  EXPECT_EQ(to_string(AuditProblem::unsigned_entry), "unsigned");
}

TEST(AuditChainKey, TheRecordedHeadShowsRemovedNewestEntries) {
  auto events = signed_chain_of(6);
  const std::string head = audit_head(events.back());
  EXPECT_TRUE(verify_audit_chain(events, kKey, head).intact);
  events.resize(4);
  EXPECT_TRUE(verify_audit_chain(events, kKey).intact) << "the log alone cannot show it";
  const auto v = verify_audit_chain(events, kKey, head);
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.problem, AuditProblem::head_missing);
  EXPECT_NE(v.reason.find("ends at entry 4"), std::string::npos) << v.reason;
  // Without the key, the stored signature at the head is still compared.
  auto stripped = signed_chain_of(6);
  for (auto& e : stripped) e.mac.clear();
  EXPECT_FALSE(verify_audit_chain(stripped, {}, head).intact);
}

TEST(AuditChainSqlite, TheStoreSignsWithItsKeyAndRefusesWritersWithoutIt) {
  auto store = sqlite::SqliteStore::open(":memory:").value();
  ASSERT_TRUE(store->append_audit({0, 1795000000, 1, 1, "x", "service:1", "{}", {}, {}}));  // before the key
  store->set_audit_key(kKey);
  for (int i = 1; i < 4; ++i)
    ASSERT_TRUE(store->append_audit({0, 1795000000 + i, 1, 1, "x", "service:1", "{}", {}, {}}));
  const auto log = store->audit_log().value();
  ASSERT_EQ(log.size(), 4u);
  EXPECT_TRUE(log[0].mac.empty());
  EXPECT_EQ(log[1].mac, audit_entry_mac(kKey, log[1].hash));
  const auto v = verify_audit_chain(log, kKey);
  EXPECT_TRUE(v.intact) << v.reason;
  EXPECT_EQ(v.signed_from, 2);

  store->set_audit_key("");
  EXPECT_FALSE(store->check_audit_key());
  const auto refused = store->append_audit({0, 1795000009, 1, 1, "x", "service:1", "{}", {}, {}});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("--audit-key-file"), std::string::npos);
  store->set_audit_key(std::string(40, 'z'));
  EXPECT_FALSE(store->append_audit({0, 1795000009, 1, 1, "x", "service:1", "{}", {}, {}}));
  EXPECT_EQ(store->audit_log()->size(), 4u) << "nothing was written";
}

}  // namespace
}  // namespace caremarket::storage
