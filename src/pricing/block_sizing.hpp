#pragma once
// Block sizing advisor: given weekly demand as samples (or a mean and a
// spread), the spot price and its premium when supply is short, a block
// price schedule and the cost of an empty place, compare spot only, a rigid
// block and a soft block, and find the commitment with the lowest expected
// weekly cost.
#include <vector>

#include "pricing/cost_volume.hpp"

namespace caremarket::pricing {

struct BlockSizingInput {
  std::vector<int> demand_samples;   // places needed in a week, one sample per simulated week
  Money spot_price;                  // per place per week
  int short_supply_above = 0;        // weeks with more demand than this buy spot at a premium (0: never)
  std::int64_t spot_premium_bp = 0;  // e.g. 1,500 = 15% on spot places in those weeks
  CostVolumeSchedule block_schedule;
  Money void_cost;    // a council's own cost of each empty committed place, beyond its price
  int soft_flex = 0;  // soft block: paid places may move this far either side of the commitment
  Status validate() const;
};

struct StrategyCost {
  int commitment = 0;
  Money expected_weekly;  // mean over the samples, rounded by the house rule
  Money p90_weekly;       // the 90th percentile week
};

struct BlockSizingAdvice {
  StrategyCost spot_only;
  StrategyCost rigid_block;  // at its best commitment
  StrategyCost soft_block;   // at its best commitment
};

// Demand samples for a normal distribution, from its quantiles (no random
// numbers: the same inputs always give the same advice). Negative values are 0.
std::vector<int> demand_from_normal(double mean, double spread, int samples);

Result<BlockSizingAdvice> advise_block_size(const BlockSizingInput& input);

}  // namespace caremarket::pricing
