#include "storage/audit_chain.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>

namespace caremarket::storage {
namespace {
void field(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
}

constexpr std::array<std::pair<AuditProblem, std::string_view>, 8> kProblemNames{{
    {AuditProblem::none, "none"},
    {AuditProblem::altered, "altered"},
    {AuditProblem::removed, "removed"},
    {AuditProblem::reordered, "reordered"},
    {AuditProblem::removed_or_reordered, "removed_or_reordered"},
    {AuditProblem::forged, "forged"},
    {AuditProblem::unsigned_entry, "unsigned"},
    {AuditProblem::head_missing, "head_missing"},
}};

std::string hex(const unsigned char* bytes, unsigned int size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0x0F];
  }
  return out;
}

// Compares without stopping at the first difference.
bool same(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff = static_cast<unsigned char>(diff | (a[i] ^ b[i]));
  return diff == 0;
}

// True when the entries, followed by their prev_hash links from the genesis,
// form a whole valid chain with ids from `first_id`: nothing was changed or
// lost, the entries were only moved to other ids. Only run once a hash fails.
bool is_moved_valid_chain(const std::vector<AuditEvent>& events, std::int64_t first_id) {
  std::unordered_map<std::string, std::size_t> by_prev;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (!by_prev.emplace(events[i].prev_hash, i).second) return false;
  }
  std::string previous = kAuditGenesis;
  for (std::size_t position = 0; position < events.size(); ++position) {
    const auto next = by_prev.find(previous);
    if (next == by_prev.end()) return false;
    AuditEvent written = events[next->second];
    written.id = first_id + static_cast<std::int64_t>(position);
    if (audit_entry_hash(written) != written.hash) return false;
    previous = written.hash;
  }
  return true;
}
}  // namespace

std::string_view to_string(AuditProblem problem) {
  for (const auto& [p, name] : kProblemNames)
    if (p == problem) return name;
  return "unknown";
}

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
  return hex(digest.data(), size);
}

std::string audit_entry_mac(const std::string& key, const std::string& hash) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(hash.data()),
       hash.size(), digest.data(), &size);
  return hex(digest.data(), size);
}

std::string audit_head(const AuditEvent& newest) { return std::to_string(newest.id) + ":" + newest.mac; }

AuditVerification verify_audit_chain(const std::vector<AuditEvent>& events, const std::string& key,
                                     const std::string& expected_head) {
  AuditVerification v;
  v.signatures_checked = !key.empty();
  std::string previous = kAuditGenesis;
  std::int64_t expected_id = 1;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    auto broken = [&](AuditProblem problem, std::string reason) {
      v.intact = false;
      v.first_bad_id = e.id;
      v.problem = problem;
      v.reason = std::move(reason);
      return v;
    };
    const auto id = std::to_string(e.id);
    if (e.id != expected_id) {
      // The ids skipped are either further on (moved) or gone.
      const bool later = std::any_of(events.begin() + static_cast<std::ptrdiff_t>(i) + 1, events.end(),
                                     [&](const AuditEvent& other) { return other.id == expected_id; });
      if (e.id < expected_id || later) {
        return broken(AuditProblem::reordered, "entry " + id + " is out of place: entries were reordered");
      }
      const auto from = std::to_string(expected_id);
      const auto to = std::to_string(e.id - 1);
      return broken(AuditProblem::removed,
                    from == to ? "entry " + from + " was removed" : "entries " + from + " to " + to + " were removed");
    }
    if (audit_entry_hash(e) != e.hash) {
      if (is_moved_valid_chain(events, events.front().id)) {
        return broken(AuditProblem::reordered,
                      "entry " + id + " holds an entry written under another id: entries were reordered");
      }
      return broken(AuditProblem::altered, "entry " + id + " was altered after it was written");
    }
    if (e.prev_hash != previous) {
      return broken(AuditProblem::removed_or_reordered,
                    "entry " + id +
                        " does not follow the entry before it: entries were removed, reordered, "
                        "or the one before was rewritten");
    }
    if (e.mac.empty()) {
      if (v.signed_from != 0 && v.signatures_checked) {
        return broken(
            AuditProblem::unsigned_entry,
            "entry " + id + " is not signed, although entry " + std::to_string(v.signed_from) +
                " before it is: entries were rewritten without the key, or written by caremarket run without it");
      }
    } else {
      if (v.signed_from == 0) v.signed_from = e.id;
      if (v.signatures_checked && !same(e.mac, audit_entry_mac(key, e.hash))) {
        return broken(AuditProblem::forged,
                      "entry " + id +
                          "'s signature is not the audit key's: it, or an entry before it, was altered "
                          "and the hashes recomputed without the key (or the key given is not the trail's)");
      }
    }
    previous = e.hash;
    ++expected_id;
    ++v.checked;
  }
  if (!expected_head.empty()) {
    const auto colon = expected_head.find(':');
    const std::string seq = expected_head.substr(0, colon);
    const std::string mac = colon == std::string::npos ? std::string() : expected_head.substr(colon + 1);
    const auto held =
        std::find_if(events.begin(), events.end(), [&](const AuditEvent& e) { return std::to_string(e.id) == seq; });
    if (held == events.end()) {
      v.intact = false;
      v.first_bad_id = events.empty() ? 0 : events.back().id;
      v.problem = AuditProblem::head_missing;
      v.reason = "entry " + seq + ", the head recorded earlier, is not there: the trail ends at entry " +
                 (events.empty() ? std::string("0") : std::to_string(events.back().id)) +
                 ", so the newest entries were removed";
      return v;
    }
    if (!same(held->mac, mac)) {
      v.intact = false;
      v.first_bad_id = held->id;
      v.problem = held->mac.empty() ? AuditProblem::unsigned_entry : AuditProblem::forged;
      v.reason = "entry " + seq +
                 " does not carry the signature recorded for it: the trail was rewritten "
                 "(or the head was recorded from another database)";
    }
  }
  return v;
}

}  // namespace caremarket::storage
