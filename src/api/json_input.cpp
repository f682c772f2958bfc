#include "api/json_input.hpp"

#include "core/text.hpp"

namespace caremarket::api {
namespace {
Error wrong_type(const std::string& field, const char* expected) {
  return Error::invalid("'" + field + "' must be " + expected, field);
}
}  // namespace

Result<nlohmann::json> parse_json(std::string_view body) {
  using Event = nlohmann::json::parse_event_t;
  if (trim(body).empty()) return Error::invalid("the request needs a JSON object in its body");
  if (const auto at = invalid_utf8_at(body)) {
    return Error::invalid("the body is not valid UTF-8 text (at byte " + std::to_string(*at + 1) +
                          "): send JSON encoded as UTF-8");
  }
  // nlohmann's parser is iterative; the callback refuses containers below
  // the limit as they start, so a deep document is never built (copying or
  // walking one would recurse once per level).
  bool too_deep = false;
  std::string last_key;
  const nlohmann::json::parser_callback_t limit = [&](int depth, Event event, nlohmann::json& parsed) {
    if (event == Event::key && parsed.is_string()) last_key = parsed.get<std::string>();
    if ((event == Event::object_start || event == Event::array_start) && depth >= kMaxJsonDepth) {
      too_deep = true;
      return false;
    }
    return !too_deep;
  };
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(body, limit);
  } catch (const nlohmann::json::parse_error& e) {
    return Error::invalid("the body is not valid JSON (at byte " + std::to_string(e.byte) + ")");
  } catch (const nlohmann::json::out_of_range&) {
    // 406: a number beyond a double's range, such as 1e400.
    if (last_key.empty()) return Error::invalid("the body holds a number too large to read");
    return Error::invalid("'" + last_key + "' holds a number too large to read", last_key);
  }
  if (too_deep) {
    return Error::invalid("the body nests objects and lists more than " + std::to_string(kMaxJsonDepth) +
                          " deep; no caremarket document needs that many");
  }
  return value;
}

Result<JsonObject> JsonObject::parse(std::string_view body, const std::vector<std::string>& allowed) {
  CM_ASSIGN_OR_RETURN(auto value, parse_json(body));
  return from(value, allowed, "");
}

Result<JsonObject> JsonObject::from(const nlohmann::json& value, const std::vector<std::string>& allowed,
                                    const std::string& where) {
  if (!value.is_object()) {
    return Error::invalid((where.empty() ? std::string("the body") : "'" + where + "'") + " must be a JSON object");
  }
  for (const auto& [key, v] : value.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      const std::string field = where.empty() ? key : where + "." + key;
      return Error::invalid("unknown field '" + field + "'; the fields here are: " + join(allowed, ", "), field);
    }
  }
  return JsonObject(value, where);
}

Result<std::optional<std::string>> JsonObject::text(const std::string& key, std::size_t max_length) const {
  if (!has(key)) return std::optional<std::string>{};
  const auto& v = value_.at(key);
  if (!v.is_string()) return wrong_type(name(key), "a string");
  auto s = v.get<std::string>();
  if (s.size() > max_length) {
    return Error::invalid("'" + name(key) + "' is longer than " + std::to_string(max_length) + " characters",
                          name(key));
  }
  return std::optional<std::string>{std::move(s)};
}

Result<std::optional<std::int64_t>> JsonObject::integer(const std::string& key, std::int64_t min,
                                                        std::int64_t max) const {
  if (!has(key)) return std::optional<std::int64_t>{};
  const auto& v = value_.at(key);
  if (!v.is_number_integer()) return wrong_type(name(key), "a whole number");
  std::int64_t n = 0;
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(max)) {
      return Error::invalid(
          "'" + name(key) + "' must be between " + std::to_string(min) + " and " + std::to_string(max), name(key));
    }
    n = static_cast<std::int64_t>(u);
  } else {
    n = v.get<std::int64_t>();
  }
  if (n < min || n > max) {
    return Error::invalid("'" + name(key) + "' must be between " + std::to_string(min) + " and " + std::to_string(max),
                          name(key));
  }
  return std::optional<std::int64_t>{n};
}

Result<std::optional<bool>> JsonObject::boolean(const std::string& key) const {
  if (!has(key)) return std::optional<bool>{};
  const auto& v = value_.at(key);
  if (!v.is_boolean()) return wrong_type(name(key), "true or false");
  return std::optional<bool>{v.get<bool>()};
}

Result<std::optional<std::vector<std::string>>> JsonObject::text_list(const std::string& key,
                                                                      std::size_t max_items) const {
  if (!has(key)) return std::optional<std::vector<std::string>>{};
  const auto& v = value_.at(key);
  if (!v.is_array()) return wrong_type(name(key), "a list of strings");
  if (v.size() > max_items) {
    return Error::invalid("'" + name(key) + "' has more than " + std::to_string(max_items) + " items", name(key));
  }
  std::vector<std::string> out;
  for (const auto& item : v) {
    if (!item.is_string()) return wrong_type(name(key), "a list of strings");
    out.push_back(item.get<std::string>());
  }
  return std::optional<std::vector<std::string>>{std::move(out)};
}

Result<std::optional<Date>> JsonObject::date(const std::string& key) const {
  CM_ASSIGN_OR_RETURN(const auto s, text(key, 10));
  if (!s) return std::optional<Date>{};
  auto d = Date::parse_iso(*s);
  if (!d) return Error::invalid("'" + name(key) + "': " + d.error().message, name(key));
  return std::optional<Date>{*d};
}

Result<std::vector<nlohmann::json>> JsonObject::array(const std::string& key, std::size_t max_items) const {
  if (!has(key)) return Error::invalid("'" + name(key) + "' is required", name(key));
  const auto& v = value_.at(key);
  if (!v.is_array()) return wrong_type(name(key), "a list");
  if (v.size() > max_items) {
    return Error::invalid("'" + name(key) + "' has more than " + std::to_string(max_items) + " items", name(key));
  }
  return std::vector<nlohmann::json>(v.begin(), v.end());
}

Result<std::string> JsonObject::required_text(const std::string& key, std::size_t max_length) const {
  CM_ASSIGN_OR_RETURN(auto v, text(key, max_length));
  if (!v) return Error::invalid("'" + name(key) + "' is required", name(key));
  return *v;
}

Result<std::int64_t> JsonObject::required_integer(const std::string& key, std::int64_t min, std::int64_t max) const {
  CM_ASSIGN_OR_RETURN(auto v, integer(key, min, max));
  if (!v) return Error::invalid("'" + name(key) + "' is required", name(key));
  return *v;
}

}  // namespace caremarket::api
