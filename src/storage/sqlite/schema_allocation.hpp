#pragma once
// Migration SQL for regional allocation, kept beside the code that reads these tables.
#include <string_view>

namespace caremarket::storage::sqlite {

extern const std::string_view kAllocationSchema;

}  // namespace caremarket::storage::sqlite
