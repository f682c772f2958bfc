#pragma once
// Weekly utilisation as a column chart drawn on the server as SVG: one
// column per week, occupied places stacked under voids, places above the
// commitment on top, and the commitment as a line. No script; the page
// shows the same figures as a table beside it for people who cannot see it.
#include <string>
#include <vector>

#include "web/html.hpp"

namespace caremarket::web {

// A value axis from 0 to `max` in `step`s, both "nice" (1, 2 or 5 x 10^n),
// with max >= the largest value and at most `target_ticks` steps (more when
// the value needs it). Never 0 wide, so a chart of zeros still draws.
struct AxisScale {
  int max = 1;
  int step = 1;
  std::vector<int> ticks() const;  // 0, step, ..., max
};
AxisScale nice_scale(int largest, int target_ticks = 5);

// Where `value` falls on an axis `length` long from `origin`, growing
// upwards in SVG terms (origin is the bottom): origin - value / max x length.
double axis_position(const AxisScale& scale, double value, double origin, double length);

struct ChartWeek {
  std::string label;  // "6 Apr"
  int committed = 0;
  int occupied = 0;  // within the commitment
  int voids = 0;
  int overflow = 0;  // above the commitment
};

Html utilisation_chart(const std::vector<ChartWeek>& weeks, const std::string& title, const std::string& description);

}  // namespace caremarket::web
