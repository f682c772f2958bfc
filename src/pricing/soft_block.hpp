#pragma once
// Soft block contracts week by week: utilisation against the commitment
// (occupied, void, the cost of voids), and at each review the commitment the
// agreed flex rules allow, proposed from what was used.
#include <string>
#include <vector>

#include "pricing/cost_volume.hpp"

namespace caremarket::pricing {

struct WeekUtilisation {
  int committed = 0;
  int occupied = 0;
  int voids = 0;     // committed places not occupied
  int overflow = 0;  // occupied beyond the commitment (bought outside the block)
  Money charge;      // the block's charge for the week (the commitment, paid used or not)
  Money void_cost;   // the part of the charge paying for empty places
};

// One week: the commitment is paid under the schedule whatever is used.
Result<WeekUtilisation> utilisation(const CostVolumeSchedule& schedule, int committed, int occupied);

struct FlexRules {
  int min_commitment = 0;  // the band the commitment must stay within
  int max_commitment = 0;
  int max_step = 0;         // most it may move at one review (0: any amount within the band)
  int target_percent = 95;  // occupancy aimed at: the commitment follows use divided by this
  Status validate() const;
};

struct ReviewProposal {
  int current = 0;
  int proposed = 0;
  double average_occupied = 0;
  double utilisation_percent = 0;  // average occupied / current commitment
  std::string reason;
};

// The commitment the rules allow, given the weeks since the last review.
Result<ReviewProposal> propose_commitment(int current, const FlexRules& rules, const std::vector<int>& weekly_occupied);

}  // namespace caremarket::pricing
