#include "storage/sqlite/schema_pricing.hpp"

namespace caremarket::storage::sqlite {

// Parameters and lines sit in their own tables (one row each), so a model
// is typed data, not a blob; they go with their model (ON DELETE CASCADE).
const std::string_view kPricingSchema = R"sql(
CREATE TABLE price_models (
  id INTEGER PRIMARY KEY,
  council_id INTEGER NOT NULL REFERENCES organisations(id),
  kind TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  template TEXT NOT NULL DEFAULT '' CHECK (template IN ('', 'care_home', 'home_care')),
  note TEXT NOT NULL DEFAULT '',
  synthetic INTEGER NOT NULL DEFAULT 0,
  set_by INTEGER NOT NULL,
  set_at INTEGER NOT NULL,
  UNIQUE (council_id, kind, effective_from)
);
CREATE TABLE price_model_parameters (
  model_id INTEGER NOT NULL REFERENCES price_models(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (model_id, name)
);
CREATE TABLE price_model_lines (
  model_id INTEGER NOT NULL REFERENCES price_models(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('fixed', 'quantity_rate', 'percent_of_pay', 'percent_of_price')),
  amount_pence INTEGER NOT NULL DEFAULT 0 CHECK (amount_pence >= 0),
  quantity_hundredths INTEGER NOT NULL DEFAULT 0 CHECK (quantity_hundredths >= 0),
  is_pay INTEGER NOT NULL DEFAULT 0,
  basis_points INTEGER NOT NULL DEFAULT 0 CHECK (basis_points >= 0),
  PRIMARY KEY (model_id, position)
);
CREATE TABLE open_book_submissions (
  id INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL REFERENCES services(id),
  provider_id INTEGER NOT NULL REFERENCES organisations(id),
  effective_from TEXT NOT NULL,
  template TEXT NOT NULL DEFAULT '' CHECK (template IN ('', 'care_home', 'home_care')),
  note TEXT NOT NULL DEFAULT '',
  synthetic INTEGER NOT NULL DEFAULT 0,
  submitted_by INTEGER NOT NULL,
  submitted_at INTEGER NOT NULL
);
CREATE INDEX open_book_service ON open_book_submissions(service_id);
CREATE TABLE open_book_parameters (
  submission_id INTEGER NOT NULL REFERENCES open_book_submissions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (submission_id, name)
);
CREATE TABLE open_book_lines (
  submission_id INTEGER NOT NULL REFERENCES open_book_submissions(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('fixed', 'quantity_rate', 'percent_of_pay', 'percent_of_price')),
  amount_pence INTEGER NOT NULL DEFAULT 0 CHECK (amount_pence >= 0),
  quantity_hundredths INTEGER NOT NULL DEFAULT 0 CHECK (quantity_hundredths >= 0),
  is_pay INTEGER NOT NULL DEFAULT 0,
  basis_points INTEGER NOT NULL DEFAULT 0 CHECK (basis_points >= 0),
  PRIMARY KEY (submission_id, position)
);
)sql";

}  // namespace caremarket::storage::sqlite
