#pragma once
// The stock-and-flow projection: a population over the states moved forward
// in steps of k days with fixed daily rates and daily entrants.
#include <map>
#include <vector>

#include "core/result.hpp"
#include "forecast/children_rates.hpp"

namespace caremarket::forecast {

struct RateAdjustment {
  int from = 0, to = 0;         // state indices
  double change_per_month = 0;  // added to the daily rate as change / 30
};

struct ProjectionOptions {
  int step_days = 1;
  int steps = 1;
  std::vector<RateAdjustment> adjustments;
};

struct ProjectionStep {
  int day = 0;  // days after the start
  StateVector population{};
};

// One step: rho = 1 - (1 - r)^k; R_s = sum of rho(s->.); out_s = P_s * R_s,
// clamped to [0, P_s] and shared among destinations in proportion to rho;
// k days of entrants added.
StateVector step(const StateVector& population, const RateMatrix& rates, const StateVector& entrants, int k);

// The start and every step after it.
Result<std::vector<ProjectionStep>> project(const StateVector& start, const RateModel& model,
                                            const ProjectionOptions& options);

// Children in care (the not-in-care states left out), by category or in all.
double in_care(const StateVector& population);
double in_category(const StateVector& population, Category category);

// Daily cost: each category's children times its weekly cost / 7.
double daily_cost(const StateVector& population, const std::map<Category, double>& weekly_cost);

}  // namespace caremarket::forecast
