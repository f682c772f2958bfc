#include "core/geo.hpp"

#include <cctype>
#include <cmath>
#include <numbers>

#include "core/csv.hpp"
#include "core/text.hpp"

namespace caremarket {
namespace {
constexpr double kEarthRadiusMiles = 3958.7613;

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Outward codes: A9, A99, AA9, AA99, A9A, AA9A.
bool valid_outward(std::string_view s) {
  if (s.size() < 2 || s.size() > 4 || !is_alpha(s[0])) return false;
  std::size_t i = 1;
  if (is_alpha(s[i])) ++i;
  if (i >= s.size() || !is_digit(s[i])) return false;
  ++i;
  if (i < s.size() && (is_digit(s[i]) || is_alpha(s[i]))) ++i;
  return i == s.size();
}

// Names compared without spaces: "Southend on Sea" == "Southend-on-Sea".
std::string name_key(std::string_view normalised) {
  std::string key;
  for (char c : normalised)
    if (c != ' ') key += c;
  return key;
}

struct LoadedRow {
  std::string key;
  double lat = 0, lon = 0;
  std::string lad;
};

Result<std::vector<LoadedRow>> load_centroids(const std::string& path, const std::string& key_column,
                                              const std::string& lad_column) {
  CM_ASSIGN_OR_RETURN(const std::string text, read_file(path));
  CsvReader reader(text);
  CsvRecord record;
  CM_ASSIGN_OR_RETURN(bool more, reader.next(record));
  if (!more) return Error::unavailable(path + " is empty");
  const CsvHeader header(record.fields);
  CM_TRY_STATUS(header.require({key_column, "latitude", "longitude", lad_column}));
  std::vector<LoadedRow> rows;
  while (true) {
    CM_ASSIGN_OR_RETURN(more, reader.next(record));
    if (!more) break;
    const auto lat = parse_decimal(header.get(record, "latitude"));
    const auto lon = parse_decimal(header.get(record, "longitude"));
    if (!lat || !lon) continue;
    rows.push_back(
        {std::string(header.get(record, key_column)), *lat, *lon, std::string(header.get(record, lad_column))});
  }
  return rows;
}
}  // namespace

double distance_miles(LatLon a, LatLon b) { return GeoPoint::of(a).miles_to(GeoPoint::of(b)); }

GeoPoint GeoPoint::of(LatLon p) { return {p, std::cos(radians(p.lat))}; }

double GeoPoint::miles_to(const GeoPoint& b) const {
  const double dlat = radians(b.at.lat - at.lat);
  const double dlon = radians(b.at.lon - at.lon);
  const double slat = std::sin(dlat / 2), slon = std::sin(dlon / 2);
  const double h = slat * slat + cos_lat * b.cos_lat * slon * slon;
  return 2 * kEarthRadiusMiles * std::asin(std::min(1.0, std::sqrt(h)));
}

bool within_uk(LatLon p) { return p.lat > 49.0 && p.lat < 61.5 && p.lon > -8.7 && p.lon < 2.0; }

Result<Postcode> parse_postcode(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c == ' ') continue;
    compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  const std::string shown(trim(text));
  auto fail = [&] {
    return Error::invalid(
        "'" + shown + "' is not a UK postcode; give a full postcode (B44 8DD), a sector (B44 8) or a district (B44)",
        "postcode");
  };
  if (compact.empty()) return fail();
  // Full postcode: inward code is digit letter letter.
  if (compact.size() >= 5 && is_digit(compact[compact.size() - 3]) && is_alpha(compact[compact.size() - 2]) &&
      is_alpha(compact.back())) {
    const auto outward = compact.substr(0, compact.size() - 3);
    if (valid_outward(outward)) return Postcode{outward, compact.substr(compact.size() - 3)};
    return fail();
  }
  // Sector: written with a space ("B44 8"), outward then one digit.
  const auto spaced = trim(text);
  const auto space = spaced.rfind(' ');
  if (space != std::string_view::npos) {
    const auto outward = to_upper(trim(spaced.substr(0, space)));
    const auto inward = trim(spaced.substr(space + 1));
    if (inward.size() == 1 && is_digit(inward[0]) && valid_outward(outward)) {
      return Postcode{outward, std::string(inward)};
    }
    return fail();
  }
  if (valid_outward(compact)) return Postcode{compact, {}};
  return fail();
}

std::string_view to_string(LocationPrecision precision) {
  switch (precision) {
    case LocationPrecision::postcode_sector: return "postcode_sector";
    case LocationPrecision::postcode_district: return "postcode_district";
    case LocationPrecision::local_authority: return "local_authority";
  }
  return "local_authority";
}

Result<std::shared_ptr<const Gazetteer>> Gazetteer::load(const std::string& data_dir) {
  auto g = std::make_shared<Gazetteer>();
  CM_ASSIGN_OR_RETURN(auto sectors, load_centroids(data_dir + "/uk_postcode_sector_centroids_nspd_nov2025.csv",
                                                   "postcode_sector", "modal_lad25_code"));
  for (auto& r : sectors) g->sectors_.emplace(std::move(r.key), Centroid{{r.lat, r.lon}, std::move(r.lad)});
  CM_ASSIGN_OR_RETURN(auto districts, load_centroids(data_dir + "/uk_postcode_district_centroids_nspd_nov2025.csv",
                                                     "postcode_district", "modal_lad25_code"));
  for (auto& r : districts) g->districts_.emplace(std::move(r.key), Centroid{{r.lat, r.lon}, std::move(r.lad)});

  // Local authorities: upper tier = mean of its districts, weighted by postcodes.
  const std::string lad_path = data_dir + "/uk_lad25_postcode_centroids_nspd_nov2025.csv";
  CM_ASSIGN_OR_RETURN(const std::string text, read_file(lad_path));
  CsvReader reader(text);
  CsvRecord record;
  CM_ASSIGN_OR_RETURN(bool more, reader.next(record));
  if (!more) return Error::unavailable(lad_path + " is empty");
  const CsvHeader header(record.fields);
  CM_TRY_STATUS(
      header.require({"lad25_code", "upper_tier_code", "upper_tier_name", "postcode_count", "latitude", "longitude"}));
  struct Sum {
    double lat = 0, lon = 0, weight = 0;
    std::string name;
  };
  std::unordered_map<std::string, Sum> sums;
  std::vector<std::string> order;
  std::vector<std::pair<std::string, std::string>> lower_to_upper;
  while (true) {
    CM_ASSIGN_OR_RETURN(more, reader.next(record));
    if (!more) break;
    const std::string upper(header.get(record, "upper_tier_code"));
    const auto lat = parse_decimal(header.get(record, "latitude"));
    const auto lon = parse_decimal(header.get(record, "longitude"));
    const auto count = parse_integer(header.get(record, "postcode_count"));
    if (upper.empty() || !lat || !lon || !count) continue;
    auto [it, inserted] = sums.try_emplace(upper);
    if (inserted) {
      order.push_back(upper);
      it->second.name = std::string(header.get(record, "upper_tier_name"));
    }
    const auto w = static_cast<double>(*count);
    it->second.lat += *lat * w;
    it->second.lon += *lon * w;
    it->second.weight += w;
    lower_to_upper.emplace_back(std::string(header.get(record, "lad25_code")), upper);
  }
  for (const auto& code : order) {
    const auto& s = sums[code];
    g->authority_by_code_[code] = g->authorities_.size();
    g->authorities_.push_back({code, s.name, {s.lat / s.weight, s.lon / s.weight}});
  }
  for (const auto& [lower, upper] : lower_to_upper)
    g->authority_by_code_.try_emplace(lower, g->authority_by_code_[upper]);
  for (std::size_t i = 0; i < g->authorities_.size(); ++i) {
    auto name = normalise_name(g->authorities_[i].name);
    g->authority_by_name_.emplace(name_key(name), i);
    // "Bristol, City of" is written "Bristol" by registers; "County Durham" as "Durham".
    for (const std::string suffix : {" city of", " county of"}) {
      if (name.ends_with(suffix))
        g->authority_by_name_.emplace(name_key(name.substr(0, name.size() - suffix.size())), i);
    }
    if (name.starts_with("county ")) g->authority_by_name_.emplace(name_key(name.substr(7)), i);
  }
  return std::shared_ptr<const Gazetteer>(std::move(g));
}

Result<Place> Gazetteer::locate(const Postcode& postcode) const {
  if (!postcode.inward.empty()) {
    if (const auto it = sectors_.find(postcode.sector()); it != sectors_.end()) {
      return Place{it->second.point, LocationPrecision::postcode_sector, it->second.lad_code};
    }
  }
  if (const auto it = districts_.find(postcode.district()); it != districts_.end()) {
    return Place{it->second.point, LocationPrecision::postcode_district, it->second.lad_code};
  }
  return Error::invalid("postcode '" + postcode.text() + "' is not in the ONS postcode directory (Nov 2025); check it",
                        "postcode");
}

Result<Place> Gazetteer::locate(std::string_view postcode_text) const {
  CM_ASSIGN_OR_RETURN(const auto postcode, parse_postcode(postcode_text));
  return locate(postcode);
}

const LocalAuthority* Gazetteer::authority_by_code(std::string_view code) const {
  const auto it = authority_by_code_.find(std::string(code));
  return it == authority_by_code_.end() ? nullptr : &authorities_[it->second];
}

const LocalAuthority* Gazetteer::authority_by_name(std::string_view name) const {
  const auto it = authority_by_name_.find(name_key(normalise_name(name)));
  return it == authority_by_name_.end() ? nullptr : &authorities_[it->second];
}

}  // namespace caremarket
