#pragma once
// An interval around the central forecast, from the reference period itself:
// the same projection is run with rates measured over a number of other,
// earlier windows of the same length, and each step's interval spans the
// lowest and highest count of children in care among them. It shows how far
// the forecast rests on the period chosen; it is not a probability interval.
#include <vector>

#include "forecast/projection.hpp"

namespace caremarket::forecast {

struct IntervalOptions {
  int windows = 12;     // windows compared, the central one included
  int shift_days = 30;  // each earlier window ends this many days before the next
};

struct StepInterval {
  int day = 0;
  double low = 0, high = 0;  // children in care
  int windows_used = 0;      // windows with data enough to measure rates
};

Result<std::vector<StepInterval>> reference_interval(const std::vector<CleanEpisode>& episodes, const DailyStock& stock,
                                                     ReferencePeriod central, const Brackets& brackets,
                                                     const StateVector& start, const ProjectionOptions& projection,
                                                     const IntervalOptions& options);

}  // namespace caremarket::forecast
