#include "api/router.hpp"

namespace caremarket::api {

Result<std::optional<std::string>> Request::param(const std::string& name) const {
  const auto [first, last] = query.equal_range(name);
  if (first == last) return std::optional<std::string>{};
  if (std::next(first) != last) return Error::invalid("'" + name + "' is given more than once", name);
  return std::optional<std::string>{first->second};
}

}  // namespace caremarket::api
