#pragma once
// Gives an imported service its point and its council, from the best
// evidence the row has, and says which evidence was used.
#include <optional>
#include <string>
#include <unordered_map>

#include "core/geo.hpp"
#include "market/types.hpp"

namespace caremarket::importers {

// Order of preference: valid published coordinates, then the postcode's
// sector or district centroid, then the council's centroid (only when
// `allow_authority_centroid`). The council comes from `authority` when the
// row names one, else from the postcode. Returns a reason on failure; sets
// `warning` when published coordinates were set aside for a centroid.
Status locate_service(market::Service& service, std::optional<LatLon> coordinates, const LocalAuthority* authority,
                      const Gazetteer& gazetteer, bool allow_authority_centroid, std::string& warning);

// Remembers the first line each key was seen on, to reject repeats in a file.
class FirstSeen {
 public:
  // 0 if new; else the line it was first seen on.
  std::size_t check(const std::string& key, std::size_t line) {
    const auto [it, inserted] = lines_.emplace(key, line);
    return inserted ? 0 : it->second;
  }

 private:
  std::unordered_map<std::string, std::size_t> lines_;
};

}  // namespace caremarket::importers
