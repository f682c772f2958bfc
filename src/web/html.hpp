#pragma once
// Markup as a type of its own. Text reaches a page only through
// Html::text(), the one place it is escaped; markup comes only from string
// literals in the source. A std::string does not convert to Html, so
// forgetting to escape data is a compile error, not a hole.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace caremarket::web {

class Html {
 public:
  Html() = default;
  // Markup written in the source (a string literal).
  template <std::size_t N>
  Html(const char (&markup)[N]) : markup_(markup, N - 1) {}  // NOLINT: implicit by design

  // Text, escaped for element content and quoted attribute values alike.
  static Html text(std::string_view text);
  static Html number(std::int64_t value);
  // A decimal with `places` digits after the point (SVG coordinates, scores).
  static Html decimal(double value, int places);

  Html& operator+=(const Html& more) {
    markup_ += more.markup_;
    return *this;
  }
  friend Html operator+(Html a, const Html& b) {
    a += b;
    return a;
  }
  const std::string& str() const { return markup_; }
  bool empty() const { return markup_.empty(); }

 private:
  std::string markup_;
};

inline Html text(std::string_view t) { return Html::text(t); }

// The escaping itself: & < > " ' become entities.
std::string escape_html(std::string_view text);

}  // namespace caremarket::web
