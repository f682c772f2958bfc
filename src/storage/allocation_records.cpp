#include "storage/allocation_records.hpp"

#include <array>
#include <utility>

#include "core/enum_names.hpp"

namespace caremarket::storage {
namespace {
constexpr auto kRun = enum_names<AllocationRunStatus>(
    {{AllocationRunStatus::proposed, "proposed"}, {AllocationRunStatus::confirmed, "confirmed"}});
constexpr auto kMatch = enum_names<MatchStatus>({{MatchStatus::proposed, "proposed"},
                                                 {MatchStatus::unplaced, "unplaced"},
                                                 {MatchStatus::sent, "sent"},
                                                 {MatchStatus::stale, "stale"}});
}  // namespace

std::string_view to_string(AllocationRunStatus status) { return kRun.name(status, "proposed"); }
std::optional<AllocationRunStatus> allocation_run_status_from(std::string_view text) { return kRun.parse(text); }
std::string_view to_string(MatchStatus status) { return kMatch.name(status, "proposed"); }
std::optional<MatchStatus> match_status_from(std::string_view text) { return kMatch.parse(text); }

}  // namespace caremarket::storage
