#pragma once
// The audit trail's hash chain: pure functions, shared by every backend and
// by `caremarket audit verify`.
#include <cstdint>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace caremarket::storage {

// The first entry's prev_hash.
inline constexpr const char* kAuditGenesis = "caremarket-audit-v1";

// Hex SHA-256 over the entry's fields and prev_hash, each length-prefixed so
// that no two different entries serialise alike.
std::string audit_entry_hash(const AuditEvent& event);

struct AuditVerification {
  bool intact = true;
  std::size_t checked = 0;
  std::int64_t first_bad_id = 0;   // the first entry that does not hold
  std::string reason;              // altered, removed, reordered
};

// Checks entries given oldest first: ids consecutive from the first, each
// prev_hash the hash of the entry before, each hash matching its content.
AuditVerification verify_audit_chain(const std::vector<AuditEvent>& events);

}  // namespace caremarket::storage
