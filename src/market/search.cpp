#include "market/search.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/text.hpp"

namespace caremarket::market {
namespace {
// Grid cells of 0.1 degrees latitude (about 6.9 miles) by 0.16 degrees
// longitude (about 6.9 miles at 53N): a 20-mile search reads about 36 cells.
constexpr double kCellLat = 0.1;
constexpr double kCellLon = 0.16;
constexpr double kMilesPerDegreeLat = 69.05;
constexpr std::size_t kMaxLimit = 500;

int kind_index(KindOfCare kind) { return static_cast<int>(kind); }
}  // namespace

Status SearchQuery::validate() const {
  if (within_miles && !near)
    return Error::invalid("'within_miles' needs a postcode to measure from ('near')", "within_miles");
  if (within_miles && (!(*within_miles > 0) || *within_miles > 500)) {
    return Error::invalid("'within_miles' must be more than 0 and at most 500", "within_miles");
  }
  if (limit == 0 || limit > kMaxLimit) return Error::invalid("'limit' must be between 1 and 500", "limit");
  if (age && (*age < 0 || *age > 120)) return Error::invalid("'age' must be between 0 and 120", "age");
  for (const auto& need : needs) {
    if (!is_known_need(need)) {
      return Error::invalid("'" + need + "' is not a need caremarket knows; use one of: " + join(known_needs(), ", "),
                            "needs");
    }
  }
  return {};
}

std::uint64_t needs_mask(const std::vector<std::string>& needs) {
  std::uint64_t mask = 0;
  const auto& known = known_needs();
  for (const auto& need : needs) {
    const auto it = std::find(known.begin(), known.end(), need);
    if (it != known.end()) mask |= std::uint64_t{1} << static_cast<unsigned>(it - known.begin());
  }
  return mask;
}

SearchIndex::CellKey SearchIndex::cell_key(KindOfCare kind, int row, int col) {
  return (static_cast<std::int64_t>(kind_index(kind)) << 40) | (static_cast<std::int64_t>(row + 100000) << 20) |
         static_cast<std::int64_t>(col + 100000);
}
int SearchIndex::row_of(double lat) { return static_cast<int>(std::floor(lat / kCellLat)); }
int SearchIndex::col_of(double lon) { return static_cast<int>(std::floor(lon / kCellLon)); }

std::uint32_t SearchIndex::authority_index(const std::string& code) {
  return authorities_.try_emplace(code, static_cast<std::uint32_t>(authorities_.size() + 1)).first->second;
}

void SearchIndex::unlink(std::size_t slot) {
  const Entry& e = entries_[slot];
  auto drop = [slot](std::vector<std::size_t>& v) {
    const auto it = std::find(v.begin(), v.end(), slot);
    if (it != v.end()) {
      *it = v.back();
      v.pop_back();
    }
  };
  drop(cells_[cell_key(e.kind, row_of(e.lat), col_of(e.lon))]);
  drop(by_kind_[kind_index(e.kind)]);
}

void SearchIndex::upsert(const Service& s) {
  std::size_t slot;
  if (const auto it = slot_of_.find(s.id); it != slot_of_.end()) {
    slot = it->second;
    unlink(slot);
  } else if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = entries_.size();
    entries_.emplace_back();
  }
  Entry& e = entries_[slot];
  e.id = s.id;
  e.provider_id = s.provider_id;
  e.name_key = to_lower(s.name);
  e.lat = s.location.lat;
  e.lon = s.location.lon;
  e.needs = needs_mask(s.needs);
  e.authority = authority_index(s.local_authority_code);
  e.age_min = static_cast<std::int16_t>(s.age_min);
  e.age_max = static_cast<std::int16_t>(s.age_max);
  e.vacancies = s.vacancies;
  e.kind = s.kind;
  e.rating = s.rating;
  e.active = s.status == ServiceStatus::active;
  slot_of_[s.id] = slot;
  cells_[cell_key(e.kind, row_of(e.lat), col_of(e.lon))].push_back(slot);
  by_kind_[kind_index(e.kind)].push_back(slot);
}

void SearchIndex::remove(std::int64_t service_id) {
  const auto it = slot_of_.find(service_id);
  if (it == slot_of_.end()) return;
  unlink(it->second);
  entries_[it->second] = Entry{};
  free_.push_back(it->second);
  slot_of_.erase(it);
}

bool SearchIndex::matches(const Entry& e, const SearchQuery& q, std::uint64_t mask, std::uint32_t authority) const {
  if (e.id == 0) return false;
  if (!q.include_inactive && !e.active) return false;
  if (q.kind && e.kind != *q.kind) return false;
  if (q.has_vacancy && e.vacancies <= 0) return false;
  if (q.min_rating && (e.rating == Rating::not_rated || e.rating < *q.min_rating)) return false;
  if (q.local_authority_code && e.authority != authority) return false;
  if (q.provider_id && e.provider_id != *q.provider_id) return false;
  if ((e.needs & mask) != mask) return false;
  if (q.age && (*q.age < e.age_min || *q.age > e.age_max)) return false;
  return true;
}

SearchPage SearchIndex::search(const SearchQuery& q) const {
  const std::uint64_t mask = needs_mask(q.needs);
  std::uint32_t authority = 0;
  if (q.local_authority_code) {
    const auto it = authorities_.find(*q.local_authority_code);
    if (it == authorities_.end()) return {};
    authority = it->second;
  }

  struct Candidate {
    double distance;
    std::size_t slot;
  };
  std::vector<Candidate> found;
  auto consider = [&](std::size_t slot) {
    const Entry& e = entries_[slot];
    if (!matches(e, q, mask, authority)) return;
    double d = 0;
    if (q.near) {
      d = distance_miles(*q.near, {e.lat, e.lon});
      if (q.within_miles && d > *q.within_miles) return;
    }
    found.push_back({d, slot});
  };

  if (q.near && q.within_miles) {
    // Visit only the grid cells that the circle's bounding box touches.
    const double dlat = *q.within_miles / kMilesPerDegreeLat;
    const double coslat = std::max(0.2, std::cos(q.near->lat * std::numbers::pi / 180.0));
    // On a sphere the circle's east-west reach is asin(sin(r) / cos(lat)), which
    // grows faster than r / cos(lat): the plain ratio missed the edge of wide circles.
    const double angle = std::min(std::numbers::pi / 2, dlat * std::numbers::pi / 180.0);
    const double reach = std::sin(angle) / coslat;
    const double dlon = reach >= 1.0 ? 180.0 : std::asin(reach) * 180.0 / std::numbers::pi;
    const int r0 = row_of(q.near->lat - dlat), r1 = row_of(q.near->lat + dlat);
    const int c0 = col_of(q.near->lon - dlon), c1 = col_of(q.near->lon + dlon);
    const auto& kinds = q.kind ? std::vector<KindOfCare>{*q.kind} : all_kinds_of_care();
    for (const auto kind : kinds) {
      for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
          const auto it = cells_.find(cell_key(kind, r, c));
          if (it == cells_.end()) continue;
          for (const auto slot : it->second) consider(slot);
        }
      }
    }
  } else if (q.kind) {
    if (const auto it = by_kind_.find(kind_index(*q.kind)); it != by_kind_.end()) {
      for (const auto slot : it->second) consider(slot);
    }
  } else {
    for (std::size_t slot = 0; slot < entries_.size(); ++slot) consider(slot);
  }

  SearchPage page;
  page.total = found.size();
  const std::size_t end = std::min(found.size(), q.offset + q.limit);
  if (q.offset >= found.size()) return page;
  // Nearest first with a postcode; otherwise by name. Ties by id, so paging is stable.
  auto before = [&](const Candidate& a, const Candidate& b) {
    const Entry& ea = entries_[a.slot];
    const Entry& eb = entries_[b.slot];
    if (q.near && a.distance != b.distance) return a.distance < b.distance;
    if (!q.near && ea.name_key != eb.name_key) return ea.name_key < eb.name_key;
    return ea.id < eb.id;
  };
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(end), found.end(), before);
  for (std::size_t i = q.offset; i < end; ++i) {
    SearchHit hit{entries_[found[i].slot].id, std::nullopt};
    if (q.near) hit.distance_miles = found[i].distance;
    page.hits.push_back(hit);
  }
  return page;
}

}  // namespace caremarket::market
