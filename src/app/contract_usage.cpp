// Contracts in use: the call-off at award (award_call_off.hpp), weekly utilisation (committed,
// occupied, voids and their cost) and soft block commitment reviews.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/award_call_off.hpp"
#include "app/contracts.hpp"
#include "app/json_detail.hpp"
#include "core/text.hpp"

namespace caremarket::app {
namespace {
using nlohmann::json;
using storage::Contract;
using storage::ContractModel;

constexpr int kMaxWeeks = 520;  // ten years of weeks in one report

bool occupies(const storage::Placement& p, Date day) {
  return p.start_date <= day && (!p.end_date || *p.end_date > day);
}

// The schedule a week's commitment is charged under: a soft block's own;
// a block's single price per place (or hour).
pricing::CostVolumeSchedule schedule_of(const Contract& c) {
  if (c.model == ContractModel::soft_block) return {c.band_mode, c.bands};
  return {pricing::BandMode::whole_volume, {{1, c.unit_price}}};
}

std::vector<Date> review_dates(const Contract& c) {
  std::vector<Date> out;
  if (c.model != ContractModel::soft_block || c.review_weeks < 1) return out;
  for (Date d = c.start.plus_days(7L * c.review_weeks); d <= c.end; d = d.plus_days(7L * c.review_weeks))
    out.push_back(d);
  return out;
}
}  // namespace

Result<int> units_in_use(storage::Store& store, const Contract& contract,
                         const std::vector<storage::Placement>& placements, Date day,
                         std::optional<std::int64_t> service_id) {
  int units = 0;
  for (const auto& p : placements) {
    if (p.contract_id != contract.id || !occupies(p, day)) continue;
    if (service_id && p.service_id != *service_id) continue;
    if (contract.price_unit == market::PriceUnit::hour && contract.model == ContractModel::block) {
      CM_ASSIGN_OR_RETURN(const auto referral, store.get_referral(p.referral_id));
      units += std::max(1, referral.hours_per_week);
    } else {
      units += p.places;
    }
  }
  return units;
}

namespace {
std::string name_of(const Contract& c) { return std::string(pricing::to_string(c.model)) + " " + std::to_string(c.id); }
std::string per(market::PriceUnit unit) { return unit == market::PriceUnit::hour ? " an hour" : " a week"; }

const storage::PriceBand* band_for(const Contract& c, market::KindOfCare kind) {
  const auto b =
      std::find_if(c.price_bands.begin(), c.price_bands.end(), [&](const auto& x) { return x.kind == kind; });
  return b == c.price_bands.end() ? nullptr : &*b;
}
}  // namespace

std::optional<std::string> outside_price_band(const Contract& c, market::KindOfCare kind, Money price,
                                              market::PriceUnit unit) {
  const auto* band = band_for(c, kind);
  if (!band) return std::nullopt;  // no band for this kind: the framework's terms apply as they are
  const std::string k(market::to_string(kind));
  if (band->unit != unit)
    return name_of(c) + " prices " + k + per(band->unit) + ", and the offer is priced" + per(unit);
  if (price > band->ceiling) {
    return "the offer's " + price.to_display() + per(unit) + " is over " + name_of(c) + "'s ceiling of " +
           band->ceiling.to_display() + " for " + k;
  }
  if (band->floor && price < *band->floor) {
    return "the offer's " + price.to_display() + per(unit) + " is below " + name_of(c) + "'s band of " +
           band->floor->to_display() + " to " + band->ceiling.to_display() + " for " + k;
  }
  return std::nullopt;
}

Result<pricing::CallOff> route_placement(storage::Store& store, std::int64_t council_id, std::int64_t provider_id,
                                         std::int64_t service_id, Date day) {
  AwardCallOff award;
  award.council_id = council_id;
  award.provider_id = provider_id;
  award.service_id = service_id;
  award.day = day;
  return route_award(store, award);
}

Result<pricing::CallOff> route_award(storage::Store& store, const AwardCallOff& award) {
  const Date day = award.day;
  const std::int64_t provider_id = award.provider_id;
  CM_ASSIGN_OR_RETURN(const auto contracts, store.list_contracts(award.council_id, std::nullopt));
  std::vector<pricing::ContractSummary> summaries;
  // Contracts whose terms do not take this placement, and why: they are not
  // offered to the router at all.
  std::vector<std::string> passed_over;
  const auto buys = [&](const Contract& c) {
    return !award.kind || c.kinds.empty() || std::find(c.kinds.begin(), c.kinds.end(), *award.kind) != c.kinds.end();
  };
  // A block with some room, but not enough for the whole placement.
  const auto too_little_room = [&](const Contract& c, int room, bool hourly) {
    const int needed = hourly ? std::max(1, award.hours_per_week) : std::max(1, award.places);
    if (room <= 0 || room >= needed) return false;
    passed_over.push_back(name_of(c) + " has " + std::to_string(room) + (hourly ? " hour(s) a week" : " place(s)") +
                          " free at this service, fewer than the " + std::to_string(needed) + " needed");
    return true;
  };
  for (const auto& c : contracts) {
    if (!storage::in_force(c, day)) continue;
    pricing::ContractSummary s;
    s.id = c.id;
    s.model = c.model;
    for (const auto& p : c.parties) s.councils.push_back(p.council_id);
    s.start = c.start;
    s.end = c.end;
    switch (c.model) {
      case ContractModel::block: {
        CM_ASSIGN_OR_RETURN(const auto placements, store.placements_under(c.id));
        // Each service's committed places are its own: one summary per service.
        for (const auto& cs : c.services) {
          auto per_service = s;
          per_service.services = {cs.service_id};
          per_service.providers = {cs.provider_id};
          per_service.committed = cs.committed;
          CM_ASSIGN_OR_RETURN(per_service.occupied, units_in_use(store, c, placements, day, cs.service_id));
          if (cs.service_id == award.service_id &&
              too_little_room(c, cs.committed - per_service.occupied, c.price_unit == market::PriceUnit::hour)) {
            continue;
          }
          summaries.push_back(per_service);
        }
        continue;
      }
      case ContractModel::soft_block: {
        CM_ASSIGN_OR_RETURN(const auto placements, store.placements_under(c.id));
        CM_ASSIGN_OR_RETURN(const auto reviews, store.commitment_reviews(c.id));
        for (const auto& cs : c.services) s.services.push_back(cs.service_id);
        s.providers = c.providers;
        s.committed = storage::commitment_on(c, reviews, day);
        s.flex = std::max(0, c.flex_max - s.committed);
        CM_ASSIGN_OR_RETURN(s.occupied, units_in_use(store, c, placements, day));
        const bool here = std::find(s.services.begin(), s.services.end(), award.service_id) != s.services.end();
        if (here && too_little_room(c, s.committed + s.flex - s.occupied, false)) continue;
        break;
      }
      case ContractModel::framework: {
        s.providers = c.providers;
        const bool admitted = std::find(c.providers.begin(), c.providers.end(), provider_id) != c.providers.end();
        if (admitted && !buys(c)) {
          passed_over.push_back(name_of(c) + " does not buy " + std::string(market::to_string(*award.kind)));
          continue;
        }
        if (admitted && award.kind && award.price) {
          if (auto why = outside_price_band(c, *award.kind, *award.price, award.unit)) {
            passed_over.push_back(*why);
            continue;
          }
        }
        break;
      }
      case ContractModel::dynamic_market:
        for (const auto& m : c.members) {
          if (m.provider_id != provider_id || !m.joined_on || *m.joined_on > day) continue;
          if (m.status == storage::MemberStatus::active || m.status == storage::MemberStatus::suspended) {
            s.providers = {provider_id};
            s.suspended = m.status == storage::MemberStatus::suspended;
          }
        }
        if (!s.providers.empty() && !buys(c)) {
          passed_over.push_back(name_of(c) + " does not buy " + std::string(market::to_string(*award.kind)));
          continue;
        }
        break;
      case ContractModel::spot: continue;  // a spot contract is one placement, not something to call off under
    }
    summaries.push_back(s);
  }
  auto call_off = pricing::route_call_off(award.council_id, provider_id, award.service_id, day, summaries);
  if (call_off.contract_id) {
    const auto chosen =
        std::find_if(contracts.begin(), contracts.end(), [&](const auto& c) { return c.id == *call_off.contract_id; });
    if (chosen != contracts.end()) {
      if (chosen->model == ContractModel::framework && award.kind && award.price) {
        if (const auto* band = band_for(*chosen, *award.kind)) {
          call_off.reason +=
              ", at " + award.price->to_display() + per(award.unit) + ", within its " +
              (band->floor ? "band of " + band->floor->to_display() + " to " : std::string("ceiling of ")) +
              band->ceiling.to_display() + " for " + std::string(market::to_string(*award.kind));
        }
      }
      call_off.reason += " [" + chosen->reference + ": " + chosen->title + "]";
      if (chosen->model == ContractModel::framework &&
          chosen->call_off_method == storage::CallOffMethod::mini_competition) {
        call_off.reason += "; the framework calls off by mini-competition";
      }
    }
  }
  if (!passed_over.empty()) {
    call_off.reason += "; passed over: ";
    for (std::size_t i = 0; i < passed_over.size(); ++i) call_off.reason += (i ? "; " : "") + passed_over[i];
  }
  return call_off;
}

Result<std::vector<UtilisationWeek>> Contracts::weeks_of(const Contract& c,
                                                         const std::vector<storage::CommitmentReview>& reviews,
                                                         Date from, Date to) {
  CM_ASSIGN_OR_RETURN(const auto placements, store_.placements_under(c.id));
  const bool committed_model = c.model == ContractModel::block || c.model == ContractModel::soft_block;
  const auto schedule = schedule_of(c);
  std::vector<UtilisationWeek> weeks;
  for (Date week = from; week <= to; week = week.plus_days(7)) {
    UtilisationWeek w;
    w.week_start = week;
    CM_ASSIGN_OR_RETURN(w.occupied, units_in_use(store_, c, placements, week));
    const bool live = storage::in_force(c, week);
    if (committed_model && live) {
      w.committed = storage::commitment_on(c, reviews, week);
      CM_ASSIGN_OR_RETURN(const auto u, pricing::utilisation(schedule, w.committed, w.occupied));
      w.voids = u.voids;
      w.overflow = u.overflow;
      w.charge = u.charge;
      w.void_cost = u.void_cost;
      if (u.overflow > 0) {
        // Places used beyond the commitment are paid under the same schedule.
        CM_ASSIGN_OR_RETURN(const auto used, pricing::weekly_charge(schedule, w.occupied));
        w.charge = used.total;
      }
    } else {
      // No commitment: the week costs what its call-offs cost.
      for (const auto& p : placements) {
        if (occupies(p, week)) w.charge += p.weekly_cost;
      }
    }
    weeks.push_back(w);
  }
  return weeks;
}

Result<Contract> Contracts::figures_readable(const Caller& caller, std::int64_t id) {
  CM_ASSIGN_OR_RETURN(auto c, readable(caller, id));
  if (!caller.is_provider()) return c;
  const bool own = std::find(c.providers.begin(), c.providers.end(), caller.organisation_id) != c.providers.end();
  const bool single =
      c.model == ContractModel::block || c.model == ContractModel::soft_block || c.model == ContractModel::spot;
  if (!own || !single) {
    return Error::forbidden(
        "a framework's or dynamic market's figures are its councils'; a provider sees those of its own blocks");
  }
  return c;
}

Result<Utilisation> Contracts::utilisation(const Caller& caller, std::int64_t id, Date from, Date to) {
  CM_ASSIGN_OR_RETURN(const auto c, figures_readable(caller, id));
  if (to < from) return Error::invalid("'to' is before 'from'", "to");
  if (from.days_until(to) / 7 >= kMaxWeeks)
    return Error::invalid("at most " + std::to_string(kMaxWeeks) + " weeks at a time", "to");
  CM_ASSIGN_OR_RETURN(const auto reviews, store_.commitment_reviews(c.id));
  Utilisation u;
  u.contract = c;
  CM_ASSIGN_OR_RETURN(u.weeks, weeks_of(c, reviews, from, to));
  for (const auto& w : u.weeks) {
    u.committed_total += w.committed;
    u.occupied_total += w.occupied;
    u.voids_total += w.voids;
    u.charge_total += w.charge;
    u.void_cost_total += w.void_cost;
  }
  if (u.committed_total > 0) u.utilisation_percent = 100.0 * u.occupied_total / u.committed_total;
  return u;
}

Result<ReviewsView> Contracts::reviews(const Caller& caller, std::int64_t id) {
  CM_ASSIGN_OR_RETURN(const auto c, figures_readable(caller, id));
  if (c.model != ContractModel::soft_block)
    return Error::invalid("only soft block contracts have commitment reviews", "id");
  ReviewsView v;
  v.contract = c;
  CM_ASSIGN_OR_RETURN(v.decided, store_.commitment_reviews(c.id));
  const Date today = clock_.today();
  v.commitment_now = storage::commitment_on(c, v.decided, today);
  const Date last = v.decided.empty() ? c.start : v.decided.back().review_date;
  for (const auto d : review_dates(c)) {
    if (d > last) {
      v.next_review = d;
      break;
    }
  }
  if (!v.next_review) return v;
  v.proposal_from = last;
  v.provisional = today < *v.next_review;
  const Date until = std::min(*v.next_review, std::max(today, c.start.plus_days(7)));
  std::vector<int> occupied;
  CM_ASSIGN_OR_RETURN(const auto weeks, weeks_of(c, v.decided, last, until.plus_days(-1)));
  for (const auto& w : weeks) occupied.push_back(w.occupied);
  v.proposal_weeks = static_cast<int>(occupied.size());
  const int current = storage::commitment_on(c, v.decided, *v.next_review);
  const pricing::FlexRules rules{c.flex_min, c.flex_max, c.max_step, c.target_percent};
  if (!occupied.empty()) {
    CM_ASSIGN_OR_RETURN(auto proposal, pricing::propose_commitment(current, rules, occupied));
    v.proposal = proposal;
  }
  return v;
}

Result<storage::CommitmentReview> Contracts::decide_review(const Caller& caller, std::int64_t id,
                                                           const ReviewDecision& d) {
  CM_ASSIGN_OR_RETURN(const auto c, managed(caller, id));
  if (c.model != ContractModel::soft_block)
    return Error::invalid("only soft block contracts have commitment reviews", "id");
  if (c.status != storage::ContractStatus::active) {
    return Error::conflict("contract " + std::to_string(id) + " is " + std::string(to_string(c.status)) +
                           "; only an active soft block is reviewed");
  }
  CM_ASSIGN_OR_RETURN(const auto decided, store_.commitment_reviews(c.id));
  const Date last = decided.empty() ? c.start : decided.back().review_date;
  const auto dates = review_dates(c);
  const auto next = std::find_if(dates.begin(), dates.end(), [&](Date x) { return x > last; });
  if (next == dates.end()) return Error::conflict("contract " + std::to_string(id) + " has no review left in its term");
  if (d.review_date != *next) {
    return Error::invalid("the next review falls on " + next->to_string() + " (every " +
                              std::to_string(c.review_weeks) + " weeks from " + c.start.to_string() +
                              "); reviews are decided in turn",
                          "review_date");
  }
  const Date decided_on = d.decided_on ? *d.decided_on : clock_.today();
  if (decided_on < d.review_date) {
    return Error::invalid("a review is decided on or after its date (" + d.review_date.to_string() + ")", "decided_on");
  }
  std::vector<int> occupied;
  CM_ASSIGN_OR_RETURN(const auto weeks, weeks_of(c, decided, last, d.review_date.plus_days(-1)));
  for (const auto& w : weeks) occupied.push_back(w.occupied);
  const int current = storage::commitment_on(c, decided, d.review_date);
  const pricing::FlexRules rules{c.flex_min, c.flex_max, c.max_step, c.target_percent};
  CM_ASSIGN_OR_RETURN(const auto proposal, pricing::propose_commitment(current, rules, occupied));
  storage::CommitmentReview r;
  r.contract_id = c.id;
  r.review_date = d.review_date;
  r.period_from = last;
  r.weeks = static_cast<int>(occupied.size());
  r.current = current;
  r.proposed = proposal.proposed;
  r.average_occupied = proposal.average_occupied;
  r.utilisation_percent = proposal.utilisation_percent;
  r.proposal_reason = proposal.reason;
  r.reason = std::string(trim(d.reason));
  r.accepted = d.accept;
  if (d.accept) {
    if (d.commitment && *d.commitment != proposal.proposed) {
      return Error::invalid("accepting takes the proposed " + std::to_string(proposal.proposed) +
                                "; to set another commitment, decide 'other' with a reason",
                            "commitment");
    }
    r.decided = proposal.proposed;
  } else {
    if (!d.commitment) return Error::invalid("give the commitment decided instead of the proposal", "commitment");
    if (r.reason.size() < 5)
      return Error::invalid("record why the proposal is not taken (at least 5 characters)", "reason");
    const int chosen = *d.commitment;
    if (chosen < c.flex_min || chosen > c.flex_max) {
      return Error::invalid("the commitment must stay within the agreed band " + std::to_string(c.flex_min) + "-" +
                                std::to_string(c.flex_max),
                            "commitment");
    }
    if (c.max_step > 0 && std::abs(chosen - current) > c.max_step) {
      return Error::invalid("the rules move the commitment by at most " + std::to_string(c.max_step) +
                                " at one review (from " + std::to_string(current) + ")",
                            "commitment");
    }
    r.decided = chosen;
  }
  r.decided_on = decided_on;
  r.decided_by = caller.user_id;
  r.decided_at = clock_.now();
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(r.id, store_.add_commitment_review(r));
    return audit(caller, "contract.review", c.id,
                 json{{"review_date", r.review_date.to_string()},
                      {"current", r.current},
                      {"proposed", r.proposed},
                      {"decided", r.decided},
                      {"accepted", r.accepted},
                      {"reason", r.reason},
                      {"from", r.decided_on.to_string()}}
                     .dump(-1, ' ', false, kReplaceBadBytes));
  }));
  return r;
}

}  // namespace caremarket::app
