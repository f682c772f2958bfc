#pragma once
// Migration SQL for prices, kept beside the code that reads these tables.
#include <string_view>

namespace caremarket::storage::sqlite {

extern const std::string_view kPricingSchema;

}  // namespace caremarket::storage::sqlite
