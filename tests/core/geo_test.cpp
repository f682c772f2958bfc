#include "core/geo.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace caremarket {
namespace {

// Loaded once: the centroid files take a moment to read.
class GazetteerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = Gazetteer::load(CAREMARKET_DATA_DIR);
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    gazetteer_ = *loaded;
  }
  static void TearDownTestSuite() { gazetteer_.reset(); }
  static const Gazetteer& g() { return *gazetteer_; }

  static std::shared_ptr<const Gazetteer> gazetteer_;
};
std::shared_ptr<const Gazetteer> GazetteerTest::gazetteer_;

Postcode parsed(const std::string& text) {
  const auto p = parse_postcode(text);
  EXPECT_TRUE(p.has_value()) << "'" << text << "' should parse";
  return p ? *p : Postcode{};
}

TEST(Postcode, FullPostcode) {
  const auto p = parsed("B44 8DD");
  EXPECT_EQ(p.outward, "B44");
  EXPECT_EQ(p.inward, "8DD");
  EXPECT_EQ(p.text(), "B44 8DD");
  EXPECT_EQ(p.sector(), "B44 8");
  EXPECT_EQ(p.district(), "B44");
}

TEST(Postcode, AnyCaseAndSpacing) {
  EXPECT_EQ(parsed("b448dd").text(), "B44 8DD");
  EXPECT_EQ(parsed("  b44   8dd ").text(), "B44 8DD");
  EXPECT_EQ(parsed("sw1a1aa").text(), "SW1A 1AA");
  EXPECT_EQ(parsed("M1 1AE").text(), "M1 1AE");
  EXPECT_EQ(parsed("m11ae").sector(), "M1 1");
  EXPECT_EQ(parsed("EC1A 1BB").district(), "EC1A");
  EXPECT_EQ(parsed("W1A 0AX").outward, "W1A");
  EXPECT_EQ(parsed("OL16 2AY").outward, "OL16");
}

TEST(Postcode, SectorAndDistrict) {
  const auto sector = parsed("B44 8");
  EXPECT_EQ(sector.outward, "B44");
  EXPECT_EQ(sector.inward, "8");
  EXPECT_EQ(sector.sector(), "B44 8");
  EXPECT_EQ(sector.text(), "B44 8");
  EXPECT_EQ(parsed("b44 8").sector(), "B44 8");

  const auto district = parsed("b44");
  EXPECT_EQ(district.outward, "B44");
  EXPECT_TRUE(district.inward.empty());
  EXPECT_EQ(district.sector(), "");
  EXPECT_EQ(district.text(), "B44");
}

TEST(Postcode, Invalid) {
  for (const std::string bad : {"", "   ", "REDACTED", "12345", "B44 8D", "B44 88D", "B448", "BBB4 8DD", "44B 8DD",
                                "B44 8DDD", "B44-8DD", "B44 X", "!!", "B", "B44 8 DD X"}) {
    const auto p = parse_postcode(bad);
    EXPECT_FALSE(p.has_value()) << "'" << bad << "' should be rejected";
    if (!p) {
      EXPECT_EQ(p.error().code, ErrorCode::invalid_input);
      EXPECT_EQ(p.error().field, "postcode");
    }
  }
}

TEST(Distance, KnownCityPairs) {
  const LatLon london{51.5074, -0.1278};
  const LatLon birmingham{52.4862, -1.8904};
  const LatLon manchester{53.4808, -2.2426};
  const LatLon edinburgh{55.9533, -3.1883};
  EXPECT_NEAR(distance_miles(london, birmingham), 101.0, 3.0);  // about 101 miles as the crow flies
  EXPECT_NEAR(distance_miles(london, manchester), 163.0, 3.0);
  EXPECT_NEAR(distance_miles(london, edinburgh), 332.0, 4.0);
  EXPECT_DOUBLE_EQ(distance_miles(london, london), 0.0);
  EXPECT_NEAR(distance_miles(london, birmingham), distance_miles(birmingham, london), 1e-9);
  // One degree of latitude is about 69.1 miles.
  EXPECT_NEAR(distance_miles({52.0, -1.0}, {53.0, -1.0}), 69.09, 0.05);
}

TEST(Distance, WithinUk) {
  EXPECT_TRUE(within_uk({52.48, -1.89}));
  EXPECT_TRUE(within_uk({60.15, -1.15}));  // Lerwick
  EXPECT_TRUE(within_uk({50.07, -5.71}));  // Land's End
  EXPECT_FALSE(within_uk({0, 0}));
  EXPECT_FALSE(within_uk({-1.89, 52.48}));  // swapped
  EXPECT_FALSE(within_uk({48.85, 2.35}));   // Paris
}

TEST(Precision, Names) {
  EXPECT_EQ(to_string(LocationPrecision::postcode_sector), "postcode_sector");
  EXPECT_EQ(to_string(LocationPrecision::postcode_district), "postcode_district");
  EXPECT_EQ(to_string(LocationPrecision::local_authority), "local_authority");
}

TEST_F(GazetteerTest, LoadsAllThreeFiles) {
  EXPECT_GT(g().sector_count(), 10000u);
  EXPECT_GT(g().district_count(), 3000u);
  EXPECT_GT(g().authorities().size(), 150u);
}

TEST_F(GazetteerTest, MissingFolderIsAnError) {
  const auto missing = Gazetteer::load(std::string(CAREMARKET_DATA_DIR) + "/does-not-exist");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_F(GazetteerTest, LocateFullPostcodeGivesSectorInBirmingham) {
  const auto place = g().locate("B44 8DD");
  ASSERT_TRUE(place.has_value()) << place.error().message;
  EXPECT_EQ(place->precision, LocationPrecision::postcode_sector);
  EXPECT_EQ(place->lad_code, "E08000025");
  // The published B44 8 sector centroid.
  EXPECT_NEAR(place->point.lat, 52.538472, 1e-6);
  EXPECT_NEAR(place->point.lon, -1.891175, 1e-6);
  const auto* la = g().authority_by_code(place->lad_code);
  ASSERT_NE(la, nullptr);
  EXPECT_EQ(la->code, "E08000025");
  EXPECT_EQ(la->name, "Birmingham");
  EXPECT_LT(distance_miles(place->point, la->centroid), 10.0);
}

TEST_F(GazetteerTest, LocateSectorAndDistrictText) {
  const auto sector = g().locate("b44 8");
  ASSERT_TRUE(sector.has_value());
  EXPECT_EQ(sector->precision, LocationPrecision::postcode_sector);
  const auto district = g().locate("B44");
  ASSERT_TRUE(district.has_value());
  EXPECT_EQ(district->precision, LocationPrecision::postcode_district);
  EXPECT_EQ(district->lad_code, "E08000025");
  EXPECT_NEAR(district->point.lat, 52.545011, 1e-6);
}

TEST_F(GazetteerTest, PostcodeInAnUnknownSectorFallsBackToItsDistrict) {
  // The ONS directory has no "B10 5" sector, but does have district B10.
  const auto place = g().locate("B10 5ZZ");
  ASSERT_TRUE(place.has_value()) << place.error().message;
  EXPECT_EQ(place->precision, LocationPrecision::postcode_district);
  EXPECT_EQ(place->lad_code, "E08000025");
}

TEST_F(GazetteerTest, UnknownPostcodeIsInvalidInput) {
  for (const std::string unknown : {"ZZ99 9ZZ", "QQ1 1AA", "ZZ9"}) {
    const auto place = g().locate(unknown);
    ASSERT_FALSE(place.has_value()) << unknown;
    EXPECT_EQ(place.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(place.error().field, "postcode");
  }
  const auto malformed = g().locate("not a postcode");
  ASSERT_FALSE(malformed.has_value());
  EXPECT_EQ(malformed.error().code, ErrorCode::invalid_input);
}

TEST_F(GazetteerTest, AuthorityByNameAsRegistersWriteIt) {
  const std::pair<std::string, std::string> cases[] = {
      {"Durham", "E06000047"},
      {"County Durham", "E06000047"},
      {"St Helens", "E08000013"},
      {"St. Helens", "E08000013"},
      {"Herefordshire", "E06000019"},
      {"Kingston upon Hull", "E06000010"},
      {"Kingston upon Hull, City of", "E06000010"},
      {"Bristol", "E06000023"},
      {"Southend on Sea", "E06000033"},
      {"Southend-on-Sea", "E06000033"},
      {"Bournemouth, Christchurch & Poole", "E06000058"},
      {"bournemouth christchurch and poole", "E06000058"},
      {"Birmingham", "E08000025"},
      {"Trafford", "E08000009"},
  };
  for (const auto& [name, code] : cases) {
    const auto* la = g().authority_by_name(name);
    ASSERT_NE(la, nullptr) << name;
    EXPECT_EQ(la->code, code) << name;
  }
  EXPECT_EQ(g().authority_by_name("Atlantis"), nullptr);
  EXPECT_EQ(g().authority_by_name(""), nullptr);
}

TEST_F(GazetteerTest, AuthorityByCode) {
  const auto* birmingham = g().authority_by_code("E08000025");
  ASSERT_NE(birmingham, nullptr);
  EXPECT_EQ(birmingham->name, "Birmingham");
  EXPECT_NEAR(birmingham->centroid.lat, 52.48, 0.1);
  EXPECT_NEAR(birmingham->centroid.lon, -1.89, 0.15);
  // Cambridge (E07000008) is a lower-tier district: social care is Cambridgeshire's.
  const auto* cambridge = g().authority_by_code("E07000008");
  ASSERT_NE(cambridge, nullptr);
  EXPECT_EQ(cambridge->code, "E10000003");
  EXPECT_EQ(cambridge->name, "Cambridgeshire");
  EXPECT_EQ(g().authority_by_code("E10000003"), cambridge);
  EXPECT_EQ(g().authority_by_code("E0800005"), nullptr);  // malformed codes are not guessed at here
  EXPECT_EQ(g().authority_by_code(""), nullptr);
}

TEST_F(GazetteerTest, EveryAuthorityCentroidIsInTheUkAndFindableByItsCode) {
  for (const auto& la : g().authorities()) {
    EXPECT_TRUE(within_uk(la.centroid)) << la.code << " " << la.name;
    EXPECT_EQ(g().authority_by_code(la.code), &la) << la.code;
    EXPECT_EQ(g().authority_by_name(la.name), &la) << la.name;
  }
}

}  // namespace
}  // namespace caremarket
