#pragma once
// The demo's price models and open-book submission (see demo_prices.cpp).
#include <cstddef>
#include <cstdint>

#include "core/result.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct DemoPrices {
  std::size_t price_models = 0;
  std::int64_t open_book_service_id = 0;
};

// Safe to run again: models replace those of the same date; the submission is made once.
Result<DemoPrices> add_demo_prices(storage::Store& store, std::int64_t open_book_service_id);

}  // namespace caremarket::app
