#include "core/money.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace caremarket {
namespace {

std::int64_t parsed_pence(const std::string& text) {
  const auto m = Money::parse(text);
  EXPECT_TRUE(m.has_value()) << "'" << text << "' should parse";
  return m ? m->pence() : -999999;
}

TEST(MoneyParse, AcceptsThePublishedForms) {
  EXPECT_EQ(parsed_pence("1050"), 105000);
  EXPECT_EQ(parsed_pence("1050.5"), 105050);
  EXPECT_EQ(parsed_pence("1050.50"), 105050);
  EXPECT_EQ(parsed_pence("1050.05"), 105005);
  EXPECT_EQ(parsed_pence("\xC2\xA3"
                         "1,050.50"),
            105050);
  EXPECT_EQ(parsed_pence("-3.20"), -320);
  EXPECT_EQ(parsed_pence("0.01"), 1);
  EXPECT_EQ(parsed_pence("0"), 0);
  EXPECT_EQ(parsed_pence("  12.34  "), 1234);  // surrounding spaces are tolerated
  EXPECT_EQ(parsed_pence("-\xC2\xA3"
                         "2.50"),
            -250);
}

TEST(MoneyParse, RejectsMalformedText) {
  for (const std::string bad :
       {"1.234", "abc", "", " ", "-", "\xC2\xA3", ".", "1.2.3", "12a", "1,05.0x", "--3", "1e3", "+5", "1.2,3"}) {
    const auto m = Money::parse(bad);
    EXPECT_FALSE(m.has_value()) << "'" << bad << "' should be rejected";
    if (!m) { EXPECT_EQ(m.error().code, ErrorCode::invalid_input) << bad; }
  }
}

TEST(MoneyParse, ThreeDecimalPlacesIsAnErrorNotARounding) {
  const auto m = Money::parse("1.234");
  ASSERT_FALSE(m.has_value());
  EXPECT_NE(m.error().message.find("two decimal places"), std::string::npos) << m.error().message;
}

TEST(MoneyParse, LargestAmountsAndOverflow) {
  // INT64_MAX pence is 92233720368547758.07 pounds.
  EXPECT_EQ(parsed_pence("92233720368547758.07"), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(parsed_pence("92233720368547758"), 9223372036854775800);
  for (const std::string big : {"92233720368547758.08", "92233720368547758.99", "92233720368547759",
                                "100000000000000000000", "99999999999999999999999.00"}) {
    const auto m = Money::parse(big);
    EXPECT_FALSE(m.has_value()) << "'" << big << "' overflows a 64-bit count of pence";
    if (!m) { EXPECT_EQ(m.error().code, ErrorCode::invalid_input); }
  }
}

TEST(MoneyFormat, ToStringIsThePlainJsonForm) {
  EXPECT_EQ(Money::from_pence(105050).to_string(), "1050.50");
  EXPECT_EQ(Money::from_pence(5).to_string(), "0.05");
  EXPECT_EQ(Money::from_pence(0).to_string(), "0.00");
  EXPECT_EQ(Money::from_pence(-320).to_string(), "-3.20");
  EXPECT_EQ(Money::from_pence(-5).to_string(), "-0.05");
  EXPECT_EQ(Money::from_pounds(1234567).to_string(), "1234567.00");
}

TEST(MoneyFormat, ToDisplayGroupsThousandsWithAPoundSign) {
  EXPECT_EQ(Money::from_pence(105050).to_display(),
            "\xC2\xA3"
            "1,050.50");
  EXPECT_EQ(Money::from_pence(99).to_display(),
            "\xC2\xA3"
            "0.99");
  EXPECT_EQ(Money::from_pence(100000).to_display(),
            "\xC2\xA3"
            "1,000.00");
  EXPECT_EQ(Money::from_pence(99999).to_display(),
            "\xC2\xA3"
            "999.99");
  EXPECT_EQ(Money::from_pence(123456789).to_display(),
            "\xC2\xA3"
            "1,234,567.89");
  EXPECT_EQ(Money::from_pence(-123456).to_display(),
            "-\xC2\xA3"
            "1,234.56");
}

TEST(MoneyFormat, ParseOfToStringAndToDisplayRoundTrips) {
  for (const std::int64_t p : {0LL, 1LL, 99LL, 100LL, 105050LL, -320LL, 123456789012LL, -987654321LL}) {
    const auto m = Money::from_pence(p);
    EXPECT_EQ(parsed_pence(m.to_string()), p);
    EXPECT_EQ(parsed_pence(m.to_display()), p);
  }
}

TEST(MoneyRounding, DivideRoundsHalvesAwayFromZero) {
  EXPECT_EQ(divide_round_half_away(1, 2), 1);    // 0.5 -> 1
  EXPECT_EQ(divide_round_half_away(-1, 2), -1);  // -0.5 -> -1
  EXPECT_EQ(divide_round_half_away(1, -2), -1);
  EXPECT_EQ(divide_round_half_away(-1, -2), 1);
  EXPECT_EQ(divide_round_half_away(3, 2), 2);  // 1.5 -> 2
  EXPECT_EQ(divide_round_half_away(5, 2), 3);  // 2.5 -> 3, not banker's 2
  EXPECT_EQ(divide_round_half_away(-5, 2), -3);
  EXPECT_EQ(divide_round_half_away(149, 100), 1);  // 1.49 -> 1
  EXPECT_EQ(divide_round_half_away(151, 100), 2);
  EXPECT_EQ(divide_round_half_away(-149, 100), -1);
  EXPECT_EQ(divide_round_half_away(-151, 100), -2);
  EXPECT_EQ(divide_round_half_away(10, 5), 2);
  EXPECT_EQ(divide_round_half_away(0, 7), 0);
  EXPECT_EQ(divide_round_half_away(1, 3), 0);
  EXPECT_EQ(divide_round_half_away(2, 3), 1);
  EXPECT_EQ(divide_round_half_away(-2, 3), -1);
}

TEST(MoneyRounding, DivideAgreesWithRemainderRule) {
  // Independent statement of the rule: magnitude is the truncated quotient,
  // plus one when the remainder is at least half the divisor; sign after.
  for (std::int64_t n = -200; n <= 200; ++n) {
    for (const std::int64_t d : {-7LL, -4LL, -2LL, -1LL, 1LL, 2LL, 3LL, 4LL, 8LL, 10LL}) {
      const std::int64_t a = n < 0 ? -n : n;
      const std::int64_t b = d < 0 ? -d : d;
      std::int64_t magnitude = a / b;
      if ((a % b) * 2 >= b) ++magnitude;
      const std::int64_t expected = (n < 0) != (d < 0) ? -magnitude : magnitude;
      EXPECT_EQ(divide_round_half_away(n, d), expected) << n << "/" << d;
    }
  }
}

TEST(MoneyRounding, ScaledRoundsHalfPenniesAwayFromZero) {
  EXPECT_EQ(Money::from_pence(1).scaled(1, 2).pence(), 1);
  EXPECT_EQ(Money::from_pence(-1).scaled(1, 2).pence(), -1);
  EXPECT_EQ(Money::from_pence(3).scaled(1, 2).pence(), 2);
  EXPECT_EQ(Money::from_pence(-3).scaled(1, 2).pence(), -2);
  // Pro rata: 3 days of a £1,000.00 week = 42857.142.. -> 42857.
  EXPECT_EQ(Money::from_pounds(1000).scaled(3, 7).pence(), 42857);
  // 4 days of £1,000.01 = 57143.428.. -> 57143; 1 day of £10.01 = 143
  EXPECT_EQ(Money::from_pence(100001).scaled(4, 7).pence(), 57143);
  EXPECT_EQ(Money::from_pence(1001).scaled(1, 7).pence(), 143);
  EXPECT_EQ(Money::from_pence(-100001).scaled(4, 7).pence(), -57143);
  EXPECT_EQ(Money::from_pence(100).scaled(1, -8).pence(), -13);  // -12.5 -> -13
}

TEST(MoneyRounding, ScaledDoesNotOverflowInTheIntermediateProduct) {
  // 9e16 pence * 1000 overflows 64 bits before dividing; the result fits.
  const auto big = Money::from_pence(90'000'000'000'000'000);
  EXPECT_EQ(big.scaled(1000, 1000).pence(), 90'000'000'000'000'000);
  EXPECT_EQ(big.scaled(100, 1000).pence(), 9'000'000'000'000'000);
}

TEST(MoneyRounding, PercentBasisPoints) {
  EXPECT_EQ(Money::from_pounds(1000).percent_bp(250).pence(), 2500);  // 2.5% of £1000 = £25
  EXPECT_EQ(Money::from_pence(101).percent_bp(5000).pence(), 51);     // 50.5 -> 51
  EXPECT_EQ(Money::from_pence(-101).percent_bp(5000).pence(), -51);   // -50.5 -> -51
  EXPECT_EQ(Money::from_pence(100).percent_bp(1).pence(), 0);         // 0.01p -> 0
  EXPECT_EQ(Money::from_pence(5000).percent_bp(1).pence(), 1);        // 0.5p -> 1
  EXPECT_EQ(Money::from_pence(-5000).percent_bp(1).pence(), -1);      // -0.5p -> -1
  EXPECT_EQ(Money::from_pence(14900).percent_bp(1).pence(), 1);       // 1.49p -> 1
  EXPECT_EQ(Money::from_pence(12345).percent_bp(10000).pence(), 12345);
  EXPECT_EQ(Money::from_pence(12345).percent_bp(-10000).pence(), -12345);
}

TEST(MoneyArithmetic, OperatorsAndOrdering) {
  auto m = Money::from_pence(150);
  m += Money::from_pence(50);
  EXPECT_EQ(m.pence(), 200);
  m -= Money::from_pence(25);
  EXPECT_EQ(m.pence(), 175);
  EXPECT_EQ((m * 3).pence(), 525);
  EXPECT_EQ((-m).pence(), -175);
  EXPECT_EQ((m + m - Money::from_pence(1)).pence(), 349);
  EXPECT_LT(Money::from_pence(-1), Money::from_pence(0));
  EXPECT_EQ(Money::from_pounds(2), Money::from_pence(200));
}

}  // namespace
}  // namespace caremarket

namespace {
TEST(MoneyParseStrict, ThousandsSeparatorsOnlyBetweenGroupsOfThree) {
  EXPECT_EQ(caremarket::Money::parse("1,050").value().pence(), 105000);
  EXPECT_EQ(caremarket::Money::parse("£12,345,678.90").value().pence(), 1234567890);
  for (const char* bad : {"1,0,5,0", ",100", "1,05", "1050,", "1.", "12,3456"}) {
    EXPECT_FALSE(caremarket::Money::parse(bad)) << bad;
  }
}
}  // namespace
