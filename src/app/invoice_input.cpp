// What an invoice is worked out from: the council's placements with the
// provider, each as the call-off recorded at award, and the block and soft
// block contracts of the provider that the council is a party to, each with
// its commitment day by day (soft block reviews), cost:volume schedule, band
// mode and, for an alliance, the members' shares.
#include <algorithm>
#include <map>

#include "app/invoices.hpp"

namespace caremarket::app {
namespace {
using storage::Contract;
using storage::ContractModel;
using storage::ContractStatus;

// Was the contract live on `day`? In force, or active until a suspension
// that has since begun (the days before it are still owed).
bool live_on(const Contract& c, Date day) {
  if (storage::in_force(c, day)) return true;
  return c.status == ContractStatus::suspended && c.status_date && c.start <= day && day <= c.end &&
         day < *c.status_date;
}

// The last day the contract is live, if it ever is: its end, or the day
// before it ended, was terminated or suspended.
std::optional<Date> last_live_day(const Contract& c) {
  if (c.status == ContractStatus::draft) return std::nullopt;
  if (c.status == ContractStatus::active) return c.end;
  if (!c.status_date) return std::nullopt;
  const Date last = std::min(c.end, c.status_date->plus_days(-1));
  if (last < c.start || !live_on(c, last)) return std::nullopt;
  return last;
}

pricing::CostVolumeSchedule schedule_of(const Contract& c) {
  if (c.model == ContractModel::soft_block) return {c.band_mode, c.bands};
  return {pricing::BandMode::whole_volume, {{1, c.unit_price}}};
}

bool hourly_block(const Contract& c) {
  return c.model == ContractModel::block && c.price_unit == market::PriceUnit::hour;
}
}  // namespace

Result<invoicing::InvoiceInput> Invoices::invoice_input(std::int64_t provider_id, std::int64_t council_id,
                                                        const invoicing::Period& period,
                                                        const std::vector<invoicing::Adjustment>& adjustments) {
  invoicing::InvoiceInput in;
  in.provider_id = provider_id;
  in.council_id = council_id;
  in.period = period;
  in.adjustments = adjustments;
  // The commitments: blocks and soft blocks live on some day of the period.
  std::map<std::int64_t, const Contract*> blocks;
  CM_ASSIGN_OR_RETURN(const auto contracts, store_.list_contracts(council_id, provider_id));
  for (const auto& c : contracts) {
    if (c.model != ContractModel::block && c.model != ContractModel::soft_block) continue;
    const auto last = last_live_day(c);
    if (!last || *last < period.start || period.end() < c.start) continue;
    CM_ASSIGN_OR_RETURN(const auto reviews, store_.commitment_reviews(c.id));
    invoicing::BlockContract b;
    b.id = c.id;
    b.model = c.model;
    b.start = c.start;
    b.end = *last;
    b.schedule = schedule_of(c);
    b.committed = storage::commitment_on(c, reviews, period.start);
    for (Date day = period.start.plus_days(1); day <= period.end(); day = day.plus_days(1)) {
      const int committed = storage::commitment_on(c, reviews, day);
      const int before = b.steps.empty() ? b.committed : b.steps.back().committed;
      if (committed != before) b.steps.push_back({day, committed});
    }
    if (c.model == ContractModel::soft_block) b.flex = std::max(0, c.flex_max - b.committed);
    if (c.parties.size() > 1) {
      for (const auto& p : c.parties) b.shares.push_back({p.council_id, p.share_bp});
    }
    in.contracts.push_back(std::move(b));
    blocks[c.id] = &c;
  }
  // The placements: this council's with the provider, and every member
  // council's under an alliance block (they fill its places too).
  CM_ASSIGN_OR_RETURN(auto placements, store_.placements(council_id, provider_id));
  for (const auto& [id, c] : blocks) {
    CM_ASSIGN_OR_RETURN(const auto under, store_.placements_under(id));
    for (const auto& p : under) {
      const bool seen = std::any_of(placements.begin(), placements.end(), [&](const auto& q) { return q.id == p.id; });
      if (!seen) placements.push_back(p);
    }
  }
  for (const auto& p : placements) {
    invoicing::PlacementCharge charge;
    charge.placement_id = p.id;
    charge.council_id = p.council_id;
    charge.start = p.start_date;
    charge.end = p.end_date;
    // Spot at the placement's price; a framework or dynamic market call-off
    // at the price agreed when it was called off (checked against the
    // framework's band at award); a block's places through its commitment.
    charge.weekly_price = p.weekly_cost;
    charge.places = std::max(1, p.places);
    charge.model = p.call_off_model;
    charge.contract_id = p.contract_id;
    const auto block = p.contract_id ? blocks.find(*p.contract_id) : blocks.end();
    if (block != blocks.end() && hourly_block(*block->second)) {
      // An hourly block commits hours a week: the placement fills its hours.
      CM_ASSIGN_OR_RETURN(const auto referral, store_.get_referral(p.referral_id));
      const int hours = std::max(1, referral.hours_per_week);
      charge.places = hours;
      charge.weekly_price = Money::from_pence(divide_round_half_away(p.weekly_cost.pence(), hours));
    }
    in.placements.push_back(charge);
  }
  return in;
}

}  // namespace caremarket::app
