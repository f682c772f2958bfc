#include "web/svg_map.hpp"

#include <algorithm>
#include <cmath>

namespace caremarket::web {
namespace {
constexpr double kWidth = 720;
constexpr double kPi = 3.14159265358979323846;
// GOV.UK colours: green for a vacancy, dark grey for none, light blue for councils.
constexpr char kVacant[] = "#00703c";
constexpr char kFull[] = "#505a5f";
constexpr char kCouncil[] = "#5694ca";

struct Frame {
  double min_lat, max_lat, min_lon, max_lon, x_scale, height;
  double x(double lon) const { return (lon - min_lon) * x_scale; }
  double y(double lat) const { return (max_lat - lat) * x_scale / std::cos((min_lat + max_lat) / 2 * kPi / 180); }
};

Frame frame_for(const std::vector<MapPoint>& points) {
  // England when there is nothing to frame.
  double min_lat = 49.9, max_lat = 55.9, min_lon = -6.4, max_lon = 1.8;
  if (!points.empty()) {
    min_lat = max_lat = points.front().at.lat;
    min_lon = max_lon = points.front().at.lon;
    for (const auto& p : points) {
      min_lat = std::min(min_lat, p.at.lat);
      max_lat = std::max(max_lat, p.at.lat);
      min_lon = std::min(min_lon, p.at.lon);
      max_lon = std::max(max_lon, p.at.lon);
    }
    // At least about 15 miles across, and a margin all round.
    const double lat_pad = std::max(0.12, (max_lat - min_lat) * 0.08);
    const double lon_pad = std::max(0.2, (max_lon - min_lon) * 0.08);
    min_lat -= lat_pad;
    max_lat += lat_pad;
    min_lon -= lon_pad;
    max_lon += lon_pad;
  }
  Frame f{min_lat, max_lat, min_lon, max_lon, 0, 0};
  const double k = std::cos((min_lat + max_lat) / 2 * kPi / 180);
  // Degrees of longitude are shorter than degrees of latitude by k.
  f.x_scale = kWidth / (max_lon - min_lon);
  f.height = (max_lat - min_lat) * f.x_scale / k;
  return f;
}
}  // namespace

Html point_map(const std::vector<MapPoint>& services, const std::vector<MapPlace>& councils, const std::string& title,
               const std::string& description) {
  const Frame f = frame_for(services);
  Html out =
      "<svg class=\"cm-map\" role=\"img\" aria-labelledby=\"map-title map-desc\" xmlns=\"http://www.w3.org/2000/svg\" "
      "viewBox=\"0 0 " +
      Html::decimal(kWidth, 0) + " " + Html::decimal(f.height, 0) + "\"><title id=\"map-title\">" + text(title) +
      "</title><desc id=\"map-desc\">" + text(description) + "</desc>";
  out += "<rect x=\"0\" y=\"0\" width=\"" + Html::decimal(kWidth, 0) + "\" height=\"" + Html::decimal(f.height, 0) +
         "\" fill=\"#f3f2f1\"/>";
  auto inside = [&](LatLon p) {
    return p.lat >= f.min_lat && p.lat <= f.max_lat && p.lon >= f.min_lon && p.lon <= f.max_lon;
  };
  for (const auto& c : councils) {
    if (!inside(c.at)) continue;
    out += "<g><circle cx=\"" + Html::decimal(f.x(c.at.lon), 1) + "\" cy=\"" + Html::decimal(f.y(c.at.lat), 1) +
           "\" r=\"7\" fill=\"" + Html(kCouncil) +
           "\" fill-opacity=\"0.5\" stroke=\"#0b0c0c\" stroke-width=\"0.5\"><title>" + text(c.name) +
           " (council area centre)</title></circle>";
    if (councils.size() <= 40) {
      out += "<text x=\"" + Html::decimal(f.x(c.at.lon) + 9, 1) + "\" y=\"" + Html::decimal(f.y(c.at.lat) + 4, 1) +
             "\" font-family=\"arial, sans-serif\" font-size=\"12\" fill=\"#0b0c0c\">" + text(c.name) + "</text>";
    }
    out += "</g>";
  }
  // Full services first, so the vacant ones are drawn on top.
  for (const bool vacant : {false, true}) {
    for (const auto& s : services) {
      if (s.vacant != vacant) continue;
      out += "<circle cx=\"" + Html::decimal(f.x(s.at.lon), 1) + "\" cy=\"" + Html::decimal(f.y(s.at.lat), 1) +
             "\" r=\"" + (vacant ? Html("4") : Html("3")) + "\" fill=\"" + (vacant ? Html(kVacant) : Html(kFull)) +
             "\"><title>" + text(s.label) + "</title></circle>";
    }
  }
  return out + "</svg>";
}

Html bar_chart(const std::vector<Bar>& bars, const std::string& title) {
  const double row = 28, label_width = 260, bar_width = 360;
  const double height = row * static_cast<double>(bars.size()) + 10;
  Html out = "<svg class=\"cm-chart\" role=\"img\" aria-label=\"" + text(title) +
             "\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 " + Html::decimal(height, 0) + "\">";
  double y = 5;
  for (const auto& b : bars) {
    const double share = b.max > 0 ? std::clamp(b.value / b.max, 0.0, 1.0) : 0;
    out += "<text x=\"0\" y=\"" + Html::decimal(y + 17, 0) +
           "\" font-family=\"arial, sans-serif\" font-size=\"14\" fill=\"#0b0c0c\">" + text(b.label) +
           "</text><rect x=\"" + Html::decimal(label_width, 0) + "\" y=\"" + Html::decimal(y + 4, 0) + "\" width=\"" +
           Html::decimal(bar_width, 0) + "\" height=\"18\" fill=\"#f3f2f1\"/><rect x=\"" +
           Html::decimal(label_width, 0) + "\" y=\"" + Html::decimal(y + 4, 0) + "\" width=\"" +
           Html::decimal(bar_width * share, 1) + "\" height=\"18\" fill=\"#1d70b8\"/><text x=\"" +
           Html::decimal(label_width + bar_width + 8, 0) + "\" y=\"" + Html::decimal(y + 17, 0) +
           "\" font-family=\"arial, sans-serif\" font-size=\"14\" fill=\"#0b0c0c\">" + text(b.value_text) + "</text>";
    y += row;
  }
  return out + "</svg>";
}

}  // namespace caremarket::web
