#pragma once
// What brokerage stores: referrals (the need), the person's details kept
// apart, who was asked, offers, placements and each organisation's inbox.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "core/money.hpp"
#include "market/types.hpp"
#include "pricing/call_off.hpp"

namespace caremarket::storage {

enum class ReferralStatus { draft, sent, offers, awarded, withdrawn, closed };
std::string_view to_string(ReferralStatus status);
std::optional<ReferralStatus> referral_status_from(std::string_view text);

struct Referral {
  std::int64_t id = 0;
  std::int64_t council_id = 0;
  std::int64_t created_by = 0;  // user
  ReferralStatus status = ReferralStatus::draft;
  bool for_child = false;
  std::vector<market::KindOfCare> kinds;  // acceptable kinds of care
  int age = 0;
  std::vector<std::string> needs;
  int hours_per_week = 0;     // home care
  std::string home_district;  // "B44": what a provider may see
  LatLon home;                // the home postcode sector's centre
  std::string preferred_authority;
  std::string need_level = "standard";
  std::optional<Money> budget_ceiling;
  Date needed_by;
  bool urgent = false;  // needed today: short deadline, first suitable offer may be taken
  double max_distance_miles = 20;
  market::Rating min_rating = market::Rating::requires_improvement;
  std::string inadequate_override_reason;  // non-empty: inadequate services may be asked
  std::string pds_json;                    // children: the Placements Data Standard referral document
  Timestamp deadline = 0;                  // offers close
  std::string weights_json;                // the weights used when sent
  std::string outcome_reason;              // award not top-ranked, withdrawal, closure
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

// Special category data: never shown to a provider before award.
struct PersonalDetails {
  std::int64_t referral_id = 0;
  std::string name;
  std::string date_of_birth;  // ISO date
  std::string nhs_number;
  std::string council_child_id;
  std::string home_postcode;
};

enum class RecipientStatus { asked, offered, declined };
std::string_view to_string(RecipientStatus status);
std::optional<RecipientStatus> recipient_status_from(std::string_view text);
struct Recipient {
  std::int64_t referral_id = 0;
  std::int64_t service_id = 0;
  std::int64_t provider_id = 0;
  RecipientStatus status = RecipientStatus::asked;
  std::string decline_reason;
  double score = 0;  // when asked
  double distance_miles = 0;
  Timestamp sent_at = 0;
};

enum class OfferStatus { open, withdrawn, accepted, not_selected };
std::string_view to_string(OfferStatus status);
std::optional<OfferStatus> offer_status_from(std::string_view text);
struct Offer {
  std::int64_t id = 0;
  std::int64_t referral_id = 0;
  std::int64_t service_id = 0;
  std::int64_t provider_id = 0;
  Money price;
  market::PriceUnit unit = market::PriceUnit::week;
  Date start_date;
  std::string conditions;
  OfferStatus status = OfferStatus::open;
  std::string feedback;  // told to the provider with the outcome
  Timestamp created_at = 0;
};

enum class PlacementStatus { active, ended };
struct Placement {
  std::int64_t id = 0;
  std::int64_t referral_id = 0;
  std::int64_t council_id = 0;
  std::int64_t service_id = 0;
  std::int64_t provider_id = 0;
  std::int64_t offer_id = 0;
  Date start_date;
  Money weekly_cost;
  PlacementStatus status = PlacementStatus::active;
  std::optional<Date> end_date;
  std::string end_reason;  // planned_move, disruption, died, moved_away
  bool preferred_location = false;
  bool education_continuity = false;
  int siblings_placed_together = 0;
  std::string placement_type;  // PDS: Residential, Foster, Supported Accommodation
  int places = 1;              // vacancies taken
  // The call-off at award: which contract the placement draws on, and why.
  pricing::ContractModel call_off_model = pricing::ContractModel::spot;
  std::optional<std::int64_t> contract_id;
  std::string call_off_reason;
};

// A council's published ranking weights (whole percentages) and its
// benchmark prices; councils without a row use the defaults.
struct CouncilSettings {
  std::int64_t council_id = 0;
  int weight_quality = 60;
  int weight_price = 20;
  int weight_distance = 20;
  int weight_fit = 0;
  std::optional<Money> benchmark_weekly;
  std::optional<Money> benchmark_hourly;
};

struct Notification {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string kind;  // referral.new, offer.received, referral.awarded, offer.outcome, ...
  std::int64_t referral_id = 0;
  std::string message;
  Timestamp created_at = 0;
  bool read = false;
};

}  // namespace caremarket::storage
