#include "storage/allocation_records.hpp"

#include <array>
#include <utility>

namespace caremarket::storage {
namespace {
constexpr std::array<std::pair<AllocationRunStatus, std::string_view>, 2> kRun{{
    {AllocationRunStatus::proposed, "proposed"}, {AllocationRunStatus::confirmed, "confirmed"}}};
constexpr std::array<std::pair<MatchStatus, std::string_view>, 4> kMatch{{
    {MatchStatus::proposed, "proposed"}, {MatchStatus::unplaced, "unplaced"}, {MatchStatus::sent, "sent"}, {MatchStatus::stale, "stale"}}};
}  // namespace

std::string_view to_string(AllocationRunStatus status) {
  for (const auto& [s, name] : kRun) if (s == status) return name;
  return "proposed";
}
std::optional<AllocationRunStatus> allocation_run_status_from(std::string_view text) {
  for (const auto& [s, name] : kRun) if (name == text) return s;
  return std::nullopt;
}
std::string_view to_string(MatchStatus status) {
  for (const auto& [s, name] : kMatch) if (s == status) return name;
  return "proposed";
}
std::optional<MatchStatus> match_status_from(std::string_view text) {
  for (const auto& [s, name] : kMatch) if (name == text) return s;
  return std::nullopt;
}

}  // namespace caremarket::storage
