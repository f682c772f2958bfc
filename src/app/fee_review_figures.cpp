#include "app/fee_review_figures.hpp"

#include <algorithm>
#include <set>

#include "pricing/cost_volume.hpp"

namespace caremarket::app {
namespace {
using storage::ContractModel;

bool live_on(const storage::Placement& p, Date day) {
  return p.start_date <= day && (!p.end_date || day <= *p.end_date);
}

std::string places_text(int n, bool hourly) { return std::to_string(n) + (hourly ? " hour(s) a week" : " place(s)"); }
}  // namespace

Result<ContractFeeFigures> contract_fee_figures(storage::Store& store, const Caller& caller, std::int64_t contract_id,
                                                Date on) {
  const auto missing = [&] { return Error::not_found("contract " + std::to_string(contract_id) + " does not exist"); };
  auto found = store.get_contract(contract_id);
  if (!found) return found.error().code == ErrorCode::not_found ? missing() : found.error();
  const auto& c = *found;
  const bool party = std::any_of(c.parties.begin(), c.parties.end(),
                                 [&](const auto& p) { return p.council_id == caller.organisation_id; });
  if (!caller.is_operator() && !(caller.is_council() && party)) return missing();
  const std::string which = "contract " + std::to_string(c.id) + " (" + c.reference + ")";
  ContractFeeFigures f;
  f.contract_id = c.id;
  std::set<std::int64_t> services;
  if (c.model == ContractModel::block) {
    const bool hourly = c.price_unit == market::PriceUnit::hour;
    f.places = storage::commitment_on(c, {}, on);
    if (f.places < 1) return Error::invalid(which + " commits no places to review", "contracts");
    f.weekly_price = c.unit_price;
    f.annual_spend = c.unit_price * (static_cast<std::int64_t>(f.places) * 52);
    f.price_from = "block: " + places_text(f.places, hourly) + " at " + c.unit_price.to_display() +
                   (hourly ? " an hour" : " a week");
    for (const auto& s : c.services) services.insert(s.service_id);
  } else if (c.model == ContractModel::soft_block) {
    CM_ASSIGN_OR_RETURN(const auto reviews, store.commitment_reviews(c.id));
    f.places = storage::commitment_on(c, reviews, on);
    if (f.places < 1) return Error::invalid(which + " commits no places on " + on.to_string(), "contracts");
    CM_ASSIGN_OR_RETURN(const auto charge, pricing::weekly_charge({c.band_mode, c.bands}, f.places));
    f.weekly_price = charge.average_per_place;
    f.annual_spend = charge.total * 52;
    f.price_from = "soft block: " + std::to_string(f.places) + " committed on " + on.to_string() + ", " +
                   charge.total.to_display() + " a week under its " +
                   (c.band_mode == pricing::BandMode::marginal ? "marginal bands" : "whole-volume bands") + " (" +
                   charge.average_per_place.to_display() + " a place on average)";
    for (const auto& s : c.services) services.insert(s.service_id);
  } else {
    // Frameworks, dynamic markets and spot contracts commit nothing: what is
    // reviewed is the call-offs in force.
    CM_ASSIGN_OR_RETURN(const auto placements, store.placements_under(c.id));
    Money weekly;
    for (const auto& p : placements) {
      if (!live_on(p, on)) continue;
      weekly += p.weekly_cost * std::max(1, p.places);
      f.places += std::max(1, p.places);
      services.insert(p.service_id);
    }
    if (f.places < 1) {
      return Error::invalid(which + " has no call-off in force on " + on.to_string() + "; give its figures inline",
                            "contracts");
    }
    f.weekly_price = Money::from_pence(divide_round_half_away(weekly.pence(), f.places));
    f.annual_spend = weekly * 52;
    f.price_from = std::string(pricing::to_string(c.model)) + ": " + places_text(f.places, false) + " called off, " +
                   weekly.to_display() + " a week (" + f.weekly_price.to_display() + " a place on average)";
  }
  // The rating: the lowest of its services' ratings on the register (not
  // rated counts only when none is rated), so a weak home is not hidden.
  std::optional<market::Service> lowest;
  for (const auto id : services) {
    CM_ASSIGN_OR_RETURN(const auto s, store.get_service(id));
    if (!lowest || (s.rating != market::Rating::not_rated &&
                    (lowest->rating == market::Rating::not_rated || s.rating < lowest->rating))) {
      lowest = s;
    }
  }
  if (lowest) {
    f.rating = lowest->rating;
    f.rating_from = std::string(market::to_string(lowest->rating)) + ": " + lowest->name + " (service " +
                    std::to_string(lowest->id) + ")" +
                    (services.size() > 1 ? ", the lowest of its " + std::to_string(services.size()) + " services" : "");
  } else {
    f.rating_from = "not_rated: no service named";
  }
  return f;
}

}  // namespace caremarket::app
