#include "storage/postgres/pg_migrations.hpp"

#include <functional>
#include <string>

#include "storage/postgres/schema.hpp"

namespace caremarket::storage::postgres {
namespace {
// pg_advisory_xact_lock's key for migrations: any fixed number ("cm" "mi").
constexpr std::string_view kLock = "SELECT pg_advisory_xact_lock(7233101)";

Status in_locked_transaction(Db& db, const std::function<Status()>& work) {
  CM_TRY_STATUS(db.exec("BEGIN"));
  Status done = db.exec(kLock);
  if (done) done = work();
  if (done) done = db.exec("COMMIT");
  if (!done) (void)db.exec("ROLLBACK");
  return done;
}
}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list{
      {1, "market register, accounts, audit", kCoreSchema},
      {2, "brokerage: referrals, people, recipients, offers, placements, notices, council settings", kBrokerageSchema},
      {3, "audit hash chain",
       "ALTER TABLE audit_events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';\n"
       "ALTER TABLE audit_events ADD COLUMN hash TEXT NOT NULL DEFAULT '';"},
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
      {11, "the register's change log (triggers; NOTIFY caremarket_register), so every server follows every change",
       kRegisterChangesSchema},
  };
  return list;
}

Result<int> schema_version(Db& db) {
  auto stmt = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
  return row ? stmt.int32(0) : 0;
}

Status migrate(Db& db) {
  const int latest = migrations().back().version;
  // Up to date (every open after the first): one query, no lock taken.
  auto known = db.prepare("SELECT to_regclass('schema_migrations') IS NOT NULL");
  CM_ASSIGN_OR_RETURN(const bool answered, known.step());
  if (answered && known.boolean(0)) {
    CM_ASSIGN_OR_RETURN(const int current, schema_version(db));
    if (current == latest) return {};
  }
  CM_TRY_STATUS(in_locked_transaction(db, [&]() -> Status {
    return db.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
        "description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
  }));
  for (const auto& m : migrations()) {
    Status applied = in_locked_transaction(db, [&]() -> Status {
      // Read under the lock: another server may have applied it meanwhile.
      CM_ASSIGN_OR_RETURN(const int current, schema_version(db));
      if (current > latest) {
        return Error::unavailable("the database is at schema version " + std::to_string(current) +
                                  ", newer than this program (" + std::to_string(latest) + "); upgrade caremarket");
      }
      if (m.version <= current) return {};
      CM_TRY_STATUS(db.exec(m.sql));
      auto record = db.prepare("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)");
      record.bind(1, m.version).bind(2, m.description);
      return record.run();
    });
    if (!applied) {
      if (applied.error().code == ErrorCode::unavailable) return applied;
      return Error::unavailable("migration " + std::to_string(m.version) + " (" + std::string(m.description) +
                                ") failed: " + applied.error().message);
    }
  }
  return {};
}

}  // namespace caremarket::storage::postgres
