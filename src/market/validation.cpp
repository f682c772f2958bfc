#include "market/validation.hpp"

#include <set>
#include <utility>

#include "core/text.hpp"

namespace caremarket::market {
namespace {
constexpr int kMaxPlaces = 2000;
// £100,000 a week is far above any published placement cost; above it is a typing error.
constexpr std::int64_t kMaxPricePence = 100'000'00;
}  // namespace

Status validate_service(const Service& s) {
  if (trim(s.name).empty()) return Error::invalid("a service needs a name", "name");
  if (s.name.size() > 200) return Error::invalid("'name' is longer than 200 characters", "name");
  if (s.places < 0 || s.places > kMaxPlaces) {
    return Error::invalid("'places' must be between 0 and " + std::to_string(kMaxPlaces), "places");
  }
  if (s.age_min < 0 || s.age_max > 120 || s.age_min > s.age_max) {
    return Error::invalid("the age range must lie within 0-120 with 'age_min' no more than 'age_max'", "age_min");
  }
  if (!within_uk(s.location)) return Error::invalid("the service's location is not in the UK", "postcode");
  for (const auto& need : s.needs) {
    if (!is_known_need(need)) {
      return Error::invalid("'" + need + "' is not a need caremarket knows; use one of: " + join(known_needs(), ", "),
                            "needs");
    }
  }
  for (const auto& risk : s.risks_accepted) {
    if (!is_known_risk(risk)) {
      return Error::invalid(
          "'" + risk + "' is not a Placements Data Standard risk; use one of: " + join(known_risks(), ", "),
          "risks_accepted");
    }
  }
  for (const auto& feature : s.features) {
    if (!is_known_feature(feature)) {
      return Error::invalid(
          "'" + feature + "' is not a feature caremarket knows; use one of: " + join(known_features(), ", "),
          "features");
    }
  }
  if (s.vacancies < 0) return Error::invalid("vacancies cannot be negative", "vacancies");
  if (s.regulator != Regulator::none && s.regulator_id.empty()) {
    return Error::invalid("a regulated service needs its regulator id (CQC location id or Ofsted URN)", "regulator_id");
  }
  return {};
}

Status validate_vacancies(const Service& s, int count) {
  const int ceiling = s.places > 0 ? s.places : 1000;
  if (count < 0 || count > ceiling) {
    return Error::invalid("vacancies must be between 0 and " + std::to_string(ceiling) +
                              (s.places > 0 ? " (the service's registered places)" : ""),
                          "count");
  }
  return {};
}

Status validate_prices(const Service&, const std::vector<PriceEntry>& prices) {
  if (prices.empty()) return Error::invalid("give at least one price", "prices");
  std::set<std::pair<std::string, Date>> seen;
  for (std::size_t i = 0; i < prices.size(); ++i) {
    const auto& p = prices[i];
    const std::string at = "prices[" + std::to_string(i) + "].";
    bool known = false;
    for (const auto& level : known_need_levels()) known = known || level == p.need_level;
    if (!known) {
      return Error::invalid(
          "'" + p.need_level + "' is not a need level; use one of: " + join(known_need_levels(), ", "),
          at + "need_level");
    }
    if (p.amount.pence() <= 0 || p.amount.pence() > kMaxPricePence) {
      return Error::invalid("a price must be more than £0 and at most £100,000.00", at + "amount");
    }
    if (!seen.emplace(p.need_level, p.valid_from).second) {
      return Error::invalid("need level '" + p.need_level + "' is priced twice from " + p.valid_from.to_string(),
                            at + "need_level");
    }
  }
  return {};
}

}  // namespace caremarket::market
