#pragma once
// Sign-in throttling, per account and per client address, shared by
// POST /api/login and the web sign-in form (both go through
// Accounts::login).
//
// The policy, in numbers (LoginThrottleConfig):
// - An account (the email as typed, known or not, so the answer does not
//   tell which emails exist) may fail 5 times; the 5th failure locks it for
//   30 s, and each further failure after a lock doubles it, up to 15 minutes.
// - A client address may fail 20 times (several people may share an office
//   address); then the same growing lock applies to every sign-in from it.
// - While locked, no password is checked, not even the right one: the
//   answer is 429 with Retry-After. When the lock ends, the right password
//   works again, and a success clears the account's count.
// - Failures are forgotten after 15 minutes without one.
// - Attempts are counted when they start, so 50 sent at once are counted as
//   50: only the first few are checked, the rest are refused at once.
// - Each lock is written to the audit trail (login.locked), with its
//   length; every failed password already is (login.failed).
// The counts are kept in memory: a restart forgets them. The address is the
// TCP peer: behind a reverse proxy, every sign-in shares the proxy's
// address, so raise address_failures_allowed there.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/result.hpp"

namespace caremarket::app {

struct LoginThrottleConfig {
  int account_failures_allowed = 5;
  int address_failures_allowed = 20;
  std::int64_t first_lock_seconds = 30;
  std::int64_t longest_lock_seconds = 15 * 60;
  std::int64_t forget_after_seconds = 15 * 60;
  Status validate() const;
};

// A lock that began with this attempt: what to write to the audit trail.
struct LockStarted {
  std::string key;  // "email:..." or "address:..."
  int failures = 0;
  std::int64_t seconds = 0;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(LoginThrottleConfig config = {}) : config_(config) {}

  struct Admitted {
    std::optional<LockStarted> account_lock;  // set when this attempt, if it fails, has started a lock
    std::optional<LockStarted> address_lock;
  };
  // Before a password is checked: too_many_requests (with retry_after_seconds)
  // while the account or the address is locked; otherwise the attempt is
  // counted as a failure until succeeded() says otherwise.
  Result<Admitted> admit(const std::string& account, const std::string& address, std::int64_t now);
  // The password was right: the account's count is cleared, and this
  // attempt no longer counts against the address.
  void succeeded(const std::string& account, const std::string& address);

 private:
  struct Count {
    int failures = 0;
    std::int64_t last = 0;
    std::int64_t locked_until = 0;
  };
  Count& fresh(std::unordered_map<std::string, Count>& counts, const std::string& key, std::int64_t now);
  std::optional<LockStarted> count_failure(Count& count, int allowed, const std::string& key, std::int64_t now);
  void forget_old(std::int64_t now);

  LoginThrottleConfig config_;
  std::mutex mutex_;
  std::unordered_map<std::string, Count> accounts_;
  std::unordered_map<std::string, Count> addresses_;
};

}  // namespace caremarket::app
