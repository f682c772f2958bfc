#include "storage/brokerage_records.hpp"

#include <array>
#include <utility>

namespace caremarket::storage {
namespace {
constexpr std::array<std::pair<ReferralStatus, std::string_view>, 6> kStatuses{{
    {ReferralStatus::draft, "draft"},
    {ReferralStatus::sent, "sent"},
    {ReferralStatus::offers, "offers"},
    {ReferralStatus::awarded, "awarded"},
    {ReferralStatus::withdrawn, "withdrawn"},
    {ReferralStatus::closed, "closed"},
}};
constexpr std::array<std::pair<OfferStatus, std::string_view>, 4> kOfferStatuses{{
    {OfferStatus::open, "open"},
    {OfferStatus::withdrawn, "withdrawn"},
    {OfferStatus::accepted, "accepted"},
    {OfferStatus::not_selected, "not_selected"},
}};
}  // namespace

std::string_view to_string(ReferralStatus status) {
  for (const auto& [s, name] : kStatuses) if (s == status) return name;
  return "draft";
}

std::optional<ReferralStatus> referral_status_from(std::string_view text) {
  for (const auto& [s, name] : kStatuses) if (name == text) return s;
  return std::nullopt;
}

std::string_view to_string(OfferStatus status) {
  for (const auto& [s, name] : kOfferStatuses) if (s == status) return name;
  return "open";
}

}  // namespace caremarket::storage
