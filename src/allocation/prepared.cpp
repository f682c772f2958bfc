#include "allocation/prepared.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace caremarket::allocation {

std::int64_t Grid::key(market::KindOfCare kind, int row, int col) {
  return (static_cast<std::int64_t>(kind) << 40) ^ (static_cast<std::int64_t>(row + 100000) << 20) ^
         static_cast<std::int64_t>(col + 100000);
}

void Grid::add(int index, const market::Service& s) {
  const int row = static_cast<int>(std::floor(s.location.lat / 0.1));
  const int col = static_cast<int>(std::floor(s.location.lon / 0.1));
  cells_[key(s.kind, row, col)].push_back({GeoPoint::of(s.location), index});
}

int Prepared::block_node_of(int service, int council_index) const {
  for (const auto& [c, node] : block_nodes[static_cast<std::size_t>(service)])
    if (c == council_index) return node;
  return -1;
}

int Prepared::room_for(int referral, int service) const {
  int room = capacity[static_cast<std::size_t>(spot_node[static_cast<std::size_t>(service)])];
  const int b = block_node_of(service, council[static_cast<std::size_t>(referral)]);
  if (b >= 0) room += capacity[static_cast<std::size_t>(b)];
  return room;
}

std::int64_t unit_cost(const Config& c, double score_total) {
  return std::llround((100.0 - score_total) * c.cost_scale);
}

std::int64_t unplaced_unit_cost(const Config& c, const WaitingReferral& r) {
  const std::int64_t points =
      c.unplaced_points + (r.urgent ? c.urgent_points : 0) +
      static_cast<std::int64_t>(c.waiting_points_per_day) * std::min(std::max(r.days_waiting, 0), c.waiting_cap_days);
  return points * c.cost_scale;
}

Result<Prepared> prepare(const Problem& problem) {
  CM_TRY_STATUS(problem.config.validate());
  Prepared p;
  p.problem = &problem;
  std::set<std::int64_t> councils, referral_ids, service_ids;
  for (const auto& r : problem.referrals) {
    if (!referral_ids.insert(r.id).second)
      return Error::invalid("referral " + std::to_string(r.id) + " is listed twice", "referrals");
    if (r.council_id <= 0) return Error::invalid("referral " + std::to_string(r.id) + " has no council", "council_id");
    if (r.days_waiting < 0) return Error::invalid("days waiting cannot be negative", "days_waiting");
    CM_TRY_STATUS(r.need.validate());
    CM_TRY_STATUS(r.weights.validate());
    councils.insert(r.council_id);
  }
  p.council_ids.assign(councils.begin(), councils.end());
  auto council_index = [&](std::int64_t id) {
    const auto it = std::lower_bound(p.council_ids.begin(), p.council_ids.end(), id);
    return it != p.council_ids.end() && *it == id ? static_cast<int>(it - p.council_ids.begin()) : -1;
  };
  for (const auto& r : problem.referrals) p.council.push_back(council_index(r.council_id));

  p.checked.reserve(problem.supply.size());
  p.block_nodes.resize(problem.supply.size());
  for (std::size_t s = 0; s < problem.supply.size(); ++s) {
    const auto& sup = problem.supply[s];
    if (!service_ids.insert(sup.service.id).second) {
      return Error::invalid("service " + std::to_string(sup.service.id) + " is listed twice", "services");
    }
    if (sup.service.vacancies < 0) return Error::invalid("vacancies cannot be negative", "vacancies");
    p.checked.push_back(sup.service);
    p.service_ids.push_back(sup.service.id);
    p.spot_node.push_back(static_cast<int>(p.capacity.size()));
    p.capacity.push_back(sup.service.vacancies);
    p.node_service.push_back(static_cast<std::int32_t>(s));
    int most_block = 0;
    for (const auto& b : sup.block) {
      if (b.places < 0) return Error::invalid("block places cannot be negative", "block_places");
      const int c = council_index(b.council_id);
      if (c < 0 || b.places == 0) continue;  // a council with nobody waiting: its places stay unused
      if (p.block_node_of(static_cast<int>(s), c) >= 0)
        return Error::invalid("block places for one council are listed twice at a service", "block_places");
      p.block_nodes[s].emplace_back(c, static_cast<int>(p.capacity.size()));
      p.capacity.push_back(b.places);
      p.node_service.push_back(static_cast<std::int32_t>(s));
      most_block = std::max(most_block, b.places);
    }
    p.checked.back().vacancies += most_block;
  }
  for (std::size_t s = 0; s < p.checked.size(); ++s) p.grid.add(static_cast<int>(s), p.checked[s]);

  for (const auto& r : problem.referrals) {
    const auto it = std::find(p.levels.begin(), p.levels.end(), r.need.need_level);
    p.level.push_back(static_cast<int>(it - p.levels.begin()));
    if (it == p.levels.end()) p.levels.push_back(r.need.need_level);
  }
  const auto S = problem.supply.size();
  p.level_price.assign(p.levels.size() * S, std::nullopt);
  for (std::size_t l = 0; l < p.levels.size(); ++l) {
    for (std::size_t s = 0; s < S; ++s) {
      for (const auto& [level, amount] : problem.supply[s].prices) {
        if (level == p.levels[l]) {
          p.level_price[l * S + s] = amount;
          break;
        }
      }
    }
  }
  return p;
}

}  // namespace caremarket::allocation
