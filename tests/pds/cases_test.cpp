// Runs every case file in tests/cases/pds: one file a case, each a document,
// its kind (referral or placement) and what must come out ("ok", or the
// field the error names). Adding a case means adding a file.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "pds/standard.hpp"

namespace caremarket::pds {
namespace {
using nlohmann::json;

std::vector<std::filesystem::path> case_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(CAREMARKET_TEST_DIR) + "/cases/pds")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class PdsCase : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(PdsCase, ValidatesAsExpected) {
  std::ifstream in(GetParam());
  ASSERT_TRUE(in) << GetParam();
  const json c = json::parse(in);
  SCOPED_TRACE(c.value("description", ""));
  const auto kind = c.at("kind").get<std::string>();
  ASSERT_TRUE(kind == "referral" || kind == "placement") << kind;
  const auto& doc = c.at("document");
  const Status s = kind == "referral" ? validate_referral(doc) : validate_placement(doc);

  const auto& expect = c.at("expect");
  if (expect == "ok") {
    EXPECT_TRUE(s) << (s ? "" : s.error().field + ": " + s.error().message);
    return;
  }
  ASSERT_FALSE(s) << "expected an error on " << expect.at("field");
  EXPECT_EQ(s.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(s.error().field, expect.at("field").get<std::string>()) << s.error().message;
  for (const auto& part : expect.value("message_contains", std::vector<std::string>{})) {
    EXPECT_NE(s.error().message.find(part), std::string::npos) << "'" << part << "' not in: " << s.error().message;
  }
}

std::string case_name(const ::testing::TestParamInfo<std::filesystem::path>& info) {
  std::string name = info.param.stem().string();
  std::replace_if(
      name.begin(), name.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, PdsCase, ::testing::ValuesIn(case_files()), case_name);

TEST(PdsCases, FolderHoldsCases) { EXPECT_GE(case_files().size(), 10u); }

}  // namespace
}  // namespace caremarket::pds
