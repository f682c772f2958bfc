#include "web/labels.hpp"

#include <cctype>
#include <ctime>

#include "web/components.hpp"

namespace caremarket::web {

std::string human(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '_') c = ' ';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string kinds_label(const std::vector<market::KindOfCare>& kinds) {
  std::vector<std::string> names;
  for (const auto k : kinds) names.push_back(human(to_string(k)));
  return list_label(names);
}

std::string list_label(const std::vector<std::string>& items) {
  if (items.empty()) return "none";
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + human(i);
  return out;
}

std::string sentence(std::string_view text) {
  std::string out(text);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string date_label(Date date) {
  static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};
  const auto ymd = date.ymd();
  return std::to_string(static_cast<unsigned>(ymd.day())) + " " + months[static_cast<unsigned>(ymd.month()) - 1] + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

std::string time_label(Timestamp t) {
  if (t == 0) return "not yet";
  const std::time_t seconds = static_cast<std::time_t>(t);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char clock[16];
  std::strftime(clock, sizeof clock, "%H:%M", &parts);
  const auto day = Date::from_ymd(parts.tm_year + 1900, static_cast<unsigned>(parts.tm_mon + 1),
                                  static_cast<unsigned>(parts.tm_mday));
  return (day ? date_label(*day) : std::string()) + ", " + clock + " UTC";
}

Html referral_status_tag(storage::ReferralStatus status) {
  using storage::ReferralStatus;
  switch (status) {
    case ReferralStatus::draft: return tag("Draft", "grey");
    case ReferralStatus::sent: return tag("Sent: waiting for offers", "blue");
    case ReferralStatus::offers: return tag("Offers ranked", "purple");
    case ReferralStatus::awarded: return tag("Awarded", "green");
    case ReferralStatus::withdrawn: return tag("Withdrawn", "orange");
    case ReferralStatus::closed: return tag("Closed", "red");
  }
  return tag("Unknown");
}

Html offer_status_tag(storage::OfferStatus status) {
  using storage::OfferStatus;
  switch (status) {
    case OfferStatus::open: return tag("Open", "blue");
    case OfferStatus::withdrawn: return tag("Withdrawn", "orange");
    case OfferStatus::accepted: return tag("Accepted", "green");
    case OfferStatus::not_selected: return tag("Not selected", "grey");
  }
  return tag("Unknown");
}

}  // namespace caremarket::web
