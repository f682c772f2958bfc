#pragma once
// Result<T>: a value or an Error, shaped like std::expected<T, Error> (C++23)
// so the code can move to std::expected without changing call sites.
#include <cassert>
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace caremarket {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(state_);
  }
  // By value, so `for (auto& x : f().value())` does not dangle.
  T value() && {
    assert(has_value());
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    assert(!has_value());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT
  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace caremarket

// Propagate an error from an expression returning Result<...>.
#define CM_CONCAT_INNER(a, b) a##b
#define CM_CONCAT(a, b) CM_CONCAT_INNER(a, b)
#define CM_TRY_STATUS(expr) CM_TRY_STATUS_IMPL(CM_CONCAT(cm_status_, __COUNTER__), expr)
#define CM_TRY_STATUS_IMPL(tmp, expr) \
  do {                                \
    auto tmp = (expr);                \
    if (!tmp) return tmp.error();     \
  } while (false)
#define CM_ASSIGN_OR_RETURN(lhs, expr) CM_ASSIGN_OR_RETURN_IMPL(CM_CONCAT(cm_result_, __COUNTER__), lhs, expr)
#define CM_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp) return tmp.error();                  \
  lhs = std::move(tmp).value()
