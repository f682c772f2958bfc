#pragma once
// The storage contract for the market intelligence area (included by store_contract.hpp).
#include "storage/store.hpp"

namespace caremarket::storage::contract {

TEST_P(StoreContract, OwnershipGroupsAreSetReplacedListedAndRemoved) {
  EXPECT_TRUE(store().ownership_groups().value().empty());
  const Date may = Date::from_ymd(2026, 5, 1).value();
  ASSERT_TRUE(
      store().put_ownership_group({"Zeta Care Ltd", "Omega Holdings", "annual report 2025", may, 3, 100}).has_value());
  ASSERT_TRUE(
      store().put_ownership_group({"Alpha Homes Ltd", "Omega Holdings", "Companies House", may, 3, 101}).has_value());
  auto groups = store().ownership_groups().value();
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].company, "Alpha Homes Ltd");  // by company name, byte order on both backends
  EXPECT_EQ(groups[0].group, "Omega Holdings");
  EXPECT_EQ(groups[0].source, "Companies House");
  EXPECT_EQ(groups[0].as_of, may);
  EXPECT_EQ(groups[0].set_by, 3);
  EXPECT_EQ(groups[0].set_at, 101);
  // A second put for a company replaces its row.
  const Date june = Date::from_ymd(2026, 6, 30).value();
  ASSERT_TRUE(store().put_ownership_group({"Zeta Care Ltd", "Sigma Group", "sale notice", june, 4, 200}).has_value());
  groups = store().ownership_groups().value();
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[1].group, "Sigma Group");
  EXPECT_EQ(groups[1].as_of, june);
  EXPECT_EQ(groups[1].set_by, 4);
  ASSERT_TRUE(store().remove_ownership_group("Alpha Homes Ltd").has_value());
  EXPECT_EQ(store().remove_ownership_group("Alpha Homes Ltd").error().code, ErrorCode::not_found);
  ASSERT_EQ(store().ownership_groups().value().size(), 1u);
}

TEST_P(StoreContract, AnOwnershipGroupNeedsAGroupAndASource) {
  const Date may = Date::from_ymd(2026, 5, 1).value();
  EXPECT_FALSE(store().put_ownership_group({"Zeta Care Ltd", "", "report", may, 1, 1}).has_value());
  EXPECT_FALSE(store().put_ownership_group({"Zeta Care Ltd", "Omega", "", may, 1, 1}).has_value());
  EXPECT_TRUE(store().ownership_groups().value().empty());
}

}  // namespace caremarket::storage::contract
