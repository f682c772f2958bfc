#pragma once
// Migration SQL for contracts, kept beside the code that reads these tables.
#include <string_view>

namespace caremarket::storage::sqlite {

extern const std::string_view kContractsSchema;

}  // namespace caremarket::storage::sqlite
