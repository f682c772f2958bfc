#pragma once
// What the pipeline stages share: the services as eligibility sees them, the
// capacity nodes, and a grid for finding candidates. Internal to allocation.
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "allocation/model.hpp"
#include "core/geo.hpp"

namespace caremarket::allocation {

// Services by kind of care on a grid of about 7 x 4 miles, as the register's
// own search does it: candidates are the kinds asked for within the limit.
class Grid {
 public:
  void add(int index, const market::Service& s);
  // Calls f(index, distance) for every service of one of the kinds within miles.
  template <typename F>
  void near(const std::vector<market::KindOfCare>& kinds, LatLon home, double miles, F&& f) const;

 private:
  static std::int64_t key(market::KindOfCare kind, int row, int col);
  // Each cell keeps its services' locations beside their indexes, so the
  // distance filter reads one small array rather than every Service record.
  struct Point {
    GeoPoint at;
    std::int32_t index;
  };
  std::unordered_map<std::int64_t, std::vector<Point>> cells_;
};

struct Prepared {
  const Problem* problem = nullptr;
  std::vector<market::Service> checked;   // vacancies = spot + the most block places any council has
  std::vector<std::int64_t> service_ids;  // per service index: read by sorts, kept off the big records
  std::vector<std::int64_t> council_ids;  // sorted; index = council index
  std::vector<int> council;               // per referral
  std::vector<int> spot_node;             // per service
  // Per service: (council index, node) of each council's block places there;
  // nearly always empty or one, so a scan beats a hash lookup.
  std::vector<std::vector<std::pair<int, int>>> block_nodes;
  std::vector<int> capacity;               // per node
  std::vector<std::int32_t> node_service;  // per node
  Grid grid;

  // Each need level asked for, and per (level, service) its current price:
  // read once per candidate, so kept apart from the Supply records.
  std::vector<std::string> levels;
  std::vector<int> level;                         // per referral
  std::vector<std::optional<Money>> level_price;  // [level * services + service]

  int block_node_of(int service, int council_index) const;
  // Places this referral's council may use at the service: spot + its own block places.
  int room_for(int referral, int service) const;
  std::optional<Money> price(int referral, int service) const {
    return level_price[static_cast<std::size_t>(level[static_cast<std::size_t>(referral)]) * checked.size() +
                       static_cast<std::size_t>(service)];
  }
};

Result<Prepared> prepare(const Problem& problem);
std::int64_t unit_cost(const Config& c, double score_total);
std::int64_t unplaced_unit_cost(const Config& c, const WaitingReferral& r);

template <typename F>
void Grid::near(const std::vector<market::KindOfCare>& kinds, LatLon home, double miles, F&& f) const {
  constexpr double kRowDeg = 0.1, kColDeg = 0.1;
  const double dlat = miles / 69.0 + 1e-9;
  const double coslat = std::max(0.2, std::cos(home.lat * 3.14159265358979 / 180));
  const double dlon = miles / (69.17 * coslat) + 1e-9;
  const int r0 = static_cast<int>(std::floor((home.lat - dlat) / kRowDeg));
  const int r1 = static_cast<int>(std::floor((home.lat + dlat) / kRowDeg));
  const int c0 = static_cast<int>(std::floor((home.lon - dlon) / kColDeg));
  const int c1 = static_cast<int>(std::floor((home.lon + dlon) / kColDeg));
  const auto from = GeoPoint::of(home);
  for (const auto kind : kinds) {
    for (int r = r0; r <= r1; ++r) {
      for (int c = c0; c <= c1; ++c) {
        const auto it = cells_.find(key(kind, r, c));
        if (it == cells_.end()) continue;
        for (const auto& pt : it->second) {
          // A latitude gap alone is already too far (the great circle is never shorter).
          if (std::abs(pt.at.at.lat - home.lat) > dlat) continue;
          const double d = from.miles_to(pt.at);
          if (d <= miles) f(pt.index, d);
        }
      }
    }
  }
}

}  // namespace caremarket::allocation
