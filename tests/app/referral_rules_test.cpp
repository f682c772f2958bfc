// The referral rules written once (app/referral_rules.hpp): the API and the
// web form used to differ on three of them.
#include <gtest/gtest.h>

#include "app/referral_rules.hpp"

namespace caremarket::app {
namespace {

const Date kToday = Date::parse_iso("2026-12-03").value();

ReferralInput nursing() {
  ReferralInput in;
  in.kinds = {market::KindOfCare::care_home_nursing};
  in.age = 84;
  in.person.name = "Edna Testperson";
  return in;
}

std::vector<std::string> fields(const std::vector<FieldProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field);
  return out;
}

TEST(ReferralRules, AGoodAdultReferralHasNoProblem) { EXPECT_TRUE(referral_problems(nursing(), kToday).empty()); }

TEST(ReferralRules, InadequateServicesNeedAReasonWhereverTheReferralComesFrom) {
  auto in = nursing();
  in.min_rating = market::Rating::inadequate;
  EXPECT_EQ(fields(referral_problems(in, kToday)), std::vector<std::string>{"inadequate_override_reason"});
  in.inadequate_override_reason = "   ";
  EXPECT_EQ(fields(referral_problems(in, kToday)), std::vector<std::string>{"inadequate_override_reason"});
  in.inadequate_override_reason = "no other home within 40 miles takes bariatric nursing";
  EXPECT_TRUE(referral_problems(in, kToday).empty());
}

TEST(ReferralRules, ADateOfBirthMustBeInThePast) {
  auto in = nursing();
  in.person.date_of_birth = "2026-12-04";
  const auto problems = referral_problems(in, kToday);
  ASSERT_EQ(fields(problems), std::vector<std::string>{"person.date_of_birth"});
  EXPECT_EQ(problems.front().message, "the date of birth must be in the past");
  in.person.date_of_birth = "2026-12-03";
  EXPECT_TRUE(referral_problems(in, kToday).empty());
  in.person.date_of_birth = "1941-02-30";
  EXPECT_EQ(fields(referral_problems(in, kToday)), std::vector<std::string>{"person.date_of_birth"});
}

TEST(ReferralRules, HomeCareNeedsItsHoursOtherCareMayLeaveThemAtZero) {
  auto in = nursing();
  in.hours_per_week = 0;
  EXPECT_TRUE(referral_problems(in, kToday).empty());
  in.kinds = {market::KindOfCare::home_care};
  EXPECT_EQ(fields(referral_problems(in, kToday)), std::vector<std::string>{"hours_per_week"});
  in.hours_per_week = 1;
  EXPECT_TRUE(referral_problems(in, kToday).empty());
  in.hours_per_week = 169;
  EXPECT_EQ(fields(referral_problems(in, kToday)), std::vector<std::string>{"hours_per_week"});
}

TEST(ReferralRules, EveryProblemIsReportedInTheFormsOrder) {
  ReferralInput in;
  in.age = 12;
  in.max_distance_miles = 0;
  in.person.nhs_number = "12345";
  in.needed_by = Date::parse_iso("2026-12-02").value();
  EXPECT_EQ(
      fields(referral_problems(in, kToday)),
      (std::vector<std::string>{"person.name", "person.nhs_number", "age", "max_distance_miles", "kind", "needed_by"}));
}

TEST(ReferralRules, AChildsReferralIsForSomeoneUnder18) {
  ReferralInput in;
  in.for_child = true;
  in.age = 18;
  in.person.name = "A Child";
  EXPECT_EQ(fields(referral_problems(in, kToday)), std::vector<std::string>{"age"});
  in.age = 17;
  EXPECT_TRUE(referral_problems(in, kToday).empty());
}

}  // namespace
}  // namespace caremarket::app
