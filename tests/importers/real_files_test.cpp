// The importers on the real published files bundled in data/. The numbers
// below were counted independently from the files (see the comments).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "importers/cqc.hpp"
#include "importers/importer_test_support.hpp"
#include "importers/ofsted.hpp"

namespace caremarket::importers {
namespace {
using namespace caremarket::importers::testing;
using market::KindOfCare;
using market::LocationSource;

ImportBatch import_cqc(const std::string& name) {
  auto b = parse_cqc_care_homes(data_file(name), gazetteer(), name);
  EXPECT_TRUE(b.has_value()) << (b ? "" : b.error().message);
  return b ? std::move(b).value() : ImportBatch{};
}

// Every imported service is somewhere in the UK, in a council, and valid keys.
void expect_sound_rows(const ImportBatch& b) {
  std::set<std::string> keys;
  for (const auto& row : b.rows) {
    const auto& s = row.service;
    EXPECT_TRUE(within_uk(s.location)) << s.source_key;
    EXPECT_EQ(s.local_authority_code.size(), 9u) << s.source_key << " " << s.local_authority_code;
    EXPECT_NE(gazetteer().authority_by_code(s.local_authority_code), nullptr) << s.local_authority_code;
    EXPECT_TRUE(keys.insert(s.source_key).second) << "duplicate " << s.source_key;
    EXPECT_FALSE(s.name.empty());
    EXPECT_FALSE(row.provider.source_key.empty()) << s.source_key;
    EXPECT_FALSE(row.provider.name.empty()) << s.source_key;
    EXPECT_EQ(s.source, b.source);
  }
}

TEST(RealFiles, BirminghamRegisterExtract) {
  const auto b = import_cqc("cqc_care_homes_birmingham_2025-11.csv");
  expect_consistent(b);
  expect_sound_rows(b);
  EXPECT_EQ(b.format, "cqc-register-extract");
  EXPECT_EQ(b.rows_read, 271u);  // 272 lines less the header
  EXPECT_EQ(b.rows.size(), 271u);
  EXPECT_TRUE(b.rejected.empty());
  std::size_t from_postcode = 0;
  for (const auto& row : b.rows) {
    const auto& s = row.service;
    EXPECT_EQ(s.local_authority_code, "E08000025") << s.source_key;
    EXPECT_TRUE(s.source_key.starts_with("cqc:1-")) << s.source_key;
    if (s.location_source == LocationSource::postcode_sector) ++from_postcode;
  }
  // 25 rows publish a latitude or a longitude but not both.
  EXPECT_EQ(from_postcode, 25u);
  const auto it = std::find_if(b.rows.begin(), b.rows.end(),
                               [](const ImportRow& r) { return r.service.regulator_id == "1-10016894058"; });
  ASSERT_NE(it, b.rows.end());
  EXPECT_EQ(it->line, 2u);
  EXPECT_EQ(it->service.location_source, LocationSource::postcode_sector);  // blank longitude
  const auto place = gazetteer().locate("B44 8DD");
  ASSERT_TRUE(place.has_value());
  EXPECT_DOUBLE_EQ(it->service.location.lat, place->point.lat);
  EXPECT_DOUBLE_EQ(it->service.location.lon, place->point.lon);
  EXPECT_EQ(it->service.places, 2);
  EXPECT_EQ(it->service.rating, market::Rating::good);
}

TEST(RealFiles, GreaterManchesterDirectoryRepairsAreaCodes) {
  const auto b = import_cqc("cqc_care_homes_greater_manchester_2019-07-17.csv");
  expect_consistent(b);
  expect_sound_rows(b);
  EXPECT_EQ(b.format, "care-directory");
  EXPECT_EQ(b.rows_read, 559u);
  EXPECT_EQ(b.rows.size() + b.rejected.size(), 559u);
  EXPECT_GE(b.rows.size(), 550u);
  EXPECT_TRUE(b.skipped.empty());
  for (const auto& r : b.rejected) EXPECT_TRUE(contains(r.reason, "appears again")) << r.line << ": " << r.reason;
  // The ten Greater Manchester councils, E08000001..E08000010, and no other.
  std::set<std::string> councils;
  for (const auto& row : b.rows) councils.insert(row.service.local_authority_code);
  EXPECT_EQ(councils, (std::set<std::string>{"E08000001", "E08000002", "E08000003", "E08000004", "E08000005",
                                             "E08000006", "E08000007", "E08000008", "E08000009", "E08000010"}));
  const auto it =
      std::find_if(b.rows.begin(), b.rows.end(), [](const ImportRow& r) { return r.service.name == "The Foothills"; });
  ASSERT_NE(it, b.rows.end());
  EXPECT_EQ(it->service.local_authority_code, "E08000005");  // published as E0800005
  EXPECT_EQ(it->service.location_source, LocationSource::source_coordinates);
}

TEST(RealFiles, TraffordDirectory) {
  const auto b = import_cqc("cqc_care_homes_trafford_2026-02-25.csv");
  expect_consistent(b);
  expect_sound_rows(b);
  EXPECT_EQ(b.format, "care-directory-with-cqc-ids");
  EXPECT_EQ(b.rows_read, 56u);
  EXPECT_EQ(b.rows.size(), 56u);
  for (const auto& row : b.rows) {
    EXPECT_EQ(row.service.local_authority_code, "E08000009");
    EXPECT_EQ(row.service.regulator, market::Regulator::cqc);
    EXPECT_TRUE(row.service.source_key.starts_with("cqc:1-")) << row.service.source_key;
  }
}

TEST(RealFiles, OfstedProviders) {
  auto parsed = parse_ofsted_providers(data_file("ofsted_childrens_social_care_providers_2025-03-31.csv"), gazetteer(),
                                       "ofsted.csv");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  const auto& b = *parsed;
  expect_consistent(b);
  expect_sound_rows(b);
  EXPECT_EQ(b.rows_read, 5600u);
  // Skipped: 51 boarding schools, 34 FE colleges, 29 + 29 adoption agencies,
  // 10 holiday schemes, 1 secure training centre.
  EXPECT_EQ(b.skipped.size(), 154u);
  std::size_t boarding = 0;
  for (const auto& s : b.skipped)
    if (contains(s.reason, "'Boarding School'")) ++boarding;
  EXPECT_EQ(boarding, 51u);
  // Every care row is readable now that SC-prefixed URNs and the supported
  // accommodation outcome scale are understood.
  for (const auto& r : b.rejected) ADD_FAILURE() << "line " << r.line << ": " << r.reason;
  EXPECT_EQ(b.rows.size(), 5600u - 154u);

  std::size_t redacted_homes = 0, short_breaks = 0, sc_urns = 0, suspended = 0;
  for (const auto& row : b.rows) {
    const auto& s = row.service;
    if (s.regulator_id.starts_with("SC")) ++sc_urns;
    if (s.status == market::ServiceStatus::suspended) ++suspended;
    if (std::find(s.needs.begin(), s.needs.end(), "short_breaks") != s.needs.end()) ++short_breaks;
    if (s.kind == KindOfCare::childrens_home && s.postcode.empty()) {
      ++redacted_homes;
      EXPECT_EQ(s.location_source, LocationSource::local_authority_centroid) << s.source_key;
      EXPECT_TRUE(contains(s.notes, "redacted")) << s.source_key;
      const auto* la = gazetteer().authority_by_code(s.local_authority_code);
      ASSERT_NE(la, nullptr);
      EXPECT_DOUBLE_EQ(s.location.lat, la->centroid.lat);
      EXPECT_DOUBLE_EQ(s.location.lon, la->centroid.lon);
    }
    if (s.location_source == LocationSource::local_authority_centroid) {
      EXPECT_FALSE(s.notes.empty()) << s.source_key;  // never shown as if it were an address
    }
  }
  // 3938 + 8 + 49 rows of children's homes, all with names and postcodes REDACTED.
  EXPECT_EQ(redacted_homes, 3938u + 8u + 49u);
  EXPECT_EQ(short_breaks, 125u);  // "Short breaks only" in the register
  EXPECT_EQ(suspended, 14u);
  EXPECT_GT(sc_urns, 1400u);  // 1625 rows, less the skipped types that carry SC URNs

  // Names as the register writes them, mapped to councils.
  for (const std::string la : {"Durham", "St Helens", "Herefordshire", "Kingston upon Hull", "Bristol",
                               "Southend on Sea", "Bournemouth, Christchurch & Poole"}) {
    const auto* authority = gazetteer().authority_by_name(la);
    ASSERT_NE(authority, nullptr) << la;
    const bool any = std::any_of(b.rows.begin(), b.rows.end(),
                                 [&](const ImportRow& r) { return r.service.local_authority_code == authority->code; });
    EXPECT_TRUE(any) << la;
  }
}

}  // namespace
}  // namespace caremarket::importers
