#include <gtest/gtest.h>

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
  const auto login = accounts->login("MANAGER@a.example ", kPassword);
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
  const auto wrong = accounts->login("officer@council.example", "not the password");
  const auto unknown = accounts->login("nobody@council.example", kPassword);
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
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
  EXPECT_EQ(add(council_org, "x@c.example", {"placement_officer"}, council_caller()).error().code, ErrorCode::forbidden);
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
