#pragma once
// Calendar dates, timestamps and English working days (for statutory timers
// such as the 8 working day standstill).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace caremarket {

class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::chrono::year_month_day ymd) : days_(std::chrono::sys_days(ymd)) {}
  static constexpr Date from_days(std::chrono::sys_days days) {
    Date d;
    d.days_ = days;
    return d;
  }
  static Result<Date> from_ymd(int year, unsigned month, unsigned day);

  // "2026-04-01" (ISO 8601). The only form the API accepts.
  static Result<Date> parse_iso(std::string_view text);
  // "01/04/2026" (day first), as UK registers publish dates.
  static Result<Date> parse_uk(std::string_view text);
  static Date today();

  std::chrono::year_month_day ymd() const { return std::chrono::year_month_day(days_); }
  std::chrono::sys_days days() const { return days_; }
  int year() const { return static_cast<int>(ymd().year()); }
  std::chrono::weekday weekday() const { return std::chrono::weekday(days_); }
  std::string to_string() const;

  Date plus_days(std::int64_t n) const { return from_days(days_ + std::chrono::days(n)); }
  std::int64_t days_until(Date later) const { return (later.days_ - days_).count(); }
  constexpr auto operator<=>(const Date&) const = default;

 private:
  std::chrono::sys_days days_{};
};

// Seconds since 1970-01-01T00:00:00Z.
using Timestamp = std::int64_t;
Timestamp now_utc();
std::string format_timestamp(Timestamp t);                 // "2026-11-22T10:15:00Z"
Result<Timestamp> parse_timestamp(std::string_view text);  // the same form, or a date (midnight)

// Bank holidays in England and Wales, from the statutory rules plus the
// one-off days proclaimed since 1995.
bool is_bank_holiday_england(Date date);
std::vector<Date> bank_holidays_england(int year);
bool is_working_day(Date date);
// The date `n` working days after `start` (n >= 0; n == 0 gives start itself
// if it is a working day, else the next working day).
Date add_working_days(Date start, int n);
// Working days in (from, to]: the count a statutory timer uses.
int working_days_between(Date from, Date to);

}  // namespace caremarket
