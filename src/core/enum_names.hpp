#pragma once
// One table per enum, read both ways: the wire name is the single source for
// printing a value and for parsing one, so the two cannot drift.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace caremarket {

template <typename E, std::size_t N>
class EnumNames {
 public:
  using Entry = std::pair<E, std::string_view>;
  constexpr explicit EnumNames(const std::array<Entry, N>& entries) : entries_(entries) {}

  // `otherwise` for a value missing from the table (a cast from bad data).
  constexpr std::string_view name(E value, std::string_view otherwise = "unknown") const {
    for (const auto& [e, n] : entries_)
      if (e == value) return n;
    return otherwise;
  }
  constexpr std::optional<E> parse(std::string_view text) const {
    for (const auto& [e, n] : entries_)
      if (n == text) return e;
    return std::nullopt;
  }
  constexpr const std::array<Entry, N>& entries() const { return entries_; }

 private:
  std::array<Entry, N> entries_;
};

// `constexpr auto kNames = enum_names<Colour>({{Colour::red, "red"}, ...});`
template <typename E, std::size_t N>
constexpr EnumNames<E, N> enum_names(const std::pair<E, std::string_view> (&entries)[N]) {
  std::array<std::pair<E, std::string_view>, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = entries[i];
  return EnumNames<E, N>(out);
}

}  // namespace caremarket
