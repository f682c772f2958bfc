#pragma once
// Users, login and sessions. Tokens are opaque random strings; only their
// SHA-256 is stored, so a copy of the database does not hand out logins.
#include <cstdint>
#include <string>
#include <vector>

#include "app/access.hpp"
#include "app/clock.hpp"
#include "app/login_throttle.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct AccountsConfig {
  std::int64_t session_seconds = 8 * 3600;  // a working day
  LoginThrottleConfig throttle;             // failed sign-ins: see login_throttle.hpp
  Status validate() const;
};

struct NewUser {
  std::int64_t organisation_id = 0;
  std::string email;
  std::string name;
  std::string password;
  std::vector<std::string> roles;
};

struct LoginResult {
  std::string token;
  Timestamp expires_at = 0;
  storage::User user;
  market::Organisation organisation;
};

class Accounts {
 public:
  Accounts(storage::Store& store, AccountsConfig config, Clock clock = {})
      : store_(store), config_(config), throttle_(config.throttle), clock_(std::move(clock)) {}

  // `client_address`: where the attempt came from (the TCP peer), for the
  // throttle; too_many_requests while the account or the address is locked.
  Result<LoginResult> login(const std::string& email, const std::string& password, const std::string& client_address);
  // The caller behind a bearer token, or unauthenticated.
  Result<Caller> authenticate(const std::string& token);
  Status logout(const std::string& token);
  // The caller's own user record and organisation.
  struct Me {
    storage::User user;
    market::Organisation organisation;
  };
  Result<Me> me(const Caller& caller);
  Result<storage::User> add_user(const Caller& caller, const NewUser& user);

 private:
  storage::Store& store_;
  AccountsConfig config_;
  LoginThrottle throttle_;
  Clock clock_;
};

Status validate_email(const std::string& email);

}  // namespace caremarket::app
