#pragma once
// What regional allocation stores: alliances of councils that commission
// together, each run's proposal and its proposed matches. A proposal holds
// no personal details: referral ids, services, scores and explanations.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.hpp"

namespace caremarket::storage {

struct Alliance {
  std::int64_t id = 0;
  std::string name;
  std::vector<std::int64_t> members;  // council organisation ids
  Timestamp created_at = 0;
};

enum class AllocationRunStatus { proposed, confirmed };  // confirmed: at least one match sent
std::string_view to_string(AllocationRunStatus status);
std::optional<AllocationRunStatus> allocation_run_status_from(std::string_view text);

struct AllocationRun {
  std::int64_t id = 0;
  std::int64_t alliance_id = 0;   // 0: the requesting council alone
  std::int64_t requested_by = 0;  // user
  std::int64_t requested_by_council = 0;
  std::vector<std::int64_t> councils;  // councils with referrals in it: the only councils that see it
  AllocationRunStatus status = AllocationRunStatus::proposed;
  std::string summary_json;  // objective, optimality, councils' shares, stage timings
  Timestamp created_at = 0;
};

enum class MatchStatus { proposed, unplaced, sent, stale };
std::string_view to_string(MatchStatus status);
std::optional<MatchStatus> match_status_from(std::string_view text);

struct ProposedMatch {
  std::int64_t run_id = 0;
  std::int64_t referral_id = 0;
  std::int64_t council_id = 0;
  std::int64_t service_id = 0;  // 0: not placed in this run
  std::int64_t provider_id = 0;
  int places = 1;
  MatchStatus status = MatchStatus::proposed;
  std::string explanation_json;  // chosen, score breakdown, next best, nearer services and why
  std::string outcome;           // why a confirmation did not send it (stale)
  std::int64_t decided_by = 0;
  Timestamp decided_at = 0;
};

}  // namespace caremarket::storage
