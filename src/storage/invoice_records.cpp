#include "storage/invoice_records.hpp"

#include "core/enum_names.hpp"

namespace caremarket::storage {
namespace {
constexpr auto kStatuses = enum_names<InvoiceStatus>({
    {InvoiceStatus::draft, "draft"},
    {InvoiceStatus::issued, "issued"},
    {InvoiceStatus::disputed, "disputed"},
    {InvoiceStatus::paid, "paid"},
});
}  // namespace

std::string_view to_string(InvoiceStatus status) { return kStatuses.name(status, "draft"); }

std::optional<InvoiceStatus> invoice_status_from(std::string_view text) { return kStatuses.parse(text); }

}  // namespace caremarket::storage
