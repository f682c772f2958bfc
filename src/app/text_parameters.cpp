#include "app/text_parameters.hpp"

#include "core/text.hpp"

namespace caremarket::app {

Result<long long> whole_number(const std::string& name, const std::string& text, long long min, long long max) {
  const auto n = parse_integer(text);
  if (!n || *n < min || *n > max) {
    return Error::invalid("'" + name + "' must be a whole number from " + std::to_string(min) + " to " +
                              std::to_string(max) + ", not '" + printable(text) + "'",
                          name);
  }
  return *n;
}

Result<bool> yes_no(const std::string& name, const std::string& text) {
  if (text == "true" || text == "1" || text == "yes") return true;
  if (text == "false" || text == "0" || text == "no") return false;
  return Error::invalid("'" + name + "' must be true or false, not '" + printable(text) + "'", name);
}

}  // namespace caremarket::app
