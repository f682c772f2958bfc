#include <gtest/gtest.h>

#include "importers/cqc.hpp"

namespace caremarket::importers {
namespace {

TEST(RepairOnsCode, RestoresTheDroppedZero) {
  EXPECT_EQ(repair_ons_code("E0800005"), "E08000005");  // Rochdale as the GM directory writes it
  EXPECT_EQ(repair_ons_code("E0800001"), "E08000001");
  EXPECT_EQ(repair_ons_code("E0800009"), "E08000009");
  EXPECT_EQ(repair_ons_code(" E0800003 "), "E08000003");
}

TEST(RepairOnsCode, LeavesGoodCodesAlone) {
  EXPECT_EQ(repair_ons_code("E08000010"), "E08000010");  // Wigan: already nine characters
  EXPECT_EQ(repair_ons_code("E08000025"), "E08000025");
  EXPECT_EQ(repair_ons_code("W06000015"), "W06000015");
}

TEST(RepairOnsCode, UnreadableTextGivesEmpty) {
  for (const char* bad : {"", "NA", "E08", "Rochdale", "E08-00005", "8000005X", "E080000050", "E08 00005"}) {
    EXPECT_EQ(repair_ons_code(bad), "") << "'" << bad << "'";
  }
}

}  // namespace
}  // namespace caremarket::importers
