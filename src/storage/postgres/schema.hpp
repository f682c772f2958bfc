#pragma once
// The PostgreSQL schema, one constant per area (schema_*.cpp), applied in
// order by pg_migrations.cpp. The same tables and columns as the SQLite
// schema (storage/sqlite/schema_*.cpp), in PostgreSQL's types: BIGINT for
// ids, counts, pence and timestamps (seconds since the epoch, as SQLite
// keeps them), BOOLEAN for flags, DOUBLE PRECISION for coordinates and
// scores, and TEXT for dates (ISO "2026-04-01", as SQLite keeps them), so
// every value reads back exactly as the other backend gives it.
#include <string_view>

namespace caremarket::storage::postgres {

extern const std::string_view kCoreSchema;
extern const std::string_view kBrokerageSchema;
extern const std::string_view kContractsSchema;
extern const std::string_view kInvoicesSchema;
extern const std::string_view kPricingSchema;
extern const std::string_view kAllocationSchema;
extern const std::string_view kIntelligenceSchema;
extern const std::string_view kRegisterChangesSchema;

}  // namespace caremarket::storage::postgres
