// PgStore: invoices, actuals and payments (schema in schema_invoices.cpp).
#include "core/text.hpp"
#include "storage/contract_records.hpp"
#include "storage/postgres/pg_codecs.hpp"
#include "storage/postgres/pg_store.hpp"

namespace caremarket::storage::postgres {
namespace {
using Lease = Pool::Lease;

constexpr std::string_view kInvoiceColumns =
    "id, provider_id, council_id, period_start, period_end, cadence, status, payment_terms, invoice_date, due_date, "
    "total_pence, created_by, created_at, updated_at";
constexpr int kInvoiceWritten = 13;

void bind_invoice(Stmt& s, const InvoiceRecord& r) {
  s.bind(1, r.provider_id)
      .bind(2, r.council_id)
      .bind(3, r.period_start.to_string())
      .bind(4, r.period().end().to_string());
  s.bind(5, invoicing::to_string(r.cadence)).bind(6, to_string(r.status)).bind(7, r.payment_terms);
  s.bind(8, text_of(r.invoice_date)).bind(9, text_of(r.due_date));
  s.bind(10, r.total.pence()).bind(11, r.created_by).bind(12, r.created_at).bind(13, r.updated_at);
}

InvoiceRecord read_invoice(const Stmt& s) {
  InvoiceRecord r;
  r.id = s.int64(0);
  r.provider_id = s.int64(1);
  r.council_id = s.int64(2);
  r.period_start = date_of(s.text(3));
  r.cadence = invoicing::cadence_from(s.text(5)).value_or(invoicing::Cadence::weekly);
  r.status = invoice_status_from(s.text(6)).value_or(InvoiceStatus::draft);
  r.payment_terms = s.text(7);
  r.invoice_date = optional_date(s, 8);
  r.due_date = optional_date(s, 9);
  r.total = Money::from_pence(s.int64(10));
  r.created_by = s.int64(11);
  r.created_at = s.int64(12);
  r.updated_at = s.int64(13);
  return r;
}

std::string join_lines(const std::vector<std::size_t>& lines) {
  std::vector<std::string> parts;
  for (const auto l : lines) parts.push_back(std::to_string(l));
  return join(parts, ",");
}

std::vector<std::size_t> split_lines(const std::string& text) {
  std::vector<std::size_t> out;
  if (text.empty()) return out;
  for (const auto& part : split(text, ',')) {
    if (auto n = parse_integer(part)) out.push_back(static_cast<std::size_t>(*n));
  }
  return out;
}

Error missing_invoice(std::int64_t id) { return Error::not_found("invoice " + std::to_string(id) + " does not exist"); }
}  // namespace

Status PgStore::write_invoice_lines(const InvoiceRecord& r) {
  auto clear = db().prepare("DELETE FROM invoice_lines WHERE invoice_id = $1");
  clear.bind(1, r.id);
  CM_TRY_STATUS(clear.run());
  auto stmt = db().prepare(
      "INSERT INTO invoice_lines (invoice_id, seq, kind, placement_id, contract_id, from_date, to_date, days, places, "
      "from_place, to_place, weekly_price_pence, amount_pence, in_total, within_block, note, band_mode) VALUES (" +
      placeholders(17) + ")");
  int seq = 0;
  for (const auto& l : r.lines) {
    stmt.bind(1, r.id)
        .bind(2, ++seq)
        .bind(3, invoicing::to_string(l.kind))
        .bind(4, l.placement_id)
        .bind(5, l.contract_id);
    stmt.bind(6, l.from.to_string()).bind(7, l.to.to_string()).bind(8, l.days).bind(9, l.places);
    stmt.bind(10, l.from_place).bind(11, l.to_place).bind(12, l.weekly_price.pence()).bind(13, l.amount.pence());
    stmt.bind(14, l.in_total).bind(15, l.within_block).bind(16, l.note);
    if (l.band_mode) {
      stmt.bind(17, pricing::to_string(*l.band_mode));
    } else {
      stmt.bind_null(17);
    }
    CM_TRY_STATUS(stmt.run());
    stmt.reset();
  }
  return {};
}

Result<std::vector<invoicing::InvoiceLine>> PgStore::read_invoice_lines(std::int64_t invoice_id) {
  auto stmt = db().prepare(
      "SELECT kind, placement_id, contract_id, from_date, to_date, days, places, from_place, to_place, "
      "weekly_price_pence, amount_pence, in_total, within_block, note, band_mode FROM invoice_lines "
      "WHERE invoice_id = $1 ORDER BY seq");
  stmt.bind(1, invoice_id);
  return collect<invoicing::InvoiceLine>(stmt, [](const Stmt& s) {
    invoicing::InvoiceLine l;
    l.kind = invoicing::line_kind_from(s.text(0)).value_or(invoicing::LineKind::placement);
    l.placement_id = optional_id(s, 1);
    l.contract_id = optional_id(s, 2);
    l.from = date_of(s.text(3));
    l.to = date_of(s.text(4));
    l.days = s.int32(5);
    l.places = s.int32(6);
    l.from_place = s.int32(7);
    l.to_place = s.int32(8);
    l.weekly_price = Money::from_pence(s.int64(9));
    l.amount = Money::from_pence(s.int64(10));
    l.in_total = s.boolean(11);
    l.within_block = s.boolean(12);
    l.note = s.text(13);
    if (!s.is_null(14)) l.band_mode = band_mode_from(s.text(14));
    return l;
  });
}

Result<std::int64_t> PgStore::create_invoice(const InvoiceRecord& invoice) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare("INSERT INTO invoices (" + std::string(kInvoiceColumns.substr(4)) + ") VALUES (" +
                             placeholders(kInvoiceWritten) + ") RETURNING id");
    bind_invoice(stmt, invoice);
    CM_ASSIGN_OR_RETURN(id, stmt.insert_id());
    auto with_id = invoice;
    with_id.id = id;
    return write_invoice_lines(with_id);
  }));
  return id;
}

Status PgStore::update_invoice(const InvoiceRecord& invoice) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare("UPDATE invoices SET " + assignments(kInvoiceColumns.substr(4)) + " WHERE id = $" +
                             std::to_string(kInvoiceWritten + 1));
    bind_invoice(stmt, invoice);
    stmt.bind(kInvoiceWritten + 1, invoice.id);
    CM_TRY_STATUS(stmt.run());
    if (stmt.changes() == 0) return missing_invoice(invoice.id);
    return write_invoice_lines(invoice);
  });
}

Result<std::vector<InvoiceRecord>> PgStore::query_invoices(std::string_view where, const Binder& bind) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kInvoiceColumns) + " FROM invoices " + std::string(where));
  if (bind) bind(stmt);
  CM_ASSIGN_OR_RETURN(auto list, collect<InvoiceRecord>(stmt, read_invoice));
  for (auto& r : list) { CM_ASSIGN_OR_RETURN(r.lines, read_invoice_lines(r.id)); }
  return list;
}

Result<InvoiceRecord> PgStore::get_invoice(std::int64_t id) {
  CM_ASSIGN_OR_RETURN(auto list, query_invoices("WHERE id = $1", [&](Stmt& s) { s.bind(1, id); }));
  if (list.empty()) return missing_invoice(id);
  return std::move(list.front());
}

Result<std::vector<InvoiceRecord>> PgStore::invoices(std::optional<std::int64_t> council_id,
                                                     std::optional<std::int64_t> provider_id) {
  return query_invoices(
      "WHERE ($1::BIGINT IS NULL OR council_id = $1) AND ($2::BIGINT IS NULL OR provider_id = $2) "
      "ORDER BY period_start COLLATE \"C\" DESC, id DESC",
      [&](Stmt& s) { s.bind(1, council_id).bind(2, provider_id); });
}

Result<std::vector<InvoiceRecord>> PgStore::overlapping_invoices(std::int64_t provider_id, std::int64_t council_id,
                                                                 Date from, Date to) {
  return query_invoices(
      "WHERE provider_id = $1 AND council_id = $2 AND period_start <= $3 COLLATE \"C\" AND "
      "period_end >= $4 COLLATE \"C\" ORDER BY period_start COLLATE \"C\"",
      [&](Stmt& s) { s.bind(1, provider_id).bind(2, council_id).bind(3, to.to_string()).bind(4, from.to_string()); });
}

Result<std::int64_t> PgStore::add_actuals(const ActualsUpload& upload) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    const auto& r = upload.result;
    auto head = db().prepare(
        "INSERT INTO invoice_actuals (invoice_id, uploaded_by, uploaded_at, rows_read, matched, our_charges_pence, "
        "our_adjustments_pence, our_total_pence, their_total_pence, ignored_columns) VALUES (" +
        placeholders(10) + ") RETURNING id");
    head.bind(1, upload.invoice_id).bind(2, upload.uploaded_by).bind(3, upload.uploaded_at).bind(4, r.rows_read);
    head.bind(5, r.matched)
        .bind(6, r.our_charges.pence())
        .bind(7, r.our_adjustments.pence())
        .bind(8, r.our_total.pence());
    head.bind(9, r.their_total.pence()).bind(10, join(r.ignored_columns, ","));
    CM_ASSIGN_OR_RETURN(id, head.insert_id());
    auto row = db().prepare(
        "INSERT INTO actuals_rows (actuals_id, line, placement_id, contract_id, from_date, to_date, "
        "days, amount_pence) VALUES (" +
        placeholders(8) + ")");
    for (const auto& a : upload.rows) {
      row.bind(1, id).bind(2, static_cast<std::int64_t>(a.line)).bind(3, a.placement_id).bind(4, a.contract_id);
      row.bind(5, a.from.to_string()).bind(6, a.to.to_string()).bind(7, a.days).bind(8, a.amount.pence());
      CM_TRY_STATUS(row.run());
      row.reset();
    }
    auto bad = db().prepare("INSERT INTO actuals_bad_rows (actuals_id, line, reason) VALUES ($1, $2, $3)");
    for (const auto& b : r.bad_rows) {
      bad.bind(1, id).bind(2, static_cast<std::int64_t>(b.line)).bind(3, b.reason);
      CM_TRY_STATUS(bad.run());
      bad.reset();
    }
    auto diff = db().prepare(
        "INSERT INTO invoice_differences (actuals_id, seq, kind, placement_id, contract_id, our_days, their_days, "
        "ours_pence, theirs_pence, lines, explanation) VALUES (" +
        placeholders(11) + ")");
    int seq = 0;
    for (const auto& d : r.differences) {
      diff.bind(1, id)
          .bind(2, ++seq)
          .bind(3, invoicing::to_string(d.kind))
          .bind(4, d.placement_id)
          .bind(5, d.contract_id);
      diff.bind(6, d.our_days).bind(7, d.their_days).bind(8, d.ours.pence()).bind(9, d.theirs.pence());
      diff.bind(10, join_lines(d.lines)).bind(11, d.explanation);
      CM_TRY_STATUS(diff.run());
      diff.reset();
    }
    return {};
  }));
  return id;
}

Result<std::optional<ActualsUpload>> PgStore::latest_actuals(std::int64_t invoice_id) {
  Lease lease(pool_);
  auto head = db().prepare(
      "SELECT id, invoice_id, uploaded_by, uploaded_at, rows_read, matched, our_charges_pence, our_adjustments_pence, "
      "our_total_pence, their_total_pence, ignored_columns FROM invoice_actuals WHERE invoice_id = $1 "
      "ORDER BY id DESC LIMIT 1");
  head.bind(1, invoice_id);
  CM_ASSIGN_OR_RETURN(const bool found, head.step());
  if (!found) return std::optional<ActualsUpload>{};
  ActualsUpload u;
  u.id = head.int64(0);
  u.invoice_id = head.int64(1);
  u.uploaded_by = head.int64(2);
  u.uploaded_at = head.int64(3);
  auto& r = u.result;
  r.rows_read = head.int32(4);
  r.matched = head.int32(5);
  r.our_charges = Money::from_pence(head.int64(6));
  r.our_adjustments = Money::from_pence(head.int64(7));
  r.our_total = Money::from_pence(head.int64(8));
  r.their_total = Money::from_pence(head.int64(9));
  const auto ignored = head.text(10);
  if (!ignored.empty()) r.ignored_columns = split(ignored, ',');
  auto rows = db().prepare(
      "SELECT line, placement_id, contract_id, from_date, to_date, days, amount_pence "
      "FROM actuals_rows WHERE actuals_id = $1 ORDER BY line");
  rows.bind(1, u.id);
  CM_ASSIGN_OR_RETURN(u.rows, collect<invoicing::ActualsRow>(rows, [](const Stmt& s) {
                        return invoicing::ActualsRow{static_cast<std::size_t>(s.int64(0)),
                                                     optional_id(s, 1),
                                                     optional_id(s, 2),
                                                     date_of(s.text(3)),
                                                     date_of(s.text(4)),
                                                     s.int32(5),
                                                     Money::from_pence(s.int64(6))};
                      }));
  auto bad = db().prepare("SELECT line, reason FROM actuals_bad_rows WHERE actuals_id = $1 ORDER BY line");
  bad.bind(1, u.id);
  CM_ASSIGN_OR_RETURN(r.bad_rows, collect<invoicing::BadRow>(bad, [](const Stmt& s) {
                        return invoicing::BadRow{static_cast<std::size_t>(s.int64(0)), s.text(1)};
                      }));
  auto diff = db().prepare(
      "SELECT kind, placement_id, contract_id, our_days, their_days, ours_pence, theirs_pence, lines, explanation "
      "FROM invoice_differences WHERE actuals_id = $1 ORDER BY seq");
  diff.bind(1, u.id);
  CM_ASSIGN_OR_RETURN(
      r.differences, collect<invoicing::Difference>(diff, [](const Stmt& s) {
        invoicing::Difference d;
        d.kind = invoicing::difference_kind_from(s.text(0)).value_or(invoicing::DifferenceKind::amount_differs);
        d.placement_id = optional_id(s, 1);
        d.contract_id = optional_id(s, 2);
        d.our_days = s.int32(3);
        d.their_days = s.int32(4);
        d.ours = Money::from_pence(s.int64(5));
        d.theirs = Money::from_pence(s.int64(6));
        d.difference = d.theirs - d.ours;
        d.lines = split_lines(s.text(7));
        d.explanation = s.text(8);
        return d;
      }));
  return std::optional<ActualsUpload>{std::move(u)};
}

Result<std::int64_t> PgStore::add_payment(const PaymentRecord& p) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare(
        "INSERT INTO invoice_payments (invoice_id, paid_on, amount_pence, reference, recorded_by, "
        "recorded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");
    stmt.bind(1, p.invoice_id).bind(2, p.paid_on.to_string()).bind(3, p.amount.pence()).bind(4, p.reference);
    stmt.bind(5, p.recorded_by).bind(6, p.recorded_at);
    CM_ASSIGN_OR_RETURN(id, stmt.insert_id());
    return {};
  }));
  return id;
}

Result<std::vector<PaymentRecord>> PgStore::payments(std::int64_t invoice_id) {
  Lease lease(pool_);
  auto stmt = db().prepare(
      "SELECT id, invoice_id, paid_on, amount_pence, reference, recorded_by, recorded_at "
      "FROM invoice_payments WHERE invoice_id = $1 ORDER BY paid_on COLLATE \"C\", id");
  stmt.bind(1, invoice_id);
  return collect<PaymentRecord>(stmt, [](const Stmt& s) {
    return PaymentRecord{s.int64(0), s.int64(1), date_of(s.text(2)), Money::from_pence(s.int64(3)),
                         s.text(4),  s.int64(5), s.int64(6)};
  });
}

}  // namespace caremarket::storage::postgres
