#include "storage/postgres/schema.hpp"

namespace caremarket::storage::postgres {

// A contract's parts each have their own table so that "contracts this
// council is a party to" and "contracts naming this provider" are indexed
// look-ups. Placements gain the call-off made at award.
const std::string_view kContractsSchema = R"sql(
CREATE TABLE contracts (
  id BIGSERIAL PRIMARY KEY,
  model TEXT NOT NULL CHECK (model IN ('spot', 'block', 'soft_block', 'framework', 'dynamic_market')),
  reference TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'suspended', 'ended', 'terminated')),
  kinds TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  extension_options BIGINT NOT NULL DEFAULT 0 CHECK (extension_options >= 0),
  extension_months BIGINT NOT NULL DEFAULT 0 CHECK (extension_months >= 0),
  notice_days BIGINT NOT NULL DEFAULT 0 CHECK (notice_days >= 0),
  price_unit TEXT NOT NULL DEFAULT 'week' CHECK (price_unit IN ('week', 'hour')),
  unit_price_pence BIGINT NOT NULL DEFAULT 0 CHECK (unit_price_pence >= 0),
  band_mode TEXT NOT NULL DEFAULT 'whole_volume' CHECK (band_mode IN ('whole_volume', 'marginal')),
  committed BIGINT NOT NULL DEFAULT 0 CHECK (committed >= 0),
  flex_min BIGINT NOT NULL DEFAULT 0,
  flex_max BIGINT NOT NULL DEFAULT 0,
  max_step BIGINT NOT NULL DEFAULT 0,
  target_percent BIGINT NOT NULL DEFAULT 95,
  review_weeks BIGINT NOT NULL DEFAULT 0,
  change_rules TEXT NOT NULL DEFAULT '',
  call_off_method TEXT NOT NULL DEFAULT 'direct_award' CHECK (call_off_method IN ('direct_award', 'mini_competition')),
  membership_conditions TEXT NOT NULL DEFAULT '',
  status_reason TEXT NOT NULL DEFAULT '',
  status_date TEXT,
  notes TEXT NOT NULL DEFAULT '',
  synthetic BOOLEAN NOT NULL DEFAULT false,
  created_by BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK (end_date >= start_date)
);
CREATE TABLE contract_parties (
  contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  council_id BIGINT NOT NULL REFERENCES organisations(id),
  share_bp BIGINT NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
  lead BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (contract_id, council_id)
);
CREATE INDEX contract_parties_council ON contract_parties(council_id);
CREATE TABLE contract_providers (
  contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  provider_id BIGINT NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (contract_id, provider_id)
);
CREATE INDEX contract_providers_provider ON contract_providers(provider_id);
CREATE TABLE contract_services (
  contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  service_id BIGINT NOT NULL REFERENCES services(id),
  provider_id BIGINT NOT NULL REFERENCES organisations(id),
  committed BIGINT NOT NULL DEFAULT 0 CHECK (committed >= 0),
  PRIMARY KEY (contract_id, service_id)
);
CREATE INDEX contract_services_provider ON contract_services(provider_id);
CREATE TABLE contract_volume_bands (
  contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  from_places BIGINT NOT NULL CHECK (from_places >= 1),
  weekly_price_pence BIGINT NOT NULL CHECK (weekly_price_pence > 0),
  PRIMARY KEY (contract_id, from_places)
);
CREATE TABLE contract_price_bands (
  contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('week', 'hour')),
  floor_pence BIGINT,
  ceiling_pence BIGINT NOT NULL CHECK (ceiling_pence > 0),
  PRIMARY KEY (contract_id, kind, unit)
);
CREATE TABLE contract_members (
  contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  provider_id BIGINT NOT NULL REFERENCES organisations(id),
  status TEXT NOT NULL CHECK (status IN ('applied', 'active', 'suspended', 'removed')),
  applied_on TEXT NOT NULL,
  joined_on TEXT,
  suspended_on TEXT,
  removed_on TEXT,
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (contract_id, provider_id)
);
CREATE INDEX contract_members_provider ON contract_members(provider_id);
CREATE TABLE contract_extensions (
  contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  number BIGINT NOT NULL CHECK (number >= 1),
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  taken_by BIGINT NOT NULL DEFAULT 0,
  taken_at BIGINT NOT NULL,
  PRIMARY KEY (contract_id, number)
);
CREATE TABLE contract_reviews (
  id BIGSERIAL PRIMARY KEY,
  contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE CASCADE,
  review_date TEXT NOT NULL,
  period_from TEXT NOT NULL,
  weeks BIGINT NOT NULL,
  current BIGINT NOT NULL,
  proposed BIGINT NOT NULL,
  average_occupied DOUBLE PRECISION NOT NULL,
  utilisation_percent DOUBLE PRECISION NOT NULL,
  proposal_reason TEXT NOT NULL,
  accepted BOOLEAN NOT NULL,
  decided BIGINT NOT NULL CHECK (decided >= 0),
  reason TEXT NOT NULL DEFAULT '',
  decided_on TEXT NOT NULL,
  decided_by BIGINT NOT NULL,
  decided_at BIGINT NOT NULL,
  UNIQUE (contract_id, review_date)
);
ALTER TABLE placements ADD COLUMN call_off_model TEXT NOT NULL DEFAULT 'spot';
ALTER TABLE placements ADD COLUMN contract_id BIGINT REFERENCES contracts(id);
ALTER TABLE placements ADD COLUMN call_off_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX placements_contract ON placements(contract_id);
)sql";

}  // namespace caremarket::storage::postgres
