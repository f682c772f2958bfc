#include "storage/brokerage_records.hpp"

#include <array>
#include <utility>

#include "core/enum_names.hpp"

namespace caremarket::storage {
namespace {
constexpr auto kStatuses = enum_names<ReferralStatus>({
    {ReferralStatus::draft, "draft"},
    {ReferralStatus::sent, "sent"},
    {ReferralStatus::offers, "offers"},
    {ReferralStatus::awarded, "awarded"},
    {ReferralStatus::withdrawn, "withdrawn"},
    {ReferralStatus::closed, "closed"},
});
constexpr auto kRecipientStatuses = enum_names<RecipientStatus>({
    {RecipientStatus::asked, "asked"},
    {RecipientStatus::offered, "offered"},
    {RecipientStatus::declined, "declined"},
});
constexpr auto kOfferStatuses = enum_names<OfferStatus>({
    {OfferStatus::open, "open"},
    {OfferStatus::withdrawn, "withdrawn"},
    {OfferStatus::accepted, "accepted"},
    {OfferStatus::not_selected, "not_selected"},
});
}  // namespace

std::string_view to_string(ReferralStatus status) { return kStatuses.name(status, "draft"); }

std::optional<ReferralStatus> referral_status_from(std::string_view text) { return kStatuses.parse(text); }

std::string_view to_string(OfferStatus status) { return kOfferStatuses.name(status, "open"); }

std::optional<OfferStatus> offer_status_from(std::string_view text) { return kOfferStatuses.parse(text); }

std::string_view to_string(RecipientStatus status) { return kRecipientStatuses.name(status, "asked"); }

std::optional<RecipientStatus> recipient_status_from(std::string_view text) { return kRecipientStatuses.parse(text); }

}  // namespace caremarket::storage
