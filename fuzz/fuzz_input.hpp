#pragma once
// Small helpers shared by the fuzz targets: the fuzzer's bytes as text, and
// a cut of them into parts at a separator byte.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace caremarket::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// At most `parts` pieces: the last one keeps every separator after it.
inline std::vector<std::string_view> split(std::string_view text, char separator, std::size_t parts) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < parts) {
    const auto at = text.find(separator);
    if (at == std::string_view::npos) break;
    out.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  out.push_back(text);
  return out;
}

}  // namespace caremarket::fuzz
