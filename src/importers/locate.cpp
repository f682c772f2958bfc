#include "importers/locate.hpp"

#include <cstdio>

namespace caremarket::importers {

Status locate_service(market::Service& s, std::optional<LatLon> coordinates, const LocalAuthority* authority,
                      const Gazetteer& gazetteer, bool allow_authority_centroid, std::string& warning) {
  std::optional<Place> from_postcode;
  std::string postcode_problem;
  if (!s.postcode.empty()) {
    if (auto postcode = parse_postcode(s.postcode)) {
      s.postcode = postcode->text();
      if (auto place = gazetteer.locate(*postcode)) from_postcode = *place;
      else postcode_problem = place.error().message;
    } else {
      postcode_problem = postcode.error().message;
    }
  }
  if (!authority && from_postcode) authority = gazetteer.authority_by_code(from_postcode->lad_code);
  if (authority) s.local_authority_code = authority->code;

  if (coordinates && within_uk(*coordinates)) {
    s.location = *coordinates;
    s.location_source = market::LocationSource::source_coordinates;
  } else if (from_postcode) {
    s.location = from_postcode->point;
    s.location_source = from_postcode->precision == LocationPrecision::postcode_sector
                            ? market::LocationSource::postcode_sector
                            : market::LocationSource::postcode_district;
  } else if (allow_authority_centroid && authority) {
    s.location = authority->centroid;
    s.location_source = market::LocationSource::local_authority_centroid;
  } else {
    std::string reason = "cannot place the service on the map: ";
    reason += coordinates ? "its coordinates are outside the UK" : "it has no coordinates";
    reason += postcode_problem.empty() ? (s.postcode.empty() ? " and no postcode" : "") : " and " + postcode_problem;
    return Error::invalid(reason);
  }
  if (coordinates && !within_uk(*coordinates)) {
    char given[64];
    std::snprintf(given, sizeof given, "%.6g, %.6g", coordinates->lat, coordinates->lon);
    warning = std::string("coordinates (") + given + ") are outside the UK: placed at the " +
              (s.location_source == market::LocationSource::local_authority_centroid ? "council's centre"
                                                                                     : "postcode's centroid") +
              " instead";
  }
  if (s.local_authority_code.empty()) {
    return Error::invalid(
        "cannot tell which council the service is in: no recognised area code, area name or postcode");
  }
  return {};
}

}  // namespace caremarket::importers
