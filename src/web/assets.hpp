#pragma once
// The stylesheet, scripts and icon, embedded into the binary at build time
// (src/web/CMakeLists.txt), so `caremarket serve` needs no asset folder.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace caremarket::web {

struct EmbeddedFile {
  const char* path;  // "/assets/app.css"
  const unsigned char* data;
  std::size_t size;
};
const std::vector<EmbeddedFile>& embedded_files();  // generated

struct Asset {
  std::string_view body;
  std::string_view content_type;
};
std::optional<Asset> find_asset(std::string_view path);

}  // namespace caremarket::web
