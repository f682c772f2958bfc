// Register search benchmark: "kind of care, near a postcode within 20 miles,
// has a vacancy" over a national-size register (the real rows bundled in
// data/ plus synthetic rows drawn from their distributions), measured through
// caremarket's engine and, side by side in the same run, as plain SQL over
// the same SQLite database. Prints figures and ratios; asserts nothing about
// time. Usage: register_search_bench [--services N] [--queries N] [--data-dir D]
#include <sqlite3.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "app/market_register.hpp"
#include "national_register.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace cm = caremarket;
using cm::bench::Clock;
using cm::bench::elapsed_us;
using cm::bench::stats;

namespace {

struct Options {
  std::size_t services = 30000;
  std::size_t queries = 2000;
  double miles = 20;
  std::string data_dir = CAREMARKET_DATA_DIR;
};

// The same query in plain SQL: distance computed per row with SQLite's math
// functions, filtered and sorted in the database.
constexpr const char* kPlainSql = R"sql(
SELECT id, d FROM (
  SELECT id, 2 * 3958.7613 * asin(min(1.0, sqrt(
      pow(sin(radians(latitude - ?1) / 2), 2) +
      cos(radians(?1)) * cos(radians(latitude)) * pow(sin(radians(longitude - ?2) / 2), 2)))) AS d
  FROM services
  WHERE kind = ?3 AND vacancies > 0 AND status = 'active')
WHERE d <= ?4 ORDER BY d, id LIMIT 50)sql";

// The plain SQL a careful developer adds next: a bounding box on indexed
// latitude before the distance.
constexpr const char* kBoxSql = R"sql(
SELECT id, d FROM (
  SELECT id, 2 * 3958.7613 * asin(min(1.0, sqrt(
      pow(sin(radians(latitude - ?1) / 2), 2) +
      cos(radians(?1)) * cos(radians(latitude)) * pow(sin(radians(longitude - ?2) / 2), 2)))) AS d
  FROM services
  WHERE kind = ?3 AND vacancies > 0 AND status = 'active'
    AND latitude BETWEEN ?5 AND ?6 AND longitude BETWEEN ?7 AND ?8)
WHERE d <= ?4 ORDER BY d, id LIMIT 50)sql";

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--services") o.services = std::stoul(argv[i + 1]);
    else if (flag == "--queries") o.queries = std::stoul(argv[i + 1]);
    else if (flag == "--data-dir") o.data_dir = argv[i + 1];
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  const auto dir = std::filesystem::temp_directory_path() / ("caremarket-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string db_path = (dir / "bench.db").string();

  auto gazetteer = cm::Gazetteer::load(o.data_dir);
  if (!gazetteer) {
    std::fprintf(stderr, "%s\n", gazetteer.error().message.c_str());
    return 1;
  }
  auto store = cm::storage::sqlite::SqliteStore::open(db_path);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return 1;
  }
  std::mt19937_64 random(20261122);

  auto t0 = Clock::now();
  const auto real = cm::bench::build_national_register(**store, **gazetteer, o.data_dir, o.services, random);
  if (!real) {
    std::fprintf(stderr, "%s\n", real.error().message.c_str());
    return 1;
  }
  const auto real_count = *real;
  const auto sectors = cm::bench::english_sectors(o.data_dir);
  auto market = cm::app::MarketRegister::open(**store, *gazetteer);
  std::printf("register: %zu services (%zu real rows, %zu synthetic) built in %.1f s\n", (*market)->service_count(),
              real_count, (*market)->service_count() - real_count, elapsed_us(t0) / 1e6);

  // Queries: a random English postcode sector and a kind drawn from the
  // register's own mix of kinds.
  auto all = (*store)->list_services().value();
  struct Query {
    std::string near;
    cm::LatLon point;
    cm::market::KindOfCare kind;
  };
  std::vector<Query> queries;
  for (std::size_t i = 0; i < o.queries; ++i) {
    const auto& sector = sectors[random() % sectors.size()];
    queries.push_back({sector.code, sector.point, all[random() % all.size()].kind});
  }

  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_exec(db, "CREATE INDEX IF NOT EXISTS bench_kind_lat ON services(kind, latitude)", nullptr, nullptr, nullptr);
  sqlite3_stmt* plain = nullptr;
  sqlite3_stmt* box = nullptr;
  sqlite3_prepare_v2(db, kPlainSql, -1, &plain, nullptr);
  sqlite3_prepare_v2(db, kBoxSql, -1, &box, nullptr);
  if (!plain || !box) {
    std::fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(db));
    return 1;
  }

  auto run_sql = [&](sqlite3_stmt* stmt, const Query& q, bool with_box) {
    sqlite3_reset(stmt);
    sqlite3_bind_double(stmt, 1, q.point.lat);
    sqlite3_bind_double(stmt, 2, q.point.lon);
    const auto kind = std::string(cm::market::to_string(q.kind));
    sqlite3_bind_text(stmt, 3, kind.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(stmt, 4, o.miles);
    if (with_box) {
      const double dlat = o.miles / 69.0, dlon = o.miles / (69.0 * std::cos(q.point.lat * 3.14159265358979 / 180));
      sqlite3_bind_double(stmt, 5, q.point.lat - dlat);
      sqlite3_bind_double(stmt, 6, q.point.lat + dlat);
      sqlite3_bind_double(stmt, 7, q.point.lon - dlon);
      sqlite3_bind_double(stmt, 8, q.point.lon + dlon);
    }
    std::vector<std::int64_t> ids;
    while (sqlite3_step(stmt) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(stmt, 0));
    return ids;
  };

  const auto caller = cm::app::Caller::system_caller();
  std::vector<double> engine_us, plain_us, box_us;
  std::size_t mismatches = 0, results = 0;
  for (const auto& q : queries) {
    cm::app::SearchRequest request;
    request.query.kind = q.kind;
    request.query.within_miles = o.miles;
    request.query.has_vacancy = true;
    request.near_postcode = q.near;

    auto start = Clock::now();
    auto result = (*market)->search(caller, request);
    engine_us.push_back(elapsed_us(start));

    start = Clock::now();
    const auto plain_ids = run_sql(plain, q, false);
    plain_us.push_back(elapsed_us(start));

    start = Clock::now();
    const auto box_ids = run_sql(box, q, true);
    box_us.push_back(elapsed_us(start));

    std::vector<std::int64_t> engine_ids;
    for (const auto& item : result->items) engine_ids.push_back(item.service.id);
    results += engine_ids.size();
    // Same services in the same order (ties within 1e-9 miles aside).
    if (engine_ids.size() != plain_ids.size() || engine_ids.size() != box_ids.size()) ++mismatches;
    else if (!std::is_permutation(engine_ids.begin(), engine_ids.end(), plain_ids.begin())) ++mismatches;
  }

  const auto e = stats(engine_us), p = stats(plain_us), b = stats(box_us);
  std::printf("query: kind of care, within %.0f miles of a postcode sector, has a vacancy, nearest 50 first\n",
              o.miles);
  std::printf("%zu queries, %.1f results on average, %zu result mismatches between engine and SQL\n", queries.size(),
              static_cast<double>(results) / static_cast<double>(queries.size()), mismatches);
  std::printf("%-34s %10s %10s %10s\n", "", "p50 (us)", "p99 (us)", "mean (us)");
  std::printf("%-34s %10.1f %10.1f %10.1f\n", "caremarket engine (use case)", e.p50, e.p99, e.mean);
  std::printf("%-34s %10.1f %10.1f %10.1f\n", "plain SQL over SQLite", p.p50, p.p99, p.mean);
  std::printf("%-34s %10.1f %10.1f %10.1f\n", "SQL + bounding box on an index", b.p50, b.p99, b.mean);
  std::printf("ratio at p50: plain SQL / engine = %.1fx; bounding-box SQL / engine = %.1fx\n", p.p50 / e.p50,
              b.p50 / e.p50);
  std::printf("ratio at p99: plain SQL / engine = %.1fx; bounding-box SQL / engine = %.1fx\n", p.p99 / e.p99,
              b.p99 / e.p99);
  sqlite3_finalize(plain);
  sqlite3_finalize(box);
  sqlite3_close(db);
  store->reset();
  std::filesystem::remove_all(dir);
  return mismatches == 0 ? 0 : 1;
}
