#pragma once
// Invoices and payment, shared by the API and the CLI. The council (its
// commissioners, contract officers and admins) generates an invoice for a
// provider and a period from the placements and contracts in force, issues
// it, and records payments; the provider sees its issued invoices, uploads
// its actuals and reads every difference; the operator sees all. Anyone
// else is told the invoice does not exist. Every change is audited
// (subject "invoice:N") and written in one transaction.
#include <optional>
#include <string>
#include <vector>

#include "app/access.hpp"
#include "app/clock.hpp"
#include "invoicing/invoice.hpp"
#include "invoicing/payment_terms.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct GenerateInvoiceInput {
  std::int64_t provider_id = 0;
  std::optional<std::int64_t> council_id;  // the operator names it; a council invoices for itself
  Date period_start;
  invoicing::Cadence cadence = invoicing::Cadence::weekly;
  std::string week_starts = "monday";
  std::string payment_terms = "30 days";
  std::vector<invoicing::Adjustment> adjustments;
};

struct PaymentInput {
  Date paid_on;
  Money amount;
  std::string reference;
};

struct InvoiceView {
  storage::InvoiceRecord invoice;
  std::vector<storage::PaymentRecord> payments;
  Money paid;
  Money outstanding;
  bool replaced_draft = false;  // generate: an existing draft was regenerated
};

struct InvoiceFilter {
  std::optional<std::int64_t> council_id;
  std::optional<std::int64_t> provider_id;
  std::optional<storage::InvoiceStatus> status;
};

struct PaymentTimeliness {
  std::int64_t council_id = 0;
  std::optional<std::int64_t> provider_id;  // a provider sees only its own invoices with the council
  Date as_of;
  invoicing::Timeliness result;
};

class Invoices {
 public:
  explicit Invoices(storage::Store& store, Clock clock = {}) : store_(store), clock_(std::move(clock)) {}

  // Idempotent: a draft for the same period is replaced; an issued invoice
  // is never changed (a conflict), nor may periods overlap.
  Result<InvoiceView> generate(const Caller& caller, const GenerateInvoiceInput& input);
  Result<std::vector<InvoiceView>> list(const Caller& caller, const InvoiceFilter& filter);
  Result<InvoiceView> get(const Caller& caller, std::int64_t invoice_id);
  // Refused if the draft no longer matches the placements and contracts.
  Result<InvoiceView> issue(const Caller& caller, std::int64_t invoice_id, std::optional<Date> invoice_date);
  // The provider's actuals: the CSV reconciled and kept (the columns read,
  // never the file). Differences mark the invoice disputed; agreement
  // returns a disputed invoice to issued.
  Result<storage::ActualsUpload> upload_actuals(const Caller& caller, std::int64_t invoice_id, std::string_view csv);
  Result<storage::ActualsUpload> differences(const Caller& caller, std::int64_t invoice_id);
  Result<InvoiceView> record_payment(const Caller& caller, std::int64_t invoice_id, const PaymentInput& input);
  Result<PaymentTimeliness> timeliness(const Caller& caller, std::optional<std::int64_t> council_id,
                                       std::optional<Date> as_of);

 private:
  Result<invoicing::InvoiceInput> invoice_input(std::int64_t provider_id, std::int64_t council_id,
                                                const invoicing::Period& period,
                                                const std::vector<invoicing::Adjustment>& adjustments);
  Result<storage::InvoiceRecord> visible(const Caller& caller, std::int64_t invoice_id);
  Result<InvoiceView> view_of(storage::InvoiceRecord record);
  Status audit(const Caller& caller, const std::string& action, std::int64_t invoice_id, const std::string& detail);

  storage::Store& store_;
  Clock clock_;
};

}  // namespace caremarket::app
