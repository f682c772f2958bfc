#pragma once
// Random and structured instances for the solver tests, from a fixed seed.
#include <random>

#include "allocation/instance.hpp"

namespace caremarket::allocation::testing {

struct Shape {
  int referrals = 20;
  int services = 6;
  int councils = 2;
  int options_per_referral = 3;
  int max_capacity = 3;
  double group_share = 0;  // fraction of referrals that are sibling groups
  int max_group = 3;
  double block_share = 0.3;  // fraction of (service, council) pairs with block places
  bool equity = false;
  int max_cost = 10000;
};

inline Instance random_instance(std::mt19937_64& rng, const Shape& shape) {
  Instance in;
  in.num_councils = shape.councils;
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  std::vector<int> spot(static_cast<std::size_t>(shape.services));
  std::vector<std::vector<int>> block(static_cast<std::size_t>(shape.services),
                                      std::vector<int>(static_cast<std::size_t>(shape.councils), -1));
  for (int s = 0; s < shape.services; ++s) {
    spot[static_cast<std::size_t>(s)] = static_cast<int>(in.capacity.size());
    in.capacity.push_back(uniform(0, shape.max_capacity));
    for (int c = 0; c < shape.councils; ++c) {
      if (!chance(shape.block_share)) continue;
      block[static_cast<std::size_t>(s)][static_cast<std::size_t>(c)] = static_cast<int>(in.capacity.size());
      in.capacity.push_back(uniform(1, 2));
    }
  }
  in.option_begin.push_back(0);
  for (int r = 0; r < shape.referrals; ++r) {
    const int c = uniform(0, shape.councils - 1);
    in.council.push_back(c);
    in.size.push_back(chance(shape.group_share) ? uniform(2, shape.max_group) : 1);
    in.unplaced_cost.push_back(uniform(shape.max_cost + 1, 3 * shape.max_cost));
    std::vector<int> chosen;
    for (int o = 0; o < shape.options_per_referral; ++o) {
      const int s = uniform(0, shape.services - 1);
      if (std::find(chosen.begin(), chosen.end(), s) != chosen.end()) continue;
      chosen.push_back(s);
      const std::int64_t cost = uniform(0, shape.max_cost);
      in.options.push_back({s, spot[static_cast<std::size_t>(s)], cost, false});
      const int b = block[static_cast<std::size_t>(s)][static_cast<std::size_t>(c)];
      if (b >= 0) in.options.push_back({s, b, std::max<std::int64_t>(0, cost - 1500), true});
    }
    in.option_begin.push_back(static_cast<std::int32_t>(in.options.size()));
  }
  if (shape.equity) {
    std::vector<int> need(static_cast<std::size_t>(shape.councils), 0);
    for (int r = 0; r < shape.referrals; ++r)
      need[static_cast<std::size_t>(in.council[static_cast<std::size_t>(r)])] += in.size[static_cast<std::size_t>(r)];
    for (int c = 0; c < shape.councils; ++c) in.equity_free.push_back(need[static_cast<std::size_t>(c)] / 2);
    in.equity_penalty = uniform(100, 8000);
  }
  return in;
}

}  // namespace caremarket::allocation::testing
