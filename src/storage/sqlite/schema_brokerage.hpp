#pragma once
// Migration SQL for brokerage, kept beside the code that reads these tables.
#include <string_view>

namespace caremarket::storage::sqlite {

extern const std::string_view kBrokerageSchema;

}  // namespace caremarket::storage::sqlite
