#include <gtest/gtest.h>

#include "pricing/call_off.hpp"

namespace caremarket::pricing {
namespace {

const Date kToday = Date::from_ymd(2026, 11, 23).value();
const Date kStart = Date::from_ymd(2026, 4, 1).value();
const Date kEnd = Date::from_ymd(2028, 3, 31).value();
constexpr std::int64_t kCouncil = 1, kOtherCouncil = 2, kProvider = 10, kService = 100;

ContractSummary block(std::int64_t id, ContractModel model, int committed, int occupied, int flex = 0) {
  return {id, model, {kCouncil}, {kProvider}, {kService}, kStart, kEnd, committed, flex, occupied, false};
}
ContractSummary admits(std::int64_t id, ContractModel model, bool suspended = false) {
  return {id, model, {kCouncil, kOtherCouncil}, {kProvider}, {}, kStart, kEnd, 0, 0, 0, suspended};
}

TEST(CallOff, ABlockWithRoomComesFirst) {
  const auto c = route_call_off(kCouncil, kProvider, kService, kToday,
                                {admits(7, ContractModel::framework), block(3, ContractModel::block, 5, 4)});
  EXPECT_EQ(c.model, ContractModel::block);
  EXPECT_EQ(c.contract_id, 3);
  EXPECT_NE(c.reason.find("1 place(s) free"), std::string::npos);
}

TEST(CallOff, AFullBlockFallsToTheSoftBlockFlexThenTheFramework) {
  const auto soft =
      route_call_off(kCouncil, kProvider, kService, kToday,
                     {block(3, ContractModel::block, 5, 5), block(4, ContractModel::soft_block, 5, 5, 2)});
  EXPECT_EQ(soft.model, ContractModel::soft_block);
  EXPECT_EQ(soft.contract_id, 4);
  const auto framework = route_call_off(kCouncil, kProvider, kService, kToday,
                                        {block(3, ContractModel::block, 5, 5), admits(7, ContractModel::framework)});
  EXPECT_EQ(framework.model, ContractModel::framework);
  EXPECT_NE(framework.reason.find("block 3 is full"), std::string::npos);
}

TEST(CallOff, ASuspendedDynamicMarketMemberIsBoughtSpot) {
  const auto c =
      route_call_off(kCouncil, kProvider, kService, kToday, {admits(9, ContractModel::dynamic_market, true)});
  EXPECT_EQ(c.model, ContractModel::spot);
  EXPECT_FALSE(c.contract_id.has_value());
  EXPECT_NE(c.reason.find("suspended"), std::string::npos);
  EXPECT_EQ(route_call_off(kCouncil, kProvider, kService, kToday, {admits(9, ContractModel::dynamic_market)}).model,
            ContractModel::dynamic_market);
}

TEST(CallOff, OnlyContractsInForceForThisCouncilCount) {
  auto expired = block(3, ContractModel::block, 5, 0);
  expired.end = Date::from_ymd(2026, 3, 31).value();
  auto theirs = block(4, ContractModel::block, 5, 0);
  theirs.councils = {kOtherCouncil};
  EXPECT_EQ(route_call_off(kCouncil, kProvider, kService, kToday, {expired, theirs}).model, ContractModel::spot);
  // An alliance contract serves each member council.
  auto alliance = block(5, ContractModel::block, 5, 0);
  alliance.councils = {kOtherCouncil, kCouncil};
  EXPECT_EQ(route_call_off(kCouncil, kProvider, kService, kToday, {alliance}).contract_id, 5);
}

}  // namespace
}  // namespace caremarket::pricing
