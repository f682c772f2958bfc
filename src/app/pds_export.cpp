// Referrals and placements as Placements Data Standard v2 documents.
#include <cmath>

#include "app/brokerage.hpp"
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
                             std::chrono::sys_seconds{std::chrono::seconds{r.created_at}})).to_string()},
        {"placementOfficerName", placer.name},
        {"placementDate", p->start_date.to_string()},
        {"costDate", p->start_date.to_string()}}}};
  CM_TRY_STATUS(pds::validate_placement(doc));
  CM_TRY_STATUS(audit(caller, "placement.export", r.id, {{"placement", p->id}, {"format", "placements-data-standard-v2"}}));
  return doc;
}

}  // namespace caremarket::app
