#pragma once
// Cost:volume pricing for block and soft block contracts: a schedule of
// volume bands, each with its weekly price per place. Two ways to apply it,
// chosen by the contract: the whole volume at the price of the band reached,
// or marginal bands (each place at its own band's price).
#include <string>
#include <vector>

#include "core/money.hpp"
#include "core/result.hpp"

namespace caremarket::pricing {

enum class BandMode { whole_volume, marginal };
std::string_view to_string(BandMode mode);

struct VolumeBand {
  int from_places = 1;  // the band applies from this many places up
  Money weekly_price;   // per place per week
};

struct CostVolumeSchedule {
  BandMode mode = BandMode::whole_volume;
  std::vector<VolumeBand> bands;  // ascending from_places; the first starts at 1
  Status validate() const;
};

// One line of the weekly charge, as an invoice shows it.
struct ChargeLine {
  int from_places = 0;
  int to_places = 0;  // inclusive
  int places = 0;
  Money weekly_price;
  Money amount;  // places x price
};

struct WeeklyCharge {
  std::vector<ChargeLine> lines;
  Money total;
  Money average_per_place;  // total / places, rounded by the house rule
};

// The weekly charge for `places` places (0 gives an empty charge).
Result<WeeklyCharge> weekly_charge(const CostVolumeSchedule& schedule, int places);

}  // namespace caremarket::pricing
