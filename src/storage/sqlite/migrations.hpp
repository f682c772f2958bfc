#pragma once
// Versioned schema migrations, applied in order at open. PRAGMA user_version
// records how far a database has come; a migration never changes once
// released: a change to the schema is a new migration.
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "storage/sqlite/sqlite_db.hpp"

namespace caremarket::storage::sqlite {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
  // Work SQL alone cannot do, run after `sql` in the same transaction.
  Status (*after)(Db& db) = nullptr;
};

const std::vector<Migration>& migrations();
// Applies every migration newer than the database, each in its own
// transaction. A database newer than this program is refused.
Status migrate(Db& db);

}  // namespace caremarket::storage::sqlite
