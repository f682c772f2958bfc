#include "storage/sqlite/schema_allocation.hpp"

namespace caremarket::storage::sqlite {

// Which councils see a run is a table of its own, so "runs this council may
// see" is one indexed lookup and never a scan of JSON.
const std::string_view kAllocationSchema = R"sql(
CREATE TABLE alliances (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE TABLE alliance_members (
  alliance_id INTEGER NOT NULL REFERENCES alliances(id) ON DELETE CASCADE,
  council_id INTEGER NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (alliance_id, council_id)
);
CREATE INDEX alliance_members_council ON alliance_members(council_id);
CREATE TABLE allocation_runs (
  id INTEGER PRIMARY KEY,
  alliance_id INTEGER REFERENCES alliances(id),
  requested_by INTEGER NOT NULL,
  requested_by_council INTEGER NOT NULL REFERENCES organisations(id),
  status TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed')),
  summary_json TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL
);
CREATE TABLE allocation_run_councils (
  run_id INTEGER NOT NULL REFERENCES allocation_runs(id) ON DELETE CASCADE,
  council_id INTEGER NOT NULL REFERENCES organisations(id),
  PRIMARY KEY (run_id, council_id)
);
CREATE INDEX allocation_run_councils_council ON allocation_run_councils(council_id);
CREATE TABLE allocation_matches (
  run_id INTEGER NOT NULL REFERENCES allocation_runs(id) ON DELETE CASCADE,
  referral_id INTEGER NOT NULL REFERENCES referrals(id),
  council_id INTEGER NOT NULL REFERENCES organisations(id),
  service_id INTEGER REFERENCES services(id),
  provider_id INTEGER REFERENCES organisations(id),
  places INTEGER NOT NULL CHECK (places >= 1),
  status TEXT NOT NULL CHECK (status IN ('proposed', 'unplaced', 'sent', 'stale')),
  explanation_json TEXT NOT NULL DEFAULT '{}',
  outcome TEXT NOT NULL DEFAULT '',
  decided_by INTEGER NOT NULL DEFAULT 0,
  decided_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, referral_id)
);
)sql";

}  // namespace caremarket::storage::sqlite
