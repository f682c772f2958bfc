#include "web/form.hpp"

#include "core/text.hpp"

namespace caremarket::web {

std::string url_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '_' ||
        u == '.' || u == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 15];
    }
  }
  return out;
}

Form Form::parse(std::string_view urlencoded) {
  Form form;
  for (auto& [name, value] : parse_urlencoded(urlencoded)) form.fields_.emplace(std::move(name), std::move(value));
  return form;
}

std::string Form::get(const std::string& name) const {
  const auto it = fields_.find(name);
  return it == fields_.end() ? std::string() : std::string(trim(it->second));
}

std::vector<std::string> Form::all(const std::string& name) const {
  std::vector<std::string> out;
  const auto [from, to] = fields_.equal_range(name);
  for (auto it = from; it != to; ++it) out.push_back(std::string(trim(it->second)));
  return out;
}

void Form::set(const std::string& name, std::string value) {
  fields_.erase(name);
  fields_.emplace(name, std::move(value));
}

std::optional<std::string> Form::field_not_text() const {
  for (const auto& [name, value] : fields_) {
    if (!is_valid_utf8(name) || !is_valid_utf8(value)) return to_valid_utf8(name);
  }
  return std::nullopt;
}

void FieldErrors::add(const std::string& field, const std::string& message) {
  if (find(field)) return;
  items_.emplace_back(field, message);
}

const std::string* FieldErrors::find(const std::string& field) const {
  for (const auto& [f, m] : items_) {
    if (f == field) return &m;
  }
  return nullptr;
}

std::optional<Date> read_date(const Form& form, const std::string& name, FieldErrors& errors,
                              const std::string& missing) {
  const auto day = form.get(name + "-day");
  const auto month = form.get(name + "-month");
  const auto year = form.get(name + "-year");
  if (day.empty() && month.empty() && year.empty()) {
    if (!missing.empty()) errors.add(name, missing);
    return std::nullopt;
  }
  if (day.empty() || month.empty() || year.empty()) {
    errors.add(name, "The date must include a day, month and year");
    return std::nullopt;
  }
  const auto d = parse_integer(day);
  const auto m = parse_integer(month);
  const auto y = parse_integer(year);
  if (!d || !m || !y || *y < 1900 || *y > 2200 || *m < 1 || *m > 12 || *d < 1 || *d > 31) {
    errors.add(name, "The date must be a real date, for example 27 3 2027");
    return std::nullopt;
  }
  auto date = Date::from_ymd(static_cast<int>(*y), static_cast<unsigned>(*m), static_cast<unsigned>(*d));
  if (!date) {
    errors.add(name, "The date must be a real date, for example 27 3 2027");
    return std::nullopt;
  }
  return *date;
}

std::optional<long long> read_whole_number(const Form& form, const std::string& name, FieldErrors& errors,
                                           const std::string& missing, long long min, long long max,
                                           const std::string& range_message) {
  const auto text = form.get(name);
  if (text.empty()) {
    if (!missing.empty()) errors.add(name, missing);
    return std::nullopt;
  }
  const auto n = parse_integer(text);
  if (!n || *n < min || *n > max) {
    errors.add(name, range_message);
    return std::nullopt;
  }
  return *n;
}

std::optional<Money> read_money(const Form& form, const std::string& name, FieldErrors& errors,
                                const std::string& missing) {
  std::string text = form.get(name);
  if (text.starts_with("\xC2\xA3")) text = text.substr(2);
  std::string digits;
  for (const char c : text)
    if (c != ',') digits += c;
  if (digits.empty()) {
    if (!missing.empty()) errors.add(name, missing);
    return std::nullopt;
  }
  auto money = Money::parse(digits);
  if (!money) {
    errors.add(name, "Enter an amount in pounds, for example 1250.00");
    return std::nullopt;
  }
  return *money;
}

}  // namespace caremarket::web
