#pragma once
// The instance allocate() optimises, built the same way (eligibility and
// scores per referral): for the tests and the benchmark, which hand the
// identical graph to other solvers.
#include "allocation/instance.hpp"
#include "allocation/model.hpp"

namespace caremarket::allocation {

// Without equity terms; add them from Outcome::councils (fair_floor) to
// reproduce a run that needed them.
Result<Instance> build_instance(const Problem& problem);
// Equity terms as allocate() adds them: each council may leave
// places_needed - fair_floor places unplaced before each further one costs.
void add_equity_terms(Instance& in, const std::vector<int>& fair_floor, const Config& config);

}  // namespace caremarket::allocation
