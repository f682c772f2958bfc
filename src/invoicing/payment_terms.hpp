#pragma once
// When an invoice falls due, and how promptly a council pays.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.hpp"
#include "core/money.hpp"

namespace caremarket::invoicing {

// "30 days" (calendar days) or "20 working days" (England and Wales: no
// weekends, no bank holidays) after the invoice date.
struct PaymentTerms {
  int days = 30;
  bool working_days = false;
  static Result<PaymentTerms> parse(std::string_view text);
  std::string to_string() const;
};

Date due_date(Date invoice_date, const PaymentTerms& terms);

struct PaymentMade {
  Date date;
  Money amount;
};

struct InvoiceDue {
  std::int64_t invoice_id = 0;
  Money total;
  Date due;
  std::vector<PaymentMade> payments;
};

enum class Punctuality { on_time, late, overdue, not_yet_due };
std::string_view to_string(Punctuality p);

struct InvoicePunctuality {
  std::int64_t invoice_id = 0;
  Punctuality outcome = Punctuality::not_yet_due;
  std::optional<Date> paid_on;  // the day the payments reached the total
  int days_late = 0;            // late: paid after due; overdue: days past due on `as_of`
  Money outstanding;
};

// The on-time rate: invoices paid in full on or before their due date, out
// of those paid in full or past due unpaid. Invoices not yet due and unpaid
// are not counted; nor are those with nothing to pay.
struct Timeliness {
  int counted = 0;
  int on_time = 0;
  int late = 0;
  int overdue = 0;
  int not_yet_due = 0;
  std::optional<int> rate_basis_points;  // on_time / counted, rounded by the house rule; none when counted is 0
  int average_days_late = 0;             // over late and overdue, rounded by the house rule
  Money outstanding;
  std::vector<InvoicePunctuality> invoices;
};

Timeliness timeliness(const std::vector<InvoiceDue>& invoices, Date as_of);

}  // namespace caremarket::invoicing
