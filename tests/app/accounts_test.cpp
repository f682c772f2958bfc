#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "app/login_throttle.hpp"
#include "app/passwords.hpp"
#include "app_fixture.hpp"

namespace caremarket::app::testing {
namespace {

constexpr const char* kPassword = "correct horse battery";

class AccountsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    accounts = std::make_unique<Accounts>(*store, AccountsConfig{});
  }
  Result<storage::User> add(std::int64_t org, const std::string& email, std::vector<std::string> roles,
                            const Caller& by = Caller::system_caller(), const std::string& password = kPassword) {
    return accounts->add_user(by, {org, email, "Someone", password, std::move(roles)});
  }
  std::unique_ptr<Accounts> accounts;
};

TEST_F(AccountsTest, PasswordsAreStoredAsArgon2idAndVerify) {
  ASSERT_TRUE(add(council_org, "Officer@Council.example", {"placement_officer"}));
  const auto user = store->find_user_by_email("officer@council.example").value();
  ASSERT_TRUE(user);
  EXPECT_TRUE(user->password_hash.starts_with("$argon2id$"));
  EXPECT_EQ(user->password_hash.find(kPassword), std::string::npos);
  EXPECT_TRUE(verify_password(kPassword, user->password_hash));
  EXPECT_FALSE(verify_password("wrong password!!", user->password_hash));
}

TEST_F(AccountsTest, LoginGivesATokenThatAuthenticatesUntilLogout) {
  ASSERT_TRUE(add(provider_a, "manager@a.example", {"provider_manager"}));
  const auto login = accounts->login("MANAGER@a.example ", kPassword, "192.0.2.1");
  ASSERT_TRUE(login) << login.error().message;
  EXPECT_EQ(login->token.size(), 64u);
  EXPECT_GT(login->expires_at, now_utc());
  EXPECT_EQ(login->organisation.id, provider_a);
  // Only the token's hash is stored.
  EXPECT_FALSE(store->find_session(login->token).value());
  EXPECT_TRUE(store->find_session(sha256_hex(login->token)).value());

  const auto caller = accounts->authenticate(login->token);
  ASSERT_TRUE(caller);
  EXPECT_EQ(caller->organisation_id, provider_a);
  EXPECT_TRUE(caller->is_provider());
  EXPECT_TRUE(caller->has_role("provider_manager"));

  ASSERT_TRUE(accounts->logout(login->token));
  const auto after = accounts->authenticate(login->token);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::unauthenticated);
}

TEST_F(AccountsTest, WrongPasswordAndUnknownEmailGiveTheSameAnswer) {
  ASSERT_TRUE(add(council_org, "officer@council.example", {"placement_officer"}));
  const auto wrong = accounts->login("officer@council.example", "not the password", "192.0.2.1");
  const auto unknown = accounts->login("nobody@council.example", kPassword, "192.0.2.1");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

// An audit detail holding a byte that is not UTF-8 (here the client
// address, which no edge checks as text) is written with U+FFFD: the failed
// sign-in is refused and audited, never thrown half-way.
TEST_F(AccountsTest, ABadByteInAnAuditDetailIsWrittenNotThrown) {
  ASSERT_TRUE(add(council_org, "officer@council.example", {"placement_officer"}));
  const auto wrong = accounts->login("officer@council.example", "not the password", "192.0.2.\xFF");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
  const auto log = store->audit_log();
  ASSERT_TRUE(log);
  ASSERT_FALSE(log->empty());
  EXPECT_NE(log->back().detail.find("192.0.2.\xEF\xBF\xBD"), std::string::npos) << log->back().detail;
}

// Sign-in throttling (login_throttle.hpp): wrong passwords lock the
// account, the lock is said (retry_after_seconds) and audited, the right
// password is refused while it lasts and works once it is over.
TEST_F(AccountsTest, WrongPasswordsLockTheAccountUntilTheLockEnds) {
  AccountsConfig config;
  config.throttle.first_lock_seconds = 2;  // a real wait below: keep it short (the clock counts whole seconds)
  accounts = std::make_unique<Accounts>(*store, config);
  ASSERT_TRUE(add(council_org, "officer@council.example", {"placement_officer"}));
  for (int i = 0; i < config.throttle.account_failures_allowed; ++i) {
    const auto wrong = accounts->login("officer@council.example", "not the password", "192.0.2.1");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated) << "attempt " << i + 1;
  }
  // Locked: even the right password, and from another address.
  for (const char* address : {"192.0.2.1", "198.51.100.7"}) {
    const auto locked = accounts->login("Officer@council.example", kPassword, address);
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, ErrorCode::too_many_requests);
    EXPECT_GE(locked.error().retry_after_seconds, 1);
    EXPECT_LE(locked.error().retry_after_seconds, 2);
  }
  int lock_entries = 0;
  const auto log = store->audit_log().value();
  for (const auto& e : log) {
    if (e.action == "login.locked") {
      ++lock_entries;
      EXPECT_EQ(e.subject, "email:officer@council.example");
      EXPECT_NE(e.detail.find("\"locked_seconds\":2"), std::string::npos) << e.detail;
    }
  }
  EXPECT_EQ(lock_entries, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(3100));
  const auto after = accounts->login("officer@council.example", kPassword, "192.0.2.1");
  ASSERT_TRUE(after) << after.error().message;
  // The success cleared the count: the next wrong password is an ordinary failure.
  EXPECT_EQ(accounts->login("officer@council.example", "not the password", "192.0.2.1").error().code,
            ErrorCode::unauthenticated);
}

TEST(LoginThrottle, LocksGrowFromTheAllowedFailureAndAreForgottenLater) {
  LoginThrottle throttle;  // 5 per account, 20 per address, 30 s doubling to 15 minutes
  const std::int64_t t0 = 1'000'000;
  for (int i = 1; i <= 4; ++i) {
    const auto admitted = throttle.admit("a@x.example", "192.0.2.1", t0);
    ASSERT_TRUE(admitted);
    EXPECT_FALSE(admitted->account_lock);
  }
  const auto fifth = throttle.admit("a@x.example", "192.0.2.1", t0);
  ASSERT_TRUE(fifth);
  ASSERT_TRUE(fifth->account_lock);  // if it fails, this attempt starts the lock
  EXPECT_EQ(fifth->account_lock->seconds, 30);
  const auto refused = throttle.admit("a@x.example", "192.0.2.1", t0 + 10);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().retry_after_seconds, 20);
  // After the lock, one more try; failing again doubles the lock.
  const auto sixth = throttle.admit("a@x.example", "192.0.2.1", t0 + 30);
  ASSERT_TRUE(sixth);
  ASSERT_TRUE(sixth->account_lock);
  EXPECT_EQ(sixth->account_lock->seconds, 60);
  std::int64_t t = t0 + 30;
  std::vector<std::int64_t> locks{30, 60};
  for (int i = 0; i < 4; ++i) {
    t += locks.back();  // the moment the lock ends
    const auto again = throttle.admit("a@x.example", "192.0.2.1", t);
    ASSERT_TRUE(again);
    ASSERT_TRUE(again->account_lock);
    locks.push_back(again->account_lock->seconds);
  }
  EXPECT_EQ(locks, (std::vector<std::int64_t>{30, 60, 120, 240, 480, 900}));
  t += locks.back();
  // Another account from the same address is not locked by this one.
  EXPECT_TRUE(throttle.admit("b@x.example", "192.0.2.1", t));
  // Quiet for longer than 15 minutes after the lock: forgotten.
  const auto later = throttle.admit("a@x.example", "192.0.2.1", t + 16 * 60);
  ASSERT_TRUE(later);
  EXPECT_FALSE(later->account_lock);
}

TEST(LoginThrottle, AttemptsAtOnceAreCountedAsTheyStart) {
  // Fifty at once: counted when they start, so only the allowed five are
  // checked, however slow the password check is.
  LoginThrottle throttle;
  int admitted = 0;
  for (int i = 0; i < 50; ++i) admitted += throttle.admit("a@x.example", "192.0.2.1", 5'000) ? 1 : 0;
  EXPECT_EQ(admitted, 5);
  // The right password among them clears the account.
  throttle.succeeded("a@x.example", "192.0.2.1");
  EXPECT_TRUE(throttle.admit("a@x.example", "192.0.2.1", 5'000));
}

TEST(LoginThrottle, OneAddressTryingManyAccountsIsLocked) {
  LoginThrottle throttle;
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(throttle.admit("user" + std::to_string(i) + "@x.example", "203.0.113.9", 100)) << i;
  }
  const auto refused = throttle.admit("someone.else@x.example", "203.0.113.9", 101);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::too_many_requests);
  EXPECT_EQ(refused.error().retry_after_seconds, 29);
  // The same account from elsewhere is not held up by that address.
  EXPECT_TRUE(throttle.admit("someone.else@x.example", "198.51.100.1", 101));
}

TEST_F(AccountsTest, ExpiredAndForgedTokensAreRefused) {
  const auto user = add(council_org, "officer@council.example", {"placement_officer"});
  ASSERT_TRUE(user);
  const std::string token(64, 'a');
  ASSERT_TRUE(store->create_session({sha256_hex(token), user->id, now_utc() - 100, now_utc() - 1, false}));
  const auto expired = accounts->authenticate(token);
  ASSERT_FALSE(expired);
  EXPECT_NE(expired.error().message.find("expired"), std::string::npos);
  EXPECT_FALSE(accounts->authenticate(std::string(64, 'b')));
  EXPECT_FALSE(accounts->authenticate("short"));
}

TEST_F(AccountsTest, NewUsersAreValidated) {
  EXPECT_EQ(add(council_org, "not-an-email", {"placement_officer"}).error().field, "email");
  EXPECT_EQ(add(council_org, "a@b.example", {"placement_officer"}, Caller::system_caller(), "short").error().field,
            "password");
  EXPECT_EQ(add(council_org, "a@b.example", {"provider_manager"}).error().field, "roles");
  EXPECT_EQ(add(council_org, "a@b.example", {}).error().field, "roles");
  EXPECT_EQ(add(9999, "a@b.example", {"placement_officer"}).error().field, "organisation_id");
  ASSERT_TRUE(add(council_org, "a@b.example", {"placement_officer"}));
  EXPECT_EQ(add(council_org, "A@B.example", {"placement_officer"}).error().code, ErrorCode::conflict);
  EXPECT_EQ(store->list_users(std::nullopt)->size(), 1u);
}

TEST_F(AccountsTest, WhoMayAddUsers) {
  const auto admin = caller_for(provider_a, market::OrganisationKind::provider, {"provider_admin"});
  EXPECT_TRUE(add(provider_a, "new@a.example", {"provider_manager"}, admin));
  EXPECT_EQ(add(provider_b, "new@b.example", {"provider_manager"}, admin).error().code, ErrorCode::forbidden);
  EXPECT_EQ(add(provider_a, "x@a.example", {"provider_manager"}, provider_caller(provider_a)).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(add(council_org, "x@c.example", {"placement_officer"}, council_caller()).error().code,
            ErrorCode::forbidden);
  EXPECT_TRUE(add(council_org, "y@c.example", {"council_admin"}, operator_caller()));
}

TEST(Passwords, PolicyAndTokens) {
  EXPECT_FALSE(check_password_policy("elevenchars"));
  EXPECT_TRUE(check_password_policy("twelve chars"));
  EXPECT_FALSE(check_password_policy(std::string(257, 'x')));
  const auto a = new_token().value();
  const auto b = new_token().value();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace caremarket::app::testing
