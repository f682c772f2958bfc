#include "core/dates.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace caremarket {
namespace {

Date d(const std::string& iso) {
  const auto r = Date::parse_iso(iso);
  EXPECT_TRUE(r.has_value()) << iso;
  return r ? *r : Date();
}

std::vector<std::string> holidays(int year) {
  std::vector<std::string> out;
  for (const Date day : bank_holidays_england(year)) out.push_back(day.to_string());
  return out;
}

using Strings = std::vector<std::string>;

TEST(DateParse, IsoValid) {
  const auto r = Date::parse_iso("2026-04-01");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->to_string(), "2026-04-01");
  EXPECT_EQ(r->year(), 2026);
  EXPECT_EQ(static_cast<unsigned>(r->ymd().month()), 4u);
  EXPECT_EQ(static_cast<unsigned>(r->ymd().day()), 1u);
  EXPECT_EQ(r->weekday(), std::chrono::Wednesday);
  EXPECT_EQ(d("2024-02-29").to_string(), "2024-02-29");  // leap year
  EXPECT_EQ(d("2000-02-29").to_string(), "2000-02-29");  // divisible by 400
  EXPECT_EQ(d("1999-12-31").to_string(), "1999-12-31");
}

TEST(DateParse, IsoInvalid) {
  for (const std::string bad : {"2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-04-00",
                                "2026-4-01", "2026/04/01", "01/04/2026", "20260401", "", "2026-04-01T", "abcd-ef-gh",
                                "2026--1-01", "2026-04- 1", " 2026-04-01", "1800-01-01", "2300-01-01"}) {
    const auto r = Date::parse_iso(bad);
    EXPECT_FALSE(r.has_value()) << "'" << bad << "' should be rejected";
    if (!r) { EXPECT_EQ(r.error().code, ErrorCode::invalid_input); }
  }
}

TEST(DateParse, UkDayFirst) {
  const auto r = Date::parse_uk("01/04/2026");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->to_string(), "2026-04-01");  // 1 April, not 4 January
  ASSERT_TRUE(Date::parse_uk("29/02/2024").has_value());
  EXPECT_EQ(Date::parse_uk("29/02/2024")->to_string(), "2024-02-29");
  for (const std::string bad :
       {"29/02/2026", "31/04/2026", "1/4/2026", "2026-04-01", "01-04-2026", "32/01/2026", "01/13/2026", ""}) {
    EXPECT_FALSE(Date::parse_uk(bad).has_value()) << "'" << bad << "' should be rejected";
  }
}

TEST(DateParse, FromYmd) {
  EXPECT_TRUE(Date::from_ymd(2024, 2, 29).has_value());
  EXPECT_FALSE(Date::from_ymd(2026, 2, 29).has_value());
  EXPECT_FALSE(Date::from_ymd(2026, 0, 1).has_value());
  EXPECT_FALSE(Date::from_ymd(2026, 1, 32).has_value());
}

TEST(DateArithmetic, PlusDaysAndDaysUntil) {
  EXPECT_EQ(d("2024-02-28").plus_days(1).to_string(), "2024-02-29");
  EXPECT_EQ(d("2026-02-28").plus_days(1).to_string(), "2026-03-01");
  EXPECT_EQ(d("2026-01-01").plus_days(-1).to_string(), "2025-12-31");
  EXPECT_EQ(d("2026-01-01").days_until(d("2027-01-01")), 365);
  EXPECT_EQ(d("2024-01-01").days_until(d("2025-01-01")), 366);
  EXPECT_EQ(d("2026-03-10").days_until(d("2026-03-01")), -9);
  EXPECT_LT(d("2026-03-01"), d("2026-03-02"));
}

TEST(Timestamps, FormatAndParseRoundTrip) {
  EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp(86399), "1970-01-01T23:59:59Z");
  const auto t = parse_timestamp("2026-11-22T10:15:00Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, 1795342500);  // date -u -d 2026-11-22T10:15:00Z +%s
  EXPECT_EQ(format_timestamp(*t), "2026-11-22T10:15:00Z");
  for (const Timestamp v : {Timestamp{1}, Timestamp{951782400}, Timestamp{1709164799}, Timestamp{4102444799}}) {
    const auto back = parse_timestamp(format_timestamp(v));
    ASSERT_TRUE(back.has_value()) << v;
    EXPECT_EQ(*back, v);
  }
}

TEST(Timestamps, DateAloneMeansMidnight) {
  const auto t = parse_timestamp("2026-04-01");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(format_timestamp(*t), "2026-04-01T00:00:00Z");
}

TEST(Timestamps, RejectsOtherForms) {
  for (const std::string bad :
       {"2026-04-01T24:00:00Z", "2026-04-01T10:60:00Z", "2026-04-01T10:00:60Z", "2026-04-01T10:00:00",
        "2026-04-01 10:00:00Z", "2026-04-01T10:00:00+01:00", "2026-02-29T00:00:00Z", "yesterday", ""}) {
    EXPECT_FALSE(parse_timestamp(bad).has_value()) << "'" << bad << "' should be rejected";
  }
}

TEST(Timestamps, NowIsAfter2025) { EXPECT_GT(now_utc(), 1735689600); }

// Published by gov.uk (https://www.gov.uk/bank-holidays), England and Wales.
TEST(BankHolidays, Year2020VeDayMovedEarlyMay) {
  EXPECT_EQ(holidays(2020), (Strings{"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31",
                                     "2020-12-25", "2020-12-28"}));
  EXPECT_FALSE(is_bank_holiday_england(d("2020-05-04")));
}

TEST(BankHolidays, Year2022PlatinumJubileeAndStateFuneral) {
  EXPECT_EQ(holidays(2022), (Strings{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
                                     "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"}));
  EXPECT_FALSE(is_bank_holiday_england(d("2022-05-30")));  // last Monday of May moved to 2 June
}

TEST(BankHolidays, Year2023Coronation) {
  EXPECT_EQ(holidays(2023), (Strings{"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29",
                                     "2023-08-28", "2023-12-25", "2023-12-26"}));
}

TEST(BankHolidays, Year2026) {
  EXPECT_EQ(holidays(2026), (Strings{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
                                     "2026-12-25", "2026-12-28"}));
}

TEST(BankHolidays, Year2027ChristmasSubstitutes) {
  EXPECT_EQ(holidays(2027), (Strings{"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
                                     "2027-12-27", "2027-12-28"}));
  EXPECT_FALSE(is_bank_holiday_england(d("2027-12-25")));  // a Saturday: the day off moves
}

TEST(BankHolidays, OtherPublishedYears) {
  EXPECT_EQ(holidays(2021), (Strings{"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30",
                                     "2021-12-27", "2021-12-28"}));
  EXPECT_EQ(holidays(2024), (Strings{"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
                                     "2024-12-25", "2024-12-26"}));
  EXPECT_EQ(holidays(2025), (Strings{"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
                                     "2025-12-25", "2025-12-26"}));
  // 2012 Diamond Jubilee, 2011 royal wedding, 1999 millennium.
  EXPECT_TRUE(is_bank_holiday_england(d("2012-06-04")));
  EXPECT_TRUE(is_bank_holiday_england(d("2012-06-05")));
  EXPECT_FALSE(is_bank_holiday_england(d("2012-05-28")));
  EXPECT_TRUE(is_bank_holiday_england(d("2011-04-29")));
  EXPECT_TRUE(is_bank_holiday_england(d("1999-12-31")));
  EXPECT_FALSE(is_bank_holiday_england(d("2000-12-31")));
  EXPECT_EQ(holidays(2028).front(), "2028-01-03");  // 1 Jan 2028 is a Saturday
}

TEST(BankHolidays, PredicateAgreesWithList) {
  for (int year = 2019; year <= 2030; ++year) {
    const auto list = bank_holidays_england(year);
    for (Date day = d(std::to_string(year) + "-01-01"); day.year() == year; day = day.plus_days(1)) {
      const bool listed = std::find(list.begin(), list.end(), day) != list.end();
      EXPECT_EQ(is_bank_holiday_england(day), listed) << day.to_string();
      if (listed) { EXPECT_FALSE(is_working_day(day)) << day.to_string(); }
    }
  }
}

TEST(WorkingDays, WeekendsAndHolidaysAreNotWorkingDays) {
  EXPECT_TRUE(is_working_day(d("2026-04-02")));   // Thursday before Good Friday
  EXPECT_FALSE(is_working_day(d("2026-04-03")));  // Good Friday
  EXPECT_FALSE(is_working_day(d("2026-04-04")));  // Saturday
  EXPECT_FALSE(is_working_day(d("2026-04-05")));  // Sunday
  EXPECT_FALSE(is_working_day(d("2026-04-06")));  // Easter Monday
  EXPECT_TRUE(is_working_day(d("2026-04-07")));
}

TEST(WorkingDays, AddOverEaster2026) {
  EXPECT_EQ(add_working_days(d("2026-04-02"), 1).to_string(), "2026-04-07");
  EXPECT_EQ(add_working_days(d("2026-04-02"), 0).to_string(), "2026-04-02");
  EXPECT_EQ(add_working_days(d("2026-04-03"), 0).to_string(), "2026-04-07");  // starts on a holiday
  // The 8 working day standstill from Wednesday 1 April 2026.
  EXPECT_EQ(add_working_days(d("2026-04-01"), 8).to_string(), "2026-04-15");
}

TEST(WorkingDays, AddOverChristmas) {
  // 2026: Thu 24, Fri 25 (holiday), Mon 28 (holiday), Tue 29.
  EXPECT_EQ(add_working_days(d("2026-12-24"), 1).to_string(), "2026-12-29");
  EXPECT_EQ(add_working_days(d("2026-12-24"), 4).to_string(), "2027-01-04");  // 29, 30, 31, (1 Jan holiday), 4 Jan
  // 2027: Fri 24, 27 & 28 substitutes.
  EXPECT_EQ(add_working_days(d("2027-12-24"), 1).to_string(), "2027-12-29");
}

TEST(WorkingDays, BetweenCountsTheHalfOpenInterval) {
  EXPECT_EQ(working_days_between(d("2026-04-01"), d("2026-04-01")), 0);
  EXPECT_EQ(working_days_between(d("2026-04-01"), d("2026-04-02")), 1);
  EXPECT_EQ(working_days_between(d("2026-04-02"), d("2026-04-07")), 1);  // Easter weekend
  EXPECT_EQ(working_days_between(d("2026-04-01"), d("2026-04-15")), 8);
  EXPECT_EQ(working_days_between(d("2026-12-24"), d("2027-01-04")), 4);
  EXPECT_EQ(working_days_between(d("2026-04-15"), d("2026-04-01")), 0);    // backwards: nothing
  EXPECT_EQ(working_days_between(d("2026-01-01"), d("2026-12-31")), 253);  // 261 weekdays less 8 holidays
}

TEST(WorkingDays, AddAndBetweenAgree) {
  for (Date start = d("2026-01-01"); start < d("2027-02-01"); start = start.plus_days(3)) {
    for (int n = 1; n <= 12; ++n) {
      const Date end = add_working_days(start, n);
      EXPECT_TRUE(is_working_day(end)) << start.to_string() << " + " << n;
      if (is_working_day(start)) { EXPECT_EQ(working_days_between(start, end), n) << start.to_string() << " + " << n; }
    }
  }
}

}  // namespace
}  // namespace caremarket
