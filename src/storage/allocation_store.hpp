#pragma once
// The allocation half of the storage interface (Store inherits it).
#include <cstdint>
#include <vector>

#include "core/result.hpp"
#include "storage/allocation_records.hpp"

namespace caremarket::storage {

class AllocationStore {
 public:
  virtual ~AllocationStore() = default;

  // Members must be councils; a council appears once.
  virtual Result<std::int64_t> create_alliance(const Alliance& alliance) = 0;
  virtual Result<Alliance> get_alliance(std::int64_t id) = 0;
  // The alliances a council belongs to; 0: every alliance.
  virtual Result<std::vector<Alliance>> alliances_of(std::int64_t council_id) = 0;

  // A run and all its matches are written together.
  virtual Result<std::int64_t> create_allocation_run(const AllocationRun& run,
                                                     const std::vector<ProposedMatch>& matches) = 0;
  virtual Result<AllocationRun> get_allocation_run(std::int64_t id) = 0;
  virtual Status update_allocation_run_status(std::int64_t id, AllocationRunStatus status) = 0;
  // Runs with this council's referrals in them, newest first; 0: every run.
  virtual Result<std::vector<AllocationRun>> allocation_runs_of(std::int64_t council_id) = 0;
  virtual Result<std::vector<ProposedMatch>> proposed_matches(std::int64_t run_id) = 0;
  // Status, outcome, decided_by and decided_at of (run_id, referral_id).
  virtual Status update_proposed_match(const ProposedMatch& match) = 0;
};

}  // namespace caremarket::storage
