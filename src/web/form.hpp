#pragma once
// Form bodies (application/x-www-form-urlencoded) and the field errors a
// page shows in its error summary and beside each field.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/dates.hpp"
#include "core/money.hpp"

namespace caremarket::web {

std::string url_encode(std::string_view text);

class Form {
 public:
  Form() = default;
  static Form parse(std::string_view urlencoded);
  // The first value of a field, trimmed; "" when absent.
  std::string get(const std::string& name) const;
  std::vector<std::string> all(const std::string& name) const;
  bool has(const std::string& name) const { return fields_.count(name) > 0; }
  void set(const std::string& name, std::string value);
  // The first field whose name or value is not UTF-8 text (shown with
  // U+FFFD for the bad bytes), or nullopt when every field is text.
  std::optional<std::string> field_not_text() const;

 private:
  std::multimap<std::string, std::string> fields_;
};

// In the order the fields appear on the page, the first error per field.
class FieldErrors {
 public:
  void add(const std::string& field, const std::string& message);
  const std::string* find(const std::string& field) const;
  bool empty() const { return items_.empty(); }
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

// Typed values from a form; each adds its own message to `errors` and
// returns nullopt when the value is missing (and `missing` is not empty) or wrong.
std::optional<Date> read_date(const Form& form, const std::string& name, FieldErrors& errors,
                              const std::string& missing);
std::optional<long long> read_whole_number(const Form& form, const std::string& name, FieldErrors& errors,
                                           const std::string& missing, long long min, long long max,
                                           const std::string& range_message);
std::optional<Money> read_money(const Form& form, const std::string& name, FieldErrors& errors,
                                const std::string& missing);

}  // namespace caremarket::web
