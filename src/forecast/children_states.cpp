#include "forecast/children_states.hpp"

#include <algorithm>
#include <cstdint>
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
std::optional<Category> category_from(std::string_view name) { return kCategoryNames.parse(name); }

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
  // Children become small numbers once, so sorting and comparing never touch strings.
  std::unordered_map<std::string_view, std::uint32_t> number_of;
  std::vector<Date> dob;
  for (const auto& year : input.headers_by_year) {
    for (const auto& h : year) {
      if (number_of.emplace(h.child, static_cast<std::uint32_t>(dob.size())).second)
        dob.push_back(h.dob);  // first row kept
    }
  }
  struct Row {
    std::uint32_t child;
    Date decom;
    std::optional<Date> dec;
    const Episode* source;
  };
  std::vector<Row> rows;
  for (const auto& year : input.episodes_by_year) {
    for (const auto& e : year) {
      ++report.episodes_read;
      const auto it = number_of.find(e.child);
      if (it == number_of.end()) {
        ++report.without_header;
        continue;
      }
      rows.push_back({it->second, e.decom, e.dec, &e});
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.child != b.child) return a.child < b.child;
    if (a.decom != b.decom) return a.decom < b.decom;
    return dec_less(a.dec, b.dec);
  });
  // Repeated (child, start): the last is kept. Then repeated (child, end),
  // open ends equal: the first is kept.
  std::vector<Row> kept;
  kept.reserve(rows.size());
  std::size_t child_begin = 0;  // where the current child's kept rows start
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    if (i + 1 < rows.size() && rows[i + 1].child == r.child && rows[i + 1].decom == r.decom) {
      ++report.duplicates_dropped;
      continue;
    }
    if (kept.empty() || kept.back().child != r.child) child_begin = kept.size();
    bool repeated = false;
    for (std::size_t k = child_begin; k < kept.size() && !repeated; ++k) repeated = kept[k].dec == r.dec;
    if (repeated) {
      ++report.duplicates_dropped;
      continue;
    }
    kept.push_back(r);
  }
  std::vector<CleanEpisode> out;
  out.reserve(kept.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const Row& r = kept[i];
    CleanEpisode e{r.source->child, r.decom, r.dec, std::nullopt, category_of_place(r.source->place)};
    if (i + 1 < kept.size() && kept[i + 1].child == r.child && (!e.dec || *e.dec > kept[i + 1].decom)) {
      e.dec = kept[i + 1].decom;
      ++report.ends_corrected;
    }
    e.bracket = brackets.of_age(static_cast<double>(dob[r.child].days_until(e.decom)) / 365.24);
    if (!e.bracket) ++report.outside_brackets;
    out.push_back(std::move(e));
  }
  // Before and after, from the corrected neighbours.
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& e = out[i];
    const bool previous = i > 0 && kept[i - 1].child == kept[i].child;
    const bool next = i + 1 < out.size() && kept[i + 1].child == kept[i].child;
    if (previous && out[i - 1].dec == e.decom) e.before = out[i - 1].category;
    if (next && e.dec && out[i + 1].decom == *e.dec) e.after = out[i + 1].category;
  }
  return out;
}

}  // namespace caremarket::forecast
