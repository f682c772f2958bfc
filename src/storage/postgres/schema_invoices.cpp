#include "storage/postgres/schema.hpp"

namespace caremarket::storage::postgres {

// Money in integer pence. One invoice per provider, council and period
// start; the app also refuses periods that overlap. Actuals keep only the
// columns read, never the uploaded file.
const std::string_view kInvoicesSchema = R"sql(
CREATE TABLE invoices (
  id BIGSERIAL PRIMARY KEY,
  provider_id BIGINT NOT NULL REFERENCES organisations(id),
  council_id BIGINT NOT NULL REFERENCES organisations(id),
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  cadence TEXT NOT NULL CHECK (cadence IN ('weekly', 'four_weekly')),
  status TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'disputed', 'paid')),
  payment_terms TEXT NOT NULL,
  invoice_date TEXT,
  due_date TEXT,
  total_pence BIGINT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (provider_id, council_id, period_start),
  CHECK (period_end >= period_start)
);
CREATE INDEX invoices_council ON invoices(council_id, period_start);
CREATE INDEX invoices_provider ON invoices(provider_id, period_start);
CREATE TABLE invoice_lines (
  invoice_id BIGINT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('placement', 'commitment', 'above_commitment', 'voids', 'adjustment')),
  placement_id BIGINT,
  contract_id BIGINT,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  days BIGINT NOT NULL,
  places BIGINT NOT NULL,
  from_place BIGINT NOT NULL,
  to_place BIGINT NOT NULL,
  weekly_price_pence BIGINT NOT NULL,
  amount_pence BIGINT NOT NULL,
  in_total BOOLEAN NOT NULL,
  within_block BOOLEAN NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (invoice_id, seq)
);
CREATE TABLE invoice_actuals (
  id BIGSERIAL PRIMARY KEY,
  invoice_id BIGINT NOT NULL REFERENCES invoices(id),
  uploaded_by BIGINT NOT NULL,
  uploaded_at BIGINT NOT NULL,
  rows_read BIGINT NOT NULL,
  matched BIGINT NOT NULL,
  our_charges_pence BIGINT NOT NULL,
  our_adjustments_pence BIGINT NOT NULL,
  our_total_pence BIGINT NOT NULL,
  their_total_pence BIGINT NOT NULL,
  ignored_columns TEXT NOT NULL DEFAULT ''
);
CREATE INDEX invoice_actuals_invoice ON invoice_actuals(invoice_id);
CREATE TABLE actuals_rows (
  actuals_id BIGINT NOT NULL REFERENCES invoice_actuals(id) ON DELETE CASCADE,
  line BIGINT NOT NULL,
  placement_id BIGINT,
  contract_id BIGINT,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  days BIGINT NOT NULL,
  amount_pence BIGINT NOT NULL
);
CREATE INDEX actuals_rows_upload ON actuals_rows(actuals_id);
CREATE TABLE actuals_bad_rows (
  actuals_id BIGINT NOT NULL REFERENCES invoice_actuals(id) ON DELETE CASCADE,
  line BIGINT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX actuals_bad_rows_upload ON actuals_bad_rows(actuals_id);
CREATE TABLE invoice_differences (
  actuals_id BIGINT NOT NULL REFERENCES invoice_actuals(id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  kind TEXT NOT NULL,
  placement_id BIGINT,
  contract_id BIGINT,
  our_days BIGINT NOT NULL,
  their_days BIGINT NOT NULL,
  ours_pence BIGINT NOT NULL,
  theirs_pence BIGINT NOT NULL,
  lines TEXT NOT NULL DEFAULT '',
  explanation TEXT NOT NULL,
  PRIMARY KEY (actuals_id, seq)
);
CREATE TABLE invoice_payments (
  id BIGSERIAL PRIMARY KEY,
  invoice_id BIGINT NOT NULL REFERENCES invoices(id),
  paid_on TEXT NOT NULL,
  amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
  reference TEXT NOT NULL,
  recorded_by BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  UNIQUE (invoice_id, reference)
);
CREATE INDEX invoice_payments_invoice ON invoice_payments(invoice_id);
)sql";

}  // namespace caremarket::storage::postgres
