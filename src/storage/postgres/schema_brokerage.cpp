#include "storage/postgres/schema.hpp"

namespace caremarket::storage::postgres {

// Personal details sit in their own table, read only through
// Store::personal_details, so no query over referrals can carry them.
const std::string_view kBrokerageSchema = R"sql(
ALTER TABLE services ADD COLUMN risks_accepted TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN features TEXT NOT NULL DEFAULT '';
CREATE TABLE referrals (
  id BIGSERIAL PRIMARY KEY,
  council_id BIGINT NOT NULL REFERENCES organisations(id),
  created_by BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'offers', 'awarded', 'withdrawn', 'closed')),
  for_child BOOLEAN NOT NULL,
  kinds TEXT NOT NULL,
  age BIGINT NOT NULL CHECK (age BETWEEN 0 AND 120),
  needs TEXT NOT NULL DEFAULT '',
  hours_per_week BIGINT NOT NULL DEFAULT 0,
  home_district TEXT NOT NULL,
  home_latitude DOUBLE PRECISION NOT NULL,
  home_longitude DOUBLE PRECISION NOT NULL,
  preferred_authority TEXT NOT NULL DEFAULT '',
  need_level TEXT NOT NULL DEFAULT 'standard',
  budget_ceiling_pence BIGINT,
  needed_by TEXT NOT NULL,
  urgent BOOLEAN NOT NULL DEFAULT false,
  max_distance_miles DOUBLE PRECISION NOT NULL,
  min_rating TEXT NOT NULL,
  inadequate_override_reason TEXT NOT NULL DEFAULT '',
  pds_json TEXT NOT NULL DEFAULT '',
  deadline BIGINT NOT NULL DEFAULT 0,
  weights_json TEXT NOT NULL DEFAULT '',
  outcome_reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX referrals_council ON referrals(council_id);
CREATE TABLE referral_people (
  referral_id BIGINT PRIMARY KEY REFERENCES referrals(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  date_of_birth TEXT NOT NULL DEFAULT '',
  nhs_number TEXT NOT NULL DEFAULT '',
  council_child_id TEXT NOT NULL DEFAULT '',
  home_postcode TEXT NOT NULL DEFAULT ''
);
CREATE TABLE referral_recipients (
  referral_id BIGINT NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
  service_id BIGINT NOT NULL REFERENCES services(id),
  provider_id BIGINT NOT NULL REFERENCES organisations(id),
  status TEXT NOT NULL CHECK (status IN ('asked', 'offered', 'declined')),
  decline_reason TEXT NOT NULL DEFAULT '',
  score DOUBLE PRECISION NOT NULL DEFAULT 0,
  distance_miles DOUBLE PRECISION NOT NULL DEFAULT 0,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (referral_id, service_id)
);
CREATE INDEX recipients_provider ON referral_recipients(provider_id);
CREATE TABLE offers (
  id BIGSERIAL PRIMARY KEY,
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  service_id BIGINT NOT NULL REFERENCES services(id),
  provider_id BIGINT NOT NULL REFERENCES organisations(id),
  price_pence BIGINT NOT NULL CHECK (price_pence > 0),
  unit TEXT NOT NULL CHECK (unit IN ('week', 'hour')),
  start_date TEXT NOT NULL,
  conditions TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open', 'withdrawn', 'accepted', 'not_selected')),
  feedback TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX offers_referral ON offers(referral_id);
CREATE TABLE placements (
  id BIGSERIAL PRIMARY KEY,
  referral_id BIGINT NOT NULL UNIQUE REFERENCES referrals(id),
  council_id BIGINT NOT NULL REFERENCES organisations(id),
  service_id BIGINT NOT NULL REFERENCES services(id),
  provider_id BIGINT NOT NULL REFERENCES organisations(id),
  offer_id BIGINT NOT NULL REFERENCES offers(id),
  start_date TEXT NOT NULL,
  weekly_cost_pence BIGINT NOT NULL CHECK (weekly_cost_pence > 0),
  status TEXT NOT NULL CHECK (status IN ('active', 'ended')),
  end_date TEXT,
  end_reason TEXT NOT NULL DEFAULT '',
  preferred_location BOOLEAN NOT NULL DEFAULT false,
  education_continuity BOOLEAN NOT NULL DEFAULT false,
  siblings_placed_together BIGINT NOT NULL DEFAULT 0,
  placement_type TEXT NOT NULL DEFAULT '',
  places BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX placements_council ON placements(council_id);
CREATE INDEX placements_provider ON placements(provider_id);
CREATE TABLE council_settings (
  council_id BIGINT PRIMARY KEY REFERENCES organisations(id),
  weight_quality BIGINT NOT NULL,
  weight_price BIGINT NOT NULL,
  weight_distance BIGINT NOT NULL,
  weight_fit BIGINT NOT NULL,
  benchmark_weekly_pence BIGINT,
  benchmark_hourly_pence BIGINT,
  CHECK (weight_quality + weight_price + weight_distance + weight_fit = 100)
);
CREATE TABLE notifications (
  id BIGSERIAL PRIMARY KEY,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  kind TEXT NOT NULL,
  referral_id BIGINT NOT NULL DEFAULT 0,
  message TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX notifications_org ON notifications(organisation_id);
)sql";

}  // namespace caremarket::storage::postgres
