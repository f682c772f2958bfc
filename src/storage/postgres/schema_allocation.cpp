#include "storage/postgres/schema.hpp"

namespace caremarket::storage::postgres {

// Which councils see a run is a table of its own, so "runs this council may
// see" is one indexed lookup and never a scan of JSON.
const std::string_view kAllocationSchema = R"sql(
CREATE TABLE alliances (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE alliance_members (
  alliance_id BIGINT NOT NULL REFERENCES alliances(id) ON DELETE CASCADE,
  council_id BIGINT NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (alliance_id, council_id)
);
CREATE INDEX alliance_members_council ON alliance_members(council_id);
CREATE TABLE allocation_runs (
  id BIGSERIAL PRIMARY KEY,
  alliance_id BIGINT REFERENCES alliances(id),
  requested_by BIGINT NOT NULL,
  requested_by_council BIGINT NOT NULL REFERENCES organisations(id),
  status TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed')),
  summary_json TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL
);
CREATE TABLE allocation_run_councils (
  run_id BIGINT NOT NULL REFERENCES allocation_runs(id) ON DELETE CASCADE,
  council_id BIGINT NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (run_id, council_id)
);
CREATE INDEX allocation_run_councils_council ON allocation_run_councils(council_id);
CREATE TABLE allocation_matches (
  run_id BIGINT NOT NULL REFERENCES allocation_runs(id) ON DELETE CASCADE,
  referral_id BIGINT NOT NULL REFERENCES referrals(id),
  council_id BIGINT NOT NULL REFERENCES organisations(id),
  service_id BIGINT REFERENCES services(id),
  provider_id BIGINT REFERENCES organisations(id),
  places BIGINT NOT NULL CHECK (places >= 1),
  status TEXT NOT NULL CHECK (status IN ('proposed', 'unplaced', 'sent', 'stale')),
  explanation_json TEXT NOT NULL DEFAULT '{}',
  outcome TEXT NOT NULL DEFAULT '',
  decided_by BIGINT NOT NULL DEFAULT 0,
  decided_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, referral_id)
);
)sql";

}  // namespace caremarket::storage::postgres
