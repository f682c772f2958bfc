#include "market/types.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace caremarket::market {
namespace {

constexpr auto kOrgKinds = enum_names<OrganisationKind>({
    {OrganisationKind::council, "council"},
    {OrganisationKind::provider, "provider"},
    {OrganisationKind::operator_, "operator"},
});

constexpr auto kKinds = enum_names<KindOfCare>({
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
});

constexpr auto kUnits = enum_names<PriceUnit>({
    {PriceUnit::week, "week"},
    {PriceUnit::hour, "hour"},
});

constexpr auto kRegulators = enum_names<Regulator>({
    {Regulator::none, "none"},
    {Regulator::cqc, "cqc"},
    {Regulator::ofsted, "ofsted"},
});

constexpr auto kRatings = enum_names<Rating>({
    {Rating::not_rated, "not_rated"},
    {Rating::inadequate, "inadequate"},
    {Rating::requires_improvement, "requires_improvement"},
    {Rating::good, "good"},
    {Rating::outstanding, "outstanding"},
});

constexpr auto kStatuses = enum_names<ServiceStatus>({
    {ServiceStatus::active, "active"},
    {ServiceStatus::suspended, "suspended"},
    {ServiceStatus::dormant, "dormant"},
});

constexpr auto kLocationSources = enum_names<LocationSource>({
    {LocationSource::source_coordinates, "source_coordinates"},
    {LocationSource::postcode_sector, "postcode_sector"},
    {LocationSource::postcode_district, "postcode_district"},
    {LocationSource::local_authority_centroid, "local_authority_centroid"},
});

}  // namespace

std::string_view to_string(OrganisationKind kind) { return kOrgKinds.name(kind); }
std::optional<OrganisationKind> organisation_kind_from(std::string_view text) { return kOrgKinds.parse(text); }

std::string_view to_string(KindOfCare kind) { return kKinds.name(kind); }
std::optional<KindOfCare> kind_of_care_from(std::string_view text) { return kKinds.parse(text); }
const std::vector<KindOfCare>& all_kinds_of_care() {
  static const std::vector<KindOfCare> kinds = [] {
    std::vector<KindOfCare> out;
    for (const auto& [k, name] : kKinds.entries()) out.push_back(k);
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

std::string_view to_string(PriceUnit unit) { return kUnits.name(unit); }
std::optional<PriceUnit> price_unit_from(std::string_view text) { return kUnits.parse(text); }
PriceUnit usual_unit(KindOfCare kind) {
  switch (kind) {
    case KindOfCare::home_care:
    case KindOfCare::supported_living:
    case KindOfCare::housing_support: return PriceUnit::hour;
    default: return PriceUnit::week;
  }
}

std::string_view to_string(Regulator regulator) { return kRegulators.name(regulator); }
std::optional<Regulator> regulator_from(std::string_view text) { return kRegulators.parse(text); }

std::string_view to_string(Rating rating) { return kRatings.name(rating); }
std::optional<Rating> rating_from(std::string_view text) {
  if (auto r = kRatings.parse(text)) return r;
  const auto t = normalise_name(text);
  if (t == "outstanding") return Rating::outstanding;
  if (t == "good") return Rating::good;
  if (t == "requires improvement" || t == "requires improvement to be good") return Rating::requires_improvement;
  if (t == "inadequate") return Rating::inadequate;
  if (t.empty() || t == "not rated" || t == "na" || t == "insufficient evidence to rate") return Rating::not_rated;
  return std::nullopt;
}

std::string_view to_string(ServiceStatus status) { return kStatuses.name(status); }
std::optional<ServiceStatus> service_status_from(std::string_view text) { return kStatuses.parse(text); }

std::string_view to_string(LocationSource source) { return kLocationSources.name(source); }
std::optional<LocationSource> location_source_from(std::string_view text) { return kLocationSources.parse(text); }

const std::vector<std::string>& known_needs() {
  static const std::vector<std::string> needs{
      "older_people",
      "younger_adults",
      "dementia",
      "nursing",
      "learning_disability",
      "autism",
      "mental_health",
      "physical_disability",
      "sensory_impairment",
      "moving_and_handling",
      "bariatric",
      "end_of_life",
      "substance_misuse",
      "eating_disorders",
      "emotional_behavioural",
      "complex_health",
      "short_breaks",
      "parent_and_child",
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
  static const std::vector<std::string> features{
      "solo_placements", "pets_in_home", "adapted_home", "deprivation_of_liberty", "bsl", "makaton", "esol"};
  return features;
}
bool is_known_feature(std::string_view feature) {
  const auto& f = known_features();
  return std::find(f.begin(), f.end(), feature) != f.end();
}

const std::vector<std::string>& known_risks() {
  static const std::vector<std::string> risks{
      "riskSelfHarm",         "riskSexualExploitation", "riskCriminalExploitation",
      "riskDrugAlcohol",      "riskEatingDisorder",     "riskMissing",
      "riskToOthersPhysical", "riskToOthersSexual",     "riskToOthersFire",
      "riskToOthersAnimals",  "riskToOthersCriminal"};
  return risks;
}
bool is_known_risk(std::string_view risk) {
  const auto& r = known_risks();
  return std::find(r.begin(), r.end(), risk) != r.end();
}

std::string make_match_key(std::string_view postcode, std::string_view name) {
  std::string pc;
  for (char c : to_upper(postcode))
    if (c != ' ') pc += c;
  return pc + "|" + normalise_name(name);
}

}  // namespace caremarket::market
