#pragma once
// Words for people: "care_home_nursing" -> "Care home nursing", dates as
// GOV.UK writes them ("1 December 2026"), status tags with their colours.
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.hpp"
#include "market/types.hpp"
#include "storage/brokerage_records.hpp"
#include "web/html.hpp"

namespace caremarket::web {

std::string human(std::string_view snake_case);
std::string sentence(std::string_view text);  // the first letter a capital
std::string kinds_label(const std::vector<market::KindOfCare>& kinds);
std::string list_label(const std::vector<std::string>& items);  // "dementia, nursing" or "none"
std::string date_label(Date date);
std::string time_label(Timestamp t);  // "1 December 2026, 14:05 UTC"
Html referral_status_tag(storage::ReferralStatus status);
Html offer_status_tag(storage::OfferStatus status);

}  // namespace caremarket::web
