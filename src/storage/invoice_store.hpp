#pragma once
// The invoicing half of the storage interface (Store inherits it).
#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "storage/invoice_records.hpp"

namespace caremarket::storage {

class InvoiceStore {
 public:
  virtual ~InvoiceStore() = default;

  // One invoice per provider, council and period start (conflict on a repeat).
  virtual Result<std::int64_t> create_invoice(const InvoiceRecord& invoice) = 0;
  // Replaces the header and every line (a draft regenerated, a status change).
  virtual Status update_invoice(const InvoiceRecord& invoice) = 0;
  virtual Result<InvoiceRecord> get_invoice(std::int64_t id) = 0;
  // Newest period first; either filter may be left out.
  virtual Result<std::vector<InvoiceRecord>> invoices(std::optional<std::int64_t> council_id,
                                                      std::optional<std::int64_t> provider_id) = 0;
  // Invoices of this provider and council whose period shares a day with [from, to].
  virtual Result<std::vector<InvoiceRecord>> overlapping_invoices(std::int64_t provider_id, std::int64_t council_id,
                                                                  Date from, Date to) = 0;

  virtual Result<std::int64_t> add_actuals(const ActualsUpload& upload) = 0;
  virtual Result<std::optional<ActualsUpload>> latest_actuals(std::int64_t invoice_id) = 0;

  virtual Result<std::int64_t> add_payment(const PaymentRecord& payment) = 0;
  virtual Result<std::vector<PaymentRecord>> payments(std::int64_t invoice_id) = 0;
};

}  // namespace caremarket::storage
