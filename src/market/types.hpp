#pragma once
// The market register's values: organisations, services, vacancies, prices.
// Plain data; validation and search live beside them in this component.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.hpp"
#include "core/geo.hpp"
#include "core/money.hpp"

namespace caremarket::market {

enum class OrganisationKind { council, provider, operator_ };
std::string_view to_string(OrganisationKind kind);
std::optional<OrganisationKind> organisation_kind_from(std::string_view text);

struct Organisation {
  std::int64_t id = 0;
  OrganisationKind kind = OrganisationKind::provider;
  std::string name;
  std::string ons_code;      // councils: the upper-tier ONS code
  std::string regulator_id;  // providers: CQC provider id where published
  std::string source_key;    // unique: how importers recognise it again
};

// Kinds of care, as DOMAIN.md lists them. The unit a price is quoted in
// follows from the kind.
enum class KindOfCare {
  care_home_residential,
  care_home_nursing,
  home_care,
  supported_living,
  extra_care,
  day_services,
  childrens_home,
  secure_childrens_home,
  fostering_agency,
  supported_accommodation,  // 16-17 year olds
  parent_and_child,         // residential family centres
  residential_special_school,
  housing_support,
};
std::string_view to_string(KindOfCare kind);
std::optional<KindOfCare> kind_of_care_from(std::string_view text);
const std::vector<KindOfCare>& all_kinds_of_care();
bool is_childrens(KindOfCare kind);

enum class PriceUnit { week, hour };
std::string_view to_string(PriceUnit unit);
std::optional<PriceUnit> price_unit_from(std::string_view text);
PriceUnit usual_unit(KindOfCare kind);

enum class Regulator { none, cqc, ofsted };
std::string_view to_string(Regulator regulator);
std::optional<Regulator> regulator_from(std::string_view text);

// Ordered so that a higher value is a better rating; not_rated sorts lowest
// but is never treated as "below a floor" by search (see SearchQuery).
enum class Rating { not_rated, inadequate, requires_improvement, good, outstanding };
std::string_view to_string(Rating rating);
std::optional<Rating> rating_from(std::string_view text);  // CQC and Ofsted wordings

enum class ServiceStatus { active, suspended, dormant };
std::string_view to_string(ServiceStatus status);
std::optional<ServiceStatus> service_status_from(std::string_view text);

// How a service's point on the map was found, weakest last. Shown to users
// so nobody mistakes a local authority centroid for an address.
enum class LocationSource { source_coordinates, postcode_sector, postcode_district, local_authority_centroid };
std::string_view to_string(LocationSource source);
std::optional<LocationSource> location_source_from(std::string_view text);

// Needs a service accepts; the same words referrals use.
const std::vector<std::string>& known_needs();
bool is_known_need(std::string_view need);

struct DomainRating {
  std::string domain;  // "safe", "effective", ... or Ofsted's judgement areas
  Rating rating = Rating::not_rated;
};

struct Service {
  std::int64_t id = 0;
  std::int64_t provider_id = 0;
  std::string name;
  KindOfCare kind = KindOfCare::care_home_residential;
  Regulator regulator = Regulator::none;
  std::string regulator_id;  // CQC location id or Ofsted URN
  std::string address;
  std::string postcode;  // as published, tidied ("B44 8DD")
  LatLon location;
  LocationSource location_source = LocationSource::postcode_sector;
  std::string local_authority_code;  // upper tier
  int places = 0;
  int age_min = 0;
  int age_max = 120;
  std::vector<std::string> needs;
  std::vector<std::string> specialisms;
  // Children's services: the risks (Placements Data Standard risk fields) the
  // service can manage, and what it offers (see known_features()).
  std::vector<std::string> risks_accepted;
  std::vector<std::string> features;
  Rating rating = Rating::not_rated;
  std::optional<Date> rating_date;
  std::vector<DomainRating> domain_ratings;
  ServiceStatus status = ServiceStatus::active;
  int vacancies = 0;
  std::optional<Timestamp> vacancies_as_of;
  std::int64_t vacancies_set_by = 0;  // user id; 0 = set by an import or the demo
  bool vacancies_synthetic = false;   // demo data, not reported by the provider
  std::string source;                 // which file or "api"
  std::string source_key;             // unique: "cqc:1-123", "ofsted:2590934", ...
  std::string match_key;              // postcode + normalised name: finds the same home across files
  std::string notes;                  // caveats a reader must see (redacted address, ...)
  Timestamp updated_at = 0;
};

struct VacancyUpdate {
  std::int64_t service_id = 0;
  int count = 0;
  Timestamp as_of = 0;
  std::int64_t set_by = 0;
};

struct PriceEntry {
  std::string need_level;  // "standard", "enhanced", "high", "complex", ...
  PriceUnit unit = PriceUnit::week;
  Money amount;
  Date valid_from;
  bool synthetic = false;
};

const std::vector<std::string>& known_need_levels();

// What a service offers that a referral may require: solo placements, pets
// in the home, adaptations, a deprivation of liberty order, BSL, Makaton, ESOL.
const std::vector<std::string>& known_features();
bool is_known_feature(std::string_view feature);
// The Placements Data Standard v2 risk fields a service may accept.
const std::vector<std::string>& known_risks();
bool is_known_risk(std::string_view risk);

// The key that finds the same home across registers that lack a shared id.
std::string make_match_key(std::string_view postcode, std::string_view name);

}  // namespace caremarket::market
