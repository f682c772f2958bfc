// Concentration figures worked by hand, and on the real Ofsted register.
#include "intelligence/concentration.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/csv.hpp"

namespace caremarket::intelligence {
namespace {

TEST(Concentration, SharesTopShareAndHhiByHand) {
  // Places 50, 30, 15, 5: shares 50%, 30%, 15%, 5%; HHI 2,500 + 900 + 225 + 25.
  const auto c = concentration({{"A", 5, 50}, {"B", 3, 30}, {"C", 1, 15}, {"D", 1, 5}});
  EXPECT_EQ(c.services, 10);
  EXPECT_EQ(c.places, 100);
  ASSERT_EQ(c.owners.size(), 4u);
  EXPECT_EQ(c.owners[0].owner, "A");
  EXPECT_DOUBLE_EQ(c.owners[1].share_of_places, 0.3);
  EXPECT_NEAR(c.by_places.hhi, 3650, 1e-9);
  EXPECT_NEAR(c.by_places.top10, 1.0, 1e-12);
  // Services 5, 3, 1, 1: HHI 2,500 + 900 + 100 + 100.
  EXPECT_NEAR(c.by_services.hhi, 3600, 1e-9);
  EXPECT_STREQ(hhi_band(c.by_places.hhi), "highly concentrated");
}

TEST(Concentration, ManyOwnersTopTenAndTwenty) {
  // 40 equal owners: each 2.5%; top 10 hold 25%, top 20 50%; HHI 40 x 6.25 = 250.
  std::vector<Holding> h;
  for (int i = 0; i < 40; ++i) h.push_back({"owner " + std::to_string(i), 1, 4});
  const auto c = concentration(h);
  EXPECT_NEAR(c.by_places.top10, 0.25, 1e-12);
  EXPECT_NEAR(c.by_places.top20, 0.50, 1e-12);
  EXPECT_NEAR(c.by_places.hhi, 250, 1e-9);
  EXPECT_STREQ(hhi_band(250), "unconcentrated");
  EXPECT_STREQ(hhi_band(1500), "concentrated");
  EXPECT_STREQ(hhi_band(2000.5), "highly concentrated");
}

TEST(Concentration, HoldingsOfOneOwnerAddUpAndGroupsMerge) {
  const std::vector<Holding> h{
      {"Acme Care Ltd", 1, 10}, {"Acme Homes Ltd", 1, 10}, {"Other", 2, 20}, {"Acme Care Ltd", 1, 5}};
  const auto plain = concentration(h);
  ASSERT_EQ(plain.owners.size(), 3u);
  EXPECT_EQ(plain.owners[0].owner, "Other");  // 20 places; Acme Care 15
  EXPECT_EQ(plain.owners[1].places, 15);
  const auto grouped =
      concentration(under_groups(h, {{"Acme Care Ltd", "Acme Group"}, {"Acme Homes Ltd", "Acme Group"}}));
  ASSERT_EQ(grouped.owners.size(), 2u);
  EXPECT_EQ(grouped.owners[0].owner, "Acme Group");
  EXPECT_EQ(grouped.owners[0].places, 25);
  EXPECT_EQ(grouped.owners[0].services, 3);
  EXPECT_GT(grouped.by_places.hhi, plain.by_places.hhi) << "grouping can only concentrate";
}

TEST(Concentration, EmptyAndPlacelessMarkets) {
  const auto none = concentration({});
  EXPECT_EQ(none.places, 0);
  EXPECT_EQ(none.by_places.hhi, 0);
  const auto placeless = concentration({{"A", 1, 0}, {"B", 1, 0}});
  EXPECT_EQ(placeless.by_places.hhi, 0);
  EXPECT_NEAR(placeless.by_services.hhi, 5000, 1e-9);
}

// The real register: children's homes in England by owning organisation.
TEST(Concentration, OfstedChildrensHomesNationally) {
  std::ifstream in(std::string(CAREMARKET_DATA_DIR) + "/ofsted_childrens_social_care_providers_2025-03-31.csv",
                   std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  const std::string csv = text.str();
  CsvReader reader(csv);
  CsvRecord rec;
  ASSERT_TRUE(reader.next(rec).value());
  const CsvHeader h(rec.fields);
  std::vector<Holding> holdings;
  std::map<std::string, std::int64_t> tally;
  std::int64_t places = 0, homes = 0;
  while (reader.next(rec).value()) {
    if (h.get(rec, "Provision type") != "Children's home") continue;
    const std::string owner(h.get(rec, "Organisation which owns the provider"));
    const auto p = std::stoll(std::string(h.get(rec, "Places")));
    holdings.push_back({owner, 1, p});
    tally[owner] += p;
    places += p;
    ++homes;
  }
  ASSERT_GT(homes, 1000);
  const auto c = concentration(holdings);
  EXPECT_EQ(c.services, homes);
  EXPECT_EQ(c.places, places);
  EXPECT_EQ(c.owners.size(), tally.size());
  std::int64_t largest = 0;
  for (const auto& [owner, p] : tally) largest = std::max(largest, p);
  EXPECT_EQ(c.owners.front().places, largest);
  EXPECT_GT(c.by_places.top20, c.by_places.top10);
  EXPECT_LT(c.by_places.hhi, 10000);
  std::printf(
      "children's homes in England: %lld homes, %lld places, %zu owners; top 10 hold %.1f%% of places, "
      "top 20 %.1f%%; HHI %.0f\n",
      static_cast<long long>(homes), static_cast<long long>(places), c.owners.size(), 100 * c.by_places.top10,
      100 * c.by_places.top20, c.by_places.hhi);
}
}  // namespace
}  // namespace caremarket::intelligence
