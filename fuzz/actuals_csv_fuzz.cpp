// A provider's actuals CSV for an invoice period (hours and days delivered).
#include <cstdint>

#include "fuzz_input.hpp"
#include "invoicing/actuals.hpp"

using namespace caremarket;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto period =
      invoicing::make_period(Date::parse_iso("2026-04-06").value(), invoicing::Cadence::four_weekly).value();
  (void)invoicing::parse_actuals(fuzz::as_text(data, size), period);
  return 0;
}
