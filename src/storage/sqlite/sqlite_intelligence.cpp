// SqliteStore: the market intelligence tables (schema in schema_intelligence.cpp).
#include "storage/sqlite/sqlite_store.hpp"

namespace caremarket::storage::sqlite {
namespace {
using Lock = std::lock_guard<std::recursive_mutex>;

constexpr std::string_view kGroupColumns = "company, owner_group, source, as_of, set_by, set_at";
}  // namespace

Result<std::vector<OwnershipGroup>> SqliteStore::ownership_groups() {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt,
                      db_->prepare("SELECT " + std::string(kGroupColumns) + " FROM ownership_groups ORDER BY company"));
  return collect<OwnershipGroup>(stmt, [](const Stmt& s) {
    OwnershipGroup g{s.text(0), s.text(1), s.text(2), {}, s.int64(4), s.int64(5)};
    if (auto d = Date::parse_iso(s.text(3))) g.as_of = *d;
    return g;
  });
}

Status SqliteStore::put_ownership_group(const OwnershipGroup& g) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("INSERT INTO ownership_groups (" + std::string(kGroupColumns) +
                                              ") VALUES (" + placeholders(kGroupColumns) +
                                              ") ON CONFLICT (company) DO UPDATE SET owner_group = "
                                              "excluded.owner_group, source = excluded.source, as_of = "
                                              "excluded.as_of, set_by = excluded.set_by, set_at = excluded.set_at"));
  stmt.bind_from(1, g.company, g.group, g.source, g.as_of.to_string(), g.set_by, g.set_at);
  return stmt.run();
}

Status SqliteStore::remove_ownership_group(const std::string& company) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("DELETE FROM ownership_groups WHERE company = ?"));
  stmt.bind(1, company);
  CM_TRY_STATUS(stmt.run());
  if (db_->changes() == 0) return Error::not_found("'" + company + "' has no ownership group");
  return {};
}

}  // namespace caremarket::storage::sqlite
