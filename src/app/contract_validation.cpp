// The rules a contract record meets on its own, each error naming its field.
#include <algorithm>
#include <set>

#include "app/contracts.hpp"
#include "core/text.hpp"

namespace caremarket::app {
namespace {
using storage::Contract;
using storage::ContractModel;

std::string model_name(const Contract& c) { return std::string(to_string(c.model)); }

// A field the model does not use must be left out, so nothing is silently ignored.
Status unused(bool given, const Contract& c, const std::string& field, const std::string& used_by) {
  if (!given) return {};
  return Error::invalid("'" + field + "' is for " + used_by + " contracts, not " + model_name(c), field);
}

Status check_parties(const Contract& c) {
  if (c.parties.empty()) return Error::invalid("a contract needs at least one council as a party", "parties");
  if (c.parties.size() > 50) return Error::invalid("a contract has at most 50 councils as parties", "parties");
  std::set<std::int64_t> seen;
  int total = 0;
  int leads = 0;
  for (std::size_t i = 0; i < c.parties.size(); ++i) {
    const auto& p = c.parties[i];
    const std::string field = "parties[" + std::to_string(i) + "]";
    if (!seen.insert(p.council_id).second)
      return Error::invalid("a council is named twice among the parties", field + ".council_id");
    if (p.share_bp < 1 || p.share_bp > 10'000) {
      return Error::invalid("a share is in basis points, from 1 to 10000 (100%)", field + ".share_bp");
    }
    total += p.share_bp;
    if (p.lead) ++leads;
  }
  if (total != 10'000) {
    return Error::invalid(
        "the parties' shares add up to " + std::to_string(total) + " basis points; they must add up to 10000 (100%)",
        "parties");
  }
  if (leads != 1)
    return Error::invalid("exactly one party leads the contract (" + std::to_string(leads) + " do)", "parties");
  return {};
}

Status check_term(const Contract& c) {
  if (c.end < c.start) return Error::invalid("the contract ends before it starts", "end");
  if (c.start.days_until(c.end) > 366 * 25) return Error::invalid("a contract runs for at most 25 years", "end");
  if (c.extension_options < 0 || c.extension_options > 10) {
    return Error::invalid("from 0 to 10 extension options", "extension_options");
  }
  if (c.extension_options > 0 && (c.extension_months < 1 || c.extension_months > 60)) {
    return Error::invalid("each extension runs for 1 to 60 months", "extension_months");
  }
  if (c.extension_options == 0 && c.extension_months != 0) {
    return Error::invalid("an extension length needs extension options", "extension_months");
  }
  if (c.extensions.size() > static_cast<std::size_t>(c.extension_options)) {
    return Error::invalid("more extensions taken than the contract allows", "extensions");
  }
  if (c.notice_days < 0 || c.notice_days > 365) return Error::invalid("notice runs from 0 to 365 days", "notice_days");
  if (c.model == ContractModel::framework) {
    // Frameworks: four years at most, extensions included (Public Contracts
    // Regulations 2015 reg. 33; Procurement Act 2023 s. 47).
    const Date latest = framework_latest_end(c.start);
    if (c.end > latest) {
      return Error::invalid("a framework agreement runs for at most 4 years: it must end by " + latest.to_string(),
                            "end");
    }
    const int remaining = c.extension_options - static_cast<int>(c.extensions.size());
    if (remaining > 0 && add_months(c.end.plus_days(1), remaining * c.extension_months).plus_days(-1) > latest) {
      return Error::invalid("with its extension options the framework would run past 4 years (" + latest.to_string() +
                                "); offer fewer or shorter extensions",
                            "extension_options");
    }
  }
  return {};
}

Status check_services(const Contract& c) {
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < c.services.size(); ++i) {
    const auto& s = c.services[i];
    const std::string field = "services[" + std::to_string(i) + "]";
    if (!seen.insert(s.service_id).second) return Error::invalid("a service is named twice", field + ".service_id");
    if (c.model == ContractModel::block && (s.committed < 1 || s.committed > 10'000)) {
      return Error::invalid("a block commits from 1 to 10000 places (or hours a week) at each service",
                            field + ".committed");
    }
    if (c.model != ContractModel::block && s.committed != 0) {
      return Error::invalid(
          "places are committed per service only in a block; a soft block commits its volume as a whole",
          field + ".committed");
    }
  }
  return {};
}

Status check_prices(const Contract& c) {
  const bool block = c.model == ContractModel::block || c.model == ContractModel::spot;
  if (block && c.unit_price.pence() <= 0)
    return Error::invalid("give the price per place a week, or per hour", "unit_price");
  if (block && c.unit_price.pence() > 10'000'000) return Error::invalid("the price is implausibly high", "unit_price");
  CM_TRY_STATUS(unused(!block && c.unit_price.pence() != 0, c, "unit_price", "block and spot"));
  const bool soft = c.model == ContractModel::soft_block;
  CM_TRY_STATUS(unused(!soft && !c.bands.empty(), c, "bands", "soft block"));
  CM_TRY_STATUS(unused(!soft && c.committed != 0, c, "committed", "soft block"));
  CM_TRY_STATUS(unused(!soft && (c.flex_min != 0 || c.flex_max != 0), c, "flex", "soft block"));
  CM_TRY_STATUS(unused(!soft && c.review_weeks != 0, c, "review_weeks", "soft block"));
  if (soft) {
    pricing::CostVolumeSchedule schedule{c.band_mode, c.bands};
    if (c.bands.empty()) return Error::invalid("a soft block needs its cost:volume schedule", "bands");
    if (auto ok = schedule.validate(); !ok) {
      Error e = ok.error();
      e.field = "bands";
      return e;
    }
    for (std::size_t i = 0; i < c.bands.size(); ++i) {
      if (c.bands[i].weekly_price.pence() > 10'000'000) {
        return Error::invalid("the price is implausibly high", "bands[" + std::to_string(i) + "].weekly_price");
      }
    }
    const pricing::FlexRules rules{c.flex_min, c.flex_max, c.max_step, c.target_percent};
    if (auto ok = rules.validate(); !ok) return ok;
    if (c.flex_max < 1 || c.flex_max > 10'000)
      return Error::invalid("the flex band's maximum runs from 1 to 10000 places", "flex.max");
    if (c.committed < c.flex_min || c.committed > c.flex_max) {
      return Error::invalid("the commitment (" + std::to_string(c.committed) + ") must lie within the flex band " +
                                std::to_string(c.flex_min) + "-" + std::to_string(c.flex_max),
                            "committed");
    }
    if (c.committed < 1) return Error::invalid("a soft block commits at least one place", "committed");
    if (c.review_weeks < 1 || c.review_weeks > 104)
      return Error::invalid("reviews fall every 1 to 104 weeks", "review_weeks");
    if (c.change_rules.size() > 2000) return Error::invalid("at most 2000 characters", "change_rules");
  }
  const bool framework = c.model == ContractModel::framework;
  CM_TRY_STATUS(unused(!framework && !c.price_bands.empty(), c, "price_bands", "framework"));
  std::set<std::pair<market::KindOfCare, market::PriceUnit>> seen;
  for (std::size_t i = 0; i < c.price_bands.size(); ++i) {
    const auto& p = c.price_bands[i];
    const std::string field = "price_bands[" + std::to_string(i) + "]";
    if (!seen.insert({p.kind, p.unit}).second)
      return Error::invalid("one band per kind of care and unit", field + ".kind");
    if (std::find(c.kinds.begin(), c.kinds.end(), p.kind) == c.kinds.end()) {
      return Error::invalid("the band's kind of care is not one the framework buys", field + ".kind");
    }
    if (p.ceiling.pence() <= 0 || p.ceiling.pence() > 10'000'000)
      return Error::invalid("give a ceiling above zero", field + ".ceiling");
    if (p.floor && (p.floor->pence() <= 0 || *p.floor > p.ceiling)) {
      return Error::invalid("the floor must be above zero and no higher than the ceiling", field + ".floor");
    }
  }
  return {};
}

Status check_model(const Contract& c) {
  switch (c.model) {
    case ContractModel::spot:
      if (c.providers.size() != 1 || c.services.size() != 1) {
        return Error::invalid("a spot contract is one placement: one provider and one service", "services");
      }
      break;
    case ContractModel::block:
    case ContractModel::soft_block:
      if (c.services.empty()) return Error::invalid("name the services whose places the block commits", "services");
      if (c.providers.size() != 1) return Error::invalid("a block is with one provider", "providers");
      break;
    case ContractModel::framework:
      if (c.providers.empty()) return Error::invalid("a framework needs its admitted providers", "providers");
      if (!c.services.empty())
        return Error::invalid("a framework admits providers, not places at services", "services");
      break;
    case ContractModel::dynamic_market:
      if (trim(c.membership_conditions).empty()) {
        return Error::invalid("a dynamic market publishes the conditions its members meet", "membership_conditions");
      }
      if (!c.providers.empty()) return Error::invalid("providers join a dynamic market as members", "providers");
      if (!c.services.empty())
        return Error::invalid("a dynamic market admits providers, not places at services", "services");
      break;
  }
  CM_TRY_STATUS(unused(c.model != ContractModel::dynamic_market && !trim(c.membership_conditions).empty(), c,
                       "membership_conditions", "dynamic market"));
  CM_TRY_STATUS(unused(c.model != ContractModel::framework && c.call_off_method != storage::CallOffMethod::direct_award,
                       c, "call_off_method", "framework"));
  std::set<std::int64_t> providers(c.providers.begin(), c.providers.end());
  if (providers.size() != c.providers.size()) return Error::invalid("a provider is named twice", "providers");
  if (c.providers.size() > 500) return Error::invalid("at most 500 providers", "providers");
  return {};
}
}  // namespace

Date add_months(Date date, int months) {
  const auto ymd = date.ymd();
  auto moved = std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months(months);
  const auto last = std::chrono::year_month_day_last{moved.year(), std::chrono::month_day_last{moved.month()}};
  const auto day = std::min(ymd.day(), last.day());
  return Date(std::chrono::year_month_day{moved.year(), moved.month(), day});
}

Date framework_latest_end(Date start) { return add_months(start, 48).plus_days(-1); }

Status validate_contract(const Contract& c) {
  const auto reference = trim(c.reference);
  if (reference.empty() || reference.size() > 60)
    return Error::invalid("give the contract's reference (up to 60 characters)", "reference");
  for (const char ch : reference) {
    if (static_cast<unsigned char>(ch) < 0x20)
      return Error::invalid("the reference has a control character", "reference");
  }
  if (trim(c.title).empty() || c.title.size() > 200)
    return Error::invalid("give the contract a title (up to 200 characters)", "title");
  if (c.kinds.empty()) return Error::invalid("say which kinds of care the contract buys", "kinds");
  std::set<market::KindOfCare> kinds(c.kinds.begin(), c.kinds.end());
  if (kinds.size() != c.kinds.size()) return Error::invalid("a kind of care is named twice", "kinds");
  if (c.notes.size() > 4000) return Error::invalid("at most 4000 characters", "notes");
  if (c.membership_conditions.size() > 4000) return Error::invalid("at most 4000 characters", "membership_conditions");
  CM_TRY_STATUS(check_parties(c));
  CM_TRY_STATUS(check_term(c));
  CM_TRY_STATUS(check_model(c));
  CM_TRY_STATUS(check_services(c));
  CM_TRY_STATUS(check_prices(c));
  return {};
}

}  // namespace caremarket::app
