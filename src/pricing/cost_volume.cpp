#include "pricing/cost_volume.hpp"

namespace caremarket::pricing {

std::string_view to_string(BandMode mode) { return mode == BandMode::marginal ? "marginal" : "whole_volume"; }

Status CostVolumeSchedule::validate() const {
  if (bands.empty()) return Error::invalid("a cost:volume schedule needs at least one band", "bands");
  if (bands.front().from_places != 1) return Error::invalid("the first band must start at 1 place", "bands");
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (bands[i].weekly_price.pence() <= 0) {
      return Error::invalid("band " + std::to_string(i + 1) + " needs a weekly price above £0", "bands");
    }
    if (i > 0 && bands[i].from_places <= bands[i - 1].from_places) {
      return Error::invalid("bands must start at increasing volumes (band " + std::to_string(i + 1) + ")", "bands");
    }
  }
  return {};
}

Result<WeeklyCharge> weekly_charge(const CostVolumeSchedule& schedule, int places) {
  CM_TRY_STATUS(schedule.validate());
  if (places < 0 || places > 100'000) return Error::invalid("places must be between 0 and 100,000", "places");
  WeeklyCharge charge;
  if (places == 0) return charge;
  const auto& bands = schedule.bands;
  if (schedule.mode == BandMode::whole_volume) {
    std::size_t reached = 0;
    for (std::size_t i = 0; i < bands.size(); ++i)
      if (places >= bands[i].from_places) reached = i;
    const Money price = bands[reached].weekly_price;
    charge.lines.push_back({1, places, places, price, price * places});
  } else {
    for (std::size_t i = 0; i < bands.size() && bands[i].from_places <= places; ++i) {
      const int from = bands[i].from_places;
      const int to = i + 1 < bands.size() ? std::min(places, bands[i + 1].from_places - 1) : places;
      const int count = to - from + 1;
      charge.lines.push_back({from, to, count, bands[i].weekly_price, bands[i].weekly_price * count});
    }
  }
  for (const auto& line : charge.lines) charge.total += line.amount;
  charge.average_per_place = charge.total.scaled(1, places);
  return charge;
}

}  // namespace caremarket::pricing
