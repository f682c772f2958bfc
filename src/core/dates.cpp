#include "core/dates.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace caremarket {
using namespace std::chrono;  // this file is all calendar arithmetic
namespace {

bool parse_int(std::string_view text, int& out) {
  if (text.empty()) return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

Date make(int y, unsigned m, unsigned d) { return Date(year_month_day{year{y}, month{m}, day{d}}); }

Date easter_sunday(int y) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month_ = (h + l - 7 * m + 114) / 31, day_ = ((h + l - 7 * m + 114) % 31) + 1;
  return make(y, static_cast<unsigned>(month_), static_cast<unsigned>(day_));
}

Date first_monday(int y, unsigned m) { return Date(year_month_day(sys_days(year{y} / month{m} / Monday[1]))); }

Date last_monday(int y, unsigned m) { return Date(year_month_day(sys_days(year{y} / month{m} / Monday[last]))); }

Date next_weekday_if_weekend(Date d) {
  if (d.weekday() == Saturday) return d.plus_days(2);
  if (d.weekday() == Sunday) return d.plus_days(1);
  return d;
}
}  // namespace

Result<Date> Date::from_ymd(int y, unsigned m, unsigned d) {
  const year_month_day value{std::chrono::year{y}, month{m}, day{d}};
  if (!value.ok() || y < 1900 || y > 2200) {
    return Error::invalid("there is no such date as " + std::to_string(y) + "-" + std::to_string(m) + "-" +
                          std::to_string(d));
  }
  return Date(value);
}

Result<Date> Date::parse_iso(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !parse_int(text.substr(0, 4), y) ||
      !parse_int(text.substr(5, 2), m) || !parse_int(text.substr(8, 2), d)) {
    return Error::invalid("'" + std::string(text) + "' is not a date; write it as YYYY-MM-DD, e.g. 2026-04-01");
  }
  return from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

Result<Date> Date::parse_uk(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[2] != '/' || text[5] != '/' || !parse_int(text.substr(0, 2), d) ||
      !parse_int(text.substr(3, 2), m) || !parse_int(text.substr(6, 4), y)) {
    return Error::invalid("'" + std::string(text) + "' is not a date in the form DD/MM/YYYY");
  }
  return from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

Date Date::today() { return from_days(floor<std::chrono::days>(system_clock::now())); }

std::string Date::to_string() const {
  const auto v = ymd();
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(v.year()), static_cast<unsigned>(v.month()),
                static_cast<unsigned>(v.day()));
  return buf;
}

Timestamp now_utc() { return duration_cast<seconds>(system_clock::now().time_since_epoch()).count(); }

std::string format_timestamp(Timestamp t) {
  const sys_seconds s{seconds{t}};
  const auto day_point = floor<days>(s);
  const year_month_day ymd{day_point};
  const hh_mm_ss hms{s - day_point};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

Result<Timestamp> parse_timestamp(std::string_view text) {
  auto date = Date::parse_iso(text.substr(0, std::min<std::size_t>(10, text.size())));
  if (!date) return Error::invalid("'" + std::string(text) + "' is not a time; write it as 2026-04-01T09:30:00Z");
  const Timestamp midnight = duration_cast<seconds>(date->days().time_since_epoch()).count();
  if (text.size() == 10) return midnight;
  int h = 0, mi = 0, s = 0;
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z' ||
      !parse_int(text.substr(11, 2), h) || !parse_int(text.substr(14, 2), mi) || !parse_int(text.substr(17, 2), s) ||
      h > 23 || mi > 59 || s > 59) {
    return Error::invalid("'" + std::string(text) + "' is not a time; write it as 2026-04-01T09:30:00Z (UTC)");
  }
  return midnight + h * 3600 + mi * 60 + s;
}

std::vector<Date> bank_holidays_england(int y) {
  std::vector<Date> out;
  out.push_back(next_weekday_if_weekend(make(y, 1, 1)));
  const Date easter = easter_sunday(y);
  out.push_back(easter.plus_days(-2));
  out.push_back(easter.plus_days(1));
  // Early May: moved to the Friday for VE day in 1995 and 2020.
  if (y == 1995) out.push_back(make(1995, 5, 8));
  else if (y == 2020) out.push_back(make(2020, 5, 8));
  else out.push_back(first_monday(y, 5));
  // Spring: moved for the Golden, Diamond and Platinum Jubilees.
  if (y == 2002) out.push_back(make(2002, 6, 4));
  else if (y == 2012) out.push_back(make(2012, 6, 4));
  else if (y == 2022) out.push_back(make(2022, 6, 2));
  else out.push_back(last_monday(y, 5));
  out.push_back(last_monday(y, 8));
  // Christmas and Boxing Day, with substitute days when they fall at a weekend.
  const Date christmas = make(y, 12, 25);
  if (christmas.weekday() == Saturday) {
    out.push_back(make(y, 12, 27));
    out.push_back(make(y, 12, 28));
  } else if (christmas.weekday() == Sunday) {
    out.push_back(make(y, 12, 26));
    out.push_back(make(y, 12, 27));
  } else if (christmas.weekday() == Friday) {
    out.push_back(christmas);
    out.push_back(make(y, 12, 28));
  } else {
    out.push_back(christmas);
    out.push_back(make(y, 12, 26));
  }
  // One-off days.
  for (const Date extra : {make(1999, 12, 31), make(2002, 6, 3), make(2011, 4, 29), make(2012, 6, 5), make(2022, 6, 3),
                           make(2022, 9, 19), make(2023, 5, 8)}) {
    if (extra.year() == y) out.push_back(extra);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool is_bank_holiday_england(Date date) {
  const auto holidays = bank_holidays_england(date.year());
  return std::binary_search(holidays.begin(), holidays.end(), date);
}

bool is_working_day(Date date) {
  const auto wd = date.weekday();
  return wd != Saturday && wd != Sunday && !is_bank_holiday_england(date);
}

Date add_working_days(Date start, int n) {
  Date d = start;
  while (!is_working_day(d)) d = d.plus_days(1);
  for (int counted = 0; counted < n;) {
    d = d.plus_days(1);
    if (is_working_day(d)) ++counted;
  }
  return d;
}

int working_days_between(Date from, Date to) {
  int count = 0;
  for (Date d = from.plus_days(1); d <= to; d = d.plus_days(1)) {
    if (is_working_day(d)) ++count;
  }
  return count;
}

}  // namespace caremarket
