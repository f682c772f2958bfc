#include "market/validation.hpp"

#include <gtest/gtest.h>

#include <string>

namespace caremarket::market {
namespace {

Service valid_service() {
  Service s;
  s.name = "Rose Court";
  s.kind = KindOfCare::care_home_residential;
  s.location = {52.5385, -1.8912};
  s.local_authority_code = "E08000025";
  s.places = 40;
  s.age_min = 65;
  s.age_max = 120;
  s.needs = {"older_people", "dementia"};
  return s;
}

// The error's field, or "<ok>" when the status is fine.
std::string field_of(const Status& status) {
  if (status) return "<ok>";
  EXPECT_EQ(status.error().code, ErrorCode::invalid_input);
  EXPECT_FALSE(status.error().message.empty());
  return status.error().field;
}

TEST(ValidateService, AcceptsAValidService) { EXPECT_TRUE(validate_service(valid_service()).has_value()); }

TEST(ValidateService, NamesTheFieldAtFault) {
  auto s = valid_service();
  s.name = "   ";
  EXPECT_EQ(field_of(validate_service(s)), "name");
  s.name = std::string(201, 'x');
  EXPECT_EQ(field_of(validate_service(s)), "name");
  s.name = std::string(200, 'x');
  EXPECT_EQ(field_of(validate_service(s)), "<ok>");

  s = valid_service();
  s.places = -1;
  EXPECT_EQ(field_of(validate_service(s)), "places");
  s.places = 2001;
  EXPECT_EQ(field_of(validate_service(s)), "places");
  s.places = 2000;
  EXPECT_EQ(field_of(validate_service(s)), "<ok>");
  s.places = 0;
  EXPECT_EQ(field_of(validate_service(s)), "<ok>");

  s = valid_service();
  s.age_min = 70;
  s.age_max = 60;
  EXPECT_EQ(field_of(validate_service(s)), "age_min");
  s.age_min = -1;
  s.age_max = 10;
  EXPECT_EQ(field_of(validate_service(s)), "age_min");
  s.age_min = 0;
  s.age_max = 121;
  EXPECT_EQ(field_of(validate_service(s)), "age_min");

  s = valid_service();
  s.location = {0, 0};
  EXPECT_EQ(field_of(validate_service(s)), "postcode");
  s.location = {-1.89, 52.53};  // swapped
  EXPECT_EQ(field_of(validate_service(s)), "postcode");

  s = valid_service();
  s.needs.push_back("flying");
  EXPECT_EQ(field_of(validate_service(s)), "needs");

  s = valid_service();
  s.vacancies = -1;
  EXPECT_EQ(field_of(validate_service(s)), "vacancies");

  s = valid_service();
  s.regulator = Regulator::cqc;
  EXPECT_EQ(field_of(validate_service(s)), "regulator_id");
  s.regulator_id = "1-10016894058";
  EXPECT_EQ(field_of(validate_service(s)), "<ok>");
}

TEST(ValidateVacancies, BoundedByPlaces) {
  auto s = valid_service();
  EXPECT_EQ(field_of(validate_vacancies(s, 0)), "<ok>");
  EXPECT_EQ(field_of(validate_vacancies(s, 40)), "<ok>");
  EXPECT_EQ(field_of(validate_vacancies(s, 41)), "count");
  EXPECT_EQ(field_of(validate_vacancies(s, -1)), "count");
  s.places = 0;  // places unknown: up to 1000
  EXPECT_EQ(field_of(validate_vacancies(s, 1000)), "<ok>");
  EXPECT_EQ(field_of(validate_vacancies(s, 1001)), "count");
}

TEST(ValidatePrices, RulesAndFields) {
  const auto s = valid_service();
  const Date april = *Date::parse_iso("2026-04-01");
  const Date october = *Date::parse_iso("2026-10-01");
  const PriceEntry standard{"standard", PriceUnit::week, Money::from_pence(105050), april, false};

  EXPECT_EQ(field_of(validate_prices(s, {standard})), "<ok>");
  EXPECT_EQ(field_of(validate_prices(s, {})), "prices");

  auto unknown = standard;
  unknown.need_level = "premium";
  EXPECT_EQ(field_of(validate_prices(s, {unknown})), "prices[0].need_level");

  auto zero = standard;
  zero.amount = Money::from_pence(0);
  EXPECT_EQ(field_of(validate_prices(s, {zero})), "prices[0].amount");
  auto negative = standard;
  negative.amount = Money::from_pence(-100);
  EXPECT_EQ(field_of(validate_prices(s, {negative})), "prices[0].amount");
  auto ceiling = standard;
  ceiling.amount = Money::from_pounds(100000);
  EXPECT_EQ(field_of(validate_prices(s, {ceiling})), "<ok>");
  ceiling.amount = Money::from_pence(100000'01);
  EXPECT_EQ(field_of(validate_prices(s, {ceiling})), "prices[0].amount");

  // The same level twice from the same date is ambiguous; from another date it is a new price.
  EXPECT_EQ(field_of(validate_prices(s, {standard, standard})), "prices[1].need_level");
  auto later = standard;
  later.valid_from = october;
  auto enhanced = standard;
  enhanced.need_level = "enhanced";
  EXPECT_EQ(field_of(validate_prices(s, {standard, later, enhanced})), "<ok>");
}

}  // namespace
}  // namespace caremarket::market
