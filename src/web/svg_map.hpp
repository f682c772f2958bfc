#pragma once
// A point map drawn on the server as SVG: services at their coordinates,
// council areas at their ONS postcode centroids, in an equirectangular
// projection scaled by the cosine of the middle latitude (good enough at a
// county's or England's scale). No tiles, no script, nothing fetched.
#include <string>
#include <vector>

#include "core/geo.hpp"
#include "web/html.hpp"

namespace caremarket::web {

struct MapPoint {
  LatLon at;
  std::string label;
  bool vacant = false;
};

struct MapPlace {
  LatLon at;
  std::string name;
};

Html point_map(const std::vector<MapPoint>& services, const std::vector<MapPlace>& councils, const std::string& title,
               const std::string& description);

// Horizontal bars (0..max) with a label and a value text each.
struct Bar {
  std::string label;
  double value = 0;
  double max = 0;
  std::string value_text;
};
Html bar_chart(const std::vector<Bar>& bars, const std::string& title);

}  // namespace caremarket::web
