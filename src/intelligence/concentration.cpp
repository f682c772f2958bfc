#include "intelligence/concentration.hpp"

#include <algorithm>
#include <functional>

namespace caremarket::intelligence {
namespace {
Measure measure(const std::vector<OwnerShare>& owners, const std::function<double(const OwnerShare&)>& share) {
  std::vector<double> shares;
  shares.reserve(owners.size());
  for (const auto& o : owners) shares.push_back(share(o));
  std::sort(shares.begin(), shares.end(), std::greater<>());
  Measure m;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    if (i < 10) m.top10 += shares[i];
    if (i < 20) m.top20 += shares[i];
    m.hhi += (100 * shares[i]) * (100 * shares[i]);
  }
  return m;
}
}  // namespace

Concentration concentration(const std::vector<Holding>& holdings) {
  std::map<std::string, OwnerShare> by_owner;
  Concentration c;
  for (const auto& h : holdings) {
    auto& o = by_owner[h.owner];
    o.owner = h.owner;
    o.services += h.services;
    o.places += h.places;
    c.services += h.services;
    c.places += h.places;
  }
  for (auto& [name, o] : by_owner) {
    o.share_of_services = c.services > 0 ? static_cast<double>(o.services) / static_cast<double>(c.services) : 0;
    o.share_of_places = c.places > 0 ? static_cast<double>(o.places) / static_cast<double>(c.places) : 0;
    c.owners.push_back(std::move(o));
  }
  std::sort(c.owners.begin(), c.owners.end(), [](const OwnerShare& a, const OwnerShare& b) {
    if (a.places != b.places) return a.places > b.places;
    if (a.services != b.services) return a.services > b.services;
    return a.owner < b.owner;
  });
  c.by_services = measure(c.owners, [](const OwnerShare& o) { return o.share_of_services; });
  c.by_places = measure(c.owners, [](const OwnerShare& o) { return o.share_of_places; });
  return c;
}

std::vector<Holding> under_groups(const std::vector<Holding>& holdings,
                                  const std::map<std::string, std::string>& group_of) {
  std::vector<Holding> out = holdings;
  for (auto& h : out) {
    if (const auto it = group_of.find(h.owner); it != group_of.end()) h.owner = it->second;
  }
  return out;
}

const char* hhi_band(double hhi) {
  if (hhi > 2000) return "highly concentrated";
  if (hhi > 1000) return "concentrated";
  return "unconcentrated";
}

}  // namespace caremarket::intelligence
