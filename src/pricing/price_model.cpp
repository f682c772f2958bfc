#include "pricing/price_model.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace caremarket::pricing {

std::string_view to_string(LineKind kind) {
  switch (kind) {
    case LineKind::fixed: return "fixed";
    case LineKind::quantity_rate: return "quantity_rate";
    case LineKind::percent_of_pay: return "percent_of_pay";
    case LineKind::percent_of_price: return "percent_of_price";
  }
  return "fixed";
}

Result<PriceBreakdown> solve_price(const std::vector<CostLine>& lines) {
  if (lines.empty()) return Error::invalid("a price model needs at least one cost line", "lines");
  std::int64_t price_bp = 0;
  PriceBreakdown out;
  std::vector<Money> amounts(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    if (l.name.empty()) return Error::invalid("cost line " + std::to_string(i + 1) + " needs a name", "lines");
    if (l.amount.pence() < 0 || l.quantity_hundredths < 0 || l.basis_points < 0) {
      return Error::invalid("cost line '" + l.name + "' has a negative amount, quantity or percentage", "lines");
    }
    if (l.kind == LineKind::quantity_rate) {
      amounts[i] = l.amount.scaled(l.quantity_hundredths, 100);
      if (l.is_pay) out.pay += amounts[i];
    } else if (l.kind == LineKind::fixed) {
      amounts[i] = l.amount;
      if (l.is_pay) out.pay += amounts[i];
    } else if (l.kind == LineKind::percent_of_price) {
      price_bp += l.basis_points;
    }
  }
  if (price_bp >= 10000) {
    return Error::invalid("the lines that are a share of the price add up to 100% or more: no price can contain them",
                          "lines");
  }
  Money base;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind == LineKind::percent_of_pay) amounts[i] = out.pay.percent_bp(lines[i].basis_points);
    if (lines[i].kind != LineKind::percent_of_price) base += amounts[i];
  }
  // price = base / (1 - share): the exact rational, rounded to the penny.
  out.price = base.scaled(10000, 10000 - price_bp);
  std::ptrdiff_t last_share = -1;
  Money shares;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind != LineKind::percent_of_price) continue;
    amounts[i] = out.price.percent_bp(lines[i].basis_points);
    shares += amounts[i];
    last_share = static_cast<std::ptrdiff_t>(i);
  }
  if (last_share >= 0) amounts[static_cast<std::size_t>(last_share)] += out.price - base - shares;
  for (std::size_t i = 0; i < lines.size(); ++i) out.lines.push_back({lines[i].name, lines[i].kind, amounts[i]});
  return out;
}

std::vector<LineDifference> explain(const PriceBreakdown& model, const PriceBreakdown& offer) {
  std::map<std::string, LineDifference> by_name;
  for (const auto& l : model.lines) by_name[l.name].model += l.amount;
  for (const auto& l : offer.lines) by_name[l.name].offer += l.amount;
  std::vector<LineDifference> out;
  for (auto& [name, d] : by_name) {
    d.name = name;
    d.difference = d.offer - d.model;
    out.push_back(d);
  }
  std::sort(out.begin(), out.end(), [](const LineDifference& a, const LineDifference& b) {
    const auto ma = std::llabs(a.difference.pence()), mb = std::llabs(b.difference.pence());
    return ma != mb ? ma > mb : a.name < b.name;
  });
  return out;
}

}  // namespace caremarket::pricing
