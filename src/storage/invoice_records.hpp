#pragma once
// What invoicing stores: invoices with their lines, each upload of a
// provider's actuals with its reconciliation, and payments. Lines name
// placement and contract ids, never a person; uploads keep only the
// columns caremarket reads, never the file itself.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "core/money.hpp"
#include "invoicing/invoice.hpp"
#include "invoicing/reconcile.hpp"

namespace caremarket::storage {

enum class InvoiceStatus { draft, issued, disputed, paid };
std::string_view to_string(InvoiceStatus status);
std::optional<InvoiceStatus> invoice_status_from(std::string_view text);

struct InvoiceRecord {
  std::int64_t id = 0;
  std::int64_t provider_id = 0;
  std::int64_t council_id = 0;
  Date period_start;
  invoicing::Cadence cadence = invoicing::Cadence::weekly;
  InvoiceStatus status = InvoiceStatus::draft;
  std::string payment_terms = "30 days";
  std::optional<Date> invoice_date;  // set when issued
  std::optional<Date> due_date;
  Money total;
  std::vector<invoicing::InvoiceLine> lines;
  std::int64_t created_by = 0;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
  invoicing::Period period() const { return {period_start, cadence}; }
};

struct ActualsUpload {
  std::int64_t id = 0;
  std::int64_t invoice_id = 0;
  std::int64_t uploaded_by = 0;
  Timestamp uploaded_at = 0;
  std::vector<invoicing::ActualsRow> rows;
  invoicing::Reconciliation result;
};

struct PaymentRecord {
  std::int64_t id = 0;
  std::int64_t invoice_id = 0;
  Date paid_on;
  Money amount;
  std::string reference;  // the remittance reference; unique per invoice, so a retry cannot pay twice
  std::int64_t recorded_by = 0;
  Timestamp recorded_at = 0;
};

}  // namespace caremarket::storage
