#include "forecast/children_rates.hpp"

#include <algorithm>

namespace caremarket::forecast {
namespace {
std::size_t index(int state) { return static_cast<std::size_t>(state); }
}  // namespace

DailyStock::DailyStock(const std::vector<CleanEpisode>& episodes) {
  bool any = false;
  for (const auto& e : episodes) {
    const Date end = std::max(e.decom, e.dec.value_or(e.decom));
    first_ = any ? std::min(first_, e.decom) : e.decom;
    last_ = any ? std::max(last_, end) : end;
    any = true;
  }
  if (!any) return;
  const auto days = static_cast<std::size_t>(first_.days_until(last_)) + 1;
  // +1 on the start day, -1 on the end day, then running sums.
  std::vector<StateVector> change(days + 1, StateVector{});
  for (const auto& e : episodes) {
    if (!e.bracket) continue;
    const int s = State{*e.bracket, e.category}.index();
    change[static_cast<std::size_t>(first_.days_until(e.decom))][index(s)] += 1;
    if (e.dec) change[static_cast<std::size_t>(first_.days_until(*e.dec))][index(s)] -= 1;
  }
  rows_.resize(days);
  StateVector running{};
  for (std::size_t d = 0; d < days; ++d) {
    for (std::size_t s = 0; s < running.size(); ++s) running[s] += change[d][s];
    rows_[d] = running;
  }
}

StateVector DailyStock::on(Date d) const {
  if (rows_.empty() || d < first_) return StateVector{};
  if (d > last_) return rows_.back();
  return rows_[static_cast<std::size_t>(first_.days_until(d))];
}

Result<RateModel> estimate_rates(const std::vector<CleanEpisode>& episodes, const DailyStock& stock,
                                 ReferencePeriod period, const Brackets& brackets) {
  if (period.end < period.start) return Error::invalid("the reference period ends before it starts");
  if (period.start == period.end) return Error::invalid("the reference period needs at least two days");
  const auto n = static_cast<double>(period.start.days_until(period.end) + 1);
  RateModel model;
  for (const auto& e : episodes) {
    if (!e.bracket) continue;
    const int s = State{*e.bracket, e.category}.index();
    if (e.dec && *e.dec >= period.start && *e.dec <= period.end) {
      const int t = State{*e.bracket, e.after}.index();
      const Date denominator_day = *e.dec == period.start ? period.start : e.dec->plus_days(-1);
      const double d = stock.on(denominator_day)[index(s)];
      // A transition with no stock the day before (a zero-length episode) has no rate to add to.
      if (d > 0) model.rates[index(s)][index(t)] += 1.0 / d / n;
    }
    if (e.decom >= period.start && e.decom <= period.end && e.before == Category::not_in_care) {
      model.entrants[index(s)] += 1.0;
    }
  }
  const auto entry_days = static_cast<double>(period.start.days_until(period.end));
  for (auto& v : model.entrants) v /= entry_days;
  for (int b = 0; b + 1 < kBrackets; ++b) {
    for (int c = 0; c < kCategories; ++c) {
      const int from = State{b, static_cast<Category>(c)}.index();
      const int to = State{b + 1, static_cast<Category>(c)}.index();
      model.rates[index(from)][index(to)] += 1.0 / brackets.length_days[static_cast<std::size_t>(b)];
    }
  }
  return model;
}

}  // namespace caremarket::forecast
