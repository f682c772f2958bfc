#include "market/types.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/text.hpp"

namespace caremarket::market {
namespace {

// One table per enum: the wire name is the single source for both directions.
template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table) if (e == value) return name;
  return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view text) {
  for (const auto& [e, name] : table) if (name == text) return e;
  return std::nullopt;
}

constexpr std::array<std::pair<OrganisationKind, std::string_view>, 3> kOrgKinds{{
    {OrganisationKind::council, "council"},
    {OrganisationKind::provider, "provider"},
    {OrganisationKind::operator_, "operator"},
}};

constexpr std::array<std::pair<KindOfCare, std::string_view>, 13> kKinds{{
    {KindOfCare::care_home_residential, "care_home_residential"},
    {KindOfCare::care_home_nursing, "care_home_nursing"},
    {KindOfCare::home_care, "home_care"},
    {KindOfCare::supported_living, "supported_living"},
    {KindOfCare::extra_care, "extra_care"},
    {KindOfCare::day_services, "day_services"},
    {KindOfCare::childrens_home, "childrens_home"},
    {KindOfCare::secure_childrens_home, "secure_childrens_home"},
    {KindOfCare::fostering_agency, "fostering_agency"},
    {KindOfCare::supported_accommodation, "supported_accommodation"},
    {KindOfCare::parent_and_child, "parent_and_child"},
    {KindOfCare::residential_special_school, "residential_special_school"},
    {KindOfCare::housing_support, "housing_support"},
}};

constexpr std::array<std::pair<PriceUnit, std::string_view>, 2> kUnits{{
    {PriceUnit::week, "week"},
    {PriceUnit::hour, "hour"},
}};

constexpr std::array<std::pair<Regulator, std::string_view>, 3> kRegulators{{
    {Regulator::none, "none"},
    {Regulator::cqc, "cqc"},
    {Regulator::ofsted, "ofsted"},
}};

constexpr std::array<std::pair<Rating, std::string_view>, 5> kRatings{{
    {Rating::not_rated, "not_rated"},
    {Rating::inadequate, "inadequate"},
    {Rating::requires_improvement, "requires_improvement"},
    {Rating::good, "good"},
    {Rating::outstanding, "outstanding"},
}};

constexpr std::array<std::pair<ServiceStatus, std::string_view>, 3> kStatuses{{
    {ServiceStatus::active, "active"},
    {ServiceStatus::suspended, "suspended"},
    {ServiceStatus::dormant, "dormant"},
}};

constexpr std::array<std::pair<LocationSource, std::string_view>, 4> kLocationSources{{
    {LocationSource::source_coordinates, "source_coordinates"},
    {LocationSource::postcode_sector, "postcode_sector"},
    {LocationSource::postcode_district, "postcode_district"},
    {LocationSource::local_authority_centroid, "local_authority_centroid"},
}};

}  // namespace

std::string_view to_string(OrganisationKind kind) { return name_of(kOrgKinds, kind); }
std::optional<OrganisationKind> organisation_kind_from(std::string_view text) { return value_of(kOrgKinds, text); }

std::string_view to_string(KindOfCare kind) { return name_of(kKinds, kind); }
std::optional<KindOfCare> kind_of_care_from(std::string_view text) { return value_of(kKinds, text); }
const std::vector<KindOfCare>& all_kinds_of_care() {
  static const std::vector<KindOfCare> kinds = [] {
    std::vector<KindOfCare> out;
    for (const auto& [k, name] : kKinds) out.push_back(k);
    return out;
  }();
  return kinds;
}
bool is_childrens(KindOfCare kind) {
  switch (kind) {
    case KindOfCare::childrens_home:
    case KindOfCare::secure_childrens_home:
    case KindOfCare::fostering_agency:
    case KindOfCare::supported_accommodation:
    case KindOfCare::parent_and_child:
    case KindOfCare::residential_special_school: return true;
    default: return false;
  }
}

std::string_view to_string(PriceUnit unit) { return name_of(kUnits, unit); }
std::optional<PriceUnit> price_unit_from(std::string_view text) { return value_of(kUnits, text); }
PriceUnit usual_unit(KindOfCare kind) {
  switch (kind) {
    case KindOfCare::home_care:
    case KindOfCare::supported_living:
    case KindOfCare::housing_support: return PriceUnit::hour;
    default: return PriceUnit::week;
  }
}

std::string_view to_string(Regulator regulator) { return name_of(kRegulators, regulator); }
std::optional<Regulator> regulator_from(std::string_view text) { return value_of(kRegulators, text); }

std::string_view to_string(Rating rating) { return name_of(kRatings, rating); }
std::optional<Rating> rating_from(std::string_view text) {
  if (auto r = value_of(kRatings, text)) return r;
  const auto t = normalise_name(text);
  if (t == "outstanding") return Rating::outstanding;
  if (t == "good") return Rating::good;
  if (t == "requires improvement" || t == "requires improvement to be good") return Rating::requires_improvement;
  if (t == "inadequate") return Rating::inadequate;
  if (t.empty() || t == "not rated" || t == "na" || t == "insufficient evidence to rate") return Rating::not_rated;
  return std::nullopt;
}

std::string_view to_string(ServiceStatus status) { return name_of(kStatuses, status); }
std::optional<ServiceStatus> service_status_from(std::string_view text) { return value_of(kStatuses, text); }

std::string_view to_string(LocationSource source) { return name_of(kLocationSources, source); }
std::optional<LocationSource> location_source_from(std::string_view text) { return value_of(kLocationSources, text); }

const std::vector<std::string>& known_needs() {
  static const std::vector<std::string> needs{
      "older_people",       "younger_adults",    "dementia",        "nursing",           "learning_disability",
      "autism",             "mental_health",     "physical_disability", "sensory_impairment", "moving_and_handling",
      "bariatric",          "end_of_life",       "substance_misuse", "eating_disorders",  "emotional_behavioural",
      "complex_health",     "short_breaks",      "parent_and_child",
  };
  return needs;
}

bool is_known_need(std::string_view need) {
  const auto& needs = known_needs();
  return std::find(needs.begin(), needs.end(), need) != needs.end();
}

const std::vector<std::string>& known_need_levels() {
  static const std::vector<std::string> levels{"standard", "enhanced", "high", "complex"};
  return levels;
}

const std::vector<std::string>& known_features() {
  static const std::vector<std::string> features{"solo_placements", "pets_in_home", "adapted_home",
                                                 "deprivation_of_liberty", "bsl", "makaton", "esol"};
  return features;
}
bool is_known_feature(std::string_view feature) {
  const auto& f = known_features();
  return std::find(f.begin(), f.end(), feature) != f.end();
}

const std::vector<std::string>& known_risks() {
  static const std::vector<std::string> risks{
      "riskSelfHarm",         "riskSexualExploitation", "riskCriminalExploitation", "riskDrugAlcohol",
      "riskEatingDisorder",   "riskMissing",            "riskToOthersPhysical",     "riskToOthersSexual",
      "riskToOthersFire",     "riskToOthersAnimals",    "riskToOthersCriminal"};
  return risks;
}
bool is_known_risk(std::string_view risk) {
  const auto& r = known_risks();
  return std::find(r.begin(), r.end(), risk) != r.end();
}

std::string make_match_key(std::string_view postcode, std::string_view name) {
  std::string pc;
  for (char c : to_upper(postcode)) if (c != ' ') pc += c;
  return pc + "|" + normalise_name(name);
}

}  // namespace caremarket::market
