#include "core/money.hpp"

#include <cstdlib>
#include <limits>

namespace caremarket {
namespace {
__extension__ using Wide = __int128;

std::int64_t round_half_away(Wide numerator, Wide denominator) {
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const bool negative = numerator < 0;
  const Wide magnitude = negative ? -numerator : numerator;
  const Wide quotient = (magnitude * 2 + denominator) / (denominator * 2);
  return static_cast<std::int64_t>(negative ? -quotient : quotient);
}
}  // namespace

std::int64_t divide_round_half_away(std::int64_t numerator, std::int64_t denominator) {
  return round_half_away(numerator, denominator);
}

Money Money::scaled(std::int64_t numerator, std::int64_t denominator) const {
  return Money(round_half_away(static_cast<Wide>(pence_) * numerator, denominator));
}

Result<Money> Money::parse(std::string_view text) {
  const std::string original(text);
  auto fail = [&] {
    return Error::invalid("'" + original + "' is not an amount of money; write pounds and pence like 1050.50");
  };
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.starts_with("\xC2\xA3")) text.remove_prefix(2);  // £ in UTF-8
  if (text.empty()) return fail();
  // Thousands separators only between groups of three ("1,050", not "1,0,5,0"),
  // and a decimal point only with pence after it ("1.5", not "1.").
  const auto point = text.find('.');
  const auto whole = text.substr(0, point);
  if (point != std::string_view::npos && point + 1 == text.size()) return fail();
  if (const auto first_comma = whole.find(','); first_comma != std::string_view::npos) {
    if (first_comma == 0 || first_comma > 3 || (whole.size() - first_comma) % 4 != 0) return fail();
    for (auto c = first_comma; c < whole.size(); ++c) {
      if (((c - first_comma) % 4 == 0) != (whole[c] == ',')) return fail();
    }
  }

  std::int64_t pounds = 0;
  std::int64_t pence = 0;
  int decimals = -1;  // -1: no decimal point seen yet
  bool any_digit = false;
  for (char c : text) {
    if (c == ',' && decimals < 0) continue;
    if (c == '.' && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return fail();
    any_digit = true;
    const int digit = c - '0';
    if (decimals < 0) {
      if (pounds > (std::numeric_limits<std::int64_t>::max() / 100 - digit) / 10) {
        return Error::invalid("'" + original + "' is too large an amount of money");
      }
      pounds = pounds * 10 + digit;
    } else {
      if (++decimals > 2) {
        return Error::invalid("'" + original + "' has more than two decimal places; give whole pence");
      }
      pence = pence * 10 + digit;
    }
  }
  if (!any_digit) return fail();
  if (decimals == 1) pence *= 10;
  // The pounds check above leaves room for 99 pence too many at the very top.
  if (pounds > (std::numeric_limits<std::int64_t>::max() - pence) / 100) {
    return Error::invalid("'" + original + "' is too large an amount of money");
  }
  const std::int64_t total = pounds * 100 + pence;
  return Money(negative ? -total : total);
}

std::string Money::to_string() const {
  const std::int64_t magnitude = pence_ < 0 ? -pence_ : pence_;
  std::string out = pence_ < 0 ? "-" : "";
  out += std::to_string(magnitude / 100);
  out += '.';
  const auto rest = magnitude % 100;
  if (rest < 10) out += '0';
  out += std::to_string(rest);
  return out;
}

std::string Money::to_display() const {
  const std::int64_t magnitude = pence_ < 0 ? -pence_ : pence_;
  std::string pounds = std::to_string(magnitude / 100);
  std::string grouped;
  const auto n = pounds.size();
  for (std::size_t i = 0; i < n; ++i) {
    grouped += pounds[i];
    const auto left = n - i - 1;
    if (left > 0 && left % 3 == 0) grouped += ',';
  }
  const auto rest = magnitude % 100;
  return std::string(pence_ < 0 ? "-" : "") + "\xC2\xA3" + grouped + "." + (rest < 10 ? "0" : "") +
         std::to_string(rest);
}

}  // namespace caremarket
