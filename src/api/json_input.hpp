#pragma once
// Strict reading of JSON request bodies: the body must be an object, every
// field must be known, and each must have the right type and range. Errors
// name the field and say what would be accepted.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/dates.hpp"
#include "core/result.hpp"

namespace caremarket::api {

// No document caremarket reads nests deeper; deeper ones are refused before
// they are built, so a hostile body cannot exhaust the stack.
inline constexpr int kMaxJsonDepth = 64;

// A JSON body read under the input policy: UTF-8 text, at most kMaxJsonDepth
// objects and lists inside one another, numbers that fit a double. Every
// failure is invalid_input with a message saying where.
Result<nlohmann::json> parse_json(std::string_view body);

class JsonObject {
 public:
  // Parses `body` and checks that it holds only `allowed` fields.
  static Result<JsonObject> parse(std::string_view body, const std::vector<std::string>& allowed);
  static Result<JsonObject> from(const nlohmann::json& value, const std::vector<std::string>& allowed,
                                 const std::string& where);

  bool has(const std::string& key) const { return value_.contains(key) && !value_.at(key).is_null(); }
  Result<std::optional<std::string>> text(const std::string& key, std::size_t max_length = 500) const;
  Result<std::optional<std::int64_t>> integer(const std::string& key, std::int64_t min, std::int64_t max) const;
  Result<std::optional<bool>> boolean(const std::string& key) const;
  Result<std::optional<std::vector<std::string>>> text_list(const std::string& key, std::size_t max_items = 50) const;
  Result<std::optional<Date>> date(const std::string& key) const;
  Result<std::vector<nlohmann::json>> array(const std::string& key, std::size_t max_items) const;

  // Required variants: a missing field is an error naming it.
  Result<std::string> required_text(const std::string& key, std::size_t max_length = 500) const;
  Result<std::int64_t> required_integer(const std::string& key, std::int64_t min, std::int64_t max) const;

 private:
  JsonObject(nlohmann::json value, std::string where) : value_(std::move(value)), where_(std::move(where)) {}
  std::string name(const std::string& key) const { return where_.empty() ? key : where_ + "." + key; }
  nlohmann::json value_;
  std::string where_;  // "prices[2]" when reading inside an array
};

}  // namespace caremarket::api
