#include "storage/sqlite/schema_invoices.hpp"

namespace caremarket::storage::sqlite {

// Money in integer pence. One invoice per provider, council and period
// start; the app also refuses periods that overlap. Actuals keep only the
// columns read, never the uploaded file.
const std::string_view kInvoicesSchema = R"sql(
CREATE TABLE invoices (
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES organisations(id),
  council_id INTEGER NOT NULL REFERENCES organisations(id),
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  cadence TEXT NOT NULL CHECK (cadence IN ('weekly', 'four_weekly')),
  status TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'disputed', 'paid')),
  payment_terms TEXT NOT NULL,
  invoice_date TEXT,
  due_date TEXT,
  total_pence INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (provider_id, council_id, period_start),
  CHECK (period_end >= period_start)
);
CREATE INDEX invoices_council ON invoices(council_id, period_start);
CREATE INDEX invoices_provider ON invoices(provider_id, period_start);
CREATE TABLE invoice_lines (
  invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('placement', 'commitment', 'above_commitment', 'voids', 'adjustment')),
  placement_id INTEGER,
  contract_id INTEGER,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  days INTEGER NOT NULL,
  places INTEGER NOT NULL,
  from_place INTEGER NOT NULL,
  to_place INTEGER NOT NULL,
  weekly_price_pence INTEGER NOT NULL,
  amount_pence INTEGER NOT NULL,
  in_total INTEGER NOT NULL,
  within_block INTEGER NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (invoice_id, seq)
);
CREATE TABLE invoice_actuals (
  id INTEGER PRIMARY KEY,
  invoice_id INTEGER NOT NULL REFERENCES invoices(id),
  uploaded_by INTEGER NOT NULL,
  uploaded_at INTEGER NOT NULL,
  rows_read INTEGER NOT NULL,
  matched INTEGER NOT NULL,
  our_charges_pence INTEGER NOT NULL,
  our_adjustments_pence INTEGER NOT NULL,
  our_total_pence INTEGER NOT NULL,
  their_total_pence INTEGER NOT NULL,
  ignored_columns TEXT NOT NULL DEFAULT ''
);
CREATE INDEX invoice_actuals_invoice ON invoice_actuals(invoice_id);
CREATE TABLE actuals_rows (
  actuals_id INTEGER NOT NULL REFERENCES invoice_actuals(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  placement_id INTEGER,
  contract_id INTEGER,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  days INTEGER NOT NULL,
  amount_pence INTEGER NOT NULL
);
CREATE INDEX actuals_rows_upload ON actuals_rows(actuals_id);
CREATE TABLE actuals_bad_rows (
  actuals_id INTEGER NOT NULL REFERENCES invoice_actuals(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX actuals_bad_rows_upload ON actuals_bad_rows(actuals_id);
CREATE TABLE invoice_differences (
  actuals_id INTEGER NOT NULL REFERENCES invoice_actuals(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  placement_id INTEGER,
  contract_id INTEGER,
  our_days INTEGER NOT NULL,
  their_days INTEGER NOT NULL,
  ours_pence INTEGER NOT NULL,
  theirs_pence INTEGER NOT NULL,
  lines TEXT NOT NULL DEFAULT '',
  explanation TEXT NOT NULL,
  PRIMARY KEY (actuals_id, seq)
);
CREATE TABLE invoice_payments (
  id INTEGER PRIMARY KEY,
  invoice_id INTEGER NOT NULL REFERENCES invoices(id),
  paid_on TEXT NOT NULL,
  amount_pence INTEGER NOT NULL CHECK (amount_pence > 0),
  reference TEXT NOT NULL,
  recorded_by INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  UNIQUE (invoice_id, reference)
);
CREATE INDEX invoice_payments_invoice ON invoice_payments(invoice_id);
)sql";

}  // namespace caremarket::storage::sqlite
