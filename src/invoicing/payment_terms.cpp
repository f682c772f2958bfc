#include "invoicing/payment_terms.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace caremarket::invoicing {

Result<PaymentTerms> PaymentTerms::parse(std::string_view text) {
  const std::string t = to_lower(trim(text));
  const auto space = t.find(' ');
  const auto bad = [&] {
    return Error::invalid(
        "payment terms '" + std::string(text) + "' must read like '30 days' or '20 working days' (1 to 120)",
        "payment_terms");
  };
  if (space == std::string::npos) return bad();
  const auto n = parse_integer(std::string_view(t).substr(0, space));
  const std::string rest(trim(std::string_view(t).substr(space + 1)));
  if (!n || *n < 1 || *n > 120) return bad();
  PaymentTerms terms;
  terms.days = static_cast<int>(*n);
  if (rest == "days" || rest == "day") terms.working_days = false;
  else if (rest == "working days" || rest == "working day") terms.working_days = true;
  else return bad();
  return terms;
}

std::string PaymentTerms::to_string() const {
  return std::to_string(days) + (working_days ? " working days" : " days");
}

Date due_date(Date invoice_date, const PaymentTerms& terms) {
  if (!terms.working_days) return invoice_date.plus_days(terms.days);
  return add_working_days(invoice_date, terms.days);
}

std::string_view to_string(Punctuality p) {
  switch (p) {
    case Punctuality::on_time: return "on_time";
    case Punctuality::late: return "late";
    case Punctuality::overdue: return "overdue";
    case Punctuality::not_yet_due: return "not_yet_due";
  }
  return "not_yet_due";
}

Timeliness timeliness(const std::vector<InvoiceDue>& invoices, Date as_of) {
  Timeliness t;
  std::int64_t days_late_sum = 0;
  for (const auto& inv : invoices) {
    if (inv.total.pence() <= 0) continue;
    auto payments = inv.payments;
    std::stable_sort(payments.begin(), payments.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    InvoicePunctuality p;
    p.invoice_id = inv.invoice_id;
    Money paid;
    for (const auto& pay : payments) {
      paid += pay.amount;
      if (!p.paid_on && paid >= inv.total) p.paid_on = pay.date;
    }
    p.outstanding = paid >= inv.total ? Money() : inv.total - paid;
    if (p.paid_on) {
      p.days_late = static_cast<int>(std::max<std::int64_t>(0, inv.due.days_until(*p.paid_on)));
      p.outcome = p.days_late == 0 ? Punctuality::on_time : Punctuality::late;
    } else if (inv.due < as_of) {
      p.days_late = static_cast<int>(inv.due.days_until(as_of));
      p.outcome = Punctuality::overdue;
    } else {
      p.outcome = Punctuality::not_yet_due;
    }
    switch (p.outcome) {
      case Punctuality::on_time:
        ++t.on_time;
        ++t.counted;
        break;
      case Punctuality::late:
        ++t.late;
        ++t.counted;
        days_late_sum += p.days_late;
        break;
      case Punctuality::overdue:
        ++t.overdue;
        ++t.counted;
        days_late_sum += p.days_late;
        break;
      case Punctuality::not_yet_due: ++t.not_yet_due; break;
    }
    t.outstanding += p.outstanding;
    t.invoices.push_back(p);
  }
  if (t.counted > 0) t.rate_basis_points = static_cast<int>(divide_round_half_away(10'000LL * t.on_time, t.counted));
  if (t.late + t.overdue > 0)
    t.average_days_late = static_cast<int>(divide_round_half_away(days_late_sum, t.late + t.overdue));
  return t;
}

}  // namespace caremarket::invoicing
