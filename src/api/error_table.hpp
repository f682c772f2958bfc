#pragma once
// The whole error surface of the HTTP API in one place: each error code's
// status, and the one body shape {"error": {"code", "message"[, "field"]}}.
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace caremarket::api {

int http_status(ErrorCode code);
nlohmann::json error_body(const Error& error);

}  // namespace caremarket::api
