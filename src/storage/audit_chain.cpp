#include "storage/audit_chain.hpp"

#include <openssl/evp.h>

#include <array>

namespace caremarket::storage {
namespace {
void field(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
}
}  // namespace

std::string audit_entry_hash(const AuditEvent& e) {
  std::string canonical;
  for (const auto n : {e.id, e.at, e.actor_user_id, e.actor_organisation_id}) field(canonical, std::to_string(n));
  field(canonical, e.action);
  field(canonical, e.subject);
  field(canonical, e.detail);
  field(canonical, e.prev_hash);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(canonical.data(), canonical.size(), digest.data(), &size, EVP_sha256(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0x0F];
  }
  return out;
}

AuditVerification verify_audit_chain(const std::vector<AuditEvent>& events) {
  AuditVerification v;
  std::string previous = kAuditGenesis;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    auto broken = [&](std::string reason) {
      v.intact = false;
      v.first_bad_id = e.id;
      v.reason = std::move(reason);
      return v;
    };
    if (i > 0 && e.id != events[i - 1].id + 1) {
      return broken("entries " + std::to_string(events[i - 1].id + 1) + " to " + std::to_string(e.id - 1) +
                    " were removed");
    }
    if (i == 0 && e.id != 1) return broken("the first " + std::to_string(e.id - 1) + " entries were removed");
    if (audit_entry_hash(e) != e.hash) return broken("entry " + std::to_string(e.id) + " was altered after it was written");
    if (e.prev_hash != previous) {
      return broken("entry " + std::to_string(e.id) + " does not follow the entry before it: entries were removed, "
                    "reordered or replaced");
    }
    previous = e.hash;
    ++v.checked;
  }
  return v;
}

}  // namespace caremarket::storage
