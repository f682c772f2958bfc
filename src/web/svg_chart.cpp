#include "web/svg_chart.hpp"

#include <algorithm>

namespace caremarket::web {
namespace {
constexpr double kWidth = 720, kHeight = 300;
constexpr double kLeft = 44, kRight = 8, kTop = 12, kBottom = 40;
// GOV.UK colours: dark blue occupied, light grey voids (with a dark edge so
// it stands apart from the page), orange above the commitment, black line.
constexpr char kOccupied[] = "#1d70b8";
constexpr char kVoid[] = "#b1b4b6";
constexpr char kOverflow[] = "#f47738";

Html rect(double x, double y, double w, double h, const char* fill, const std::string& tip) {
  return "<rect x=\"" + Html::decimal(x, 1) + "\" y=\"" + Html::decimal(y, 1) + "\" width=\"" + Html::decimal(w, 1) +
         "\" height=\"" + Html::decimal(h, 1) + "\" fill=\"" + text(fill) +
         "\" stroke=\"#0b0c0c\" stroke-width=\"0.5\"><title>" + text(tip) + "</title></rect>";
}
}  // namespace

std::vector<int> AxisScale::ticks() const {
  std::vector<int> out;
  for (int v = 0; v <= max; v += step) out.push_back(v);
  return out;
}

AxisScale nice_scale(int largest, int target_ticks) {
  largest = std::max(largest, 1);
  target_ticks = std::max(target_ticks, 1);
  for (long long magnitude = 1;; magnitude *= 10) {
    for (const long long m : {1LL, 2LL, 5LL}) {
      const long long step = m * magnitude;
      const long long steps = (largest + step - 1) / step;
      if (steps <= target_ticks) return {static_cast<int>(steps * step), static_cast<int>(step)};
    }
  }
}

double axis_position(const AxisScale& scale, double value, double origin, double length) {
  return origin - value / scale.max * length;
}

Html utilisation_chart(const std::vector<ChartWeek>& weeks, const std::string& title, const std::string& description) {
  int largest = 0;
  for (const auto& w : weeks) largest = std::max({largest, w.committed, w.occupied + w.voids + w.overflow});
  const AxisScale scale = nice_scale(largest);
  const double plot_h = kHeight - kTop - kBottom, plot_w = kWidth - kLeft - kRight, base = kTop + plot_h;
  Html out =
      "<svg class=\"cm-chart\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
      "xmlns=\"http://www.w3.org/2000/svg\" "
      "viewBox=\"0 0 720 300\"><title id=\"chart-title\">" +
      text(title) + "</title><desc id=\"chart-desc\">" + text(description) + "</desc>";
  for (const int t : scale.ticks()) {
    const double y = axis_position(scale, t, base, plot_h);
    out += "<line x1=\"" + Html::decimal(kLeft, 0) + "\" x2=\"" + Html::decimal(kWidth - kRight, 0) + "\" y1=\"" +
           Html::decimal(y, 1) + "\" y2=\"" + Html::decimal(y, 1) + "\" stroke=\"#b1b4b6\" stroke-width=\"" +
           (t == 0 ? Html("1.5") : Html("0.5")) + "\"/><text x=\"" + Html::decimal(kLeft - 6, 0) + "\" y=\"" +
           Html::decimal(y + 4, 1) +
           "\" text-anchor=\"end\" font-family=\"arial, sans-serif\" font-size=\"12\" fill=\"#0b0c0c\">" +
           Html::number(t) + "</text>";
  }
  if (weeks.empty()) return out + "</svg>";
  const double slot = plot_w / static_cast<double>(weeks.size());
  const double bar = std::max(1.0, slot * 0.7);
  // Label every week while they fit, else every second, fourth...
  std::size_t every = 1;
  while (slot * static_cast<double>(every) < 44) every *= 2;
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    const auto& w = weeks[i];
    const double x = kLeft + slot * static_cast<double>(i) + (slot - bar) / 2;
    double level = 0;
    auto stack = [&](int amount, const char* fill, const std::string& what) {
      if (amount <= 0) return;
      const double top = axis_position(scale, level + amount, base, plot_h);
      const double bottom = axis_position(scale, level, base, plot_h);
      out += rect(x, top, bar, bottom - top, fill, w.label + ": " + std::to_string(amount) + " " + what);
      level += amount;
    };
    stack(w.occupied, kOccupied, "occupied");
    stack(w.voids, kVoid, "void");
    stack(w.overflow, kOverflow, "above the commitment");
    if (w.committed > 0) {
      const double y = axis_position(scale, w.committed, base, plot_h);
      out += "<line x1=\"" + Html::decimal(x - (slot - bar) / 2, 1) + "\" x2=\"" +
             Html::decimal(x + bar + (slot - bar) / 2, 1) + "\" y1=\"" + Html::decimal(y, 1) + "\" y2=\"" +
             Html::decimal(y, 1) + "\" stroke=\"#0b0c0c\" stroke-width=\"2\"/>";
    }
    if (i % every == 0) {
      out += "<text x=\"" + Html::decimal(x + bar / 2, 1) + "\" y=\"" + Html::decimal(base + 16, 0) +
             "\" text-anchor=\"middle\" font-family=\"arial, sans-serif\" font-size=\"11\" fill=\"#0b0c0c\">" +
             text(w.label) + "</text>";
    }
  }
  return out + "</svg>";
}

}  // namespace caremarket::web
