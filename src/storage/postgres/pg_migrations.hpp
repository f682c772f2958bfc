#pragma once
// Versioned schema migrations for PostgreSQL, applied in order at open. The
// table schema_migrations records each one applied; numbers and meanings
// match the SQLite migrations (storage/sqlite/migrations.cpp), so a schema
// version means the same tables on either backend. A migration never changes
// once released: a change to the schema is a new migration, on both backends.
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "storage/postgres/pg_db.hpp"

namespace caremarket::storage::postgres {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<Migration>& migrations();
// The newest migration applied (0: none).
Result<int> schema_version(Db& db);
// Applies every migration newer than the database, each in its own
// transaction, under an advisory lock so that servers starting together
// migrate once. A database newer than this program is refused.
Status migrate(Db& db);

}  // namespace caremarket::storage::postgres
