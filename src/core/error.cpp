#include "core/error.hpp"

#include "core/enum_names.hpp"

namespace caremarket {
namespace {
constexpr auto kCodes = enum_names<ErrorCode>({
    {ErrorCode::invalid_input, "invalid_input"},
    {ErrorCode::not_found, "not_found"},
    {ErrorCode::conflict, "conflict"},
    {ErrorCode::unauthenticated, "unauthenticated"},
    {ErrorCode::forbidden, "forbidden"},
    {ErrorCode::payload_too_large, "payload_too_large"},
    {ErrorCode::unavailable, "unavailable"},
    {ErrorCode::too_many_requests, "too_many_requests"},
    {ErrorCode::timed_out, "timed_out"},
    {ErrorCode::internal, "internal"},
});
}  // namespace

std::string_view to_string(ErrorCode code) { return kCodes.name(code, "internal"); }

std::vector<std::string_view> error_code_names() {
  std::vector<std::string_view> out;
  for (const auto& entry : kCodes.entries()) out.push_back(entry.second);
  return out;
}

}  // namespace caremarket
