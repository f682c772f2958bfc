#include "forecast/projection.hpp"

#include <algorithm>
#include <cmath>

namespace caremarket::forecast {
namespace {
std::size_t index(int state) { return static_cast<std::size_t>(state); }

// rho and R depend on the rates and k alone: worked out once per projection.
struct StepMatrix {
  RateMatrix share{};   // rho(s->t) / R_s
  StateVector total{};  // R_s
};

StepMatrix prepare(const RateMatrix& rates, int k) {
  StepMatrix m;
  for (std::size_t s = 0; s < rates.size(); ++s) {
    for (std::size_t t = 0; t < rates.size(); ++t) {
      if (rates[s][t] == 0) continue;
      m.share[s][t] = 1.0 - std::pow(1.0 - rates[s][t], k);
      m.total[s] += m.share[s][t];
    }
    if (m.total[s] != 0) {
      for (auto& v : m.share[s]) v /= m.total[s];
    }
  }
  return m;
}

StateVector apply(const StepMatrix& m, const StateVector& population, const StateVector& entrants, int k) {
  StateVector next = population;
  for (std::size_t s = 0; s < population.size(); ++s) {
    if (m.total[s] == 0) continue;
    const double out = std::clamp(population[s] * m.total[s], 0.0, population[s]);
    next[s] -= out;
    for (std::size_t t = 0; t < population.size(); ++t) next[t] += m.share[s][t] * out;
  }
  for (std::size_t t = 0; t < next.size(); ++t) next[t] += k * entrants[t];
  return next;
}
}  // namespace

StateVector step(const StateVector& population, const RateMatrix& rates, const StateVector& entrants, int k) {
  return apply(prepare(rates, k), population, entrants, k);
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
  const StepMatrix m = prepare(rates, options.step_days);
  std::vector<ProjectionStep> out{{0, start}};
  out.reserve(static_cast<std::size_t>(options.steps) + 1);
  for (int i = 1; i <= options.steps; ++i) {
    out.push_back({i * options.step_days, apply(m, out.back().population, model.entrants, options.step_days)});
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
