#pragma once
// The audit key: the secret that signs the audit trail (audit_chain.hpp),
// kept in a file outside the database, so a copy of the database, or
// someone who can only edit it, cannot re-sign a rewritten trail.
//
// Which key a command uses: --audit-key-file, else the file named by
// $CAREMARKET_AUDIT_KEY_FILE, else "<database>.audit-key" beside the
// database if there is one (what `caremarket demo` creates when no key is
// named, so `make run` needs no setup). A council names a key file kept
// away from the database and its backups, readable only by the service.
#include <string>

#include "core/result.hpp"

namespace caremarket::storage {

// The key file's text (64 hex characters from create_audit_key_file, or any
// secret of at least 32 bytes), without trailing whitespace. Refused when
// other users may read it.
Result<std::string> read_audit_key_file(const std::string& path);
// A new random 256-bit key, written as hex to a new file readable only by its owner.
Status create_audit_key_file(const std::string& path);
std::string audit_key_beside(const std::string& db_path);

}  // namespace caremarket::storage
