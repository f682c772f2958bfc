// The CQC importer on small hand-written files: one defect per test.
#include <gtest/gtest.h>

#include <algorithm>

#include "importers/cqc.hpp"
#include "importers/importer_test_support.hpp"

namespace caremarket::importers {
namespace {
using namespace caremarket::importers::testing;
using market::KindOfCare;
using market::LocationSource;
using market::Rating;
using Values = std::map<std::string, std::string>;

const std::vector<std::string> kRegisterColumns{"cqc_location_id",
                                                "name",
                                                "provider_name",
                                                "provider_id",
                                                "postcode",
                                                "city",
                                                "latitude",
                                                "longitude",
                                                "local_authority",
                                                "beds_total",
                                                "care_residential",
                                                "care_nursing",
                                                "care_dementia",
                                                "serves_older_people",
                                                "serves_younger_adults",
                                                "serves_learning_disabilities",
                                                "serves_dementia_band",
                                                "cqc_rating_overall",
                                                "cqc_rating_safe",
                                                "cqc_rating_effective",
                                                "cqc_rating_caring",
                                                "cqc_rating_responsive",
                                                "cqc_rating_well_led",
                                                "cqc_last_inspection_date",
                                                "is_dormant"};

Values good_register_row(const std::string& id = "1-1004508435") {
  return {{"cqc_location_id", id},
          {"name", "Meadow Rose Nursing Home"},
          {"provider_name", "MACC Care Limited"},
          {"provider_id", "1-101641521"},
          {"postcode", "b31 2tx"},
          {"city", "Birmingham"},
          {"latitude", "52.3998430"},
          {"longitude", "-1.9892410"},
          {"local_authority", "Birmingham"},
          {"beds_total", "56"},
          {"care_residential", "false"},
          {"care_nursing", "true"},
          {"care_dementia", "true"},
          {"serves_older_people", "true"},
          {"serves_younger_adults", "false"},
          {"serves_dementia_band", "true"},
          {"cqc_rating_overall", "Requires Improvement"},
          {"cqc_rating_safe", "Requires Improvement"},
          {"cqc_rating_effective", "Good"},
          {"cqc_rating_caring", "Good"},
          {"cqc_rating_responsive", ""},
          {"cqc_rating_well_led", "Outstanding"},
          {"cqc_last_inspection_date", "2020-10-01"},
          {"is_dormant", "false"}};
}

std::string register_file(const std::vector<Values>& rows) {
  std::string text = header_line(kRegisterColumns);
  for (const auto& r : rows) text += csv_line(kRegisterColumns, r);
  return text;
}

ImportBatch parse_ok(const std::string& text) {
  auto b = parse_cqc_care_homes(text, gazetteer(), "test.csv");
  EXPECT_TRUE(b.has_value()) << (b ? "" : b.error().message);
  if (!b) return {};
  expect_consistent(*b);
  return std::move(b).value();
}

// The single rejection's reason, after checking there is exactly one.
std::string only_rejection(const ImportBatch& b) {
  EXPECT_EQ(b.rows.size(), 0u);
  EXPECT_EQ(b.rejected.size(), 1u);
  return b.rejected.empty() ? "" : b.rejected[0].reason;
}

TEST(CqcRegister, ReadsEveryField) {
  const auto b = parse_ok(register_file({good_register_row()}));
  EXPECT_EQ(b.format, "cqc-register-extract");
  EXPECT_EQ(b.source, "test.csv");
  ASSERT_EQ(b.rows.size(), 1u);
  const auto& row = b.rows[0];
  const auto& s = row.service;
  EXPECT_EQ(row.line, 2u);
  EXPECT_EQ(s.id, 0);
  EXPECT_EQ(s.regulator, market::Regulator::cqc);
  EXPECT_EQ(s.regulator_id, "1-1004508435");
  EXPECT_EQ(s.source_key, "cqc:1-1004508435");
  EXPECT_EQ(s.source, "test.csv");
  EXPECT_EQ(s.name, "Meadow Rose Nursing Home");
  EXPECT_EQ(s.postcode, "B31 2TX");  // tidied
  EXPECT_EQ(s.match_key, market::make_match_key("B31 2TX", "Meadow Rose Nursing Home"));
  EXPECT_EQ(s.kind, KindOfCare::care_home_nursing);
  EXPECT_EQ(s.places, 56);
  EXPECT_EQ(s.age_min, 65);
  EXPECT_EQ(s.age_max, 120);
  EXPECT_NE(std::find(s.needs.begin(), s.needs.end(), "older_people"), s.needs.end());
  EXPECT_NE(std::find(s.needs.begin(), s.needs.end(), "dementia"), s.needs.end());
  EXPECT_NE(std::find(s.needs.begin(), s.needs.end(), "nursing"), s.needs.end());
  EXPECT_EQ(std::count(s.needs.begin(), s.needs.end(), "dementia"), 1);  // not added twice
  EXPECT_EQ(s.rating, Rating::requires_improvement);
  ASSERT_TRUE(s.rating_date.has_value());
  EXPECT_EQ(s.rating_date->to_string(), "2020-10-01");
  ASSERT_EQ(s.domain_ratings.size(), 4u);  // responsive is blank: not listed
  EXPECT_EQ(s.domain_ratings[0].domain, "safe");
  EXPECT_EQ(s.domain_ratings[0].rating, Rating::requires_improvement);
  EXPECT_EQ(s.domain_ratings[3].domain, "well_led");
  EXPECT_EQ(s.domain_ratings[3].rating, Rating::outstanding);
  EXPECT_EQ(s.status, market::ServiceStatus::active);
  EXPECT_EQ(s.location_source, LocationSource::source_coordinates);
  EXPECT_DOUBLE_EQ(s.location.lat, 52.399843);
  EXPECT_DOUBLE_EQ(s.location.lon, -1.989241);
  EXPECT_EQ(s.local_authority_code, "E08000025");
  EXPECT_EQ(row.provider.name, "MACC Care Limited");
  EXPECT_EQ(row.provider.regulator_id, "1-101641521");
  EXPECT_EQ(row.provider.source_key, "cqc-provider:1-101641521");
}

TEST(CqcRegister, YoungerAdultsOnlyAndDormant) {
  auto r = good_register_row();
  r["serves_older_people"] = "false";
  r["serves_younger_adults"] = "true";
  r["care_nursing"] = "false";
  r["care_residential"] = "true";
  r["is_dormant"] = "TRUE";
  const auto b = parse_ok(register_file({r}));
  ASSERT_EQ(b.rows.size(), 1u);
  const auto& s = b.rows[0].service;
  EXPECT_EQ(s.kind, KindOfCare::care_home_residential);
  EXPECT_EQ(s.age_min, 18);
  EXPECT_EQ(s.age_max, 64);
  EXPECT_EQ(s.status, market::ServiceStatus::dormant);
  EXPECT_EQ(std::find(s.needs.begin(), s.needs.end(), "nursing"), s.needs.end());
}

TEST(CqcRegister, BlankLongitudeFallsBackToThePostcode) {
  auto r = good_register_row();
  r["postcode"] = "B44 8DD";
  r["longitude"] = "";
  const auto b = parse_ok(register_file({r}));
  ASSERT_EQ(b.rows.size(), 1u);
  const auto& s = b.rows[0].service;
  EXPECT_EQ(s.location_source, LocationSource::postcode_sector);
  const auto place = gazetteer().locate("B44 8DD");
  ASSERT_TRUE(place.has_value());
  EXPECT_DOUBLE_EQ(s.location.lat, place->point.lat);
  EXPECT_DOUBLE_EQ(s.location.lon, place->point.lon);
}

TEST(CqcRegister, CoordinatesOutsideTheUkFallBackToThePostcode) {
  auto r = good_register_row();
  r["latitude"] = "-1.9892410";  // swapped
  r["longitude"] = "52.3998430";
  const auto b = parse_ok(register_file({r}));
  ASSERT_EQ(b.rows.size(), 1u);
  EXPECT_EQ(b.rows[0].service.location_source, LocationSource::postcode_sector);
  ASSERT_EQ(b.warnings.size(), 1u);
  EXPECT_EQ(b.warnings[0].line, 2u);
  EXPECT_TRUE(contains(b.warnings[0].reason, "outside the UK")) << b.warnings[0].reason;
  EXPECT_TRUE(contains(b.warnings[0].reason, "postcode's centroid")) << b.warnings[0].reason;
}

TEST(CqcRegister, ImpossibleLatitudeIsReportedAsAWarningWithItsLine) {
  auto bad = good_register_row("1-2");
  bad["latitude"] = "999.0";
  const auto b = parse_ok(register_file({good_register_row("1-1"), bad}));
  ASSERT_EQ(b.rows.size(), 2u);
  EXPECT_EQ(b.rows[1].service.location_source, LocationSource::postcode_sector);
  ASSERT_EQ(b.warnings.size(), 1u) << "good coordinates give no warning";
  EXPECT_EQ(b.warnings[0].line, 3u);
  EXPECT_TRUE(contains(b.warnings[0].reason, "999")) << b.warnings[0].reason;
}

TEST(CqcRegister, RowWithTooFewColumnsSaysSo) {
  std::string text = register_file({good_register_row("1-1")});
  text += "1-2,Short Row Home,Some Provider\n";  // 3 fields where the header has 25
  const auto b = parse_ok(text);
  ASSERT_EQ(b.rows.size(), 1u);
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_EQ(b.rejected[0].line, 3u);
  EXPECT_TRUE(contains(b.rejected[0].reason, "the row has 3 columns where the header has 25")) << b.rejected[0].reason;
  EXPECT_FALSE(contains(b.rejected[0].reason, "care home")) << b.rejected[0].reason;
}

TEST(CqcRegister, ExtraColumnsAreRejectedUnlessBlank) {
  const std::string good = register_file({good_register_row("1-1")});
  const auto trailing = parse_ok(good.substr(0, good.size() - 1) + ",,\n");
  EXPECT_EQ(trailing.rows.size(), 1u) << "empty trailing fields are a spreadsheet's extra commas";
  const auto extra = parse_ok(good.substr(0, good.size() - 1) + ",surplus\n");
  EXPECT_TRUE(contains(only_rejection(extra), "26 columns where the header has 25"));
}

TEST(CqcRegister, BadPostcodeWithoutCoordinatesIsRejected) {
  auto r = good_register_row();
  r["postcode"] = "NOT A POSTCODE";
  r["latitude"] = "";
  r["longitude"] = "";
  const auto reason = only_rejection(parse_ok(register_file({r})));
  EXPECT_TRUE(contains(reason, "cannot place the service on the map")) << reason;
  EXPECT_TRUE(contains(reason, "NOT A POSTCODE")) << reason;
}

TEST(CqcRegister, UnknownPostcodeWithoutCoordinatesIsRejected) {
  auto r = good_register_row();
  r["postcode"] = "ZZ99 9ZZ";
  r["longitude"] = "";
  const auto reason = only_rejection(parse_ok(register_file({r})));
  EXPECT_TRUE(contains(reason, "not in the ONS postcode directory")) << reason;
}

TEST(CqcRegister, NonNumericBedsIsRejected) {
  for (const std::string beds : {"lots", "12.5", "-3"}) {
    auto r = good_register_row();
    r["beds_total"] = beds;
    const auto reason = only_rejection(parse_ok(register_file({r})));
    EXPECT_TRUE(contains(reason, "beds_total")) << reason;
  }
}

TEST(CqcRegister, DuplicateLocationIdIsRejectedNamingTheFirstLine) {
  auto b = parse_ok(register_file({good_register_row("1-1"), good_register_row("1-2"), good_register_row("1-1")}));
  EXPECT_EQ(b.rows.size(), 2u);
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_EQ(b.rejected[0].line, 4u);
  EXPECT_TRUE(contains(b.rejected[0].reason, "first at line 2")) << b.rejected[0].reason;
}

TEST(CqcRegister, OtherRowDefects) {
  auto not_home = good_register_row();
  not_home["care_residential"] = "false";
  not_home["care_nursing"] = "false";
  EXPECT_TRUE(contains(only_rejection(parse_ok(register_file({not_home}))), "not a care home"));

  auto bad_rating = good_register_row();
  bad_rating["cqc_rating_safe"] = "Superb";
  EXPECT_TRUE(contains(only_rejection(parse_ok(register_file({bad_rating}))), "cqc_rating_safe"));

  auto bad_date = good_register_row();
  bad_date["cqc_last_inspection_date"] = "01/10/2020";
  EXPECT_TRUE(contains(only_rejection(parse_ok(register_file({bad_date}))), "cqc_last_inspection_date"));

  auto no_id = good_register_row();
  no_id["cqc_location_id"] = "";
  EXPECT_TRUE(contains(only_rejection(parse_ok(register_file({no_id}))), "cqc_location_id"));

  auto no_provider = good_register_row();
  no_provider["provider_name"] = "";
  EXPECT_TRUE(contains(only_rejection(parse_ok(register_file({no_provider}))), "provider_name"));
}

TEST(CqcRegister, ProviderWithoutIdIsKeyedByName) {
  auto r = good_register_row();
  r["provider_id"] = "";
  r["provider_name"] = "Acme Care & Co.";
  const auto b = parse_ok(register_file({r}));
  ASSERT_EQ(b.rows.size(), 1u);
  EXPECT_EQ(b.rows[0].provider.source_key, "cqc-provider-name:acme care and co");
}

TEST(CqcRegister, BlankLinesAreNotRowsAndBadRowsDoNotStopTheFile) {
  auto bad = good_register_row("1-2");
  bad["beds_total"] = "many";
  std::string text = register_file({good_register_row("1-1")}) + "\n" + csv_line(kRegisterColumns, bad) +
                     csv_line(kRegisterColumns, good_register_row("1-3"));
  const auto b = parse_ok(text);
  EXPECT_EQ(b.rows_read, 3u);
  EXPECT_EQ(b.rows.size(), 2u);
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_EQ(b.rejected[0].line, 4u);  // the blank line still counts as a line of the file
  EXPECT_EQ(b.rows[1].line, 5u);
}

TEST(CqcRegister, UnterminatedQuoteStopsTheFileWithARejection) {
  std::string text = register_file({good_register_row("1-1")}) + "1-2,\"Never closed,x\n1-3,y\n";
  const auto b = parse_ok(text);
  EXPECT_EQ(b.rows.size(), 1u);
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_EQ(b.rejected[0].line, 3u);
  EXPECT_TRUE(contains(b.rejected[0].reason, "never closed")) << b.rejected[0].reason;
}

TEST(CqcFile, WrongOrEmptyFileIsAnError) {
  for (const std::string& text : {std::string("name,postcode\nRose Court,B44 8DD\n"), std::string(""),
                                  data_file("uk_lad25_postcode_centroids_nspd_nov2025.csv")}) {
    const auto b = parse_cqc_care_homes(text, gazetteer(), "wrong.csv");
    ASSERT_FALSE(b.has_value());
    EXPECT_EQ(b.error().code, ErrorCode::invalid_input);
  }
  // A register extract that lacks a column it needs names the column.
  const auto b = parse_cqc_care_homes("cqc_location_id,name\n1-1,A\n", gazetteer(), "short.csv");
  ASSERT_FALSE(b.has_value());
  EXPECT_TRUE(contains(b.error().message, "provider_name")) << b.error().message;
}

// --- the two care directories ----------------------------------------------

const std::vector<std::string> kGmColumns{"name",    "type",      "address",   "postcode", "telephone",
                                          "website", "area_name", "area_code", "lon",      "lat"};

Values gm_row() {
  return {{"name", "The Foothills"}, {"type", "Residential homes"}, {"address", "9 The Foothills, Rochdale"},
          {"postcode", "OL16 2AY"},  {"area_name", "Rochdale"},     {"area_code", "E0800005"},
          {"lon", "-2.142585"},      {"lat", "53.624754"}};
}

std::string gm_file(const std::vector<Values>& rows) {
  std::string text = header_line(kGmColumns);
  for (const auto& r : rows) text += csv_line(kGmColumns, r);
  return text;
}

TEST(GmDirectory, RepairsTheAreaCodeAndNamesNoProvider) {
  const auto b = parse_ok(gm_file({gm_row()}));
  EXPECT_EQ(b.format, "care-directory");
  ASSERT_EQ(b.rows.size(), 1u);
  const auto& row = b.rows[0];
  EXPECT_EQ(row.service.local_authority_code, "E08000005");
  EXPECT_EQ(row.service.regulator, market::Regulator::none);
  EXPECT_EQ(row.service.kind, KindOfCare::care_home_residential);
  EXPECT_EQ(row.service.address, "9 The Foothills, Rochdale");
  EXPECT_EQ(row.service.source_key, "directory:" + market::make_match_key("OL16 2AY", "The Foothills"));
  EXPECT_FALSE(row.service.notes.empty());
  EXPECT_TRUE(contains(row.provider.name, "provider not published"));
  EXPECT_TRUE(row.provider.source_key.starts_with("gm-directory-home:"));
}

TEST(GmDirectory, UnreadableAreaCodeFallsBackToTheAreaName) {
  auto r = gm_row();
  r["area_code"] = "NA";
  r["area_name"] = "Oldham";
  const auto b = parse_ok(gm_file({r}));
  ASSERT_EQ(b.rows.size(), 1u);
  EXPECT_EQ(b.rows[0].service.local_authority_code, "E08000004");
}

TEST(GmDirectory, NoCodeNoNameFallsBackToThePostcodesCouncil) {
  auto r = gm_row();
  r["area_code"] = "";
  r["area_name"] = "";
  const auto b = parse_ok(gm_file({r}));
  ASSERT_EQ(b.rows.size(), 1u);
  EXPECT_EQ(b.rows[0].service.local_authority_code, "E08000005");  // OL16 is in Rochdale
}

TEST(GmDirectory, TypesAndDuplicates) {
  auto nursing = gm_row();
  nursing["name"] = "Neville House";
  nursing["type"] = "Nursing homes|Residential homes";
  auto homecare = gm_row();
  homecare["name"] = "Care At Home";
  homecare["type"] = "Homecare agencies";
  auto again = gm_row();
  again["name"] = "the foothills";  // same home, written differently
  again["postcode"] = "ol162ay";
  const auto b = parse_ok(gm_file({gm_row(), nursing, homecare, again}));
  ASSERT_EQ(b.rows.size(), 2u);
  EXPECT_EQ(b.rows[1].service.kind, KindOfCare::care_home_nursing);
  ASSERT_EQ(b.rejected.size(), 2u);
  EXPECT_EQ(b.rejected[0].line, 4u);
  EXPECT_TRUE(contains(b.rejected[0].reason, "Homecare agencies")) << b.rejected[0].reason;
  EXPECT_EQ(b.rejected[1].line, 5u);
  EXPECT_TRUE(contains(b.rejected[1].reason, "first at line 2")) << b.rejected[1].reason;
}

const std::vector<std::string> kTraffordColumns{
    "name",     "cqc_id",          "type",        "address",   "postcode",  "telephone", "website",
    "provider", "inspection_date", "cqc_webpage", "area_name", "area_code", "lon",       "lat"};

Values trafford_row() {
  return {{"name", "10 Spennithorne Road"},
          {"cqc_id", "1-466088203"},
          {"type", "Residential homes"},
          {"address", "10 Spennithorne Road,Urmston,Manchester"},
          {"postcode", "M41 5BU"},
          {"provider", "Future Directions CIC"},
          {"inspection_date", "2023-05-31"},
          {"area_name", "Trafford"},
          {"area_code", "E0800009"},
          {"lon", "-2.365264"},
          {"lat", "53.44763"}};
}

TEST(TraffordDirectory, ReadsIdsProviderAndInspectionDate) {
  std::string text = header_line(kTraffordColumns) + csv_line(kTraffordColumns, trafford_row());
  auto no_provider = trafford_row();
  no_provider["cqc_id"] = "1-2";
  no_provider["provider"] = "NA";
  text += csv_line(kTraffordColumns, no_provider);
  const auto b = parse_ok(text);
  EXPECT_EQ(b.format, "care-directory-with-cqc-ids");
  ASSERT_EQ(b.rows.size(), 1u);
  const auto& row = b.rows[0];
  EXPECT_EQ(row.service.source_key, "cqc:1-466088203");
  EXPECT_EQ(row.service.regulator, market::Regulator::cqc);
  EXPECT_EQ(row.service.local_authority_code, "E08000009");
  ASSERT_TRUE(row.service.rating_date.has_value());
  EXPECT_EQ(row.service.rating_date->to_string(), "2023-05-31");
  EXPECT_EQ(row.service.rating, Rating::not_rated);  // the directory has no rating
  EXPECT_EQ(row.provider.source_key, "cqc-provider-name:future directions cic");
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_TRUE(contains(b.rejected[0].reason, "provider")) << b.rejected[0].reason;
}

}  // namespace
}  // namespace caremarket::importers
