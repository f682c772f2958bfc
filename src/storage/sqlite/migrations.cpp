#include "storage/sqlite/migrations.hpp"

#include <string>

#include "storage/audit_chain.hpp"
#include "storage/sqlite/schema_allocation.hpp"
#include "storage/sqlite/schema_brokerage.hpp"
#include "storage/sqlite/schema_changes.hpp"
#include "storage/sqlite/schema_contracts.hpp"
#include "storage/sqlite/schema_intelligence.hpp"
#include "storage/sqlite/schema_invoices.hpp"
#include "storage/sqlite/schema_pricing.hpp"

namespace caremarket::storage::sqlite {

namespace {
// Chains the entries written before the chain existed, oldest first.
Status chain_existing_audit(Db& db) {
  CM_ASSIGN_OR_RETURN(auto read, db.prepare("SELECT id, at, actor_user_id, actor_organisation_id, action, subject, "
                                            "detail FROM audit_events ORDER BY id"));
  CM_ASSIGN_OR_RETURN(auto events, collect<AuditEvent>(read, [](const Stmt& r) {
                        return AuditEvent{r.int64(0), r.int64(1), r.int64(2), r.int64(3), r.text(4),
                                          r.text(5),  r.text(6),  {},         {}};
                      }));
  CM_ASSIGN_OR_RETURN(auto write, db.prepare("UPDATE audit_events SET id = ?, prev_hash = ?, hash = ? WHERE id = ?"));
  std::string previous = kAuditGenesis;
  std::int64_t next_id = 1;
  for (auto& e : events) {
    const auto old_id = e.id;
    e.id = next_id++;  // ids made consecutive, so a later gap means a removal
    e.prev_hash = previous;
    e.hash = audit_entry_hash(e);
    write.bind(1, e.id).bind(2, e.prev_hash).bind(3, e.hash).bind(4, old_id);
    CM_TRY_STATUS(write.run());
    write.reset();
    previous = e.hash;
  }
  return {};
}
}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list{
      {1, "market register, accounts, audit", R"sql(
CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('council', 'provider', 'operator')),
  name TEXT NOT NULL,
  ons_code TEXT NOT NULL DEFAULT '',
  regulator_id TEXT NOT NULL DEFAULT '',
  source_key TEXT NOT NULL UNIQUE
);
CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  regulator TEXT NOT NULL,
  regulator_id TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  postcode TEXT NOT NULL DEFAULT '',
  latitude REAL NOT NULL,
  longitude REAL NOT NULL,
  location_source TEXT NOT NULL,
  local_authority_code TEXT NOT NULL,
  places INTEGER NOT NULL CHECK (places >= 0),
  age_min INTEGER NOT NULL,
  age_max INTEGER NOT NULL,
  needs TEXT NOT NULL DEFAULT '',
  specialisms TEXT NOT NULL DEFAULT '',
  rating TEXT NOT NULL,
  rating_date TEXT,
  domain_ratings TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  vacancies INTEGER NOT NULL DEFAULT 0 CHECK (vacancies >= 0),
  vacancies_as_of INTEGER,
  vacancies_set_by INTEGER NOT NULL DEFAULT 0,
  vacancies_synthetic INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL DEFAULT '',
  source_key TEXT NOT NULL UNIQUE,
  match_key TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
CREATE INDEX services_provider ON services(provider_id);
CREATE INDEX services_match ON services(match_key);
CREATE INDEX services_kind ON services(kind);
CREATE TABLE vacancy_history (
  id INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  count INTEGER NOT NULL CHECK (count >= 0),
  as_of INTEGER NOT NULL,
  set_by INTEGER NOT NULL
);
CREATE INDEX vacancy_history_service ON vacancy_history(service_id);
CREATE TABLE prices (
  service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
  need_level TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('week', 'hour')),
  amount_pence INTEGER NOT NULL CHECK (amount_pence > 0),
  valid_from TEXT NOT NULL,
  synthetic INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (service_id, need_level, valid_from)
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  roles TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_user_id INTEGER NOT NULL,
  actor_organisation_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_subject ON audit_events(subject);
)sql"},
      {2, "brokerage: referrals, people, recipients, offers, placements, notices, council settings", kBrokerageSchema},
      {3, "audit hash chain",
       "ALTER TABLE audit_events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';\n"
       "ALTER TABLE audit_events ADD COLUMN hash TEXT NOT NULL DEFAULT '';",
       chain_existing_audit},
      {4, "contracts: every purchasing model, parties, members, reviews; placements' call-offs", kContractsSchema},
      {5, "invoices, actuals and their reconciliation, payments", kInvoicesSchema},
      {6, "prices: councils' price models, providers' open-book submissions", kPricingSchema},
      {7, "regional allocation: alliances, runs, proposed matches", kAllocationSchema},
      {8, "invoice lines name the band mode their contract's schedule applied",
       "ALTER TABLE invoice_lines ADD COLUMN band_mode TEXT "
       "CHECK (band_mode IS NULL OR band_mode IN ('whole_volume', 'marginal'));"},
      {9,
       "audit entries signed with a key kept outside the database (HMAC-SHA256 of the hash); "
       "entries before it stay unsigned, anchored by the first signed one",
       "ALTER TABLE audit_events ADD COLUMN mac TEXT NOT NULL DEFAULT '';"},
      {10, "market intelligence: ownership groups (each company's ultimate owner, with a source and date)",
       kIntelligenceSchema},
      {11, "the register's change log (triggers), so a running server follows an import or another process",
       register_changes_schema()},
  };
  return list;
}

Status migrate(Db& db) {
  CM_ASSIGN_OR_RETURN(auto stmt, db.prepare("PRAGMA user_version"));
  CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
  const int current = row ? stmt.int32(0) : 0;
  const int latest = migrations().back().version;
  if (current > latest) {
    return Error::unavailable("the database is at schema version " + std::to_string(current) +
                              ", newer than this program (" + std::to_string(latest) + "); upgrade caremarket");
  }
  for (const auto& m : migrations()) {
    if (m.version <= current) continue;
    CM_TRY_STATUS(db.exec("BEGIN IMMEDIATE"));
    Status applied = db.exec(m.sql);
    if (applied && m.after) applied = m.after(db);
    if (applied) applied = db.exec("PRAGMA user_version = " + std::to_string(m.version));
    if (!applied) {
      (void)db.exec("ROLLBACK");
      return Error::unavailable("migration " + std::to_string(m.version) + " (" + std::string(m.description) +
                                ") failed: " + applied.error().message);
    }
    CM_TRY_STATUS(db.exec("COMMIT"));
  }
  return {};
}

}  // namespace caremarket::storage::sqlite
