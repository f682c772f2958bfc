#pragma once
// Migration SQL for the register's change log, kept beside the code that reads it.
#include <string_view>

namespace caremarket::storage::sqlite {

std::string_view register_changes_schema();

}  // namespace caremarket::storage::sqlite
