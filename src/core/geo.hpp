#pragma once
// Where things are: UK postcodes, their sector and district, local
// authorities, and distances in miles. Locations come from the ONS postcode
// centroids bundled in data/ (see data/README.md).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"

namespace caremarket {

struct LatLon {
  double lat = 0;
  double lon = 0;
};

// Great-circle distance in statute miles (haversine, mean Earth radius).
double distance_miles(LatLon a, LatLon b);
// A point with its cos(latitude) worked out once, for callers that measure
// one point against many: a.miles_to(b) is bit for bit distance_miles(a.at,
// b.at), with two cosines fewer.
struct GeoPoint {
  LatLon at;
  double cos_lat = 1;
  static GeoPoint of(LatLon p);
  double miles_to(const GeoPoint& b) const;
};
// True for a point inside a generous box around the UK: catches swapped or
// zeroed coordinates in source files.
bool within_uk(LatLon p);

// A UK postcode split into its parts: "B44 8DD" -> outward "B44", inward "8DD",
// sector "B44 8", district "B44".
struct Postcode {
  std::string outward;
  std::string inward;  // empty when only a district or sector was given
  std::string text() const { return inward.empty() ? outward : outward + " " + inward; }
  std::string district() const { return outward; }
  std::string sector() const { return inward.empty() ? std::string() : outward + " " + inward.substr(0, 1); }
};

// Accepts any case and spacing. Full postcodes ("b448dd"), sectors ("B44 8")
// and districts ("B44") are all accepted; what was given is kept.
Result<Postcode> parse_postcode(std::string_view text);

enum class LocationPrecision { postcode_sector, postcode_district, local_authority };
std::string_view to_string(LocationPrecision precision);

struct Place {
  LatLon point;
  LocationPrecision precision = LocationPrecision::postcode_sector;
  std::string lad_code;  // lower-tier district (ONS LAD 2025)
};

// An upper-tier authority: the council with social services duties.
struct LocalAuthority {
  std::string code;  // ONS code, e.g. E08000025
  std::string name;
  LatLon centroid;  // mean of its postcodes
};

class Gazetteer {
 public:
  // Loads the three centroid files from a folder.
  static Result<std::shared_ptr<const Gazetteer>> load(const std::string& data_dir);

  // The best location for a postcode, sector or district: sector centroid
  // when the sector is known, else the district's. not_found otherwise.
  Result<Place> locate(const Postcode& postcode) const;
  Result<Place> locate(std::string_view postcode_text) const;

  // Upper-tier authority by its ONS code (or by a lower-tier district code,
  // which maps to its upper tier).
  const LocalAuthority* authority_by_code(std::string_view code) const;
  // By name as registers write it ("Durham", "St Helens", "Bristol").
  const LocalAuthority* authority_by_name(std::string_view name) const;
  const std::vector<LocalAuthority>& authorities() const { return authorities_; }
  std::size_t sector_count() const { return sectors_.size(); }
  std::size_t district_count() const { return districts_.size(); }

 private:
  struct Centroid {
    LatLon point;
    std::string lad_code;
  };
  std::unordered_map<std::string, Centroid> sectors_;
  std::unordered_map<std::string, Centroid> districts_;
  std::vector<LocalAuthority> authorities_;
  std::unordered_map<std::string, std::size_t> authority_by_code_;  // upper and lower tier codes
  std::unordered_map<std::string, std::size_t> authority_by_name_;  // normalised names
};

}  // namespace caremarket
