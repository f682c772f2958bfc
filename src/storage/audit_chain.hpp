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

enum class AuditProblem {
  none,
  altered,               // the entry's hash does not match its content
  removed,               // ids skip: entries are missing
  reordered,             // every entry is there, but not where it was written
  removed_or_reordered,  // the entry does not chain onto the one before it
};
std::string_view to_string(AuditProblem problem);

struct AuditVerification {
  bool intact = true;
  std::size_t checked = 0;         // entries that held, before the first that did not
  std::int64_t first_bad_id = 0;   // the first entry that does not hold
  AuditProblem problem = AuditProblem::none;
  std::string reason;              // for a person: what is wrong with first_bad_id
};

// Checks entries given in id order: ids consecutive from 1, each prev_hash
// the hash of the entry before, each hash matching its content.
AuditVerification verify_audit_chain(const std::vector<AuditEvent>& events);

}  // namespace caremarket::storage
