#include "app/accounts.hpp"

#include <nlohmann/json.hpp>

#include "app/json_detail.hpp"
#include "app/passwords.hpp"
#include "core/text.hpp"

namespace caremarket::app {
namespace {
// Verifying against a fixed hash when the email is unknown keeps the time a
// failed login takes the same either way, so emails cannot be probed.
const std::string& decoy_hash() {
  static const std::string hash = hash_password("decoy-password-never-used").value();
  return hash;
}

Error bad_login() { return Error::unauthenticated("the email or password is not right"); }
}  // namespace

Status AccountsConfig::validate() const {
  if (session_seconds < 60 || session_seconds > 7 * 24 * 3600) {
    return Error::invalid("a session must last between 1 minute and 7 days", "session_seconds");
  }
  return throttle.validate();
}

Status validate_email(const std::string& email) {
  const auto at = email.find('@');
  if (email.size() > 254 || at == std::string::npos || at == 0 || email.find('.', at) == std::string::npos ||
      email.find(' ') != std::string::npos || email.back() == '.') {
    return Error::invalid("'" + email + "' is not an email address", "email");
  }
  return {};
}

Result<LoginResult> Accounts::login(const std::string& email, const std::string& password,
                                    const std::string& client_address) {
  const std::string account = to_lower(trim(email));
  CM_ASSIGN_OR_RETURN(const auto admitted, throttle_.admit(account, client_address, clock_.now()));
  // A failed attempt that started a lock is written down with the lock.
  const auto failed = [&](std::int64_t user_id, std::int64_t organisation_id, const std::string& subject) {
    (void)store_.append_audit({0,
                               clock_.now(),
                               user_id,
                               organisation_id,
                               "login.failed",
                               subject,
                               nlohmann::json{{"address", client_address}}.dump(-1, ' ', false, kReplaceBadBytes),
                               {},
                               {}});
    for (const auto& lock : {admitted.account_lock, admitted.address_lock}) {
      if (!lock) continue;
      (void)store_.append_audit(
          {0,
           clock_.now(),
           user_id,
           organisation_id,
           "login.locked",
           lock->key,
           nlohmann::json{{"failures", lock->failures}, {"locked_seconds", lock->seconds}, {"address", client_address}}
               .dump(-1, ' ', false, kReplaceBadBytes),
           {},
           {}});
    }
    return bad_login();
  };
  CM_ASSIGN_OR_RETURN(const auto found, store_.find_user_by_email(account));
  if (!found || !found->active) {
    (void)verify_password(password, decoy_hash());
    return failed(0, 0, "email:" + account);
  }
  if (!verify_password(password, found->password_hash)) {
    return failed(found->id, found->organisation_id, "user:" + std::to_string(found->id));
  }
  throttle_.succeeded(account, client_address);
  CM_ASSIGN_OR_RETURN(auto token, new_token());
  const Timestamp now = clock_.now();
  storage::Session session{sha256_hex(token), found->id, now, now + config_.session_seconds, false};
  CM_TRY_STATUS(store_.create_session(session));
  CM_ASSIGN_OR_RETURN(auto organisation, store_.get_organisation(found->organisation_id));
  (void)store_.append_audit(
      {0, now, found->id, found->organisation_id, "login", "user:" + std::to_string(found->id), "{}", {}, {}});
  return LoginResult{std::move(token), session.expires_at, *found, std::move(organisation)};
}

Result<Caller> Accounts::authenticate(const std::string& token) {
  if (token.size() != 64) return Error::unauthenticated("the login token is not valid; log in again");
  // One read for the session, its user and the organisation's kind: every
  // signed-in request makes it.
  CM_ASSIGN_OR_RETURN(const auto found, store_.find_session_user(sha256_hex(token)));
  if (!found || found->session.revoked) return Error::unauthenticated("the login token is not valid; log in again");
  if (found->session.expires_at <= clock_.now()) return Error::unauthenticated("your login has expired; log in again");
  const auto& user = found->user;
  if (!user.active) return Error::unauthenticated("this account is disabled");
  Caller caller;
  caller.user_id = user.id;
  caller.organisation_id = user.organisation_id;
  caller.organisation_kind = found->organisation_kind;
  caller.roles = user.roles;
  caller.email = user.email;
  return caller;
}

Status Accounts::logout(const std::string& token) {
  CM_ASSIGN_OR_RETURN(const Caller caller, authenticate(token));
  CM_TRY_STATUS(store_.revoke_session(sha256_hex(token)));
  return store_.append_audit({0,
                              clock_.now(),
                              caller.user_id,
                              caller.organisation_id,
                              "logout",
                              "user:" + std::to_string(caller.user_id),
                              "{}",
                              {},
                              {}});
}

Result<storage::User> Accounts::add_user(const Caller& caller, const NewUser& input) {
  CM_TRY_STATUS(can_add_user(caller, input.organisation_id));
  storage::User user;
  user.email = to_lower(trim(input.email));
  CM_TRY_STATUS(validate_email(user.email));
  user.name = std::string(trim(input.name));
  if (user.name.empty() || user.name.size() > 200)
    return Error::invalid("give the user's name (up to 200 characters)", "name");
  CM_TRY_STATUS(check_password_policy(input.password));
  auto organisation = store_.get_organisation(input.organisation_id);
  if (!organisation)
    return Error::invalid("organisation " + std::to_string(input.organisation_id) + " does not exist",
                          "organisation_id");
  CM_TRY_STATUS(validate_roles(organisation->kind, input.roles));
  CM_ASSIGN_OR_RETURN(const auto existing, store_.find_user_by_email(user.email));
  if (existing) return Error::conflict("a user with the email '" + user.email + "' already exists");
  CM_ASSIGN_OR_RETURN(user.password_hash, hash_password(input.password));
  user.organisation_id = input.organisation_id;
  user.roles = input.roles;
  user.created_at = clock_.now();
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(user.id, store_.create_user(user));
    return store_.append_audit({0,
                                user.created_at,
                                caller.user_id,
                                caller.organisation_id,
                                "user.create",
                                "user:" + std::to_string(user.id),
                                nlohmann::json{{"email", user.email}}.dump(-1, ' ', false, kReplaceBadBytes),
                                {},
                                {}});
  }));
  user.password_hash.clear();
  return user;
}

Result<Accounts::Me> Accounts::me(const Caller& caller) {
  CM_ASSIGN_OR_RETURN(auto user, store_.get_user(caller.user_id));
  CM_ASSIGN_OR_RETURN(auto organisation, store_.get_organisation(user.organisation_id));
  return Me{std::move(user), std::move(organisation)};
}

}  // namespace caremarket::app
