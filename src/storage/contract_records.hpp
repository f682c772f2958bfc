#pragma once
// What the contracts area stores: a contract of any purchasing model (spot,
// block, soft block, framework, dynamic market), its parties (one council or
// an alliance, each with its share), providers, services, term, extension
// options, notice, prices, dynamic market members, and soft block reviews.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "core/money.hpp"
#include "market/types.hpp"
#include "pricing/call_off.hpp"
#include "pricing/cost_volume.hpp"

namespace caremarket::storage {

using pricing::ContractModel;
std::optional<ContractModel> contract_model_from(std::string_view text);
const std::vector<ContractModel>& all_contract_models();

enum class ContractStatus { draft, active, suspended, ended, terminated };
std::string_view to_string(ContractStatus status);
std::optional<ContractStatus> contract_status_from(std::string_view text);
// draft -> active | terminated; active -> suspended | ended | terminated;
// suspended -> active | ended | terminated; ended and terminated are final.
bool status_change_allowed(ContractStatus from, ContractStatus to);

enum class CallOffMethod { direct_award, mini_competition };
std::string_view to_string(CallOffMethod method);
std::optional<CallOffMethod> call_off_method_from(std::string_view text);

std::optional<pricing::BandMode> band_mode_from(std::string_view text);

// A council buying under the contract; an alliance's shares (basis points)
// add up to 10,000 and one council leads.
struct ContractParty {
  std::int64_t council_id = 0;
  int share_bp = 10'000;
  bool lead = true;
};

// A service whose places (or weekly hours) a block or soft block commits.
struct ContractService {
  std::int64_t service_id = 0;
  std::int64_t provider_id = 0;
  int committed =
      0;  // block: places (or hours a week when priced by the hour); soft block: 0 (the volume is the contract's)
};

// Framework: the price band (floor optional) or ceiling for a kind of care.
struct PriceBand {
  market::KindOfCare kind = market::KindOfCare::care_home_residential;
  market::PriceUnit unit = market::PriceUnit::week;
  std::optional<Money> floor;
  Money ceiling;
};

enum class MemberStatus { applied, active, suspended, removed };
std::string_view to_string(MemberStatus status);
std::optional<MemberStatus> member_status_from(std::string_view text);

// Dynamic market membership: providers apply and join at any time.
struct ContractMember {
  std::int64_t provider_id = 0;
  MemberStatus status = MemberStatus::applied;
  Date applied_on;
  std::optional<Date> joined_on;
  std::optional<Date> suspended_on;
  std::optional<Date> removed_on;
  std::string reason;  // of the last suspension, removal or refusal
};

// An extension option taken: the term runs on from `from` to `to`.
struct ContractExtension {
  int number = 0;  // 1 for the first option taken
  Date from;
  Date to;
  std::string reason;
  std::int64_t taken_by = 0;
  Timestamp taken_at = 0;
};

struct Contract {
  std::int64_t id = 0;
  ContractModel model = ContractModel::spot;
  std::string reference;  // the council's contract reference; unique
  std::string title;
  ContractStatus status = ContractStatus::draft;
  std::vector<ContractParty> parties;
  std::vector<std::int64_t> providers;  // the provider (block, soft block, spot) or admitted providers (framework)
  std::vector<ContractService> services;
  std::vector<market::KindOfCare> kinds;
  Date start;
  Date end;                   // the current end, after any extension taken
  int extension_options = 0;  // how many may be taken
  int extension_months = 0;   // each one's length
  std::vector<ContractExtension> extensions;
  int notice_days = 0;
  // Block: the price of a committed place a week, or of an hour.
  market::PriceUnit price_unit = market::PriceUnit::week;
  Money unit_price;
  // Soft block: the cost:volume schedule applied to the committed volume,
  // the flex band the commitment stays within and how it may change.
  pricing::BandMode band_mode = pricing::BandMode::whole_volume;
  std::vector<pricing::VolumeBand> bands;
  int committed = 0;  // the commitment agreed at the start (reviews change it from their decision date)
  int flex_min = 0;
  int flex_max = 0;
  int max_step = 0;          // most one review may move it (0: anywhere in the band)
  int target_percent = 95;   // occupancy the proposed commitment aims at
  int review_weeks = 0;      // the review period
  std::string change_rules;  // the agreed rules for changing the commitment, in words
  // Framework.
  std::vector<PriceBand> price_bands;
  CallOffMethod call_off_method = CallOffMethod::direct_award;
  // Dynamic market.
  std::string membership_conditions;
  std::vector<ContractMember> members;
  std::string status_reason;        // of the last status change
  std::optional<Date> status_date;  // when it took effect
  std::string notes;
  bool synthetic = false;  // demo data
  std::int64_t created_by = 0;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

// A soft block review: the proposal made from use since the last review,
// and the officer's decision, which changes the commitment from decided_on.
struct CommitmentReview {
  std::int64_t id = 0;
  std::int64_t contract_id = 0;
  Date review_date;
  Date period_from;  // the weeks compared: [period_from, review_date)
  int weeks = 0;
  int current = 0;
  int proposed = 0;
  double average_occupied = 0;
  double utilisation_percent = 0;
  std::string proposal_reason;
  bool accepted = true;  // the proposal taken as it was
  int decided = 0;       // the new commitment
  std::string reason;    // the officer's
  Date decided_on;       // the new commitment applies from this date
  std::int64_t decided_by = 0;
  Timestamp decided_at = 0;
};

// The commitment in force on `day`: the agreed one, then each review's
// decision from its decision date (reviews in any order).
int commitment_on(const Contract& contract, const std::vector<CommitmentReview>& reviews, Date day);

// Is the contract live on `day`: in its term and active, or ended or
// terminated with a date still to come?
bool in_force(const Contract& contract, Date day);

}  // namespace caremarket::storage
