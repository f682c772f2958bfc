// PgStore: the market intelligence tables (schema in schema_intelligence.cpp).
#include "storage/postgres/pg_store.hpp"

namespace caremarket::storage::postgres {
namespace {
using Lease = Pool::Lease;

constexpr std::string_view kGroupColumns = "company, owner_group, source, as_of, set_by, set_at";
}  // namespace

Result<std::vector<OwnershipGroup>> PgStore::ownership_groups() {
  Lease lease(pool_);
  auto stmt =
      db().prepare("SELECT " + std::string(kGroupColumns) + " FROM ownership_groups ORDER BY company COLLATE \"C\"");
  return collect<OwnershipGroup>(stmt, [](const Stmt& s) {
    OwnershipGroup g{s.text(0), s.text(1), s.text(2), {}, s.int64(4), s.int64(5)};
    if (auto d = Date::parse_iso(s.text(3))) g.as_of = *d;
    return g;
  });
}

Status PgStore::put_ownership_group(const OwnershipGroup& g) {
  Lease lease(pool_);
  auto stmt =
      db().prepare("INSERT INTO ownership_groups (" + std::string(kGroupColumns) + ") VALUES (" + placeholders(6) +
                   ") ON CONFLICT (company) DO UPDATE SET owner_group = excluded.owner_group, source = "
                   "excluded.source, as_of = excluded.as_of, set_by = excluded.set_by, set_at = "
                   "excluded.set_at");
  stmt.bind_from(1, g.company, g.group, g.source, g.as_of.to_string(), g.set_by, g.set_at);
  return stmt.run();
}

Status PgStore::remove_ownership_group(const std::string& company) {
  Lease lease(pool_);
  auto stmt = db().prepare("DELETE FROM ownership_groups WHERE company = $1");
  stmt.bind(1, company);
  CM_TRY_STATUS(stmt.run());
  if (stmt.changes() == 0) return Error::not_found("'" + company + "' has no ownership group");
  return {};
}

}  // namespace caremarket::storage::postgres
