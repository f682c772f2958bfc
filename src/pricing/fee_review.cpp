#include "pricing/fee_review.hpp"

#include <algorithm>
#include <numeric>

namespace caremarket::pricing {
namespace {
__extension__ using Wide = __int128;

std::int64_t rating_permille(market::Rating rating) {
  switch (rating) {
    case market::Rating::outstanding: return 1200;
    case market::Rating::good: return 1000;
    case market::Rating::requires_improvement: return 800;
    case market::Rating::inadequate: return 500;
    case market::Rating::not_rated: return 1000;
  }
  return 1000;
}
}  // namespace

Status FeeReviewInput::validate() const {
  if (envelope.pence() < 0) return Error::invalid("the budget envelope cannot be negative", "envelope");
  if (contracts.empty()) return Error::invalid("list the contracts under review", "contracts");
  for (const auto& c : contracts) {
    if (c.annual_spend.pence() < 0)
      return Error::invalid("contract " + std::to_string(c.id) + " has a negative spend", "contracts");
    if (c.kpi_score < 0 || c.kpi_score > 100) return Error::invalid("KPI scores run from 0 to 100", "kpi_score");
    if (c.pay_share_bp < 0 || c.pay_share_bp > 10000)
      return Error::invalid("the pay share runs from 0% to 100%", "pay_share");
  }
  return {};
}

std::vector<Money> allocate(Money total, const std::vector<std::int64_t>& weights) {
  std::vector<Money> out(weights.size());
  const Wide sum = std::accumulate(weights.begin(), weights.end(), Wide{0});
  if (sum <= 0 || total.pence() <= 0) return out;
  std::vector<std::pair<Wide, std::size_t>> remainders;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide share = Wide{total.pence()} * weights[i];
    out[i] = Money::from_pence(static_cast<std::int64_t>(share / sum));
    given += out[i].pence();
    remainders.emplace_back(share % sum, i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < total.pence(); ++k, ++given) out[remainders[k].second] += Money::from_pence(1);
  return out;
}

Result<FeeReviewResult> review_fees(const FeeReviewInput& in) {
  CM_TRY_STATUS(in.validate());
  FeeReviewResult result;
  std::vector<std::int64_t> weighted;
  std::vector<std::int64_t> spends;
  std::int64_t weighted_total = 0;
  for (const auto& c : in.contracts) {
    ContractUplift u;
    u.id = c.id;
    // Pressure in basis points of spend: pay share on the NLW, the rest on CPI.
    const std::int64_t index_bp =
        divide_round_half_away(c.pay_share_bp * in.nlw_change_bp + (10000 - c.pay_share_bp) * in.cpi_bp, 10000);
    u.cost_pressure = c.annual_spend.percent_bp(std::max<std::int64_t>(0, index_bp));
    // KPI performance moves the weight between 0.9 and 1.1.
    u.quality_permille = divide_round_half_away(rating_permille(c.rating) * (900 + 2 * c.kpi_score), 1000);
    const auto w = u.cost_pressure.scaled(u.quality_permille, 1000);
    weighted.push_back(w.pence());
    weighted_total += w.pence();
    spends.push_back(c.annual_spend.pence());
    result.contracts.push_back(u);
  }
  result.envelope_binding = weighted_total > in.envelope.pence();
  const auto uplifts = result.envelope_binding ? allocate(in.envelope, weighted) : std::vector<Money>{};
  for (std::size_t i = 0; i < result.contracts.size(); ++i) {
    result.contracts[i].uplift = result.envelope_binding ? uplifts[i] : Money::from_pence(weighted[i]);
    result.total += result.contracts[i].uplift;
  }
  const auto flat = allocate(result.total, spends);
  for (std::size_t i = 0; i < result.contracts.size(); ++i) result.contracts[i].flat_uplift = flat[i];
  return result;
}

}  // namespace caremarket::pricing
