#pragma once
// Shared by the benchmarks: a national-size register (the real rows bundled
// in data/ plus synthetic rows drawn from them), and latency statistics.
#include <chrono>
#include <cstddef>
#include <random>
#include <string>
#include <vector>

#include "core/geo.hpp"
#include "storage/store.hpp"

namespace caremarket::bench {

struct Sector {
  std::string code;
  LatLon point;
};
// Postcode sectors in England, from the bundled ONS centroids.
std::vector<Sector> english_sectors(const std::string& data_dir);

// Imports the four real register files, then adds synthetic services until
// the register holds `target`: each copies a real service's kind, places,
// needs, age range and rating, placed at a random English postcode sector.
// Returns the number of real services.
Result<std::size_t> build_national_register(storage::Store& store, const Gazetteer& gazetteer,
                                            const std::string& data_dir, std::size_t target, std::mt19937_64& random);

struct Stats {
  double p50 = 0, p99 = 0, mean = 0;
};
Stats stats(std::vector<double> micros);

using Clock = std::chrono::steady_clock;
inline double elapsed_us(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

}  // namespace caremarket::bench
