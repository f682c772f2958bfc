#include "storage/postgres/schema.hpp"

namespace caremarket::storage::postgres {

// One row per company: its ultimate owner, with where that was found.
const std::string_view kIntelligenceSchema = R"sql(
CREATE TABLE ownership_groups (
  company TEXT PRIMARY KEY,
  owner_group TEXT NOT NULL CHECK (owner_group <> ''),
  source TEXT NOT NULL CHECK (source <> ''),
  as_of TEXT NOT NULL,
  set_by BIGINT NOT NULL,
  set_at BIGINT NOT NULL
);
)sql";

}  // namespace caremarket::storage::postgres
