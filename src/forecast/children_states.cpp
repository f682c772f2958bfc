#include "forecast/children_states.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/enum_names.hpp"

namespace caremarket::forecast {
namespace {
constexpr auto kCategoryNames = enum_names<Category>({
    {Category::fostering, "fostering"},
    {Category::residential, "residential"},
    {Category::supported, "supported"},
    {Category::other, "other"},
    {Category::not_in_care, "not_in_care"},
});

// Open ends sort first and compare equal to each other.
bool dec_less(const std::optional<Date>& a, const std::optional<Date>& b) {
  if (!a) return b.has_value();
  if (!b) return false;
  return *a < *b;
}
}  // namespace

std::string_view to_string(Category c) { return kCategoryNames.name(c); }

Category category_of_place(std::string_view code) {
  if (code.size() == 2 && code[0] == 'U' && code[1] >= '1' && code[1] <= '6') return Category::fostering;
  if (code == "K2" || code == "R1") return Category::residential;
  if (code == "H5" || code == "P2") return Category::supported;
  return Category::other;
}

std::optional<int> Brackets::of_age(double years) const {
  for (int i = 0; i < kBrackets; ++i) {
    if (years >= edges[static_cast<std::size_t>(i)] && years < edges[static_cast<std::size_t>(i) + 1]) return i;
  }
  return std::nullopt;
}

std::string Brackets::label(int bracket) const {
  auto number = [](double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
    return s;
  };
  const auto i = static_cast<std::size_t>(bracket);
  return number(std::max(0.0, edges[i])) + " to " + number(edges[i + 1]);
}

std::vector<CleanEpisode> clean_episodes(const Ssda903Return& input, const Brackets& brackets, CleanReport& report) {
  std::unordered_map<std::string, Date> dob;
  for (const auto& year : input.headers_by_year) {
    for (const auto& h : year) dob.emplace(h.child, h.dob);  // the first row per child is kept
  }
  std::vector<CleanEpisode> all;
  for (const auto& year : input.episodes_by_year) {
    for (const auto& e : year) {
      ++report.episodes_read;
      if (!dob.contains(e.child)) {
        ++report.without_header;
        continue;
      }
      CleanEpisode c{e.child, e.decom, e.dec, std::nullopt, category_of_place(e.place)};
      all.push_back(std::move(c));
    }
  }
  std::stable_sort(all.begin(), all.end(), [](const CleanEpisode& a, const CleanEpisode& b) {
    if (a.child != b.child) return a.child < b.child;
    if (a.decom != b.decom) return a.decom < b.decom;
    return dec_less(a.dec, b.dec);
  });
  // Repeated (child, start): the last is kept.
  std::vector<CleanEpisode> unique_start;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const bool repeated = i + 1 < all.size() && all[i + 1].child == all[i].child && all[i + 1].decom == all[i].decom;
    if (repeated) ++report.duplicates_dropped;
    else unique_start.push_back(std::move(all[i]));
  }
  // Repeated (child, end), open ends equal: the first is kept.
  std::vector<CleanEpisode> out;
  for (auto& e : unique_start) {
    bool repeated = false;
    for (auto it = out.rbegin(); it != out.rend() && it->child == e.child; ++it) {
      if (it->dec == e.dec) {
        repeated = true;
        break;
      }
    }
    if (repeated) ++report.duplicates_dropped;
    else out.push_back(std::move(e));
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& e = out[i];
    const bool has_next = i + 1 < out.size() && out[i + 1].child == e.child;
    if (has_next && (!e.dec || *e.dec > out[i + 1].decom)) {
      e.dec = out[i + 1].decom;
      ++report.ends_corrected;
    }
    const double age = static_cast<double>(dob.at(e.child).days_until(e.decom)) / 365.24;
    e.bracket = brackets.of_age(age);
    if (!e.bracket) ++report.outside_brackets;
  }
  // Before and after, from the corrected neighbours.
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& e = out[i];
    if (i > 0 && out[i - 1].child == e.child && out[i - 1].dec == e.decom) e.before = out[i - 1].category;
    if (e.dec && i + 1 < out.size() && out[i + 1].child == e.child && out[i + 1].decom == *e.dec) {
      e.after = out[i + 1].category;
    }
  }
  return out;
}

}  // namespace caremarket::forecast
