#pragma once
// The audit trail's hash chain: pure functions, shared by every backend and
// by `caremarket audit verify`.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/store.hpp"

namespace caremarket::storage {

// The first entry's prev_hash: a fixed string rather than "", so an entry
// whose prev_hash was blanked does not pass for the first one.
inline constexpr const char* kAuditGenesis = "caremarket-audit-v1";

// Hex SHA-256 over (id, at, actor_user_id, actor_organisation_id, action,
// subject, detail, prev_hash), each length-prefixed ("<length>:<bytes>") so
// that no two different entries serialise alike. `hash` itself is not covered.
std::string audit_entry_hash(const AuditEvent& event);

// The anchor. Anyone with the database can recompute every hash after an
// edit, so each entry is also signed: mac = hex HMAC-SHA256(key, hash), with
// a key kept outside the database (a key file named by --audit-key-file or
// CAREMARKET_AUDIT_KEY_FILE; audit_key.hpp). The hash covers prev_hash, so
// the newest signature vouches for every entry before it, signed or not:
// entries written before a key was configured are checked by their hashes,
// and are anchored by the first signed entry after them.
std::string audit_entry_mac(const std::string& key, const std::string& hash);
// `verify_audit_chain`'s "SEQ:MAC" head, to record elsewhere.
std::string audit_head(const AuditEvent& newest);

enum class AuditProblem {
  none,
  altered,               // the entry's hash does not match its content
  removed,               // ids skip: entries are missing
  reordered,             // every entry is there, but not where it was written
  removed_or_reordered,  // the entry does not chain onto the one before it
  forged,                // its signature is not the key's: rewritten without the key
  unsigned_entry,        // not signed, although an entry before it is
  head_missing,          // the head recorded elsewhere is no longer there: newest entries removed
};
std::string_view to_string(AuditProblem problem);

struct AuditVerification {
  bool intact = true;
  std::size_t checked = 0;        // entries that held, before the first that did not
  std::int64_t first_bad_id = 0;  // the first entry that does not hold
  AuditProblem problem = AuditProblem::none;
  std::string reason;               // for a person: what is wrong with first_bad_id
  bool signatures_checked = false;  // a key was given
  std::int64_t signed_from = 0;     // the first signed entry (0: none is signed)
};

// Checks entries given in id order: ids consecutive from 1, each prev_hash
// the hash of the entry before, each hash matching its content. With a key,
// also each signature, and that no entry after a signed one is unsigned.
// `expected_head` ("SEQ:MAC", recorded earlier from `caremarket audit
// head`): entry SEQ must still be there with that signature.
AuditVerification verify_audit_chain(const std::vector<AuditEvent>& events, const std::string& key = {},
                                     const std::string& expected_head = {});

}  // namespace caremarket::storage
