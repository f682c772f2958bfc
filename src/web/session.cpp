#include "web/session.hpp"

#include "app/passwords.hpp"
#include "core/text.hpp"

namespace caremarket::web {
namespace {
std::string attributes(const CookiePolicy& policy, const char* same_site) {
  std::string out = "; Path=/; HttpOnly; SameSite=";
  out += same_site;
  if (policy.secure) out += "; Secure";
  return out;
}
}  // namespace

std::string session_cookie_name(const CookiePolicy& policy) {
  return policy.secure ? "__Host-caremarket_session" : "caremarket_session";
}

std::string signin_cookie_name(const CookiePolicy& policy) {
  return policy.secure ? "__Host-caremarket_signin" : "caremarket_signin";
}

std::string session_cookie(const CookiePolicy& policy, const std::string& token, std::int64_t max_age_seconds) {
  return session_cookie_name(policy) + "=" + token + "; Max-Age=" + std::to_string(max_age_seconds) +
         attributes(policy, "Lax");
}

std::string expired_session_cookie(const CookiePolicy& policy) {
  return session_cookie_name(policy) + "=; Max-Age=0" + attributes(policy, "Lax");
}

std::string signin_cookie(const CookiePolicy& policy, const std::string& nonce) {
  return signin_cookie_name(policy) + "=" + nonce + "; Max-Age=3600" + attributes(policy, "Strict");
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  for (const auto& part : split(header, ';')) {
    const auto item = trim(part);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    if (trim(item.substr(0, eq)) == name) return std::string(trim(item.substr(eq + 1)));
  }
  return std::nullopt;
}

std::string csrf_token(const std::string& session_token) { return app::sha256_hex("caremarket-csrf:" + session_token); }

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff = static_cast<unsigned char>(diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i])));
  }
  return diff == 0;
}

}  // namespace caremarket::web
