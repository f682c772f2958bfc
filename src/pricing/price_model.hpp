#pragma once
// The common price model (open book): a price built line by line from the
// cost of delivering care. Four kinds of line; lines that are a percentage
// of the final price (overheads, surplus) are solved for exactly, so the
// price contains them.
#include <cstdint>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "core/result.hpp"

namespace caremarket::pricing {

enum class LineKind {
  fixed,             // an amount per unit (per resident week, per hour)
  quantity_rate,     // quantity x rate, e.g. care staff hours per resident week x hourly pay
  percent_of_pay,    // employer national insurance, pension, holiday pay
  percent_of_price,  // overheads, surplus, return: a share of the final price
};
std::string_view to_string(LineKind kind);

struct CostLine {
  std::string name;
  LineKind kind = LineKind::fixed;
  Money amount;                          // fixed: the amount; quantity_rate: the rate per unit of quantity
  std::int64_t quantity_hundredths = 0;  // quantity_rate: 37.5 hours is 3750
  bool is_pay = false;                   // quantity_rate or fixed: counts towards pay for percent_of_pay lines
                        // (a fixed pay line: pay worked out elsewhere, e.g. travel time per contact hour)
  std::int64_t basis_points = 0;  // percent lines: 1,250 is 12.5%
};

struct PricedLine {
  std::string name;
  LineKind kind = LineKind::fixed;
  Money amount;
};

struct PriceBreakdown {
  std::vector<PricedLine> lines;  // in the order given; they add up to `price` exactly
  Money pay;                      // the base of the percent_of_pay lines
  Money price;
};

// Rounding: each line is rounded to the penny by the house rule; the price
// is the smallest whole-penny amount of which the percent_of_price lines are
// their share, and the last percent_of_price line takes any rounding penny
// so that the lines add up to the price exactly.
Result<PriceBreakdown> solve_price(const std::vector<CostLine>& lines);

// Why an offer differs from the model: each line's difference, largest first.
struct LineDifference {
  std::string name;
  Money model;
  Money offer;
  Money difference;  // offer - model
};
std::vector<LineDifference> explain(const PriceBreakdown& model, const PriceBreakdown& offer);

}  // namespace caremarket::pricing
