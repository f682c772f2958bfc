#pragma once
// Market concentration: who owns the services and places of an area, each
// owner's share, the top-10 and top-20 shares, and the Herfindahl-Hirschman
// index (sum of squared percentage shares, 0 to 10,000), as competition
// authorities publish it. Pure: holdings in, figures out.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace caremarket::intelligence {

struct Holding {
  std::string owner;  // the registered provider or owning organisation
  std::int64_t services = 0;
  std::int64_t places = 0;
};

struct OwnerShare {
  std::string owner;
  std::int64_t services = 0;
  std::int64_t places = 0;
  double share_of_services = 0;  // 0 to 1
  double share_of_places = 0;
};

struct Measure {
  double top10 = 0;  // share held by the ten largest owners, 0 to 1
  double top20 = 0;
  double hhi = 0;  // 0 to 10,000
};

struct Concentration {
  std::int64_t services = 0;
  std::int64_t places = 0;
  std::vector<OwnerShare> owners;  // largest first by places, then services, then name
  Measure by_services;
  Measure by_places;
};

// Holdings of the same owner are added together first.
Concentration concentration(const std::vector<Holding>& holdings);

// Companies grouped under their ultimate owner: an owner found in `group_of`
// is replaced by its group before the shares are worked out.
std::vector<Holding> under_groups(const std::vector<Holding>& holdings,
                                  const std::map<std::string, std::string>& group_of);

// How UK merger guidance (CC2/OFT1254, 2010) reads an HHI: above 1,000
// "concentrated", above 2,000 "highly concentrated".
const char* hhi_band(double hhi);

}  // namespace caremarket::intelligence
