#include "web/html.hpp"

#include <cmath>
#include <cstdio>

namespace caremarket::web {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

Html Html::text(std::string_view text) {
  Html h;
  h.markup_ = escape_html(text);
  return h;
}

Html Html::number(std::int64_t value) {
  Html h;
  h.markup_ = std::to_string(value);
  return h;
}

Html Html::decimal(double value, int places) {
  Html h;
  if (!std::isfinite(value)) value = 0;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", places, value);
  h.markup_ = buffer;
  return h;
}

}  // namespace caremarket::web
