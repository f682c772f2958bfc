#pragma once
// Migration SQL for market intelligence, kept beside the code that reads these tables.
#include <string_view>

namespace caremarket::storage::sqlite {

extern const std::string_view kIntelligenceSchema;

}  // namespace caremarket::storage::sqlite
