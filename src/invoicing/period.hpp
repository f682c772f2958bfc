#pragma once
// Invoice periods: a week or four weeks, starting on the weekday the council
// pays on. Days are whole calendar days, both ends included.
#include <chrono>
#include <optional>
#include <string_view>

#include "core/dates.hpp"
#include "core/result.hpp"

namespace caremarket::invoicing {

enum class Cadence { weekly, four_weekly };
std::string_view to_string(Cadence cadence);
std::optional<Cadence> cadence_from(std::string_view text);

struct Period {
  Date start;
  Cadence cadence = Cadence::weekly;
  int days() const { return cadence == Cadence::weekly ? 7 : 28; }
  Date end() const { return start.plus_days(days() - 1); }  // the last day, included
  bool contains(Date day) const { return start <= day && day <= end(); }
};

// A period starting on `start`, which must fall on `week_starts`.
Result<Period> make_period(Date start, Cadence cadence, std::chrono::weekday week_starts = std::chrono::Monday);

std::string_view weekday_name(std::chrono::weekday day);
std::optional<std::chrono::weekday> weekday_from(std::string_view text);

}  // namespace caremarket::invoicing
