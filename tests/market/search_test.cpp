#include "market/search.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace caremarket::market {
namespace {

const LatLon kBirmingham{52.4862, -1.8904};

Service make(std::int64_t id, std::string name, LatLon at, KindOfCare kind = KindOfCare::care_home_residential) {
  Service s;
  s.id = id;
  s.provider_id = 1;
  s.name = std::move(name);
  s.kind = kind;
  s.location = at;
  s.local_authority_code = "E08000025";
  s.places = 30;
  return s;
}

std::vector<std::int64_t> ids(const SearchPage& page) {
  std::vector<std::int64_t> out;
  for (const auto& hit : page.hits) out.push_back(hit.service_id);
  return out;
}

using Ids = std::vector<std::int64_t>;

// A point `miles` due north of `from` (a degree of latitude is 69.09 miles here).
LatLon north_of(LatLon from, double miles) { return {from.lat + miles / 69.0934, from.lon}; }

class SearchIndexTest : public ::testing::Test {
 protected:
  SearchIndex index;
};

TEST_F(SearchIndexTest, EmptyIndex) {
  EXPECT_EQ(index.size(), 0u);
  const auto page = index.search({});
  EXPECT_EQ(page.total, 0u);
  EXPECT_TRUE(page.hits.empty());
}

TEST_F(SearchIndexTest, KindFilter) {
  index.upsert(make(1, "A", kBirmingham, KindOfCare::care_home_residential));
  index.upsert(make(2, "B", kBirmingham, KindOfCare::care_home_nursing));
  index.upsert(make(3, "C", kBirmingham, KindOfCare::care_home_nursing));
  SearchQuery q;
  q.kind = KindOfCare::care_home_nursing;
  EXPECT_EQ(ids(index.search(q)), (Ids{2, 3}));
  q.kind = KindOfCare::home_care;
  EXPECT_EQ(index.search(q).total, 0u);
  EXPECT_EQ(index.size(), 3u);
}

TEST_F(SearchIndexTest, DistanceFilterIsExactAndNearestFirst) {
  // Services 1..10 placed 1, 3, 5, ... 19 miles north, inserted out of order.
  for (const int i : {7, 2, 9, 1, 5, 3, 10, 4, 8, 6}) {
    index.upsert(make(i, "Home " + std::to_string(i), north_of(kBirmingham, 2.0 * i - 1)));
  }
  SearchQuery q;
  q.near = kBirmingham;
  q.within_miles = 10.0;
  const auto page = index.search(q);
  EXPECT_EQ(ids(page), (Ids{1, 2, 3, 4, 5}));
  EXPECT_EQ(page.total, 5u);
  for (const auto& hit : page.hits) {
    ASSERT_TRUE(hit.distance_miles.has_value());
    const LatLon at = north_of(kBirmingham, 2.0 * static_cast<double>(hit.service_id) - 1);
    EXPECT_DOUBLE_EQ(*hit.distance_miles, distance_miles(kBirmingham, at));
    EXPECT_LE(*hit.distance_miles, 10.0);
  }
  // Without a radius, everything comes back sorted by distance.
  q.within_miles.reset();
  EXPECT_EQ(ids(index.search(q)), (Ids{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

TEST_F(SearchIndexTest, RadiusBoundaryIsInclusive) {
  const LatLon at = north_of(kBirmingham, 5.0);
  index.upsert(make(1, "Edge", at));
  SearchQuery q;
  q.near = kBirmingham;
  q.within_miles = distance_miles(kBirmingham, at);
  EXPECT_EQ(ids(index.search(q)), (Ids{1}));
  q.within_miles = *q.within_miles * (1 - 1e-9);
  EXPECT_EQ(ids(index.search(q)), Ids{});
}

TEST_F(SearchIndexTest, WithoutAPostcodeResultsAreByNameCaseInsensitivelyThenId) {
  index.upsert(make(5, "beech house", kBirmingham));
  index.upsert(make(2, "Acorn Lodge", kBirmingham));
  index.upsert(make(9, "Cedar Court", kBirmingham));
  index.upsert(make(4, "Beech House", kBirmingham));
  const auto page = index.search({});
  EXPECT_EQ(ids(page), (Ids{2, 4, 5, 9}));
  for (const auto& hit : page.hits) EXPECT_FALSE(hit.distance_miles.has_value());
}

TEST_F(SearchIndexTest, HasVacancy) {
  auto full = make(1, "Full", kBirmingham);
  full.vacancies = 0;
  auto free = make(2, "Free", kBirmingham);
  free.vacancies = 2;
  index.upsert(full);
  index.upsert(free);
  SearchQuery q;
  q.has_vacancy = true;
  EXPECT_EQ(ids(index.search(q)), (Ids{2}));
}

TEST_F(SearchIndexTest, MinRatingExcludesNotRated) {
  const Rating ratings[] = {Rating::not_rated, Rating::inadequate, Rating::requires_improvement, Rating::good,
                            Rating::outstanding};
  for (std::int64_t i = 0; i < 5; ++i) {
    auto s = make(i + 1, "Home " + std::to_string(i), kBirmingham);
    s.rating = ratings[i];
    index.upsert(s);
  }
  SearchQuery q;
  q.min_rating = Rating::good;
  EXPECT_EQ(ids(index.search(q)), (Ids{4, 5}));
  q.min_rating = Rating::inadequate;
  EXPECT_EQ(ids(index.search(q)), (Ids{2, 3, 4, 5}));
  q.min_rating = Rating::not_rated;  // even the lowest floor leaves unrated services out
  EXPECT_EQ(ids(index.search(q)), (Ids{2, 3, 4, 5}));
  q.min_rating.reset();
  EXPECT_EQ(index.search(q).total, 5u);
}

TEST_F(SearchIndexTest, LocalAuthority) {
  auto a = make(1, "A", kBirmingham);
  auto b = make(2, "B", kBirmingham);
  b.local_authority_code = "E08000029";
  index.upsert(a);
  index.upsert(b);
  SearchQuery q;
  q.local_authority_code = "E08000029";
  EXPECT_EQ(ids(index.search(q)), (Ids{2}));
  q.local_authority_code = "E08000025";
  EXPECT_EQ(ids(index.search(q)), (Ids{1}));
  q.local_authority_code = "E99999999";  // unknown to the index: nothing, not everything
  EXPECT_EQ(index.search(q).total, 0u);
}

TEST_F(SearchIndexTest, NeedsAreAllRequired) {
  auto a = make(1, "A", kBirmingham);
  a.needs = {"older_people", "dementia", "nursing"};
  auto b = make(2, "B", kBirmingham);
  b.needs = {"older_people"};
  auto c = make(3, "C", kBirmingham);
  c.needs = {"dementia"};
  index.upsert(a);
  index.upsert(b);
  index.upsert(c);
  SearchQuery q;
  q.needs = {"older_people"};
  EXPECT_EQ(ids(index.search(q)), (Ids{1, 2}));
  q.needs = {"older_people", "dementia"};
  EXPECT_EQ(ids(index.search(q)), (Ids{1}));
  q.needs = {"dementia", "learning_disability"};
  EXPECT_EQ(ids(index.search(q)), Ids{});
  q.needs = {};
  EXPECT_EQ(index.search(q).total, 3u);
}

TEST_F(SearchIndexTest, AgeWithinRangeInclusive) {
  auto older = make(1, "Older", kBirmingham);
  older.age_min = 65;
  older.age_max = 120;
  auto younger = make(2, "Younger", kBirmingham);
  younger.age_min = 18;
  younger.age_max = 64;
  index.upsert(older);
  index.upsert(younger);
  SearchQuery q;
  for (const auto& [age, expected] :
       std::vector<std::pair<int, Ids>>{{17, {}}, {18, {2}}, {64, {2}}, {65, {1}}, {120, {1}}}) {
    q.age = age;
    EXPECT_EQ(ids(index.search(q)), expected) << "age " << age;
  }
}

TEST_F(SearchIndexTest, ProviderFilter) {
  auto a = make(1, "A", kBirmingham);
  auto b = make(2, "B", kBirmingham);
  b.provider_id = 7;
  index.upsert(a);
  index.upsert(b);
  SearchQuery q;
  q.provider_id = 7;
  EXPECT_EQ(ids(index.search(q)), (Ids{2}));
}

TEST_F(SearchIndexTest, InactiveServicesOnlyWhenAskedFor) {
  auto active = make(1, "A", kBirmingham);
  auto suspended = make(2, "B", kBirmingham);
  suspended.status = ServiceStatus::suspended;
  auto dormant = make(3, "C", kBirmingham);
  dormant.status = ServiceStatus::dormant;
  index.upsert(active);
  index.upsert(suspended);
  index.upsert(dormant);
  SearchQuery q;
  EXPECT_EQ(ids(index.search(q)), (Ids{1}));
  q.include_inactive = true;
  EXPECT_EQ(ids(index.search(q)), (Ids{1, 2, 3}));
}

TEST_F(SearchIndexTest, PagingIsStableAndTotalCountsEveryMatch) {
  // Ten services at the same point: distance ties broken by id.
  for (std::int64_t id = 10; id >= 1; --id) index.upsert(make(id, "Same", north_of(kBirmingham, 1)));
  SearchQuery q;
  q.near = kBirmingham;
  q.within_miles = 5;
  q.limit = 3;
  Ids all;
  for (std::size_t offset = 0; offset < 12; offset += 3) {
    q.offset = offset;
    const auto page = index.search(q);
    EXPECT_EQ(page.total, 10u);
    EXPECT_EQ(page.hits.size(), std::min<std::size_t>(3, offset < 10 ? 10 - offset : 0));
    for (const auto id : ids(page)) all.push_back(id);
  }
  EXPECT_EQ(all, (Ids{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  q.offset = 50;
  const auto beyond = index.search(q);
  EXPECT_EQ(beyond.total, 10u);
  EXPECT_TRUE(beyond.hits.empty());
}

TEST_F(SearchIndexTest, UpsertMovesAServiceAcrossGridCells) {
  const LatLon manchester{53.4808, -2.2426};
  index.upsert(make(1, "Mover", kBirmingham));
  index.upsert(make(1, "Mover", manchester));
  EXPECT_EQ(index.size(), 1u);
  SearchQuery q;
  q.near = kBirmingham;
  q.within_miles = 10;
  EXPECT_EQ(ids(index.search(q)), Ids{});
  q.near = manchester;
  const auto page = index.search(q);
  ASSERT_EQ(ids(page), (Ids{1}));
  EXPECT_DOUBLE_EQ(*page.hits[0].distance_miles, 0.0);
  q.within_miles.reset();
  EXPECT_EQ(index.search(q).total, 1u);  // not listed twice
}

TEST_F(SearchIndexTest, UpsertChangesKindAndFields) {
  auto s = make(1, "Changer", kBirmingham, KindOfCare::care_home_residential);
  index.upsert(s);
  s.kind = KindOfCare::care_home_nursing;
  s.vacancies = 3;
  s.name = "Renamed";
  index.upsert(s);
  SearchQuery q;
  q.kind = KindOfCare::care_home_residential;
  EXPECT_EQ(index.search(q).total, 0u);
  q.near = kBirmingham;
  q.within_miles = 1;
  EXPECT_EQ(index.search(q).total, 0u);  // the grid of the old kind is empty too
  q.kind = KindOfCare::care_home_nursing;
  q.has_vacancy = true;
  EXPECT_EQ(ids(index.search(q)), (Ids{1}));
}

TEST_F(SearchIndexTest, RemoveAndReuse) {
  index.upsert(make(1, "A", kBirmingham));
  index.upsert(make(2, "B", kBirmingham));
  index.remove(1);
  index.remove(1);    // twice is harmless
  index.remove(999);  // unknown is harmless
  EXPECT_EQ(index.size(), 1u);
  SearchQuery q;
  EXPECT_EQ(ids(index.search(q)), (Ids{2}));
  q.near = kBirmingham;
  q.within_miles = 1;
  EXPECT_EQ(ids(index.search(q)), (Ids{2}));
  q.kind = KindOfCare::care_home_residential;
  EXPECT_EQ(ids(index.search(q)), (Ids{2}));
  index.upsert(make(3, "C", kBirmingham));  // reuses the freed slot
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(ids(index.search(q)), (Ids{2, 3}));
}

TEST(SearchQueryValidate, Rules) {
  SearchQuery q;
  EXPECT_TRUE(q.validate().has_value());
  q.within_miles = 5;
  ASSERT_FALSE(q.validate().has_value());
  EXPECT_EQ(q.validate().error().field, "within_miles");  // radius without a point
  q.near = kBirmingham;
  EXPECT_TRUE(q.validate().has_value());
  for (const double bad : {0.0, -1.0, 500.1}) {
    q.within_miles = bad;
    ASSERT_FALSE(q.validate().has_value()) << bad;
    EXPECT_EQ(q.validate().error().field, "within_miles");
  }
  q.within_miles = 500;
  EXPECT_TRUE(q.validate().has_value());
  q.limit = 0;
  EXPECT_EQ(q.validate().error().field, "limit");
  q.limit = 501;
  EXPECT_FALSE(q.validate().has_value());
  q.limit = 500;
  q.age = 121;
  EXPECT_EQ(q.validate().error().field, "age");
  q.age = 0;
  q.needs = {"dementia", "telepathy"};
  ASSERT_FALSE(q.validate().has_value());
  EXPECT_EQ(q.validate().error().field, "needs");
  EXPECT_EQ(q.validate().error().code, ErrorCode::invalid_input);
}

TEST(NeedsMask, OneBitPerKnownNeed) {
  EXPECT_EQ(needs_mask({}), 0u);
  EXPECT_EQ(needs_mask({known_needs()[0]}), 1u);
  EXPECT_EQ(needs_mask({known_needs()[1], known_needs()[3]}), 0b1010u);
  EXPECT_EQ(needs_mask({"unknown"}), 0u);
}

// --- randomized cross-check -------------------------------------------------

// The documented meaning of a query, written as plainly as possible.
std::vector<std::pair<double, const Service*>> brute_force(const std::vector<Service>& all, const SearchQuery& q) {
  std::vector<std::pair<double, const Service*>> out;
  for (const auto& s : all) {
    if (!q.include_inactive && s.status != ServiceStatus::active) continue;
    if (q.kind && s.kind != *q.kind) continue;
    if (q.has_vacancy && s.vacancies <= 0) continue;
    if (q.min_rating && (s.rating == Rating::not_rated || s.rating < *q.min_rating)) continue;
    if (q.local_authority_code && s.local_authority_code != *q.local_authority_code) continue;
    if (q.provider_id && s.provider_id != *q.provider_id) continue;
    bool has_all = true;
    for (const auto& need : q.needs)
      has_all = has_all && std::find(s.needs.begin(), s.needs.end(), need) != s.needs.end();
    if (!has_all) continue;
    if (q.age && (*q.age < s.age_min || *q.age > s.age_max)) continue;
    double d = 0;
    if (q.near) {
      d = distance_miles(*q.near, s.location);
      if (q.within_miles && d > *q.within_miles) continue;
    }
    out.emplace_back(d, &s);
  }
  std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
    if (q.near && a.first != b.first) return a.first < b.first;
    if (!q.near) {
      const auto na = to_lower(a.second->name), nb = to_lower(b.second->name);
      if (na != nb) return na < nb;
    }
    return a.second->id < b.second->id;
  });
  return out;
}

class SearchCrossCheck : public ::testing::Test {
 protected:
  std::mt19937_64 rng{20260401};

  double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  bool coin(double p) { return std::bernoulli_distribution(p)(rng); }

  Service random_service(std::int64_t id) {
    static const std::vector<std::string> names{"Rose Court", "rose court",   "Oak Lodge", "The Willows", "Ash House",
                                                "Beech View", "Cedar Grange", "Elm Bank",  "Maple House", "Yew Tree"};
    static const std::vector<std::string> authorities{"E08000025", "E08000029", "E08000003",
                                                      "E10000003", "E06000023", "E09000001"};
    Service s;
    s.id = id;
    s.provider_id = pick(1, 25);
    s.name = names[static_cast<std::size_t>(pick(0, static_cast<int>(names.size()) - 1))] +
             (coin(0.5) ? "" : " " + std::to_string(pick(1, 40)));
    s.kind = all_kinds_of_care()[static_cast<std::size_t>(pick(0, static_cast<int>(all_kinds_of_care().size()) - 1))];
    if (coin(0.05) && id > 1) {
      s.location = {52.5, -1.9};  // a shared point: distance ties
    } else {
      s.location = {uniform(49.9, 58.7), uniform(-6.0, 1.8)};
    }
    s.local_authority_code = authorities[static_cast<std::size_t>(pick(0, static_cast<int>(authorities.size()) - 1))];
    s.vacancies = pick(0, 3);
    s.rating = static_cast<Rating>(pick(0, 4));
    s.status = coin(0.9) ? ServiceStatus::active : (coin(0.5) ? ServiceStatus::suspended : ServiceStatus::dormant);
    s.age_min = pick(0, 70);
    s.age_max = pick(s.age_min, 120);
    for (const auto& need : known_needs()) {
      if (coin(0.3)) s.needs.push_back(need);
    }
    return s;
  }

  SearchQuery random_query() {
    SearchQuery q;
    if (coin(0.4)) q.kind = all_kinds_of_care()[static_cast<std::size_t>(pick(0, 12))];
    if (coin(0.7)) {
      q.near = LatLon{uniform(50.0, 58.5), uniform(-5.5, 1.5)};
      if (coin(0.85)) {
        static const double radii[] = {0.5, 2, 5, 10, 25, 60, 120, 200, 350, 500};
        q.within_miles = radii[pick(0, 9)] * uniform(0.8, 1.0);
      }
    }
    if (coin(0.2)) q.has_vacancy = true;
    if (coin(0.2)) q.min_rating = static_cast<Rating>(pick(0, 4));
    if (coin(0.15)) q.local_authority_code = coin(0.9) ? "E08000025" : "E99999999";
    if (coin(0.1)) q.provider_id = pick(1, 25);
    if (coin(0.3)) q.needs.push_back(known_needs()[static_cast<std::size_t>(pick(0, 17))]);
    if (coin(0.1)) q.needs.push_back(known_needs()[static_cast<std::size_t>(pick(0, 17))]);
    if (coin(0.2)) q.age = pick(0, 120);
    if (coin(0.1)) q.include_inactive = true;
    q.limit = 500;
    return q;
  }

  void check(const SearchIndex& index, const std::vector<Service>& all, const SearchQuery& q, int which) {
    ASSERT_TRUE(q.validate().has_value());
    const auto expected = brute_force(all, q);
    const auto page = index.search(q);
    ASSERT_EQ(page.total, expected.size()) << "query " << which;
    const std::size_t shown = std::min<std::size_t>(expected.size(), q.limit);
    ASSERT_EQ(page.hits.size(), shown) << "query " << which;
    for (std::size_t i = 0; i < shown; ++i) {
      ASSERT_EQ(page.hits[i].service_id, expected[i].second->id) << "query " << which << " position " << i;
      if (q.near) {
        ASSERT_TRUE(page.hits[i].distance_miles.has_value());
        EXPECT_DOUBLE_EQ(*page.hits[i].distance_miles, expected[i].first);
      }
    }
    // A middle page is the same slice of the full order.
    if (expected.size() > 10) {
      SearchQuery paged = q;
      paged.offset = expected.size() / 3;
      paged.limit = 7;
      const auto middle = index.search(paged);
      EXPECT_EQ(middle.total, expected.size());
      ASSERT_EQ(middle.hits.size(), std::min<std::size_t>(7, expected.size() - paged.offset));
      for (std::size_t i = 0; i < middle.hits.size(); ++i) {
        EXPECT_EQ(middle.hits[i].service_id, expected[paged.offset + i].second->id) << "query " << which;
      }
    }
  }
};

TEST_F(SearchCrossCheck, AgreesWithBruteForceOverThousandsOfServices) {
  std::vector<Service> all;
  SearchIndex index;
  for (std::int64_t id = 1; id <= 4000; ++id) {
    all.push_back(random_service(id));
    index.upsert(all.back());
  }
  ASSERT_EQ(index.size(), all.size());
  for (int i = 0; i < 250; ++i) check(index, all, random_query(), i);

  // Move, change and remove a quarter of them, then check again.
  std::map<std::int64_t, Service> by_id;
  for (const auto& s : all) by_id.emplace(s.id, s);
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t id = pick(1, 4000);
    if (coin(0.3)) {
      by_id.erase(id);
      index.remove(id);
    } else {
      auto s = random_service(id);
      by_id[id] = s;
      index.upsert(s);
    }
  }
  for (std::int64_t id = 4001; id <= 4200; ++id) {  // new ones reuse freed slots
    by_id[id] = random_service(id);
    index.upsert(by_id[id]);
  }
  all.clear();
  for (const auto& [id, s] : by_id) all.push_back(s);
  ASSERT_EQ(index.size(), all.size());
  for (int i = 0; i < 250; ++i) check(index, all, random_query(), 1000 + i);
}

TEST(SearchWideRadius, FindsServicesAtTheEasternAndWesternEdgeOfTheCircle) {
  // A circle on the sphere reaches furthest east and west north of its
  // centre, and further than radius / (miles per degree * cos(latitude)):
  // sin(dlon) = sin(r/R) / cos(lat). Put a service just inside the circle at
  // that point and check the index still visits its cell.
  constexpr double kRadiusMiles = 3958.7613;  // the radius distance_miles uses
  constexpr double kDeg = 180.0 / 3.14159265358979323846;
  int checked = 0;
  for (double lat0 = 50.0; lat0 <= 58.5; lat0 += 0.5) {
    for (double lon0 = -5.0; lon0 <= -3.0; lon0 += 0.13) {
      for (const double radius : {150.0, 300.0, 500.0}) {
        const double x = radius * 0.9999 / kRadiusMiles;
        const double phi = lat0 / kDeg;
        const double dlon = std::asin(std::sin(x) / std::cos(phi)) * kDeg;
        const double lat_t = std::asin(std::sin(phi) / std::cos(x)) * kDeg;
        SearchIndex index;
        index.upsert(make(1, "East", {lat_t, lon0 + dlon}));
        index.upsert(make(2, "West", {lat_t, lon0 - dlon}));
        SearchQuery q;
        q.near = LatLon{lat0, lon0};
        q.within_miles = radius;
        q.kind = KindOfCare::care_home_residential;  // one kind's cells: keeps the test quick
        ASSERT_LE(distance_miles(*q.near, {lat_t, lon0 + dlon}), radius);
        EXPECT_EQ(ids(index.search(q)).size(), 2u) << "centre " << lat0 << "," << lon0 << " radius " << radius;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 500);
}

}  // namespace
}  // namespace caremarket::market
