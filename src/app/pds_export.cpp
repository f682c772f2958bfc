// Referrals and placements as Placements Data Standard v2 documents.
#include <cmath>

#include "app/award_call_off.hpp"
#include "app/brokerage.hpp"
#include "app/contracts.hpp"
#include "pds/standard.hpp"

namespace caremarket::app {

Result<nlohmann::json> Brokerage::export_referral(const Caller& caller, std::int64_t referral_id) {
  CM_ASSIGN_OR_RETURN(const auto r, own_referral(caller, referral_id));
  if (!r.for_child) {
    return Error::invalid("the Placements Data Standard describes children's placements; referral " +
                          std::to_string(r.id) + " is for an adult");
  }
  auto doc = nlohmann::json::parse(r.pds_json);
  CM_TRY_STATUS(pds::validate_referral(doc));
  CM_TRY_STATUS(audit(caller, "referral.export", r.id, {{"format", "placements-data-standard-v2"}}));
  return doc;
}

Result<nlohmann::json> Brokerage::export_placement(const Caller& caller, std::int64_t placement_id) {
  auto p = store_.get_placement(placement_id);
  if (!p || !caller.is_council() || p->council_id != caller.organisation_id) {
    return Error::not_found("placement " + std::to_string(placement_id) + " does not exist");
  }
  CM_ASSIGN_OR_RETURN(const auto r, store_.get_referral(p->referral_id));
  if (!r.for_child) {
    return Error::invalid("the Placements Data Standard describes children's placements; placement " +
                          std::to_string(p->id) + " is an adult's");
  }
  const auto service = market_.service(p->service_id);
  CM_ASSIGN_OR_RETURN(const auto officer, store_.get_user(r.created_by));
  CM_ASSIGN_OR_RETURN(const auto placer, store_.get_user(caller.user_id));
  const auto* authority = service ? market_.gazetteer().authority_by_code(service->local_authority_code) : nullptr;
  // The standard counts weekly cost in whole pounds; pence are rounded by the house rule.
  const auto pounds = divide_round_half_away(p->weekly_cost.pence(), 100);
  nlohmann::json doc{
      {"ActualPlacement",
       {{"totalWeeklyCost", pounds},
        {"placementLocation", authority ? authority->name : (service ? service->postcode : std::string())},
        {"preferabilityLocation", p->preferred_location},
        {"educationContinuity", p->education_continuity},
        {"providerURN", service ? service->regulator_id : std::string()},
        {"siblingsPlacedTogether", p->siblings_placed_together},
        {"placementType", p->placement_type}}},
      {"QualityAssurance",
       {{"referralOfficerName", officer.name},
        {"referralDate", Date::from_days(std::chrono::floor<std::chrono::days>(
                                             std::chrono::sys_seconds{std::chrono::seconds{r.created_at}}))
                             .to_string()},
        {"placementOfficerName", placer.name},
        {"placementDate", p->start_date.to_string()},
        {"costDate", p->start_date.to_string()}}}};
  CM_TRY_STATUS(pds::validate_placement(doc));
  CM_TRY_STATUS(
      audit(caller, "placement.export", r.id, {{"placement", p->id}, {"format", "placements-data-standard-v2"}}));
  return doc;
}

Result<storage::Placement> Brokerage::import_placement(const Caller& caller, std::int64_t referral_id,
                                                       const nlohmann::json& document) {
  CM_ASSIGN_OR_RETURN(auto r, own_referral(caller, referral_id));
  if (!r.for_child)
    return Error::invalid("the Placements Data Standard describes children's placements; this referral is an adult's");
  if (r.status == storage::ReferralStatus::awarded || r.status == storage::ReferralStatus::withdrawn ||
      r.status == storage::ReferralStatus::closed) {
    return Error::conflict("referral " + std::to_string(r.id) + " is " + std::string(to_string(r.status)) +
                           "; a placement can no longer be recorded against it");
  }
  CM_TRY_STATUS(pds::validate_placement(document));
  const auto& actual = document.at("ActualPlacement");
  const auto urn = actual.at("providerURN").get<std::string>();
  CM_ASSIGN_OR_RETURN(const auto found, store_.find_service_by_key("ofsted:" + urn));
  if (!found)
    return Error::invalid("providerURN '" + urn + "' is not an Ofsted URN on the register",
                          "ActualPlacement.providerURN");
  const auto pounds = actual.at("totalWeeklyCost").get<std::int64_t>();
  if (pounds <= 0 || pounds > 100'000) {
    return Error::invalid("totalWeeklyCost must be between £1 and £100,000 a week", "ActualPlacement.totalWeeklyCost");
  }
  auto start = Date::parse_iso(document.at("QualityAssurance").at("placementDate").get<std::string>());
  if (!start) return Error::invalid(start.error().message, "QualityAssurance.placementDate");
  CM_ASSIGN_OR_RETURN(const auto need, need_of(r));

  storage::Offer offer;
  offer.referral_id = r.id;
  offer.service_id = found->id;
  offer.provider_id = found->provider_id;
  offer.price = Money::from_pounds(pounds);
  offer.unit = market::PriceUnit::week;
  offer.start_date = *start;
  offer.conditions = "Agreed outside caremarket; recorded from a Placements Data Standard document.";
  offer.status = storage::OfferStatus::accepted;
  offer.feedback = "Awarded.";
  offer.created_at = clock_.now();
  storage::Placement p;
  p.referral_id = r.id;
  p.council_id = r.council_id;
  p.service_id = found->id;
  p.provider_id = found->provider_id;
  p.start_date = *start;
  p.weekly_cost = offer.price;
  p.preferred_location = actual.at("preferabilityLocation").get<bool>();
  p.education_continuity = actual.at("educationContinuity").get<bool>();
  p.siblings_placed_together = static_cast<int>(actual.at("siblingsPlacedTogether").get<std::int64_t>());
  p.placement_type = actual.at("placementType").get<std::string>();
  p.places = need.places_needed;
  const AwardCallOff call_off_for{r.council_id, p.provider_id, p.service_id, p.start_date,    found->kind,
                                  offer.price,  offer.unit,    p.places,     r.hours_per_week};
  r.status = storage::ReferralStatus::awarded;
  r.outcome_reason = "placement agreed outside caremarket, recorded from a Placements Data Standard document";
  r.updated_at = offer.created_at;
  CM_TRY_STATUS(market_.change_vacancies(found->id, -need.places_needed, caller.user_id, [&]() -> Status {
    // Read again inside the transaction: two records at once must not both award it.
    CM_ASSIGN_OR_RETURN(const auto now_stored, store_.get_referral(r.id));
    if (now_stored.status == storage::ReferralStatus::awarded ||
        now_stored.status == storage::ReferralStatus::withdrawn ||
        now_stored.status == storage::ReferralStatus::closed) {
      return Error::conflict("referral " + std::to_string(r.id) + " is " + std::string(to_string(now_stored.status)) +
                             " now");
    }
    // Chosen where the placement is written, as at award: the room counted is the room left.
    CM_ASSIGN_OR_RETURN(const auto call_off, route_award(store_, call_off_for));
    p.call_off_model = call_off.model;
    p.contract_id = call_off.contract_id;
    p.call_off_reason = call_off.reason;
    CM_ASSIGN_OR_RETURN(p.offer_id, store_.create_offer(offer));
    CM_TRY_STATUS(store_.update_referral(r));
    CM_ASSIGN_OR_RETURN(p.id, store_.create_placement(p));
    CM_TRY_STATUS(store_.notify({0, p.provider_id, "referral.awarded", r.id,
                                 "Placement " + std::to_string(p.id) + " recorded with your service " + found->name,
                                 offer.created_at, false}));
    CM_TRY_STATUS(audit_call_off(caller, p));
    return audit(caller, "placement.import", r.id,
                 {{"placement", p.id},
                  {"providerURN", urn},
                  {"weekly_cost_pounds", pounds},
                  {"call_off", to_string(p.call_off_model)}});
  }));
  return p;
}

}  // namespace caremarket::app
