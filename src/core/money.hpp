#pragma once
// Money is a whole number of pence. Never a floating-point number.
//
// Rounding rule (the only one in caremarket): when a calculation produces a
// fraction of a penny (pro-rata days, percentages, ratios), the exact
// rational result is rounded to the nearest penny, halves away from zero.
// 0.5p -> 1p, -0.5p -> -1p, 1.49p -> 1p. Sums are exact because they are
// taken over already-rounded pence.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace caremarket {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_pence(std::int64_t pence) { return Money(pence); }
  static constexpr Money from_pounds(std::int64_t pounds) { return Money(pounds * 100); }

  // Parses "1050", "1050.5", "1050.50", "£1,050.50", "-3.20". More than two
  // decimal places is an error, not a silent rounding.
  static Result<Money> parse(std::string_view text);

  constexpr std::int64_t pence() const { return pence_; }
  // "1050.50" (no currency sign, no thousands separators): the JSON form.
  std::string to_string() const;
  // "£1,050.50": the form people read.
  std::string to_display() const;

  // this * numerator / denominator, rounded by the rule above.
  Money scaled(std::int64_t numerator, std::int64_t denominator) const;
  // this * basis_points / 10000 (1 bp = 0.01%), rounded by the rule above.
  Money percent_bp(std::int64_t basis_points) const { return scaled(basis_points, 10000); }

  constexpr Money operator+(Money other) const { return Money(pence_ + other.pence_); }
  constexpr Money operator-(Money other) const { return Money(pence_ - other.pence_); }
  constexpr Money operator-() const { return Money(-pence_); }
  constexpr Money operator*(std::int64_t n) const { return Money(pence_ * n); }
  constexpr Money& operator+=(Money other) {
    pence_ += other.pence_;
    return *this;
  }
  constexpr Money& operator-=(Money other) {
    pence_ -= other.pence_;
    return *this;
  }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t pence) : pence_(pence) {}
  std::int64_t pence_ = 0;
};

// Divides numerator by denominator (denominator != 0), rounding halves away
// from zero. Exposed for tests and for engines that round other quantities.
std::int64_t divide_round_half_away(std::int64_t numerator, std::int64_t denominator);

}  // namespace caremarket
