#include <gtest/gtest.h>

#include "web/session.hpp"

namespace caremarket::web {
namespace {

TEST(SessionCookie, HttpOnlyAndLaxOverPlainHttp) {
  const CookiePolicy plain{false};
  EXPECT_EQ(session_cookie(plain, "abc", 28800),
            "caremarket_session=abc; Max-Age=28800; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_EQ(expired_session_cookie(plain), "caremarket_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
  EXPECT_EQ(signin_cookie(plain, "n"), "caremarket_signin=n; Max-Age=3600; Path=/; HttpOnly; SameSite=Strict");
}

TEST(SessionCookie, SecureWithTheHostPrefixBehindTls) {
  const CookiePolicy tls{true};
  EXPECT_EQ(session_cookie_name(tls), "__Host-caremarket_session");
  EXPECT_EQ(session_cookie(tls, "abc", 60),
            "__Host-caremarket_session=abc; Max-Age=60; Path=/; HttpOnly; SameSite=Lax; Secure");
  EXPECT_EQ(signin_cookie(tls, "n"),
            "__Host-caremarket_signin=n; Max-Age=3600; Path=/; HttpOnly; SameSite=Strict; Secure");
  EXPECT_NE(expired_session_cookie(tls).find("; Secure"), std::string::npos);
}

TEST(SessionCookie, ReadsOneCookieAmongMany) {
  EXPECT_EQ(cookie_value("a=1; caremarket_session=tok; b=2", "caremarket_session"), "tok");
  EXPECT_EQ(cookie_value("xcaremarket_session=bad", "caremarket_session"), std::nullopt);
  EXPECT_EQ(cookie_value("", "caremarket_session"), std::nullopt);
  EXPECT_EQ(cookie_value("caremarket_session=", "caremarket_session"), "");
}

TEST(Csrf, OneTokenPerSessionThatOthersCannotGuess) {
  const std::string a = csrf_token(std::string(64, 'a'));
  const std::string b = csrf_token(std::string(64, 'b'));
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a, csrf_token(std::string(64, 'a'))) << "stable for the session";
  EXPECT_NE(a, std::string(64, 'a')) << "not the session token itself";
}

TEST(Csrf, ComparedWithoutShortCuts) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "ab"));
  EXPECT_FALSE(constant_time_equal("", "a"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

}  // namespace
}  // namespace caremarket::web
