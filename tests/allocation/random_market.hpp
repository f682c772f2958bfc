#pragma once
// Placement-shaped markets from a fixed seed: services spread over a square
// sized so that each referral has about `candidates` services of its kinds
// within its distance limit; councils own bands of the square, so referrals
// near a boundary compete with the neighbouring council's. Used by the
// pipeline tests and by bench/allocation_bench.cpp.
#include <cmath>
#include <random>

#include "allocation/model.hpp"

namespace caremarket::allocation::testing {

struct MarketShape {
  int referrals = 200;
  int services = 50;
  double candidates = 50;  // services of the right kinds within reach, on average
  double miles = 10;       // each referral's distance limit
  int councils = 5;
  double places_per_referral = 0.8;  // spot vacancies in total, per referral
  double sibling_share = 0;          // referrals that are sibling groups (2-3)
  double block_share = 0.1;          // services where a council holds block places
  std::uint64_t seed = 1;
};

inline Problem random_market(const MarketShape& m) {
  std::mt19937_64 rng(m.seed);
  auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  Problem p;
  p.today = Date::from_ymd(2026, 12, 1).value();
  const double kind_match = 0.62;  // see the mix of kinds below
  const double side = std::sqrt(m.services * 3.14159265 * m.miles * m.miles * kind_match / m.candidates);
  const LatLon origin{51.0, -3.0};
  auto place = [&](double x, double y) {
    return LatLon{origin.lat + y / 69.0,
                  origin.lon + x / (69.17 * std::cos((origin.lat + y / 69.0) * 3.14159265 / 180))};
  };
  const double mean_vacancies = m.places_per_referral * m.referrals / m.services;
  const market::Rating ratings[] = {
      market::Rating::outstanding,          market::Rating::good,     market::Rating::good, market::Rating::good,
      market::Rating::requires_improvement, market::Rating::not_rated};
  for (int s = 0; s < m.services; ++s) {
    Supply sup;
    auto& sv = sup.service;
    sv.id = 1000 + s;
    sv.kind = uniform(0, 1) < 0.6 ? market::KindOfCare::care_home_residential : market::KindOfCare::care_home_nursing;
    sv.regulator = market::Regulator::cqc;
    sv.location = place(uniform(0, side), uniform(0, side));
    sv.rating = ratings[pick(0, 5)];
    sv.rating_date = p.today.plus_days(-pick(30, 2200));
    sv.places = 40;
    sv.vacancies = pick(0, static_cast<int>(std::lround(2 * mean_vacancies)));
    sv.needs = {"older_people"};
    if (uniform(0, 1) < 0.7) sv.needs.push_back("dementia");
    sup.prices.emplace_back("standard", Money::from_pence(pick(70000, 140000)));
    if (uniform(0, 1) < m.block_share) sup.block.push_back({1 + pick(0, m.councils - 1), pick(1, 2)});
    p.supply.push_back(std::move(sup));
  }
  for (int r = 0; r < m.referrals; ++r) {
    WaitingReferral w;
    w.id = 1 + r;
    const double x = uniform(0, side), y = uniform(0, side);
    w.council_id = 1 + std::min(m.councils - 1, static_cast<int>(x / side * m.councils));
    auto& n = w.need;
    const double k = uniform(0, 1);
    n.kinds = k < 0.5   ? std::vector{market::KindOfCare::care_home_residential}
              : k < 0.8 ? std::vector{market::KindOfCare::care_home_nursing}
                        : std::vector{market::KindOfCare::care_home_nursing, market::KindOfCare::care_home_residential};
    n.age = pick(65, 99);
    n.needs = {"older_people"};
    if (uniform(0, 1) < 0.3) n.needs.push_back("dementia");
    n.home = place(x, y);
    n.max_distance_miles = m.miles;
    n.benchmark_price = Money::from_pounds(1000);
    if (uniform(0, 1) < m.sibling_share) n.places_needed = pick(2, 3);
    w.urgent = uniform(0, 1) < 0.05;
    w.days_waiting = pick(0, 120);
    p.referrals.push_back(std::move(w));
  }
  return p;
}

}  // namespace caremarket::allocation::testing
