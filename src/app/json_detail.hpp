#pragma once
// Audit details and stored explanations are JSON text. Every edge refuses
// bytes that are not UTF-8, but a write must never throw half-way because
// one slipped through: such bytes are written as U+FFFD instead.
#include <nlohmann/json.hpp>

namespace caremarket::app {

inline constexpr auto kReplaceBadBytes = nlohmann::json::error_handler_t::replace;

}  // namespace caremarket::app
