#include "invoicing/period.hpp"

#include <array>

namespace caremarket::invoicing {
namespace {
constexpr std::array<std::string_view, 7> kWeekdays{"sunday",   "monday", "tuesday", "wednesday",
                                                    "thursday", "friday", "saturday"};
}  // namespace

std::string_view to_string(Cadence cadence) { return cadence == Cadence::weekly ? "weekly" : "four_weekly"; }

std::optional<Cadence> cadence_from(std::string_view text) {
  if (text == "weekly") return Cadence::weekly;
  if (text == "four_weekly") return Cadence::four_weekly;
  return std::nullopt;
}

std::string_view weekday_name(std::chrono::weekday day) { return kWeekdays[day.c_encoding()]; }

std::optional<std::chrono::weekday> weekday_from(std::string_view text) {
  for (unsigned i = 0; i < kWeekdays.size(); ++i) {
    if (kWeekdays[i] == text) return std::chrono::weekday(i);
  }
  return std::nullopt;
}

Result<Period> make_period(Date start, Cadence cadence, std::chrono::weekday week_starts) {
  if (start.weekday() != week_starts) {
    // Name the two aligned starts either side, so the fix is obvious.
    const int back = static_cast<int>((start.weekday() - week_starts).count());
    const Date before = start.plus_days(-back);
    return Error::invalid("periods start on a " + std::string(weekday_name(week_starts)) + "; " + start.to_string() +
                              " is a " + std::string(weekday_name(start.weekday())) + " (try " + before.to_string() +
                              " or " + before.plus_days(7).to_string() + ")",
                          "period_start");
  }
  return Period{start, cadence};
}

}  // namespace caremarket::invoicing
