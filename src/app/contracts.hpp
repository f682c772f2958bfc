#pragma once
// Contracts use cases, shared by the API and the CLI: contracts of every
// purchasing model, their status, extensions, dynamic market membership,
// weekly utilisation and soft block reviews. Councils manage the contracts
// they are a party to; providers read those that name them (and may apply
// to join a dynamic market); the operator reads all; to anyone else a
// contract does not exist. Every change is audited (subject "contract:N").
#include <optional>
#include <string>
#include <vector>

#include "app/access.hpp"
#include "app/clock.hpp"
#include "pricing/call_off.hpp"
#include "pricing/soft_block.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct StatusChange {
  storage::ContractStatus to = storage::ContractStatus::active;
  std::optional<Date> date;          // when it takes effect (default today; ending: the contract's end)
  std::optional<Date> notice_given;  // terminating: when notice was given (default today)
  std::string reason;                // required to suspend, end early or terminate
};

enum class MemberAction { join, suspend, reinstate, remove };
std::optional<MemberAction> member_action_from(std::string_view text);

struct MemberChange {
  MemberAction action = MemberAction::join;
  std::int64_t provider_id = 0;  // a provider joining may leave it out (itself)
  std::optional<Date> date;      // default today
  std::string reason;            // required to suspend or remove
};

struct UtilisationWeek {
  Date week_start;
  int committed = 0;  // places (or hours when priced by the hour)
  int occupied = 0;   // taken by call-offs at the start of the week
  int voids = 0;
  int overflow = 0;  // used beyond the commitment (within the flex band)
  Money charge;      // what the week costs under the contract
  Money void_cost;   // the part of it paying for empty places
};

struct Utilisation {
  storage::Contract contract;
  std::vector<UtilisationWeek> weeks;
  int committed_total = 0;  // place-weeks
  int occupied_total = 0;
  int voids_total = 0;
  Money charge_total;
  Money void_cost_total;
  double utilisation_percent = 0;  // occupied / committed over the range (0 without a commitment)
};

struct ReviewsView {
  storage::Contract contract;
  std::vector<storage::CommitmentReview> decided;
  int commitment_now = 0;
  std::optional<Date> next_review;                  // none once the term has no review left
  std::optional<pricing::ReviewProposal> proposal;  // for next_review, from the weeks so far
  Date proposal_from;                               // the first week the proposal compares
  int proposal_weeks = 0;
  bool provisional = false;  // the review date is still to come
};

struct ReviewDecision {
  Date review_date;
  bool accept = true;              // take the proposal
  std::optional<int> commitment;   // otherwise, this one (within the rules)
  std::string reason;              // required when not accepting
  std::optional<Date> decided_on;  // the new commitment applies from here (default today)
};

class Contracts {
 public:
  explicit Contracts(storage::Store& store, Clock clock = {}) : store_(store), clock_(std::move(clock)) {}

  Result<storage::Contract> create(const Caller& caller, storage::Contract contract);
  // A draft may change in any way; a live contract only its title, notes,
  // membership conditions and change rules (anything else is a variation).
  Result<storage::Contract> update(const Caller& caller, std::int64_t id, storage::Contract changed);
  Result<storage::Contract> get(const Caller& caller, std::int64_t id);
  Result<std::vector<storage::Contract>> list(const Caller& caller);
  Result<storage::Contract> change_status(const Caller& caller, std::int64_t id, const StatusChange& change);
  Result<storage::Contract> take_extension(const Caller& caller, std::int64_t id, const std::string& reason);
  Result<storage::Contract> change_member(const Caller& caller, std::int64_t id, const MemberChange& change);
  Result<Utilisation> utilisation(const Caller& caller, std::int64_t id, Date from, Date to);
  Result<ReviewsView> reviews(const Caller& caller, std::int64_t id);
  Result<storage::CommitmentReview> decide_review(const Caller& caller, std::int64_t id,
                                                  const ReviewDecision& decision);
  Result<std::vector<storage::AuditEvent>> history(const Caller& caller, std::int64_t id);

 private:
  Result<storage::Contract> readable(const Caller& caller, std::int64_t id);
  Result<storage::Contract> managed(const Caller& caller, std::int64_t id);
  static storage::Contract view_for(const Caller& caller, storage::Contract contract);
  // Weekly use and reviews: the parties, the operator, and the provider of a
  // block, soft block or spot contract (a framework's or market's figures
  // would show other providers' prices).
  Result<storage::Contract> figures_readable(const Caller& caller, std::int64_t id);
  Status check_parties_exist(storage::Contract& contract);
  Status audit(const Caller& caller, const std::string& action, std::int64_t id, const std::string& detail_json);
  Result<std::vector<UtilisationWeek>> weeks_of(const storage::Contract& contract,
                                                const std::vector<storage::CommitmentReview>& reviews, Date from,
                                                Date to);

  storage::Store& store_;
  Clock clock_;
};

// Every rule a contract record must meet on its own (the parties' and
// services' existence is checked against the store by Contracts).
Status validate_contract(const storage::Contract& contract);

// A date `months` calendar months on (the 31st becomes the month's last day).
Date add_months(Date date, int months);
// The latest end a framework may have: four years from its start.
Date framework_latest_end(Date start);

// The call-off for a placement awarded on `day`: the council's live
// contracts (alone or in an alliance) routed by pricing::route_call_off.
Result<pricing::CallOff> route_placement(storage::Store& store, std::int64_t council_id, std::int64_t provider_id,
                                         std::int64_t service_id, Date day);

// Places (or hours, for contracts priced by the hour) the contract's
// call-offs occupy on `day`, at one service or all of them.
Result<int> units_in_use(storage::Store& store, const storage::Contract& contract,
                         const std::vector<storage::Placement>& placements, Date day,
                         std::optional<std::int64_t> service_id = std::nullopt);

}  // namespace caremarket::app
