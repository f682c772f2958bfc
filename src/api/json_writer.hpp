#pragma once
// JSON written straight into a string, for answers too hot to build as a
// nlohmann::json tree first (the register search: a tree of 20 services
// cost more in allocations than the search itself). Writes exactly what
// json_text() would for the same values: keys in the order given (give
// them sorted, as nlohmann's objects keep them), strings escaped the same
// way with invalid UTF-8 replaced, numbers in the same form.
#include <cstdint>
#include <string>
#include <string_view>

namespace caremarket::api {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);  // then one value
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(std::size_t number);
  JsonWriter& value(double number);
  JsonWriter& value(bool flag);
  JsonWriter& null();
  // Text already written as JSON (one whole value).
  JsonWriter& raw(std::string_view json);

 private:
  void separate();
  template <typename Integer>
  JsonWriter& integer(Integer number);

  std::string& out_;
  bool first_ = true;  // no value yet at this level
};

}  // namespace caremarket::api
