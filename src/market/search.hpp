#pragma once
// The register's search engine: an in-memory index over every service,
// bucketed by kind of care and by a lat/lon grid, so "kind X within N miles
// of here with a vacancy" looks only at nearby cells of one kind.
// Not thread-safe: the owner (app::MarketRegister) guards it.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "market/types.hpp"

namespace caremarket::market {

struct SearchQuery {
  std::optional<KindOfCare> kind;
  std::optional<std::string> local_authority_code;
  std::optional<LatLon> near;          // sort by distance from here
  std::optional<double> within_miles;  // needs `near`
  std::optional<Rating> min_rating;    // services not yet rated are left out when set
  bool has_vacancy = false;
  std::optional<std::int64_t> provider_id;
  std::vector<std::string> needs;  // every one must be accepted
  std::optional<int> age;          // within the service's age range
  bool include_inactive = false;   // suspended and dormant services
  std::size_t offset = 0;
  std::size_t limit = 50;

  Status validate() const;
};

struct SearchHit {
  std::int64_t service_id = 0;
  std::optional<double> distance_miles;
};

struct SearchPage {
  std::vector<SearchHit> hits;
  std::size_t total = 0;  // matches before paging
};

class SearchIndex {
 public:
  void upsert(const Service& service);
  void remove(std::int64_t service_id);
  std::size_t size() const { return entries_.size() - free_.size(); }
  SearchPage search(const SearchQuery& query) const;

 private:
  struct Entry {
    std::int64_t id = 0;  // 0 marks a free slot
    std::int64_t provider_id = 0;
    std::string name_key;
    double lat = 0, lon = 0;
    std::uint64_t needs = 0;  // bit i = known_needs()[i]
    std::uint32_t authority = 0;
    std::int32_t cell = 0;
    std::int16_t age_min = 0, age_max = 0;
    std::int32_t vacancies = 0;
    KindOfCare kind = KindOfCare::care_home_residential;
    Rating rating = Rating::not_rated;
    bool active = true;
  };
  using CellKey = std::int64_t;  // (kind, lat row, lon column) packed

  static CellKey cell_key(KindOfCare kind, int row, int col);
  static int row_of(double lat);
  static int col_of(double lon);
  std::uint32_t authority_index(const std::string& code);
  bool matches(const Entry& e, const SearchQuery& q, std::uint64_t needs_mask, std::uint32_t authority) const;
  void unlink(std::size_t slot);

  std::vector<Entry> entries_;
  std::vector<std::size_t> free_;
  std::unordered_map<std::int64_t, std::size_t> slot_of_;
  std::unordered_map<CellKey, std::vector<std::size_t>> cells_;
  std::unordered_map<int, std::vector<std::size_t>> by_kind_;
  std::unordered_map<std::string, std::uint32_t> authorities_;
};

std::uint64_t needs_mask(const std::vector<std::string>& needs);

}  // namespace caremarket::market
