#include "forecast/intervals.hpp"

#include <algorithm>

namespace caremarket::forecast {

Result<std::vector<StepInterval>> reference_interval(const std::vector<CleanEpisode>& episodes, const DailyStock& stock,
                                                     ReferencePeriod central, const Brackets& brackets,
                                                     const StateVector& start, const ProjectionOptions& projection,
                                                     const IntervalOptions& options) {
  if (options.windows < 1 || options.windows > 120) return Error::invalid("windows must be 1 to 120", "windows");
  if (options.shift_days < 1 || options.shift_days > 3660)
    return Error::invalid("shift_days must be 1 to 3,660", "shift_days");
  std::vector<StepInterval> out;
  for (int w = 0; w < options.windows; ++w) {
    const ReferencePeriod period{central.start.plus_days(-w * options.shift_days),
                                 central.end.plus_days(-w * options.shift_days)};
    if (w > 0 && period.start < stock.first()) break;  // no earlier data: the windows stop here
    CM_ASSIGN_OR_RETURN(const RateModel model, estimate_rates(episodes, stock, period, brackets));
    CM_ASSIGN_OR_RETURN(const auto steps, project(start, model, projection));
    if (out.empty()) {
      for (const auto& s : steps) out.push_back({s.day, in_care(s.population), in_care(s.population), 0});
    }
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const double v = in_care(steps[i].population);
      out[i].low = std::min(out[i].low, v);
      out[i].high = std::max(out[i].high, v);
      ++out[i].windows_used;
    }
  }
  return out;
}

}  // namespace caremarket::forecast
