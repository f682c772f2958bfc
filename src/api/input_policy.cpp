#include "api/input_policy.hpp"

#include <httplib.h>

#include "core/text.hpp"

namespace caremarket::api {

std::multimap<std::string, std::string> query_of(std::string_view target) {
  std::multimap<std::string, std::string> out;
  const auto mark = target.find('?');
  if (mark == std::string_view::npos) return out;
  for (auto& [name, value] : parse_urlencoded(target.substr(mark + 1))) out.emplace(std::move(name), std::move(value));
  return out;
}

Status check_request_text(const httplib::Request& req) {
  static const std::string how = ": percent-encode text as UTF-8 (for example %C2%A3 for £)";
  if (!is_valid_utf8(req.path)) return Error::invalid("the address is not valid UTF-8 text" + how);
  for (const auto& [name, value] : query_of(req.target)) {
    const std::string shown = to_valid_utf8(name);
    if (!is_valid_utf8(name))
      return Error::invalid("a query parameter's name ('" + shown + "') is not valid UTF-8 text" + how, shown);
    if (!is_valid_utf8(value))
      return Error::invalid("the query parameter '" + shown + "' is not valid UTF-8 text" + how, shown);
  }
  for (const auto& [name, value] : req.headers) {
    if (!is_valid_utf8(name) || !is_valid_utf8(value)) {
      return Error::invalid("the header '" + to_valid_utf8(name) + "' is not valid UTF-8 text");
    }
  }
  return {};
}

std::string json_text(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace caremarket::api
