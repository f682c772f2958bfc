#pragma once
// Stock, transition rates and daily entrants from cleaned episodes, over a
// reference period: the inputs of the projection.
#include <array>
#include <vector>

#include "core/dates.hpp"
#include "forecast/children_states.hpp"

namespace caremarket::forecast {

using StateVector = std::array<double, kStates>;
using RateMatrix = std::array<StateVector, kStates>;  // [from][to], a daily rate

// Children in each state on every day of the data: an episode counts on day d
// when it started on or before d and had not ended by d.
class DailyStock {
 public:
  explicit DailyStock(const std::vector<CleanEpisode>& episodes);
  Date first() const { return first_; }
  Date last() const { return last_; }
  // Any date: before the data every state is 0, after it the last day holds.
  StateVector on(Date d) const;

 private:
  Date first_, last_;
  std::vector<StateVector> rows_;  // one per day from first_ to last_
};

struct ReferencePeriod {
  Date start, end;  // inclusive
};

struct RateModel {
  RateMatrix rates{};      // from data, plus ageing
  StateVector entrants{};  // children a day entering care into each state
};

// r(s->t) = mean over the period's days of transitions(s->t) / stock of s on
// the day before (the period's first day: its own stock); 0/0 is 0. Entrants:
// episodes starting in the period from outside care, over (end - start) days.
// Ageing adds 1/length of the bracket to (bracket, c) -> (bracket + 1, c).
Result<RateModel> estimate_rates(const std::vector<CleanEpisode>& episodes, const DailyStock& stock,
                                 ReferencePeriod period, const Brackets& brackets);

}  // namespace caremarket::forecast
