#include "storage/postgres/schema.hpp"

namespace caremarket::storage::postgres {

// The market register, accounts and the audit trail (SQLite's migration 1).
// Audit ids are given by the store (each entry is the one before plus one),
// so they are plain BIGINTs, not a sequence.
const std::string_view kCoreSchema = R"sql(
CREATE TABLE organisations (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('council', 'provider', 'operator')),
  name TEXT NOT NULL,
  ons_code TEXT NOT NULL DEFAULT '',
  regulator_id TEXT NOT NULL DEFAULT '',
  source_key TEXT NOT NULL UNIQUE
);
CREATE TABLE services (
  id BIGSERIAL PRIMARY KEY,
  provider_id BIGINT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  regulator TEXT NOT NULL,
  regulator_id TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  latitude DOUBLE PRECISION NOT NULL,
  longitude DOUBLE PRECISION NOT NULL,
  location_source TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  places BIGINT NOT NULL CHECK (places >= 0),
  age_min BIGINT NOT NULL,
  age_max BIGINT NOT NULL,
  needs TEXT NOT NULL DEFAULT '',
  specialisms TEXT NOT NULL DEFAULT '',
  rating TEXT NOT NULL,
  rating_date TEXT,
  domain_ratings TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  vacancies BIGINT NOT NULL DEFAULT 0 CHECK (vacancies >= 0),
  vacancies_as_of BIGINT,
  vacancies_set_by BIGINT NOT NULL DEFAULT 0,
  vacancies_synthetic BOOLEAN NOT NULL DEFAULT false,
  source TEXT NOT NULL DEFAULT '',
  source_key TEXT NOT NULL UNIQUE,
  match_key TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);
CREATE INDEX services_provider ON services(provider_id);
CREATE INDEX services_match ON services(match_key);
CREATE INDEX services_kind ON services(kind);
CREATE TABLE vacancy_history (
  id BIGSERIAL PRIMARY KEY,
  service_id BIGINT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  count BIGINT NOT NULL CHECK (count >= 0),
  as_of BIGINT NOT NULL,
  set_by BIGINT NOT NULL
);
CREATE INDEX vacancy_history_service ON vacancy_history(service_id);
CREATE TABLE prices (
  service_id BIGINT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  need_level TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('week', 'hour')),
  amount_pence BIGINT NOT NULL CHECK (amount_pence > 0),
  valid_from TEXT NOT NULL,
  synthetic BOOLEAN NOT NULL DEFAULT false,
  PRIMARY KEY (service_id, need_level, valid_from)
);
CREATE TABLE users (
  id BIGSERIAL PRIMARY KEY,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  roles TEXT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT true,
  created_at BIGINT NOT NULL
);
CREATE INDEX users_organisation ON users(organisation_id);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE audit_events (
  id BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_user_id BIGINT NOT NULL,
  actor_organisation_id BIGINT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_subject ON audit_events(subject);
)sql";

}  // namespace caremarket::storage::postgres
