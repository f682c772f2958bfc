#include "app/brokerage.hpp"
#include "app/json_detail.hpp"
#include "app/referral_rules.hpp"

#include "app/audit_event.hpp"
#include "app/award_call_off.hpp"

#include <algorithm>
#include <cmath>

#include "app/contracts.hpp"
#include "core/text.hpp"

namespace caremarket::app {
namespace {
using storage::ReferralStatus;

Error wrong_state(const storage::Referral& r, const std::string& action) {
  return Error::conflict("referral " + std::to_string(r.id) + " is " + std::string(to_string(r.status)) +
                         "; it cannot " + action + " now");
}

bool is_council_officer(const Caller& c) {
  return c.is_council() &&
         (c.has_role("placement_officer") || c.has_role("commissioner") || c.has_role("council_admin"));
}

nlohmann::json weights_json(const brokerage::Weights& w) {
  return {{"quality", w.quality}, {"price", w.price}, {"distance", w.distance}, {"fit", w.fit}};
}

std::string pounds(Money m) { return m.to_display(); }

nlohmann::json json_id(std::int64_t id) { return id; }

bool known_level(const std::string& level) {
  const auto& levels = market::known_need_levels();
  return std::find(levels.begin(), levels.end(), level) != levels.end();
}
}  // namespace

Status BrokerageConfig::validate() const {
  if (response_hours < 1 || response_hours > 24 * 14)
    return Error::invalid("offers may be open from 1 hour to 14 days");
  if (urgent_response_hours < 1 || urgent_response_hours > response_hours) {
    return Error::invalid("the urgent deadline must be at least an hour and no longer than the usual one");
  }
  return {};
}

// A call-off under a contract is also on the contract's own record.
Status Brokerage::audit_call_off(const Caller& caller, const storage::Placement& p) {
  if (!p.contract_id) return {};
  const nlohmann::json detail{{"placement", p.id},          {"service", p.service_id},
                              {"provider", p.provider_id},  {"start_date", p.start_date.to_string()},
                              {"places", p.places},         {"weekly_cost_pence", p.weekly_cost.pence()},
                              {"reason", p.call_off_reason}};
  return store_.append_audit(audit_event(clock_.now(), caller, "contract.call_off",
                                         "contract:" + std::to_string(*p.contract_id),
                                         detail.dump(-1, ' ', false, kReplaceBadBytes)));
}

Status Brokerage::audit(const Caller& caller, const std::string& action, std::int64_t referral_id,
                        const nlohmann::json& detail) {
  return store_.append_audit(audit_event(clock_.now(), caller, action, "referral:" + std::to_string(referral_id),
                                         detail.dump(-1, ' ', false, kReplaceBadBytes)));
}

Result<storage::Referral> Brokerage::own_referral(const Caller& caller, std::int64_t referral_id) {
  if (!is_council_officer(caller)) return Error::forbidden("only a council's officers manage its referrals");
  auto referral = store_.get_referral(referral_id);
  // Another council's referral is reported as missing, not as forbidden:
  // its existence is itself information.
  if (!referral || referral->council_id != caller.organisation_id) {
    return Error::not_found("referral " + std::to_string(referral_id) + " does not exist");
  }
  return referral;
}

Result<brokerage::Weights> Brokerage::weights_of(std::int64_t council_id) {
  CM_ASSIGN_OR_RETURN(const auto s, store_.council_settings(council_id));
  return brokerage::Weights{s.weight_quality, s.weight_price, s.weight_distance, s.weight_fit};
}

Result<brokerage::Need> Brokerage::need_of(const storage::Referral& r) {
  brokerage::Need need;
  need.kinds = r.kinds;
  need.age = r.age;
  need.needs = r.needs;
  need.home = r.home;
  need.preferred_authority = r.preferred_authority;
  need.need_level = r.need_level;
  need.budget_ceiling = r.budget_ceiling;
  need.max_distance_miles = r.max_distance_miles;
  need.min_rating = r.min_rating;
  need.allow_inadequate = !r.inadequate_override_reason.empty();
  if (r.for_child) {
    CM_ASSIGN_OR_RETURN(const auto child, read_child_need(nlohmann::json::parse(r.pds_json)));
    need.child = child.requirements;
    need.places_needed = 1 + child.sibling_count;
  }
  CM_ASSIGN_OR_RETURN(const auto settings, store_.council_settings(r.council_id));
  const bool hourly = !r.kinds.empty() && market::usual_unit(r.kinds.front()) == market::PriceUnit::hour;
  need.benchmark_price = hourly ? settings.benchmark_hourly : settings.benchmark_weekly;
  CM_TRY_STATUS(need.validate());
  return need;
}

Result<brokerage::Ranking> Brokerage::rank_market(const storage::Referral& r) {
  CM_ASSIGN_OR_RETURN(const auto need, need_of(r));
  CM_ASSIGN_OR_RETURN(const auto weights, weights_of(r.council_id));
  const auto nearby = market_.services_near(r.kinds, r.home, r.max_distance_miles);
  std::vector<std::pair<market::Service, std::optional<Money>>> listed;
  listed.reserve(nearby.size());
  std::vector<brokerage::Candidate> candidates;
  candidates.reserve(nearby.size());
  const Date today = clock_.today();
  for (const auto& [service, distance] : nearby) {
    listed.emplace_back(service, market_.current_price(service.id, r.need_level, today));
  }
  for (std::size_t i = 0; i < listed.size(); ++i) {
    candidates.push_back({&listed[i].first, nearby[i].second, listed[i].second});
  }
  return brokerage::rank_services(need, candidates, weights, clock_.today());
}

Result<CouncilReferralView> Brokerage::create_referral(const Caller& caller, const ReferralInput& in) {
  if (!is_council_officer(caller)) return Error::forbidden("only a council's placement officers make referrals");
  storage::Referral r;
  r.council_id = caller.organisation_id;
  r.created_by = caller.user_id;
  r.for_child = in.for_child;
  r.age = in.age;
  r.needs = in.needs;
  r.hours_per_week = in.hours_per_week;
  r.preferred_authority = in.preferred_authority;
  r.need_level = in.need_level;
  r.budget_ceiling = in.budget_ceiling;
  r.max_distance_miles = in.max_distance_miles;
  r.min_rating = in.min_rating;
  r.inadequate_override_reason = std::string(trim(in.inadequate_override_reason));
  r.urgent = in.urgent;
  if (const auto problems = referral_problems(in, clock_.today()); !problems.empty()) {
    return Error::invalid(problems.front().message, problems.front().field);
  }
  // The home postcode is personal; the engine and providers get its sector and district.
  auto postcode = parse_postcode(in.home_postcode);
  if (!postcode || postcode->inward.empty()) {
    return Error::invalid("give the person's full home postcode, e.g. B44 8DD", "home_postcode");
  }
  auto place = market_.gazetteer().locate(*postcode);
  if (!place) return Error::invalid(place.error().message, "home_postcode");
  r.home = place->point;
  r.home_district = postcode->district();
  if (!r.preferred_authority.empty() && !market_.gazetteer().authority_by_code(r.preferred_authority)) {
    return Error::invalid("'" + r.preferred_authority + "' is not the ONS code of a council", "preferred_authority");
  }
  if (!known_level(r.need_level)) {
    return Error::invalid(
        "'" + r.need_level + "' is not a need level; use one of: " + join(market::known_need_levels(), ", "),
        "need_level");
  }
  if (in.for_child) {
    CM_ASSIGN_OR_RETURN(const auto child, read_child_need(in.pds));
    r.kinds = child.kinds;
    r.urgent = r.urgent || child.needed_today;
    r.pds_json = in.pds.dump(-1, ' ', false, kReplaceBadBytes);
  } else {
    r.kinds = in.kinds;
  }
  r.needed_by = in.needed_by.value_or(clock_.today());
  const Timestamp now = clock_.now();
  r.created_at = now;
  r.updated_at = now;
  if (auto need = need_of(r); !need) return need.error();
  storage::PersonalDetails person = in.person;
  person.home_postcode = postcode->text();
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(r.id, store_.create_referral(r, person));
    return audit(caller, "referral.create", r.id, {{"kinds", r.kinds.size()}, {"for_child", r.for_child}});
  }));
  return CouncilReferralView{r, {}, {}, std::nullopt};
}

Result<CouncilReferralView> Brokerage::council_view(const Caller& caller, std::int64_t referral_id) {
  CM_ASSIGN_OR_RETURN(auto r, own_referral(caller, referral_id));
  CouncilReferralView view{std::move(r), {}, {}, std::nullopt};
  CM_ASSIGN_OR_RETURN(view.recipients, store_.recipients(referral_id));
  CM_ASSIGN_OR_RETURN(view.offers, store_.offers(referral_id));
  CM_ASSIGN_OR_RETURN(const auto placements, store_.placements(caller.organisation_id, std::nullopt));
  for (const auto& p : placements)
    if (p.referral_id == referral_id) view.placement = p;
  return view;
}

Result<ProviderReferralView> Brokerage::provider_view(const Caller& caller, std::int64_t referral_id,
                                                      bool with_person) {
  if (!caller.is_provider()) return Error::forbidden("this view is for providers");
  auto r = store_.get_referral(referral_id);
  if (!r) return Error::not_found("referral " + std::to_string(referral_id) + " does not exist");
  CM_ASSIGN_OR_RETURN(const auto recipients, store_.recipients(referral_id));
  ProviderReferralView view;
  for (auto rec : recipients) {
    if (rec.provider_id != caller.organisation_id) continue;
    // Whole miles: exact distances from several services would narrow the
    // home down to its postcode sector, finer than the district shown.
    rec.distance_miles = std::round(rec.distance_miles);
    view.asked.push_back(rec);
  }
  // Only providers the referral was sent to may see it at all.
  if (view.asked.empty()) return Error::not_found("referral " + std::to_string(referral_id) + " does not exist");
  view.id = r->id;
  view.status = r->status;
  view.kinds = r->kinds;
  view.age_band = age_band(r->age);
  view.home_district = r->home_district;
  view.needs = r->needs;
  view.hours_per_week = r->hours_per_week;
  view.needed_by = r->needed_by;
  view.urgent = r->urgent;
  view.deadline = r->deadline;
  if (r->for_child) {
    view.pds = nlohmann::json::parse(r->pds_json);
    view.pds["PlacementAvailability"].erase("childId");  // points to the child
  }
  CM_ASSIGN_OR_RETURN(const auto offers, store_.offers(referral_id));
  for (const auto& o : offers)
    if (o.provider_id == caller.organisation_id) view.offers.push_back(o);
  if (!with_person) return view;
  CM_ASSIGN_OR_RETURN(const auto placements, store_.placements(std::nullopt, caller.organisation_id));
  for (const auto& p : placements) {
    if (p.referral_id == referral_id) {
      CM_ASSIGN_OR_RETURN(view.person, store_.personal_details(referral_id));
      CM_TRY_STATUS(audit(caller, "personal_details.read", referral_id, {{"by", "awarded provider"}}));
    }
  }
  return view;
}

Result<std::vector<storage::Referral>> Brokerage::council_referrals(const Caller& caller) {
  if (!is_council_officer(caller)) return Error::forbidden("only a council's officers list its referrals");
  return store_.referrals_of_council(caller.organisation_id);
}

Result<std::vector<ProviderReferralView>> Brokerage::provider_referrals(const Caller& caller) {
  if (!caller.is_provider()) return Error::forbidden("this list is for providers");
  CM_ASSIGN_OR_RETURN(const auto referrals, store_.referrals_sent_to(caller.organisation_id));
  std::vector<ProviderReferralView> out;
  for (const auto& r : referrals) {
    CM_ASSIGN_OR_RETURN(auto view, provider_view(caller, r.id));  // never with the person: open the referral for that
    out.push_back(std::move(view));
  }
  return out;
}

Result<brokerage::Ranking> Brokerage::preview(const Caller& caller, std::int64_t referral_id) {
  CM_ASSIGN_OR_RETURN(const auto r, own_referral(caller, referral_id));
  return rank_market(r);
}

Result<CouncilReferralView> Brokerage::send(const Caller& caller, std::int64_t referral_id) {
  CM_ASSIGN_OR_RETURN(auto r, own_referral(caller, referral_id));
  if (r.status != ReferralStatus::draft) return wrong_state(r, "be sent");
  CM_ASSIGN_OR_RETURN(const auto ranking, rank_market(r));
  if (ranking.eligible.empty()) {
    return Error::conflict("no service meets this referral's needs within " +
                           std::to_string(static_cast<int>(r.max_distance_miles)) +
                           " miles; see the preview for why each was excluded, and widen the search");
  }
  const Timestamp now = clock_.now();
  r.status = ReferralStatus::sent;
  r.deadline = now + 3600 * (r.urgent ? config_.urgent_response_hours : config_.response_hours);
  r.weights_json = weights_json(ranking.weights).dump(-1, ' ', false, kReplaceBadBytes);
  r.updated_at = now;
  std::vector<storage::Recipient> recipients;
  for (const auto& e : ranking.eligible) {
    const auto service = market_.service(e.service_id);
    recipients.push_back({r.id, e.service_id, service ? service->provider_id : 0, storage::RecipientStatus::asked, "",
                          e.score.total, e.distance_miles, now});
  }
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.update_referral(r));
    CM_TRY_STATUS(store_.add_recipients(recipients));
    std::vector<std::int64_t> told;
    for (const auto& rec : recipients) {
      if (std::find(told.begin(), told.end(), rec.provider_id) != told.end()) continue;
      told.push_back(rec.provider_id);
      CM_TRY_STATUS(store_.notify({0, rec.provider_id, "referral.new", r.id,
                                   std::string(r.urgent ? "Urgent referral" : "New referral") + " " +
                                       std::to_string(r.id) + " (age " + age_band(r.age) + ", " + r.home_district +
                                       "); offers close " + format_timestamp(r.deadline),
                                   now, false}));
    }
    return audit(caller, "referral.send", r.id,
                 {{"services", recipients.size()},
                  {"excluded", ranking.excluded.size()},
                  {"weights", weights_json(ranking.weights)},
                  {"deadline", format_timestamp(r.deadline)}});
  }));
  return council_view(caller, r.id);
}

Result<CouncilReferralView> Brokerage::send_to(const Caller& caller, std::int64_t referral_id, std::int64_t service_id,
                                               const std::string& via, bool committed_place) {
  CM_ASSIGN_OR_RETURN(auto r, own_referral(caller, referral_id));
  CM_ASSIGN_OR_RETURN(const auto asked, store_.recipients(r.id));
  CM_ASSIGN_OR_RETURN(const auto offers, store_.offers(r.id));
  bool again = r.status == ReferralStatus::sent && !asked.empty();
  for (const auto& rec : asked) again = again && rec.status == storage::RecipientStatus::declined;
  for (const auto& o : offers) again = again && o.status != storage::OfferStatus::open;
  if (r.status != ReferralStatus::draft && !again) return wrong_state(r, "be sent to another service");
  for (const auto& rec : asked) {
    if (rec.service_id == service_id)
      return Error::conflict("service " + std::to_string(service_id) + " has already answered this referral");
  }
  CM_ASSIGN_OR_RETURN(const auto ranking, rank_market(r));
  std::optional<brokerage::Ranked> chosen;
  for (const auto& e : ranking.eligible)
    if (e.service_id == service_id) chosen = e;
  if (!chosen) {
    for (const auto& x : ranking.excluded) {
      if (x.service_id != service_id) continue;
      if (!(committed_place && x.reason == brokerage::ExclusionReason::no_vacancy)) {
        return Error::conflict("service " + std::to_string(service_id) +
                               " can no longer take this referral: " + x.message);
      }
      chosen = brokerage::Ranked{service_id, x.distance_miles, std::nullopt, {}};
    }
  }
  if (!chosen)
    return Error::conflict("service " + std::to_string(service_id) + " is no longer within this referral's reach");
  const Timestamp now = clock_.now();
  r.status = ReferralStatus::sent;
  r.deadline = now + 3600 * (r.urgent ? config_.urgent_response_hours : config_.response_hours);
  r.weights_json = weights_json(ranking.weights).dump(-1, ' ', false, kReplaceBadBytes);
  r.updated_at = now;
  const auto service = market_.service(service_id);
  const storage::Recipient recipient{r.id,
                                     service_id,
                                     service ? service->provider_id : 0,
                                     storage::RecipientStatus::asked,
                                     "",
                                     chosen->score.total,
                                     chosen->distance_miles,
                                     now};
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.update_referral(r));
    CM_TRY_STATUS(store_.add_recipients({recipient}));
    CM_TRY_STATUS(store_.notify({0, recipient.provider_id, "referral.new", r.id,
                                 std::string(r.urgent ? "Urgent referral" : "New referral") + " " +
                                     std::to_string(r.id) + " (age " + age_band(r.age) + ", " + r.home_district +
                                     "); offers close " + format_timestamp(r.deadline),
                                 now, false}));
    return audit(caller, "referral.send", r.id,
                 {{"services", 1},
                  {"service", service_id},
                  {"via", via},
                  {"committed_place", committed_place},
                  {"weights", weights_json(ranking.weights)},
                  {"deadline", format_timestamp(r.deadline)}});
  }));
  return council_view(caller, r.id);
}

Result<storage::Offer> Brokerage::make_offer(const Caller& caller, std::int64_t referral_id, const OfferInput& in) {
  CM_ASSIGN_OR_RETURN(const auto view, provider_view(caller, referral_id));
  CM_TRY_STATUS(can_change_service(caller, caller.organisation_id));
  CM_ASSIGN_OR_RETURN(const auto r, store_.get_referral(referral_id));
  if (r.status != ReferralStatus::sent) return wrong_state(r, "take offers");
  if (clock_.now() > r.deadline)
    return Error::conflict("offers for referral " + std::to_string(r.id) + " closed at " +
                           format_timestamp(r.deadline));
  auto asked =
      std::find_if(view.asked.begin(), view.asked.end(), [&](const auto& a) { return a.service_id == in.service_id; });
  if (asked == view.asked.end())
    return Error::invalid("the referral was not sent to service " + std::to_string(in.service_id), "service_id");
  if (asked->status != storage::RecipientStatus::asked) {
    return Error::conflict("service " + std::to_string(in.service_id) + " has already answered this referral");
  }
  if (in.price.pence() <= 0 || in.price.pence() > 100'000'00)
    return Error::invalid("the price must be above £0 and at most £100,000", "price");
  if (in.start_date < clock_.today()) return Error::invalid("the start date is in the past", "start_date");
  if (in.conditions.size() > 2000) return Error::invalid("conditions are limited to 2,000 characters", "conditions");
  storage::Offer offer;
  offer.referral_id = referral_id;
  offer.service_id = in.service_id;
  offer.provider_id = caller.organisation_id;
  offer.price = in.price;
  offer.unit = market::usual_unit(r.kinds.front());
  offer.start_date = in.start_date;
  offer.conditions = in.conditions;
  offer.created_at = clock_.now();
  storage::Recipient answered = *asked;
  answered.status = storage::RecipientStatus::offered;
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(offer.id, store_.create_offer(offer));
    CM_TRY_STATUS(store_.update_recipient(answered));
    CM_TRY_STATUS(store_.notify({0, r.council_id, "offer.received", r.id,
                                 "Offer on referral " + std::to_string(r.id) + " at " + pounds(offer.price) + " a " +
                                     std::string(to_string(offer.unit)),
                                 offer.created_at, false}));
    return audit(caller, "offer.make", r.id,
                 {{"offer", offer.id}, {"service", offer.service_id}, {"price_pence", offer.price.pence()}});
  }));
  return offer;
}

Status Brokerage::decline(const Caller& caller, std::int64_t referral_id, std::int64_t service_id,
                          const std::string& reason) {
  CM_ASSIGN_OR_RETURN(const auto view, provider_view(caller, referral_id));
  CM_TRY_STATUS(can_change_service(caller, caller.organisation_id));
  if (trim(reason).empty()) return Error::invalid("say why the service declines: it helps the council plan", "reason");
  auto asked =
      std::find_if(view.asked.begin(), view.asked.end(), [&](const auto& a) { return a.service_id == service_id; });
  if (asked == view.asked.end())
    return Error::invalid("the referral was not sent to service " + std::to_string(service_id), "service_id");
  if (asked->status != storage::RecipientStatus::asked) return Error::conflict("the service has already answered");
  storage::Recipient answered = *asked;
  answered.status = storage::RecipientStatus::declined;
  answered.decline_reason = std::string(trim(reason));
  return store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.update_recipient(answered));
    return audit(caller, "offer.decline", referral_id, {{"service", service_id}, {"reason", answered.decline_reason}});
  });
}

Status Brokerage::withdraw_offer(const Caller& caller, std::int64_t offer_id) {
  auto offer = store_.get_offer(offer_id);
  if (!offer || offer->provider_id != caller.organisation_id || !caller.is_provider()) {
    return Error::not_found("offer " + std::to_string(offer_id) + " does not exist");
  }
  CM_TRY_STATUS(can_change_service(caller, caller.organisation_id));
  CM_ASSIGN_OR_RETURN(const auto r, store_.get_referral(offer->referral_id));
  if (offer->status != storage::OfferStatus::open)
    return Error::conflict("the offer is " + std::string(to_string(offer->status)));
  if (r.status == ReferralStatus::awarded || r.status == ReferralStatus::closed ||
      r.status == ReferralStatus::withdrawn) {
    return wrong_state(r, "have offers withdrawn");
  }
  offer->status = storage::OfferStatus::withdrawn;
  return store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.update_offer(*offer));
    CM_TRY_STATUS(
        store_.notify({0, r.council_id, "offer.withdrawn", r.id,
                       "An offer on referral " + std::to_string(r.id) + " was withdrawn", clock_.now(), false}));
    return audit(caller, "offer.withdraw", r.id, {{"offer", offer_id}});
  });
}

Result<OfferRanking> Brokerage::rank_offers(const Caller& caller, std::int64_t referral_id) {
  CM_ASSIGN_OR_RETURN(auto r, own_referral(caller, referral_id));
  if (r.status != ReferralStatus::sent && r.status != ReferralStatus::offers) return wrong_state(r, "rank offers");
  CM_ASSIGN_OR_RETURN(const auto recipients, store_.recipients(referral_id));
  const bool all_answered = std::all_of(recipients.begin(), recipients.end(),
                                        [](const auto& rec) { return rec.status != storage::RecipientStatus::asked; });
  if (r.status == ReferralStatus::sent && clock_.now() < r.deadline && !all_answered && !r.urgent) {
    return Error::conflict("offers close at " + format_timestamp(r.deadline) +
                           "; they are ranked then, or once every service has answered");
  }
  CM_ASSIGN_OR_RETURN(const auto need, need_of(r));
  CM_ASSIGN_OR_RETURN(const auto weights, weights_of(r.council_id));
  CM_ASSIGN_OR_RETURN(const auto offers, store_.offers(referral_id));
  std::vector<storage::Offer> open;
  std::vector<market::Service> services;
  for (const auto& o : offers) {
    if (o.status != storage::OfferStatus::open) continue;
    const auto s = market_.service(o.service_id);
    if (!s) continue;
    open.push_back(o);
    services.push_back(*s);
  }
  std::vector<brokerage::Candidate> candidates;
  for (std::size_t i = 0; i < open.size(); ++i) {
    candidates.push_back({&services[i], distance_miles(r.home, services[i].location), open[i].price});
  }
  const auto ranking = brokerage::rank_offers(need, candidates, weights, clock_.today());
  OfferRanking out{{}, ranking.weights, ranking.reference_price};
  for (const auto& ranked : ranking.eligible) {
    for (const auto& o : open) {
      if (o.service_id == ranked.service_id) out.offers.push_back({o, ranked.score, ranked.distance_miles});
    }
  }
  const bool deadline_passed = clock_.now() >= r.deadline || all_answered;
  if (r.status == ReferralStatus::sent && deadline_passed) {
    r.status = open.empty() ? ReferralStatus::closed : ReferralStatus::offers;
    if (open.empty()) r.outcome_reason = "closed with no offer";
    r.updated_at = clock_.now();
    CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
      CM_TRY_STATUS(store_.update_referral(r));
      nlohmann::json order = nlohmann::json::array();
      for (const auto& o : out.offers) order.push_back({{"offer", o.offer.id}, {"total", o.score.total}});
      return audit(caller, open.empty() ? "referral.close" : "offers.rank", r.id,
                   {{"ranking", order}, {"weights", weights_json(out.weights)}});
    }));
  }
  return out;
}

Result<storage::Placement> Brokerage::award(const Caller& caller, std::int64_t referral_id, const AwardInput& in) {
  CM_ASSIGN_OR_RETURN(auto r, own_referral(caller, referral_id));
  const bool urgent_early = r.urgent && r.status == ReferralStatus::sent;
  if (r.status != ReferralStatus::offers && !urgent_early) {
    return r.status == ReferralStatus::sent
               ? Error::conflict("rank the offers first (after the deadline at " + format_timestamp(r.deadline) + ")")
               : wrong_state(r, "be awarded");
  }
  CM_ASSIGN_OR_RETURN(const auto ranking, rank_offers(caller, referral_id));
  if (ranking.offers.empty()) return Error::conflict("there is no open offer to award");
  const auto chosen = std::find_if(ranking.offers.begin(), ranking.offers.end(),
                                   [&](const RankedOffer& o) { return o.offer.id == in.offer_id; });
  if (chosen == ranking.offers.end())
    return Error::invalid("offer " + std::to_string(in.offer_id) + " is not an open offer on this referral",
                          "offer_id");
  const bool top = chosen == ranking.offers.begin();
  // Urgent referrals may take the first suitable offer; otherwise a choice
  // other than the top-ranked offer needs a recorded reason.
  if (!top && !urgent_early && trim(in.reason).empty()) {
    return Error::invalid("this is not the top-ranked offer: record the reason for choosing it", "reason");
  }
  if (in.siblings_placed_together < 0 || in.siblings_placed_together > 9) {
    return Error::invalid("siblings placed together must be between 0 and 9", "siblings_placed_together");
  }
  CM_ASSIGN_OR_RETURN(const auto need, need_of(r));
  const auto service = market_.service(chosen->offer.service_id);
  if (!service) return Error::not_found("the service of that offer no longer exists");
  storage::Placement p;
  p.referral_id = r.id;
  p.council_id = r.council_id;
  p.service_id = service->id;
  p.provider_id = service->provider_id;
  p.offer_id = chosen->offer.id;
  p.start_date = chosen->offer.start_date;
  p.weekly_cost = chosen->offer.unit == market::PriceUnit::hour ? chosen->offer.price * std::max(1, r.hours_per_week)
                                                                : chosen->offer.price;
  p.preferred_location = in.preferred_location;
  p.education_continuity = in.education_continuity;
  p.siblings_placed_together = in.siblings_placed_together;
  p.places = need.places_needed;
  p.placement_type = service->kind == market::KindOfCare::fostering_agency          ? "Foster"
                     : service->kind == market::KindOfCare::supported_accommodation ? "Supported Accommodation"
                                                                                    : "Residential";
  // The call-off: which of the council's contracts the placement draws on.
  const AwardCallOff call_off_for{r.council_id,        p.provider_id,      p.service_id, p.start_date,    service->kind,
                                  chosen->offer.price, chosen->offer.unit, p.places,     r.hours_per_week};
  r.status = ReferralStatus::awarded;
  r.outcome_reason = std::string(trim(in.reason));
  r.updated_at = clock_.now();
  // One transaction: vacancies, the offers' outcomes, the placement, the
  // notices and the audit entry land together or not at all. The vacancies
  // are checked and taken inside it (require_room), and the referral's state
  // and the offer are read again there: what was read above may be stale by
  // now, and two awards at once must not both succeed.
  CM_TRY_STATUS(market_.change_vacancies(
      service->id, -need.places_needed, caller.user_id,
      [&]() -> Status {
        CM_ASSIGN_OR_RETURN(const auto now_stored, store_.get_referral(r.id));
        const bool still_open = now_stored.status == ReferralStatus::offers ||
                                (now_stored.urgent && now_stored.status == ReferralStatus::sent);
        if (!still_open) return wrong_state(now_stored, "be awarded");
        CM_ASSIGN_OR_RETURN(const auto chosen_now, store_.get_offer(chosen->offer.id));
        if (chosen_now.status != storage::OfferStatus::open) {
          return Error::conflict("offer " + std::to_string(chosen_now.id) + " is " +
                                 std::string(to_string(chosen_now.status)) + " now; rank the offers again");
        }
        // Chosen inside the transaction that writes the placement: the room it
        // counts is the room left, so two awards at once cannot both take a
        // block's last place.
        CM_ASSIGN_OR_RETURN(const auto call_off, route_award(store_, call_off_for));
        p.call_off_model = call_off.model;
        p.contract_id = call_off.contract_id;
        p.call_off_reason = call_off.reason;
        CM_TRY_STATUS(store_.update_referral(r));
        for (const auto& o : ranking.offers) {
          storage::Offer updated = o.offer;
          const std::size_t position = static_cast<std::size_t>(&o - ranking.offers.data()) + 1;
          if (o.offer.id == chosen->offer.id) {
            updated.status = storage::OfferStatus::accepted;
            updated.feedback = "Awarded.";
          } else {
            updated.status = storage::OfferStatus::not_selected;
            char feedback[200];
            std::snprintf(feedback, sizeof feedback,
                          "Not selected: your offer ranked %zu of %zu (score %.1f; the award scored %.1f).", position,
                          ranking.offers.size(), o.score.total, chosen->score.total);
            updated.feedback = feedback;
          }
          CM_TRY_STATUS(store_.update_offer(updated));
          CM_TRY_STATUS(
              store_.notify({0, o.offer.provider_id, "offer.outcome", r.id,
                             "Referral " + std::to_string(r.id) + ": " + updated.feedback, r.updated_at, false}));
        }
        CM_ASSIGN_OR_RETURN(p.id, store_.create_placement(p));
        CM_TRY_STATUS(audit_call_off(caller, p));
        return audit(caller, "referral.award", r.id,
                     {{"offer", chosen->offer.id},
                      {"top_ranked", top},
                      {"reason", r.outcome_reason},
                      {"placement", p.id},
                      {"weekly_cost_pence", p.weekly_cost.pence()},
                      {"call_off",
                       {{"model", to_string(p.call_off_model)},
                        {"contract_id", p.contract_id ? json_id(*p.contract_id) : nullptr},
                        {"reason", p.call_off_reason}}}});
      },
      /*require_room=*/true));
  return p;
}

Status Brokerage::withdraw_referral(const Caller& caller, std::int64_t referral_id, const std::string& reason) {
  CM_ASSIGN_OR_RETURN(auto r, own_referral(caller, referral_id));
  if (r.status == ReferralStatus::awarded || r.status == ReferralStatus::withdrawn ||
      r.status == ReferralStatus::closed) {
    return wrong_state(r, "be withdrawn");
  }
  if (trim(reason).empty()) return Error::invalid("say why the referral is withdrawn", "reason");
  r.status = ReferralStatus::withdrawn;
  r.outcome_reason = std::string(trim(reason));
  r.updated_at = clock_.now();
  CM_ASSIGN_OR_RETURN(const auto recipients, store_.recipients(referral_id));
  return store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.update_referral(r));
    std::vector<std::int64_t> told;
    for (const auto& rec : recipients) {
      if (std::find(told.begin(), told.end(), rec.provider_id) != told.end()) continue;
      told.push_back(rec.provider_id);
      CM_TRY_STATUS(
          store_.notify({0, rec.provider_id, "referral.withdrawn", r.id,
                         "Referral " + std::to_string(r.id) + " was withdrawn by the council", r.updated_at, false}));
    }
    return audit(caller, "referral.withdraw", r.id, {{"reason", r.outcome_reason}});
  });
}

Result<storage::Placement> Brokerage::end_placement(const Caller& caller, std::int64_t placement_id, Date end_date,
                                                    const std::string& reason) {
  static const std::vector<std::string> reasons{"planned_move", "disruption", "died", "moved_away"};
  if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
    return Error::invalid("the reason must be one of: " + join(reasons, ", "), "reason");
  }
  auto p = store_.get_placement(placement_id);
  if (!p || !is_council_officer(caller) || p->council_id != caller.organisation_id) {
    if (!is_council_officer(caller)) return Error::forbidden("only the placing council ends a placement");
    return Error::not_found("placement " + std::to_string(placement_id) + " does not exist");
  }
  if (p->status == storage::PlacementStatus::ended) return Error::conflict("the placement has already ended");
  if (end_date < p->start_date) return Error::invalid("the end date is before the placement started", "end_date");
  p->status = storage::PlacementStatus::ended;
  p->end_date = end_date;
  p->end_reason = reason;
  CM_TRY_STATUS(market_.change_vacancies(p->service_id, p->places, caller.user_id, [&]() -> Status {
    CM_TRY_STATUS(store_.update_placement(*p));
    CM_TRY_STATUS(
        store_.notify({0, p->provider_id, "placement.ended", p->referral_id,
                       "Placement " + std::to_string(p->id) + " ended (" + reason + ")", clock_.now(), false}));
    return audit(caller, "placement.end", p->referral_id,
                 {{"placement", p->id}, {"reason", reason}, {"end_date", end_date.to_string()}});
  }));
  return *p;
}

Result<std::vector<storage::Placement>> Brokerage::placements(const Caller& caller) {
  if (caller.is_council()) return store_.placements(caller.organisation_id, std::nullopt);
  if (caller.is_provider()) return store_.placements(std::nullopt, caller.organisation_id);
  return Error::forbidden("placements are seen by the council and the provider concerned");
}

Result<storage::PersonalDetails> Brokerage::personal_details(const Caller& caller, std::int64_t referral_id,
                                                             const std::string& reason) {
  auto r = store_.get_referral(referral_id);
  if (!r) return Error::not_found("referral " + std::to_string(referral_id) + " does not exist");
  std::string basis;
  if (caller.is_council()) {
    // Another council learns nothing, not even that the referral exists.
    if (r->council_id != caller.organisation_id)
      return Error::not_found("referral " + std::to_string(referral_id) + " does not exist");
    CM_TRY_STATUS(can_read_personal_details(caller, r->council_id, false));
    basis = "placing council";
  } else if (caller.is_provider()) {
    // A provider the referral was never sent to learns nothing, not even that it exists.
    CM_ASSIGN_OR_RETURN(const auto recipients, store_.recipients(referral_id));
    const bool asked = std::any_of(recipients.begin(), recipients.end(),
                                   [&](const auto& rec) { return rec.provider_id == caller.organisation_id; });
    if (!asked) return Error::not_found("referral " + std::to_string(referral_id) + " does not exist");
    CM_ASSIGN_OR_RETURN(const auto placements, store_.placements(std::nullopt, caller.organisation_id));
    const bool awarded =
        std::any_of(placements.begin(), placements.end(), [&](const auto& p) { return p.referral_id == referral_id; });
    CM_TRY_STATUS(can_read_personal_details(caller, r->council_id, awarded));
    basis = "awarded provider";
  } else if (caller.is_operator()) {
    if (trim(reason).size() < 10) {
      return Error::invalid("the operator must record why it reads a person's details (at least 10 characters)",
                            "reason");
    }
    basis = "operator";
  } else {
    return Error::not_found("referral " + std::to_string(referral_id) + " does not exist");
  }
  CM_ASSIGN_OR_RETURN(auto person, store_.personal_details(referral_id));
  CM_TRY_STATUS(
      audit(caller, "personal_details.read", referral_id, {{"by", basis}, {"reason", std::string(trim(reason))}}));
  return person;
}

Result<std::vector<storage::AuditEvent>> Brokerage::history(const Caller& caller, std::int64_t referral_id) {
  CM_ASSIGN_OR_RETURN(const auto r, own_referral(caller, referral_id));
  return store_.audit_for("referral:" + std::to_string(r.id));
}

Result<std::vector<storage::Notification>> Brokerage::inbox(const Caller& caller) {
  if (caller.system || caller.organisation_id == 0) return Error::forbidden("an inbox belongs to an organisation");
  return store_.inbox(caller.organisation_id);
}

Status Brokerage::mark_read(const Caller& caller, std::int64_t notification_id) {
  return store_.mark_read(caller.organisation_id, notification_id);
}

Result<storage::CouncilSettings> Brokerage::settings(const Caller& caller) {
  if (!caller.is_council()) return Error::forbidden("settings belong to a council");
  return store_.council_settings(caller.organisation_id);
}

Status Brokerage::set_weights(const Caller& caller, const brokerage::Weights& weights) {
  if (!caller.is_council() || !(caller.has_role("commissioner") || caller.has_role("council_admin"))) {
    return Error::forbidden("a council's commissioners set its published weights");
  }
  CM_TRY_STATUS(weights.validate());
  CM_ASSIGN_OR_RETURN(auto settings, store_.council_settings(caller.organisation_id));
  settings.weight_quality = weights.quality;
  settings.weight_price = weights.price;
  settings.weight_distance = weights.distance;
  settings.weight_fit = weights.fit;
  return store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.set_council_settings(settings));
    return store_.append_audit(audit_event(clock_.now(), caller, "weights.set",
                                           "council:" + std::to_string(caller.organisation_id),
                                           weights_json(weights).dump(-1, ' ', false, kReplaceBadBytes)));
  });
}

}  // namespace caremarket::app
