#pragma once
// Password hashing (argon2id, libargon2) and bearer tokens (OpenSSL).
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace caremarket::app {

// Parameters follow OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane).
Result<std::string> hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& encoded_hash);
// A new password must be 12 to 256 characters: length beats complexity rules.
Status check_password_policy(std::string_view password);

// 32 random bytes as 64 hex characters.
Result<std::string> new_token();
// SHA-256 as hex: what is stored instead of the token itself.
std::string sha256_hex(std::string_view text);

}  // namespace caremarket::app
