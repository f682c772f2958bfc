#pragma once
// Brokerage values in JSON: one function per value, shared by routes and CLI.
#include <nlohmann/json.hpp>

#include "app/brokerage.hpp"

namespace caremarket::api {

nlohmann::json to_json(const storage::Referral& referral);
nlohmann::json to_json(const app::CouncilReferralView& view);
nlohmann::json to_json(const app::ProviderReferralView& view);
nlohmann::json to_json(const storage::Offer& offer);
nlohmann::json to_json(const storage::Recipient& recipient);
nlohmann::json to_json(const storage::Placement& placement);
nlohmann::json to_json(const storage::PersonalDetails& person);
nlohmann::json to_json(const storage::Notification& notification);
nlohmann::json to_json(const storage::AuditEvent& event);
nlohmann::json to_json(const brokerage::ScoreBreakdown& score);
nlohmann::json to_json(const brokerage::Weights& weights);
nlohmann::json to_json(const brokerage::Ranking& ranking);
nlohmann::json to_json(const app::OfferRanking& ranking);

}  // namespace caremarket::api
