#pragma once
// The web session: the same sessions as the API's bearer tokens
// (app::Accounts: random token, only its hash stored, expiry), carried in a
// cookie, plus the CSRF token every POST form must send back.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace caremarket::web {

struct CookiePolicy {
  // Set when the browser reaches the server over HTTPS (the server is behind
  // a TLS-terminating proxy: `caremarket serve --tls-proxy`). Then cookies
  // are Secure and take the __Host- prefix, which browsers accept only from
  // a secure origin with Path=/ and no Domain.
  bool secure = false;
};

std::string session_cookie_name(const CookiePolicy& policy);
std::string signin_cookie_name(const CookiePolicy& policy);

// Set-Cookie values. HttpOnly always (scripts never read a session);
// SameSite=Lax for the session, so links from e-mails still arrive signed
// in while other sites' forms do not carry it; Strict for the sign-in nonce.
std::string session_cookie(const CookiePolicy& policy, const std::string& token, std::int64_t max_age_seconds);
std::string expired_session_cookie(const CookiePolicy& policy);
std::string signin_cookie(const CookiePolicy& policy, const std::string& nonce);

// The value of cookie `name` in a Cookie request header.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

// Per session, derived from the session token (which never leaves the
// HttpOnly cookie), so nothing more is stored and it dies with the session.
std::string csrf_token(const std::string& session_token);
// Compares in time that depends only on the lengths, never on the content.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace caremarket::web
