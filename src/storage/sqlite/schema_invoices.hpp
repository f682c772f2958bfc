#pragma once
// Migration SQL for invoices, actuals and payments.
#include <string_view>

namespace caremarket::storage::sqlite {

extern const std::string_view kInvoicesSchema;

}  // namespace caremarket::storage::sqlite
