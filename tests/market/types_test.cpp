#include "market/types.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace caremarket::market {
namespace {

// Each enum: every value has a distinct wire name that reads back as itself.
template <typename E, typename From>
void expect_round_trip(const std::vector<E>& values, From from) {
  std::set<std::string> names;
  for (const E v : values) {
    const std::string name(to_string(v));
    EXPECT_NE(name, "unknown");
    EXPECT_TRUE(names.insert(name).second) << "duplicate name " << name;
    const auto back = from(name);
    ASSERT_TRUE(back.has_value()) << name;
    EXPECT_EQ(*back, v) << name;
  }
  EXPECT_FALSE(from("").has_value());
  EXPECT_FALSE(from("no_such_value").has_value());
}

TEST(Enums, OrganisationKindRoundTrip) {
  expect_round_trip<OrganisationKind>(
      {OrganisationKind::council, OrganisationKind::provider, OrganisationKind::operator_}, organisation_kind_from);
  EXPECT_EQ(to_string(OrganisationKind::operator_), "operator");
}

TEST(Enums, KindOfCareRoundTrip) {
  const std::vector<KindOfCare> every{KindOfCare::care_home_residential,
                                      KindOfCare::care_home_nursing,
                                      KindOfCare::home_care,
                                      KindOfCare::supported_living,
                                      KindOfCare::extra_care,
                                      KindOfCare::day_services,
                                      KindOfCare::childrens_home,
                                      KindOfCare::secure_childrens_home,
                                      KindOfCare::fostering_agency,
                                      KindOfCare::supported_accommodation,
                                      KindOfCare::parent_and_child,
                                      KindOfCare::residential_special_school,
                                      KindOfCare::housing_support};
  expect_round_trip(every, kind_of_care_from);
  EXPECT_EQ(all_kinds_of_care(), every);
  EXPECT_EQ(kind_of_care_from("Care_Home_Nursing"), std::nullopt);  // wire names are exact
}

TEST(Enums, PriceUnitRegulatorStatusSourceRoundTrip) {
  expect_round_trip<PriceUnit>({PriceUnit::week, PriceUnit::hour}, price_unit_from);
  expect_round_trip<Regulator>({Regulator::none, Regulator::cqc, Regulator::ofsted}, regulator_from);
  expect_round_trip<ServiceStatus>({ServiceStatus::active, ServiceStatus::suspended, ServiceStatus::dormant},
                                   service_status_from);
  expect_round_trip<LocationSource>({LocationSource::source_coordinates, LocationSource::postcode_sector,
                                     LocationSource::postcode_district, LocationSource::local_authority_centroid},
                                    location_source_from);
}

TEST(Enums, RatingRoundTripAndPublishedWordings) {
  expect_round_trip<Rating>(
      {Rating::not_rated, Rating::inadequate, Rating::requires_improvement, Rating::good, Rating::outstanding},
      [](std::string_view t) -> std::optional<Rating> {
        // "" is a legitimate "not rated" in the registers; test it separately.
        if (t.empty()) return std::nullopt;
        return rating_from(t);
      });
  EXPECT_EQ(rating_from("Good"), Rating::good);
  EXPECT_EQ(rating_from("Outstanding"), Rating::outstanding);
  EXPECT_EQ(rating_from("Requires Improvement"), Rating::requires_improvement);             // CQC
  EXPECT_EQ(rating_from("Requires improvement to be good"), Rating::requires_improvement);  // Ofsted
  EXPECT_EQ(rating_from("Inadequate"), Rating::inadequate);
  EXPECT_EQ(rating_from(""), Rating::not_rated);
  EXPECT_EQ(rating_from("Not rated"), Rating::not_rated);
  EXPECT_EQ(rating_from("Insufficient evidence to rate"), Rating::not_rated);
  EXPECT_EQ(rating_from("Excellent"), std::nullopt);
  // Ordering: a higher value is a better rating.
  EXPECT_LT(Rating::inadequate, Rating::requires_improvement);
  EXPECT_LT(Rating::requires_improvement, Rating::good);
  EXPECT_LT(Rating::good, Rating::outstanding);
}

TEST(Kinds, ChildrensKindsAndUsualUnits) {
  EXPECT_TRUE(is_childrens(KindOfCare::childrens_home));
  EXPECT_TRUE(is_childrens(KindOfCare::secure_childrens_home));
  EXPECT_TRUE(is_childrens(KindOfCare::fostering_agency));
  EXPECT_TRUE(is_childrens(KindOfCare::supported_accommodation));
  EXPECT_TRUE(is_childrens(KindOfCare::parent_and_child));
  EXPECT_TRUE(is_childrens(KindOfCare::residential_special_school));
  EXPECT_FALSE(is_childrens(KindOfCare::care_home_nursing));
  EXPECT_FALSE(is_childrens(KindOfCare::home_care));
  EXPECT_EQ(usual_unit(KindOfCare::home_care), PriceUnit::hour);
  EXPECT_EQ(usual_unit(KindOfCare::supported_living), PriceUnit::hour);
  EXPECT_EQ(usual_unit(KindOfCare::housing_support), PriceUnit::hour);
  EXPECT_EQ(usual_unit(KindOfCare::care_home_residential), PriceUnit::week);
  EXPECT_EQ(usual_unit(KindOfCare::childrens_home), PriceUnit::week);
}

TEST(Needs, KnownNeedsAndLevels) {
  EXPECT_TRUE(is_known_need("dementia"));
  EXPECT_TRUE(is_known_need("short_breaks"));
  EXPECT_FALSE(is_known_need("Dementia"));
  EXPECT_FALSE(is_known_need(""));
  const auto& needs = known_needs();
  EXPECT_EQ(std::set<std::string>(needs.begin(), needs.end()).size(), needs.size());
  EXPECT_LE(needs.size(), 64u);  // the search index keeps needs in a 64-bit mask
  EXPECT_EQ(known_need_levels(), (std::vector<std::string>{"standard", "enhanced", "high", "complex"}));
}

TEST(MatchKey, SamePlaceWrittenDifferently) {
  EXPECT_EQ(make_match_key("b44 8dd", "Rose Court Care Home"), "B448DD|rose court care home");
  EXPECT_EQ(make_match_key("B44 8DD", "Rose Court Care-Home"), make_match_key("b448dd", "rose court care home"));
  EXPECT_EQ(make_match_key("M1 1AE", "St. John's & Co"), make_match_key("M11AE", "St Johns and Co"));
  EXPECT_NE(make_match_key("B44 8DD", "Rose Court"), make_match_key("B44 8DE", "Rose Court"));
}

}  // namespace
}  // namespace caremarket::market
