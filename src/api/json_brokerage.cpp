#include "api/json_brokerage.hpp"

#include <cmath>

namespace caremarket::api {
using nlohmann::json;
namespace {
double round2(double v) { return std::round(v * 100) / 100; }
json kinds(const std::vector<market::KindOfCare>& ks) {
  json out = json::array();
  for (const auto k : ks) out.push_back(to_string(k));
  return out;
}
json money_json(const std::optional<Money>& m) {
  if (!m) return nullptr;
  return {{"amount_pence", m->pence()}, {"amount", m->to_string()}};
}
}  // namespace

json to_json(const storage::Referral& r) {
  json out{{"id", r.id},
           {"council_id", r.council_id},
           {"status", to_string(r.status)},
           {"for_child", r.for_child},
           {"kinds", kinds(r.kinds)},
           {"age", r.age},
           {"needs", r.needs},
           {"hours_per_week", r.hours_per_week},
           {"home_district", r.home_district},
           {"preferred_authority", r.preferred_authority},
           {"need_level", r.need_level},
           {"budget_ceiling", money_json(r.budget_ceiling)},
           {"needed_by", r.needed_by.to_string()},
           {"urgent", r.urgent},
           {"max_distance_miles", r.max_distance_miles},
           {"min_rating", to_string(r.min_rating)},
           {"inadequate_override_reason", r.inadequate_override_reason},
           {"deadline", r.deadline ? json(format_timestamp(r.deadline)) : json(nullptr)},
           {"outcome_reason", r.outcome_reason},
           {"created_at", format_timestamp(r.created_at)},
           {"updated_at", format_timestamp(r.updated_at)}};
  if (!r.weights_json.empty()) out["weights"] = json::parse(r.weights_json);
  if (r.for_child) out["pds"] = json::parse(r.pds_json);
  return out;
}

json to_json(const app::CouncilReferralView& v) {
  json out = to_json(v.referral);
  json recipients = json::array();
  for (const auto& r : v.recipients) recipients.push_back(to_json(r));
  json offers = json::array();
  for (const auto& o : v.offers) offers.push_back(to_json(o));
  out["recipients"] = recipients;
  out["offers"] = offers;
  out["placement"] = v.placement ? to_json(*v.placement) : json(nullptr);
  return out;
}

json to_json(const app::ProviderReferralView& v) {
  json asked = json::array();
  for (const auto& r : v.asked) asked.push_back(to_json(r));
  json offers = json::array();
  for (const auto& o : v.offers) offers.push_back(to_json(o));
  json out{{"id", v.id},
           {"status", to_string(v.status)},
           {"kinds", kinds(v.kinds)},
           {"age_band", v.age_band},
           {"home_district", v.home_district},
           {"needs", v.needs},
           {"hours_per_week", v.hours_per_week},
           {"needed_by", v.needed_by.to_string()},
           {"urgent", v.urgent},
           {"deadline", v.deadline ? json(format_timestamp(v.deadline)) : json(nullptr)},
           {"asked", asked},
           {"offers", offers},
           {"person", v.person ? to_json(*v.person) : json(nullptr)}};
  if (!v.pds.is_null()) out["pds"] = v.pds;
  return out;
}

json to_json(const storage::Offer& o) {
  return {{"id", o.id},
          {"referral_id", o.referral_id},
          {"service_id", o.service_id},
          {"provider_id", o.provider_id},
          {"price", money_json(o.price)},
          {"unit", to_string(o.unit)},
          {"start_date", o.start_date.to_string()},
          {"conditions", o.conditions},
          {"status", to_string(o.status)},
          {"feedback", o.feedback},
          {"created_at", format_timestamp(o.created_at)}};
}

json to_json(const storage::Recipient& r) {
  const char* status = r.status == storage::RecipientStatus::offered    ? "offered"
                       : r.status == storage::RecipientStatus::declined ? "declined"
                                                                        : "asked";
  return {{"service_id", r.service_id},
          {"provider_id", r.provider_id},
          {"status", status},
          {"decline_reason", r.decline_reason},
          {"score", round2(r.score)},
          {"distance_miles", round2(r.distance_miles)},
          {"sent_at", format_timestamp(r.sent_at)}};
}

json to_json(const storage::Placement& p) {
  return {{"id", p.id},
          {"referral_id", p.referral_id},
          {"council_id", p.council_id},
          {"service_id", p.service_id},
          {"provider_id", p.provider_id},
          {"offer_id", p.offer_id},
          {"start_date", p.start_date.to_string()},
          {"weekly_cost", money_json(p.weekly_cost)},
          {"status", p.status == storage::PlacementStatus::ended ? "ended" : "active"},
          {"end_date", p.end_date ? json(p.end_date->to_string()) : json(nullptr)},
          {"end_reason", p.end_reason},
          {"preferred_location", p.preferred_location},
          {"education_continuity", p.education_continuity},
          {"siblings_placed_together", p.siblings_placed_together},
          {"placement_type", p.placement_type},
          {"places", p.places},
          {"call_off",
           {{"model", to_string(p.call_off_model)},
            {"contract_id", p.contract_id ? json(*p.contract_id) : json(nullptr)},
            {"reason", p.call_off_reason}}}};
}

json to_json(const storage::PersonalDetails& p) {
  return {{"name", p.name},
          {"date_of_birth", p.date_of_birth},
          {"nhs_number", p.nhs_number},
          {"council_child_id", p.council_child_id},
          {"home_postcode", p.home_postcode}};
}

json to_json(const storage::Notification& n) {
  return {{"id", n.id},
          {"kind", n.kind},
          {"referral_id", n.referral_id},
          {"message", n.message},
          {"created_at", format_timestamp(n.created_at)},
          {"read", n.read}};
}

json to_json(const storage::AuditEvent& e) {
  json detail = json::parse(e.detail.empty() ? std::string("{}") : e.detail, nullptr, false);
  return {{"id", e.id},
          {"at", format_timestamp(e.at)},
          {"actor_user_id", e.actor_user_id},
          {"actor_organisation_id", e.actor_organisation_id},
          {"action", e.action},
          {"detail", detail.is_discarded() ? json(e.detail) : detail}};
}

json to_json(const brokerage::ScoreBreakdown& s) {
  return {{"quality", round2(s.quality)},
          {"price", round2(s.price)},
          {"distance", round2(s.distance)},
          {"fit", round2(s.fit)},
          {"total", round2(s.total)}};
}

json to_json(const brokerage::Weights& w) {
  return {{"quality", w.quality}, {"price", w.price}, {"distance", w.distance}, {"fit", w.fit}};
}

json to_json(const brokerage::Ranking& r) {
  json eligible = json::array();
  for (const auto& e : r.eligible) {
    eligible.push_back({{"service_id", e.service_id},
                        {"distance_miles", round2(e.distance_miles)},
                        {"price", money_json(e.price)},
                        {"score", to_json(e.score)}});
  }
  json excluded = json::array();
  for (const auto& e : r.excluded) {
    excluded.push_back({{"service_id", e.service_id},
                        {"reason", to_string(e.reason)},
                        {"message", e.message},
                        {"distance_miles", round2(e.distance_miles)}});
  }
  return {{"weights", to_json(r.weights)},
          {"reference_price", money_json(r.reference_price)},
          {"eligible", eligible},
          {"excluded", excluded}};
}

json to_json(const app::OfferRanking& r) {
  json offers = json::array();
  for (const auto& o : r.offers) {
    json item = to_json(o.offer);
    item["score"] = to_json(o.score);
    item["distance_miles"] = round2(o.distance_miles);
    offers.push_back(item);
  }
  return {{"weights", to_json(r.weights)}, {"reference_price", money_json(r.reference_price)}, {"offers", offers}};
}

}  // namespace caremarket::api
