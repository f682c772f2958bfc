#pragma once
// The time the use cases read: the system's clock in service, a clock a test
// sets and moves (a referral's 24-hour window, due dates) without waiting.
// Application hands one to every service it assembles; only the one-off
// command-line jobs outside it (demo, register import) read the system's.
#include <chrono>
#include <functional>
#include <utility>

#include "core/dates.hpp"

namespace caremarket::app {

class Clock {
 public:
  using Source = std::function<Timestamp()>;
  // The system's clock (UTC seconds).
  Clock() : source_(now_utc) {}
  explicit Clock(Source source) : source_(std::move(source)) {}

  Timestamp now() const { return source_(); }
  // The UTC calendar day of now().
  Date today() const {
    return Date::from_days(
        std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds{std::chrono::seconds{now()}}));
  }

 private:
  Source source_;
};

}  // namespace caremarket::app
