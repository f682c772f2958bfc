#include "web/assets.hpp"

namespace caremarket::web {
namespace {
std::string_view content_type_of(std::string_view path) {
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".svg")) return "image/svg+xml";
  if (path.ends_with(".png")) return "image/png";
  if (path.ends_with(".woff2")) return "font/woff2";
  return "application/octet-stream";
}
}  // namespace

std::optional<Asset> find_asset(std::string_view path) {
  for (const auto& f : embedded_files()) {
    if (path == f.path) {
      return Asset{std::string_view(reinterpret_cast<const char*>(f.data), f.size), content_type_of(path)};
    }
  }
  return std::nullopt;
}

}  // namespace caremarket::web
