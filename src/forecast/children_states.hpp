#pragma once
// The children's forecast's states: age bracket x placement category, each
// episode cleaned and given its state and the categories before and after it
// (the stock-and-flow method councils use; see README "Forecasts").
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.hpp"
#include "forecast/ssda903.hpp"

namespace caremarket::forecast {

enum class Category { fostering, residential, supported, other, not_in_care };
inline constexpr int kCategories = 5;
inline constexpr int kBrackets = 5;
inline constexpr int kStates = kBrackets * kCategories;

std::string_view to_string(Category c);
std::optional<Category> category_from(std::string_view name);  // "fostering", ...
Category category_of_place(std::string_view place_code);       // U1-U6 fostering; K2, R1 residential; H5, P2 supported

// Age brackets in years, [lower, upper): [-1,1), [1,5), [5,10), [10,16), [16,30).
struct Brackets {
  std::array<double, kBrackets + 1> edges{-1, 1, 5, 10, 16, 30};
  // Days a child spends in each bracket before ageing on (the last is never left).
  std::array<double, kBrackets> length_days{365, 1460, 1825, 2190, 5110};
  std::optional<int> of_age(double years) const;
  std::string label(int bracket) const;  // "5 to 10"
};

struct State {
  int bracket = 0;
  Category category = Category::other;
  int index() const { return bracket * kCategories + static_cast<int>(category); }
  static State from_index(int i) { return {i / kCategories, static_cast<Category>(i % kCategories)}; }
};

struct CleanEpisode {
  std::string child;
  Date decom;
  std::optional<Date> dec;
  std::optional<int> bracket;  // none when the age at the start is outside every bracket
  Category category = Category::other;
  Category before = Category::not_in_care;
  Category after = Category::not_in_care;
};

struct CleanReport {
  std::size_t episodes_read = 0;
  std::size_t without_header = 0;
  std::size_t duplicates_dropped = 0;
  std::size_t ends_corrected = 0;  // an end set to the next episode's start
  std::size_t outside_brackets = 0;
};

// Headers of every year (first row per child kept), each year's episodes
// joined to them, repeats dropped, overlapping ends corrected, and each
// episode given its bracket, category, and the categories either side.
std::vector<CleanEpisode> clean_episodes(const Ssda903Return& input, const Brackets& brackets, CleanReport& report);

}  // namespace caremarket::forecast
