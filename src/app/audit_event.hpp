#pragma once
// One audit entry, made by `caller` at `at`: the store numbers, chains and
// signs it. Every service writes its entries through this, so the entry's
// shape is written once.
#include <string>
#include <utility>

#include "app/access.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

inline storage::AuditEvent audit_event(Timestamp at, const Caller& caller, std::string action, std::string subject,
                                       std::string detail_json) {
  return {0,  at, caller.user_id, caller.organisation_id, std::move(action), std::move(subject), std::move(detail_json),
          {}, {}};
}

}  // namespace caremarket::app
