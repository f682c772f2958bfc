#pragma once
// Regional allocation use cases, shared by the API and the CLI: run the
// allocation engine over the waiting referrals of an alliance of councils,
// store the proposal, let officers review it, and confirm matches, each of
// which is sent as a referral to that one service through the normal
// brokerage flow (the provider still accepts or declines). A declined match
// comes back in the next run, never to that service again.
//
// Privacy: a proposal holds no personal details, and is seen only by the
// councils whose referrals are in it and by the operator; providers see
// nothing until a match is sent. Runs, reads and confirmations are audited
// (subject "allocation:N").
#include <optional>
#include <string>
#include <vector>

#include "allocation/model.hpp"
#include "app/access.hpp"
#include "app/brokerage.hpp"
#include "app/clock.hpp"
#include "app/market_register.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

// Places a council has already paid for under a block contract and that
// are empty now, on top of the service's reported vacancies. Given with the
// run until block contracts are stored in caremarket.
struct BlockPlacesInput {
  std::int64_t council_id = 0;
  std::int64_t service_id = 0;
  int places = 0;
  std::int64_t contract_id = 0;  // where they come from; 0: given with the request
};

struct AllocationRequest {
  std::int64_t alliance_id = 0;  // 0: the caller's council alone
  std::vector<BlockPlacesInput> block_places;
  bool fairness = true;
};

struct AllocationRunView {
  storage::AllocationRun run;
  std::vector<storage::ProposedMatch> matches;
};

// Committed places not yet occupied on `day`, from the councils' block and
// soft block contracts in force (allocation_blocks.cpp).
Result<std::vector<BlockPlacesInput>> committed_block_places(storage::Store& store,
                                                             const std::vector<std::int64_t>& councils, Date day);

class Allocation {
 public:
  // `progress`: told of each stage of a run (the CLI prints it on stderr).
  Allocation(storage::Store& store, MarketRegister& market, Brokerage& brokerage, allocation::Progress progress = {},
             Clock clock = {})
      : store_(store),
        market_(market),
        brokerage_(brokerage),
        progress_(std::move(progress)),
        clock_(std::move(clock)) {}

  // The operator records an alliance the councils have agreed.
  Result<storage::Alliance> create_alliance(const Caller& caller, const std::string& name,
                                            const std::vector<std::int64_t>& members);
  Result<std::vector<storage::Alliance>> alliances(const Caller& caller);
  Result<AllocationRunView> run(const Caller& caller, const AllocationRequest& request);
  Result<std::vector<storage::AllocationRun>> runs(const Caller& caller);
  Result<AllocationRunView> show(const Caller& caller, std::int64_t run_id);
  // Sends the caller's council's proposed matches (all of them, or those of
  // the referrals named); a match whose service can no longer take the
  // referral is marked stale with the reason, and nothing is sent for it.
  Result<AllocationRunView> confirm(const Caller& caller, std::int64_t run_id,
                                    const std::vector<std::int64_t>& referral_ids);

 private:
  Result<storage::AllocationRun> visible_run(const Caller& caller, std::int64_t run_id);
  Status audit(const Caller& caller, const std::string& action, std::int64_t run_id, const std::string& detail_json);

  storage::Store& store_;
  MarketRegister& market_;
  Brokerage& brokerage_;
  allocation::Progress progress_;
  Clock clock_;
};

// The engine's explanation of one match as JSON text, as stored and shown.
std::string explanation_json(const allocation::Match& match);

}  // namespace caremarket::app
