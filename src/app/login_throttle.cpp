#include "app/login_throttle.hpp"

#include <algorithm>

namespace caremarket::app {

Status LoginThrottleConfig::validate() const {
  if (account_failures_allowed < 1 || address_failures_allowed < 1) {
    return Error::invalid("at least one failed sign-in must be allowed before a lock");
  }
  if (first_lock_seconds < 1 || longest_lock_seconds < first_lock_seconds) {
    return Error::invalid("a sign-in lock lasts at least a second, and the longest no shorter than the first");
  }
  if (forget_after_seconds < 1) return Error::invalid("failed sign-ins must be remembered for at least a second");
  return {};
}

LoginThrottle::Count& LoginThrottle::fresh(std::unordered_map<std::string, Count>& counts, const std::string& key,
                                           std::int64_t now) {
  Count& c = counts[key];
  if (c.failures > 0 && now >= c.locked_until && now - c.last > config_.forget_after_seconds) c = Count{};
  return c;
}

std::optional<LockStarted> LoginThrottle::count_failure(Count& c, int allowed, const std::string& key,
                                                        std::int64_t now) {
  ++c.failures;
  c.last = now;
  if (c.failures < allowed) return std::nullopt;
  // The allowed-th failure locks for the first lock; each one after doubles it.
  const int doublings = std::min(c.failures - allowed, 20);
  const std::int64_t seconds = std::min(config_.longest_lock_seconds, config_.first_lock_seconds << doublings);
  c.locked_until = now + seconds;
  return LockStarted{key, c.failures, seconds};
}

void LoginThrottle::forget_old(std::int64_t now) {
  // Bounded memory: an attacker cycling through emails or addresses leaves
  // only counts that are still live.
  if (accounts_.size() + addresses_.size() < 10'000) return;
  for (auto* counts : {&accounts_, &addresses_}) {
    std::erase_if(*counts, [&](const auto& item) {
      return now >= item.second.locked_until && now - item.second.last > config_.forget_after_seconds;
    });
  }
}

Result<LoginThrottle::Admitted> LoginThrottle::admit(const std::string& account, const std::string& address,
                                                     std::int64_t now) {
  std::lock_guard lock(mutex_);
  forget_old(now);
  const std::string account_key = "email:" + account;
  const std::string address_key = "address:" + address;
  Count& by_account = fresh(accounts_, account_key, now);
  Count& by_address = fresh(addresses_, address_key, now);
  const std::int64_t wait = std::max(by_account.locked_until, by_address.locked_until) - now;
  if (wait > 0) {
    const bool address_locked = by_address.locked_until > now;
    return Error::too_many_requests(std::string(address_locked ? "too many failed sign-ins from your address"
                                                               : "too many failed sign-ins for this account") +
                                        "; try again in " + std::to_string(wait) + (wait == 1 ? " second" : " seconds"),
                                    static_cast<int>(wait));
  }
  Admitted admitted;
  admitted.account_lock = count_failure(by_account, config_.account_failures_allowed, account_key, now);
  admitted.address_lock = count_failure(by_address, config_.address_failures_allowed, address_key, now);
  return admitted;
}

void LoginThrottle::succeeded(const std::string& account, const std::string& address) {
  std::lock_guard lock(mutex_);
  accounts_.erase("email:" + account);
  if (const auto it = addresses_.find("address:" + address); it != addresses_.end()) {
    Count& c = it->second;
    c.failures = std::max(0, c.failures - 1);
    if (c.failures < config_.address_failures_allowed) c.locked_until = 0;
  }
}

}  // namespace caremarket::app
