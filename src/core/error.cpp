#include "core/error.hpp"

namespace caremarket {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return "invalid_input";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::unauthenticated: return "unauthenticated";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::payload_too_large: return "payload_too_large";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::internal: return "internal";
    case ErrorCode::too_many_requests: return "too_many_requests";
    case ErrorCode::timed_out: return "timed_out";
  }
  return "internal";
}

}  // namespace caremarket
