#pragma once
// Brokerage use cases, from referral to placement, shared by the API and
// the CLI. Every state change and every read of a person's details is
// written to the audit trail (subject "referral:N"); providers see a
// redacted view until they are awarded the placement.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/access.hpp"
#include "app/clock.hpp"
#include "app/market_register.hpp"
#include "brokerage/ranking.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct BrokerageConfig {
  std::int64_t response_hours = 24;        // usual deadline for offers
  std::int64_t urgent_response_hours = 2;  // "needed today"
  Status validate() const;
};

struct ReferralInput {
  bool for_child = false;
  std::vector<market::KindOfCare> kinds;  // adults: the kind of care; children: from the PDS suitability fields
  int age = 0;
  std::vector<std::string> needs;
  int hours_per_week = 0;
  std::string home_postcode;
  std::string preferred_authority;
  std::string need_level = "standard";
  std::optional<Money> budget_ceiling;
  std::optional<Date> needed_by;
  bool urgent = false;
  double max_distance_miles = 20;
  market::Rating min_rating = market::Rating::requires_improvement;
  std::string inadequate_override_reason;
  nlohmann::json pds;  // children: the Placements Data Standard referral document
  storage::PersonalDetails person;
};

// What the council that made the referral sees.
struct CouncilReferralView {
  storage::Referral referral;
  std::vector<storage::Recipient> recipients;
  std::vector<storage::Offer> offers;
  std::optional<storage::Placement> placement;
};

// What a provider sees: the need without the person, until it is awarded.
struct ProviderReferralView {
  std::int64_t id = 0;
  storage::ReferralStatus status = storage::ReferralStatus::sent;
  std::vector<market::KindOfCare> kinds;
  std::string age_band;
  std::string home_district;
  std::vector<std::string> needs;
  int hours_per_week = 0;
  Date needed_by;
  bool urgent = false;
  Timestamp deadline = 0;
  nlohmann::json pds;                              // without the child's id
  std::vector<storage::Recipient> asked;           // this provider's services asked
  std::vector<storage::Offer> offers;              // this provider's offers
  std::optional<storage::PersonalDetails> person;  // only once awarded to this provider
};

struct OfferInput {
  std::int64_t service_id = 0;
  Money price;
  Date start_date;
  std::string conditions;
};

struct RankedOffer {
  storage::Offer offer;
  brokerage::ScoreBreakdown score;
  double distance_miles = 0;
};

struct OfferRanking {
  std::vector<RankedOffer> offers;  // best first
  brokerage::Weights weights;
  std::optional<Money> reference_price;
};

struct AwardInput {
  std::int64_t offer_id = 0;
  std::string reason;  // required when the offer is not the top-ranked one
  bool preferred_location = false;
  bool education_continuity = false;
  int siblings_placed_together = 0;
};

class Brokerage {
 public:
  Brokerage(storage::Store& store, MarketRegister& market, BrokerageConfig config, Clock clock = {})
      : store_(store), market_(market), config_(config), clock_(std::move(clock)) {}

  Result<CouncilReferralView> create_referral(const Caller& caller, const ReferralInput& input);
  Result<CouncilReferralView> council_view(const Caller& caller, std::int64_t referral_id);
  // `with_person`: include the person's details when awarded to this
  // provider (an audited read); lists and offers never need them.
  Result<ProviderReferralView> provider_view(const Caller& caller, std::int64_t referral_id, bool with_person = false);
  Result<std::vector<storage::Referral>> council_referrals(const Caller& caller);
  Result<std::vector<ProviderReferralView>> provider_referrals(const Caller& caller);
  // Who would be asked and who not, and why: the eligibility and ranking now.
  Result<brokerage::Ranking> preview(const Caller& caller, std::int64_t referral_id);
  Result<CouncilReferralView> send(const Caller& caller, std::int64_t referral_id);
  // Sends to one service only (a confirmed allocation match): a referral not
  // yet sent, or one every asked service has declined with no offer open.
  // `committed_place`: the council holds a paid-for block place there, so
  // the service's reported vacancies are not required.
  Result<CouncilReferralView> send_to(const Caller& caller, std::int64_t referral_id, std::int64_t service_id,
                                      const std::string& via, bool committed_place = false);
  Result<storage::Offer> make_offer(const Caller& caller, std::int64_t referral_id, const OfferInput& input);
  Status decline(const Caller& caller, std::int64_t referral_id, std::int64_t service_id, const std::string& reason);
  Status withdraw_offer(const Caller& caller, std::int64_t offer_id);
  // At the deadline (or once every service has answered): the offers ranked.
  Result<OfferRanking> rank_offers(const Caller& caller, std::int64_t referral_id);
  Result<storage::Placement> award(const Caller& caller, std::int64_t referral_id, const AwardInput& input);
  Status withdraw_referral(const Caller& caller, std::int64_t referral_id, const std::string& reason);
  Result<storage::Placement> end_placement(const Caller& caller, std::int64_t placement_id, Date end_date,
                                           const std::string& reason);
  Result<std::vector<storage::Placement>> placements(const Caller& caller);
  // The person behind a referral: the council that made it; the provider
  // once awarded; the operator only with a recorded reason. Always audited.
  Result<storage::PersonalDetails> personal_details(const Caller& caller, std::int64_t referral_id,
                                                    const std::string& reason);
  // Placements Data Standard v2 documents: a child's referral as recorded,
  // and an agreed placement's outcome fields (validated before they leave).
  Result<nlohmann::json> export_referral(const Caller& caller, std::int64_t referral_id);
  Result<nlohmann::json> export_placement(const Caller& caller, std::int64_t placement_id);
  // A placement agreed outside caremarket, recorded from its Placements Data
  // Standard document (ActualPlacement + QualityAssurance) against the child's
  // referral: the service is found by its Ofsted URN, the vacancy is taken.
  Result<storage::Placement> import_placement(const Caller& caller, std::int64_t referral_id,
                                              const nlohmann::json& document);
  Result<std::vector<storage::AuditEvent>> history(const Caller& caller, std::int64_t referral_id);
  Result<std::vector<storage::Notification>> inbox(const Caller& caller);
  Status mark_read(const Caller& caller, std::int64_t notification_id);
  Result<storage::CouncilSettings> settings(const Caller& caller);
  Status set_weights(const Caller& caller, const brokerage::Weights& weights);

  // The engine's view of a referral and a council's weights: what ranking
  // (and regional allocation) is computed from.
  Result<brokerage::Need> need_for(const storage::Referral& referral) { return need_of(referral); }
  Result<brokerage::Weights> weights_for(std::int64_t council_id) { return weights_of(council_id); }

 private:
  Result<storage::Referral> own_referral(const Caller& caller, std::int64_t referral_id);
  Result<brokerage::Need> need_of(const storage::Referral& referral);
  Result<brokerage::Weights> weights_of(std::int64_t council_id);
  Result<brokerage::Ranking> rank_market(const storage::Referral& referral);
  Status audit(const Caller& caller, const std::string& action, std::int64_t referral_id, const nlohmann::json& detail);
  Status audit_call_off(const Caller& caller, const storage::Placement& placement);

  storage::Store& store_;
  MarketRegister& market_;
  BrokerageConfig config_;
  Clock clock_;
};

// The Placements Data Standard referral document, read into what matching
// needs: acceptable and preferred kinds, risks, living alongside, pets...
struct ChildNeed {
  std::vector<market::KindOfCare> kinds;
  brokerage::ChildRequirements requirements;
  int sibling_count = 0;
  bool needed_today = false;
};
Result<ChildNeed> read_child_need(const nlohmann::json& pds);

// "13-15" for a child aged 14, "75-84" for an adult of 80: what a provider sees.
std::string age_band(int age);

}  // namespace caremarket::app
