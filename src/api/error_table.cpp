#include "api/error_table.hpp"

#include <array>
#include <utility>

namespace caremarket::api {
namespace {
constexpr std::array<std::pair<ErrorCode, int>, 10> kStatuses{{
    {ErrorCode::invalid_input, 400},
    {ErrorCode::unauthenticated, 401},
    {ErrorCode::forbidden, 403},
    {ErrorCode::not_found, 404},
    {ErrorCode::conflict, 409},
    {ErrorCode::timed_out, 408},
    {ErrorCode::payload_too_large, 413},
    {ErrorCode::too_many_requests, 429},
    {ErrorCode::internal, 500},
    {ErrorCode::unavailable, 503},
}};
}  // namespace

int http_status(ErrorCode code) {
  for (const auto& [c, status] : kStatuses)
    if (c == code) return status;
  return 500;
}

nlohmann::json error_body(const Error& error) {
  nlohmann::json inner{{"code", std::string(to_string(error.code))}, {"message", error.message}};
  if (!error.field.empty()) inner["field"] = error.field;
  return {{"error", inner}};
}

}  // namespace caremarket::api
