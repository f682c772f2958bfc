#include "storage/postgres/schema.hpp"

namespace caremarket::storage::postgres {

// Parameters and lines sit in their own tables (one row each), so a model
// is typed data, not a blob; they go with their model (ON DELETE CASCADE).
const std::string_view kPricingSchema = R"sql(
CREATE TABLE price_models (
  id BIGSERIAL PRIMARY KEY,
  council_id BIGINT NOT NULL REFERENCES organisations(id),
  kind TEXT NOT NULL,
  effective_from TEXT NOT NULL,
  template TEXT NOT NULL DEFAULT '' CHECK (template IN ('', 'care_home', 'home_care')),
  note TEXT NOT NULL DEFAULT '',
  synthetic BOOLEAN NOT NULL DEFAULT false,
  set_by BIGINT NOT NULL,
  set_at BIGINT NOT NULL,
  UNIQUE (council_id, kind, effective_from)
);
CREATE TABLE price_model_parameters (
  model_id BIGINT NOT NULL REFERENCES price_models(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (model_id, name)
);
CREATE TABLE price_model_lines (
  model_id BIGINT NOT NULL REFERENCES price_models(id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('fixed', 'quantity_rate', 'percent_of_pay', 'percent_of_price')),
  amount_pence BIGINT NOT NULL DEFAULT 0 CHECK (amount_pence >= 0),
  quantity_hundredths BIGINT NOT NULL DEFAULT 0 CHECK (quantity_hundredths >= 0),
  is_pay BOOLEAN NOT NULL DEFAULT false,
  basis_points BIGINT NOT NULL DEFAULT 0 CHECK (basis_points >= 0),
  PRIMARY KEY (model_id, position)
);
CREATE TABLE open_book_submissions (
  id BIGSERIAL PRIMARY KEY,
  service_id BIGINT NOT NULL REFERENCES services(id),
  provider_id BIGINT NOT NULL REFERENCES organisations(id),
  effective_from TEXT NOT NULL,
  template TEXT NOT NULL DEFAULT '' CHECK (template IN ('', 'care_home', 'home_care')),
  note TEXT NOT NULL DEFAULT '',
  synthetic BOOLEAN NOT NULL DEFAULT false,
  submitted_by BIGINT NOT NULL,
  submitted_at BIGINT NOT NULL
);
CREATE INDEX open_book_service ON open_book_submissions(service_id);
CREATE TABLE open_book_parameters (
  submission_id BIGINT NOT NULL REFERENCES open_book_submissions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (submission_id, name)
);
CREATE TABLE open_book_lines (
  submission_id BIGINT NOT NULL REFERENCES open_book_submissions(id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('fixed', 'quantity_rate', 'percent_of_pay', 'percent_of_price')),
  amount_pence BIGINT NOT NULL DEFAULT 0 CHECK (amount_pence >= 0),
  quantity_hundredths BIGINT NOT NULL DEFAULT 0 CHECK (quantity_hundredths >= 0),
  is_pay BOOLEAN NOT NULL DEFAULT false,
  basis_points BIGINT NOT NULL DEFAULT 0 CHECK (basis_points >= 0),
  PRIMARY KEY (submission_id, position)
);
)sql";

}  // namespace caremarket::storage::postgres
