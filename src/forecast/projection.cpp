#include "forecast/projection.hpp"

#include <algorithm>
#include <cmath>

namespace caremarket::forecast {
namespace {
std::size_t index(int state) { return static_cast<std::size_t>(state); }
}  // namespace

StateVector step(const StateVector& population, const RateMatrix& rates, const StateVector& entrants, int k) {
  RateMatrix rho{};
  StateVector total{};
  for (std::size_t s = 0; s < rates.size(); ++s) {
    for (std::size_t t = 0; t < rates.size(); ++t) {
      const double r = rates[s][t];
      if (r == 0) continue;
      rho[s][t] = 1.0 - std::pow(1.0 - r, k);
      total[s] += rho[s][t];
    }
  }
  StateVector next = population;
  for (std::size_t s = 0; s < rates.size(); ++s) {
    if (total[s] == 0) continue;
    const double out = std::clamp(population[s] * total[s], 0.0, population[s]);
    next[s] -= out;
    for (std::size_t t = 0; t < rates.size(); ++t) {
      if (rho[s][t] != 0) next[t] += rho[s][t] / total[s] * out;
    }
  }
  for (std::size_t t = 0; t < next.size(); ++t) next[t] += k * entrants[t];
  return next;
}

Result<std::vector<ProjectionStep>> project(const StateVector& start, const RateModel& model,
                                            const ProjectionOptions& options) {
  if (options.step_days < 1 || options.step_days > 366) return Error::invalid("a step is 1 to 366 days", "step_days");
  if (options.steps < 0 || options.steps > 100000) return Error::invalid("steps must be 0 to 100,000", "steps");
  RateMatrix rates = model.rates;
  for (const auto& a : options.adjustments) {
    if (a.from < 0 || a.from >= kStates || a.to < 0 || a.to >= kStates) {
      return Error::invalid("an adjustment names a state that does not exist", "adjustments");
    }
    double& r = rates[index(a.from)][index(a.to)];
    r = std::max(0.0, r + a.change_per_month / 30.0);
  }
  std::vector<ProjectionStep> out{{0, start}};
  out.reserve(static_cast<std::size_t>(options.steps) + 1);
  for (int i = 1; i <= options.steps; ++i) {
    out.push_back({i * options.step_days, step(out.back().population, rates, model.entrants, options.step_days)});
  }
  return out;
}

double in_category(const StateVector& population, Category category) {
  double sum = 0;
  for (int b = 0; b < kBrackets; ++b) sum += population[index(State{b, category}.index())];
  return sum;
}

double in_care(const StateVector& population) {
  double sum = 0;
  for (int c = 0; c < kCategories; ++c) {
    if (static_cast<Category>(c) != Category::not_in_care) sum += in_category(population, static_cast<Category>(c));
  }
  return sum;
}

double daily_cost(const StateVector& population, const std::map<Category, double>& weekly_cost) {
  double sum = 0;
  for (const auto& [category, weekly] : weekly_cost) {
    if (category != Category::not_in_care) sum += weekly / 7.0 * in_category(population, category);
  }
  return sum;
}

}  // namespace caremarket::forecast
