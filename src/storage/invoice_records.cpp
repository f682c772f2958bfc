#include "storage/invoice_records.hpp"

namespace caremarket::storage {

std::string_view to_string(InvoiceStatus status) {
  switch (status) {
    case InvoiceStatus::draft: return "draft";
    case InvoiceStatus::issued: return "issued";
    case InvoiceStatus::disputed: return "disputed";
    case InvoiceStatus::paid: return "paid";
  }
  return "draft";
}

std::optional<InvoiceStatus> invoice_status_from(std::string_view text) {
  for (const auto s : {InvoiceStatus::draft, InvoiceStatus::issued, InvoiceStatus::disputed, InvoiceStatus::paid}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

}  // namespace caremarket::storage
