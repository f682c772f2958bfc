#pragma once
// Expected failures: a small code and a message a person can act on.
// The API maps codes to HTTP statuses (api/error_table.cpp) and the CLI to
// exit codes (cli/exit_codes.cpp); nothing else interprets them.
#include <string>
#include <string_view>
#include <vector>

namespace caremarket {

enum class ErrorCode {
  invalid_input,      // the caller sent something malformed or out of range
  not_found,          // the thing named does not exist (or is not visible to the caller)
  conflict,           // the request clashes with the current state (duplicate, stale)
  unauthenticated,    // no valid login
  forbidden,          // logged in, but not allowed
  payload_too_large,  // body over the limit
  unavailable,        // a dependency (database, file) cannot be reached now
  too_many_requests,  // slowed down (sign-in attempts, connections): try again after retry_after_seconds
  timed_out,          // the request did not arrive in time (a slow client)
  internal,           // a bug: should never reach a user
};

std::string_view to_string(ErrorCode code);
// Every code's wire name (the API document lists them).
std::vector<std::string_view> error_code_names();

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string field;            // optional: the input field the error is about
  int retry_after_seconds = 0;  // too_many_requests: when to try again (the HTTP Retry-After header)

  static Error invalid(std::string message, std::string field = {}) {
    return {ErrorCode::invalid_input, std::move(message), std::move(field)};
  }
  static Error not_found(std::string message) { return {ErrorCode::not_found, std::move(message), {}}; }
  static Error conflict(std::string message) { return {ErrorCode::conflict, std::move(message), {}}; }
  static Error forbidden(std::string message) { return {ErrorCode::forbidden, std::move(message), {}}; }
  static Error unauthenticated(std::string message) { return {ErrorCode::unauthenticated, std::move(message), {}}; }
  static Error unavailable(std::string message) { return {ErrorCode::unavailable, std::move(message), {}}; }
  static Error internal(std::string message) { return {ErrorCode::internal, std::move(message), {}}; }
  static Error too_many_requests(std::string message, int retry_after_seconds) {
    return {ErrorCode::too_many_requests, std::move(message), {}, retry_after_seconds};
  }
};

}  // namespace caremarket
