// The Ofsted importer on small files written with the real file's header.
#include <gtest/gtest.h>

#include <algorithm>

#include "importers/importer_test_support.hpp"
#include "importers/ofsted.hpp"

namespace caremarket::importers {
namespace {
using namespace caremarket::importers::testing;
using market::KindOfCare;
using market::LocationSource;
using market::Rating;
using Values = std::map<std::string, std::string>;

const char* const kOverall = "Overall experiences and progress of children and young people";

// The columns of the real register, in its order.
const std::vector<std::string>& columns() {
  static const std::vector<std::string> names = [] {
    const std::string text = data_file("ofsted_childrens_social_care_providers_2025-03-31.csv");
    CsvReader reader(text);
    CsvRecord rec;
    auto more = reader.next(rec);
    EXPECT_TRUE(more && *more);
    return rec.fields;
  }();
  return names;
}

Values redacted_home(const std::string& urn = "2590934") {
  return {{"URN", urn},
          {"Provision type", "Children's home"},
          {"Registration status", "Active"},
          {"Name", "REDACTED"},
          {"Address 1", "REDACTED"},
          {"Town", "REDACTED"},
          {"Postcode", "REDACTED"},
          {"Local authority", "Lewisham"},
          {"Places", "2"},
          {"Organisation which owns the provider", "Zone Central Ltd"},
          {"Latest full inspection date", "05/11/2024"},
          {kOverall, "Requires improvement to be good"},
          {"How well children and young people are helped and protected", "Good"},
          {"The effectiveness of leaders and managers", "Requires improvement to be good"}};
}

Values fostering_agency() {
  return {{"URN", "SC035413"},
          {"Provision type", "Independent Fostering Agency"},
          {"Registration status", "Active"},
          {"Name", "Foster Care Co-operative"},
          {"Address 1", "Unit 3"},
          {"Address 2", "Mill Lane"},
          {"Town", "Birmingham"},
          {"Postcode", "B44 8DD"},
          {"Local authority", "Birmingham"},
          {"Organisation which owns the provider", "Foster Care Co-operative Ltd"},
          {kOverall, "Outstanding"}};
}

std::string file(const std::vector<Values>& rows) {
  std::string text = "\xEF\xBB\xBF" + header_line(columns());
  for (const auto& r : rows) text += csv_line(columns(), r);
  return text;
}

ImportBatch parse_ok(const std::string& text) {
  auto b = parse_ofsted_providers(text, gazetteer(), "ofsted.csv");
  EXPECT_TRUE(b.has_value()) << (b ? "" : b.error().message);
  if (!b) return {};
  expect_consistent(*b);
  return std::move(b).value();
}

std::string only_rejection(const ImportBatch& b) {
  EXPECT_EQ(b.rows.size(), 0u);
  EXPECT_EQ(b.rejected.size(), 1u);
  return b.rejected.empty() ? "" : b.rejected[0].reason;
}

TEST(Ofsted, RedactedChildrensHomeIsPlacedAtTheCouncilCentroidWithANote) {
  const auto b = parse_ok(file({redacted_home()}));
  EXPECT_EQ(b.format, "ofsted-provider-level");
  ASSERT_EQ(b.rows.size(), 1u);
  const auto& row = b.rows[0];
  const auto& s = row.service;
  EXPECT_EQ(s.regulator, market::Regulator::ofsted);
  EXPECT_EQ(s.regulator_id, "2590934");
  EXPECT_EQ(s.source_key, "ofsted:2590934");
  EXPECT_EQ(s.kind, KindOfCare::childrens_home);
  EXPECT_EQ(s.age_min, 0);
  EXPECT_EQ(s.age_max, 17);
  EXPECT_EQ(s.name, "Children's home URN 2590934 (Lewisham)");
  EXPECT_TRUE(s.postcode.empty());
  EXPECT_TRUE(s.address.empty());
  EXPECT_EQ(s.location_source, LocationSource::local_authority_centroid);
  const auto* lewisham = gazetteer().authority_by_name("Lewisham");
  ASSERT_NE(lewisham, nullptr);
  EXPECT_EQ(s.local_authority_code, lewisham->code);
  EXPECT_DOUBLE_EQ(s.location.lat, lewisham->centroid.lat);
  EXPECT_DOUBLE_EQ(s.location.lon, lewisham->centroid.lon);
  EXPECT_TRUE(contains(s.notes, "redacted")) << s.notes;
  EXPECT_TRUE(contains(s.notes, "Lewisham")) << s.notes;
  EXPECT_EQ(s.places, 2);
  EXPECT_EQ(s.rating, Rating::requires_improvement);
  ASSERT_TRUE(s.rating_date.has_value());
  EXPECT_EQ(s.rating_date->to_string(), "2024-11-05");
  ASSERT_EQ(s.domain_ratings.size(), 3u);
  EXPECT_EQ(s.domain_ratings[0].domain, "overall_experiences_and_progress");
  EXPECT_EQ(s.domain_ratings[1].domain, "help_and_protection");
  EXPECT_EQ(s.domain_ratings[1].rating, Rating::good);
  EXPECT_EQ(row.provider.name, "Zone Central Ltd");
  EXPECT_EQ(row.provider.source_key, "ofsted-owner:zone central ltd");
}

TEST(Ofsted, PublishedAddressIsLocatedByPostcode) {
  const auto b = parse_ok(file({fostering_agency()}));
  ASSERT_EQ(b.rows.size(), 1u);
  const auto& s = b.rows[0].service;
  EXPECT_EQ(s.regulator_id, "SC035413");  // older URNs carry an SC prefix
  EXPECT_EQ(s.kind, KindOfCare::fostering_agency);
  EXPECT_EQ(s.name, "Foster Care Co-operative");
  EXPECT_EQ(s.address, "Unit 3, Mill Lane, Birmingham");
  EXPECT_EQ(s.postcode, "B44 8DD");
  EXPECT_EQ(s.location_source, LocationSource::postcode_sector);
  EXPECT_EQ(s.local_authority_code, "E08000025");
  EXPECT_TRUE(s.notes.empty());
  EXPECT_EQ(s.places, 0);  // blank places is fine for an agency
  EXPECT_EQ(s.rating, Rating::outstanding);
  EXPECT_FALSE(s.rating_date.has_value());
}

TEST(Ofsted, NonCareProvisionIsSkippedNotRejected) {
  for (const std::string type : {"Boarding School", "Further Education College with Residential Accommodation",
                                 "Voluntary Adoption Agency", "Secure Training Centre"}) {
    auto r = fostering_agency();
    r["Provision type"] = type;
    const auto b = parse_ok(file({r}));
    EXPECT_TRUE(b.rows.empty());
    EXPECT_TRUE(b.rejected.empty());
    ASSERT_EQ(b.skipped.size(), 1u) << type;
    EXPECT_EQ(b.skipped[0].line, 2u);
    EXPECT_TRUE(contains(b.skipped[0].reason, type)) << b.skipped[0].reason;
  }
}

TEST(Ofsted, ProvisionTypeWordingsAndAges) {
  auto secure = redacted_home("1");
  secure["Provision type"] = "Secure children's home";
  auto capital = redacted_home("2");
  capital["Provision type"] = "Children's Home";
  auto rss = redacted_home("3");
  rss["Provision type"] = "Residential special school (registered as a children's home)";
  auto family = fostering_agency();
  family["URN"] = "4";
  family["Provision type"] = "Residential Family Centre";
  const auto b = parse_ok(file({secure, capital, rss, family}));
  ASSERT_EQ(b.rows.size(), 4u);
  EXPECT_EQ(b.rows[0].service.kind, KindOfCare::secure_childrens_home);
  EXPECT_EQ(b.rows[0].service.age_min, 10);
  EXPECT_EQ(b.rows[1].service.kind, KindOfCare::childrens_home);
  EXPECT_EQ(b.rows[2].service.kind, KindOfCare::childrens_home);
  EXPECT_EQ(b.rows[2].service.specialisms, (std::vector<std::string>{"residential special school"}));
  EXPECT_EQ(b.rows[3].service.kind, KindOfCare::parent_and_child);
}

TEST(Ofsted, ShortBreakHomesAcceptShortBreaks) {
  auto r = redacted_home();
  r["Short-break-only children's home"] = "Short breaks only";  // the register's own wording
  const auto b = parse_ok(file({r}));
  ASSERT_EQ(b.rows.size(), 1u);
  EXPECT_EQ(b.rows[0].service.needs, (std::vector<std::string>{"short_breaks"}));
  const auto plain = parse_ok(file({redacted_home()}));
  ASSERT_EQ(plain.rows.size(), 1u);
  EXPECT_TRUE(plain.rows[0].service.needs.empty());
}

TEST(Ofsted, SupportedAccommodationOutcomeOnTheCommonScale) {
  const std::pair<std::string, Rating> cases[] = {
      {"Consistently strong service delivery", Rating::good},
      {"Inconsistent quality of service delivery", Rating::requires_improvement},
      {"Serious or widespread weaknesses", Rating::inadequate},
      {"", Rating::not_rated}};
  for (const auto& [outcome, rating] : cases) {
    Values r{{"URN", "2742177"},
             {"Provision type", "Supported Accommodation"},
             {"Registration status", "Active"},
             {"Name", "First Right"},
             {"Postcode", "REDACTED"},
             {"Local authority", "Wolverhampton"},
             {"Places", "4"},
             {"Organisation which owns the provider", "First Right Limited"},
             {"Supported Accommodation outcome", outcome}};
    const auto b = parse_ok(file({r}));
    ASSERT_EQ(b.rows.size(), 1u) << outcome;
    const auto& s = b.rows[0].service;
    EXPECT_EQ(s.rating, rating) << outcome;
    EXPECT_EQ(s.kind, KindOfCare::supported_accommodation);
    EXPECT_EQ(s.age_min, 16);
    EXPECT_EQ(s.location_source, LocationSource::local_authority_centroid);
  }
}

TEST(Ofsted, RowDefectsAreRejectedWithAReason) {
  auto bad_urn = redacted_home("URN-1");
  EXPECT_TRUE(contains(only_rejection(parse_ok(file({bad_urn}))), "URN"));

  auto no_places = redacted_home();
  no_places["Places"] = "";
  EXPECT_TRUE(contains(only_rejection(parse_ok(file({no_places}))), "Places"));

  auto bad_places = redacted_home();
  bad_places["Places"] = "two";
  EXPECT_TRUE(contains(only_rejection(parse_ok(file({bad_places}))), "Places"));

  auto unknown_la = redacted_home();
  unknown_la["Local authority"] = "Atlantis";
  EXPECT_TRUE(contains(only_rejection(parse_ok(file({unknown_la}))), "Atlantis"));

  auto bad_judgement = redacted_home();
  bad_judgement[kOverall] = "Splendid";
  EXPECT_TRUE(contains(only_rejection(parse_ok(file({bad_judgement}))), "Splendid"));

  auto bad_date = redacted_home();
  bad_date["Latest full inspection date"] = "2024-11-05";
  EXPECT_TRUE(contains(only_rejection(parse_ok(file({bad_date}))), "inspection date"));

  auto bad_postcode = fostering_agency();
  bad_postcode["Postcode"] = "B44 XYZ";
  // A published but unreadable postcode still leaves the council's centroid.
  const auto b = parse_ok(file({bad_postcode}));
  ASSERT_EQ(b.rows.size(), 1u);
  EXPECT_EQ(b.rows[0].service.location_source, LocationSource::local_authority_centroid);
}

TEST(Ofsted, DuplicateUrnSuspendedAndUnpublishedOwner) {
  auto suspended = redacted_home("7");
  suspended["Registration status"] = "Suspended";
  suspended["Organisation which owns the provider"] = "REDACTED";
  const auto b = parse_ok(file({redacted_home("5"), suspended, redacted_home("5")}));
  ASSERT_EQ(b.rows.size(), 2u);
  EXPECT_EQ(b.rows[1].service.status, market::ServiceStatus::suspended);
  EXPECT_EQ(b.rows[1].provider.source_key, "ofsted-owner-of:7");
  EXPECT_TRUE(contains(b.rows[1].provider.name, "not published"));
  ASSERT_EQ(b.rejected.size(), 1u);
  EXPECT_EQ(b.rejected[0].line, 4u);
  EXPECT_TRUE(contains(b.rejected[0].reason, "first at line 2")) << b.rejected[0].reason;
}

TEST(Ofsted, WrongFileIsAnError) {
  const auto cqc = parse_ofsted_providers(data_file("cqc_care_homes_trafford_2026-02-25.csv"), gazetteer(), "x.csv");
  ASSERT_FALSE(cqc.has_value());
  EXPECT_EQ(cqc.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(contains(cqc.error().message, "URN")) << cqc.error().message;
  EXPECT_FALSE(parse_ofsted_providers("", gazetteer(), "empty.csv").has_value());
}

}  // namespace
}  // namespace caremarket::importers
