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
  cells_[key(s.kind, row, col)].push_back({s.location, index});
}

int Prepared::block_node_of(int service, int council_index) const {
  for (const auto& [c, node] : block_nodes[static_cast<std::size_t>(service)]) if (c == council_index) return node;
  return -1;
}

int Prepared::room_for(int referral, int service) const {
  int room = capacity[static_cast<std::size_t>(spot_node[static_cast<std::size_t>(service)])];
  const int b = block_node_of(service, council[static_cast<std::size_t>(referral)]);
  if (b >= 0) room += capacity[static_cast<std::size_t>(b)];
  return room;
}

std::optional<Money> Prepared::price(int service, const std::string& need_level) const {
  for (const auto& [level, amount] : problem->supply[static_cast<std::size_t>(service)].prices) {
    if (level == need_level) return amount;
  }
  return std::nullopt;
}

std::int64_t unit_cost(const Config& c, double score_total) {
  return std::llround((100.0 - score_total) * c.cost_scale);
}

std::int64_t unplaced_unit_cost(const Config& c, const WaitingReferral& r) {
  const std::int64_t points = c.unplaced_points + (r.urgent ? c.urgent_points : 0) +
                              static_cast<std::int64_t>(c.waiting_points_per_day) * std::min(std::max(r.days_waiting, 0), c.waiting_cap_days);
  return points * c.cost_scale;
}

Result<Prepared> prepare(const Problem& problem) {
  CM_TRY_STATUS(problem.config.validate());
  Prepared p;
  p.problem = &problem;
  std::set<std::int64_t> councils, referral_ids, service_ids;
  for (const auto& r : problem.referrals) {
    if (!referral_ids.insert(r.id).second) return Error::invalid("referral " + std::to_string(r.id) + " is listed twice", "referrals");
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
    p.index_of[sup.service.id] = static_cast<std::int32_t>(s);
    p.spot_node.push_back(static_cast<int>(p.capacity.size()));
    p.capacity.push_back(sup.service.vacancies);
    p.node_service.push_back(static_cast<std::int32_t>(s));
    int most_block = 0;
    for (const auto& b : sup.block) {
      if (b.places < 0) return Error::invalid("block places cannot be negative", "block_places");
      const int c = council_index(b.council_id);
      if (c < 0 || b.places == 0) continue;  // a council with nobody waiting: its places stay unused
      if (p.block_node_of(static_cast<int>(s), c) >= 0) return Error::invalid("block places for one council are listed twice at a service", "block_places");
      p.block_nodes[s].emplace_back(c, static_cast<int>(p.capacity.size()));
      p.capacity.push_back(b.places);
      p.node_service.push_back(static_cast<std::int32_t>(s));
      most_block = std::max(most_block, b.places);
    }
    p.checked.back().vacancies += most_block;
  }
  for (std::size_t s = 0; s < p.checked.size(); ++s) p.grid.add(static_cast<int>(s), p.checked[s]);
  return p;
}

Considered consider(const Prepared& p, int referral, std::vector<brokerage::Candidate>& scratch) {
  const auto& r = p.problem->referrals[static_cast<std::size_t>(referral)];
  Considered out;
  scratch.clear();
  p.grid.near(r.need.kinds, r.need.home, r.need.max_distance_miles, [&](int s, double d) {
    const auto& service = p.checked[static_cast<std::size_t>(s)];
    if (std::find(r.declined_services.begin(), r.declined_services.end(), service.id) != r.declined_services.end()) {
      out.declined.emplace_back(s, d);
      return;
    }
    scratch.push_back({&service, d, p.price(s, r.need.need_level)});
  });
  out.candidates = static_cast<std::int64_t>(scratch.size());
  out.ranking = brokerage::rank_services(r.need, scratch, r.weights, p.problem->today, brokerage::Messages::left_out);
  // Room for this council's referral: spot places and its own block places only.
  auto& eligible = out.ranking.eligible;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < eligible.size(); ++i) {
    const auto& e = eligible[i];
    // The candidates point into p.checked, so the index is found without a hash lookup.
    const auto it = std::find_if(scratch.begin(), scratch.end(), [&](const brokerage::Candidate& c) { return c.service->id == e.service_id; });
    const int s = static_cast<int>(it->service - p.checked.data());
    const int room = p.room_for(referral, s);
    if (room < r.need.places_needed) {
      out.ranking.excluded.push_back({e.service_id, brokerage::ExclusionReason::no_vacancy,
                                      r.need.places_needed == 1 ? "no place this council may use (the vacancies are another council's block places)"
                                                                : "needs " + std::to_string(r.need.places_needed) + " places together; " +
                                                                      std::to_string(room) + " this council may use",
                                      e.distance_miles});
      continue;
    }
    eligible[kept++] = e;
    out.eligible_index.push_back(s);
  }
  eligible.resize(kept);
  return out;
}

}  // namespace caremarket::allocation
