// Runs every case file in tests/cases/allocation: a small market, the waiting
// referrals of some councils and what must come out. Every result is also
// checked against every constraint (check_outcome.hpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "allocation/case_json.hpp"
#include "allocation/check_outcome.hpp"

namespace caremarket::allocation {
namespace {
using nlohmann::json;

std::vector<std::filesystem::path> case_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(CAREMARKET_TEST_DIR) + "/cases/allocation")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

const Match& match_of(const Outcome& o, const std::string& id) {
  for (const auto& m : o.matches)
    if (std::to_string(m.referral_id) == id) return m;
  throw std::runtime_error("no referral " + id);
}

class AllocationCase : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(AllocationCase, AllocatesAsExpected) {
  std::ifstream file(GetParam());
  const json c = json::parse(file);
  SCOPED_TRACE(c.value("description", ""));
  const auto problem = testing::problem_from(c);
  const auto outcome = allocate(problem);
  ASSERT_TRUE(outcome) << outcome.error().message;
  testing::check_outcome(problem, *outcome);
  EXPECT_TRUE(outcome->optimal);
  const auto& expect = c.at("expect");
  const json placed_section = expect.value("placed", json::object());
  for (const auto& [id, service] : placed_section.items()) {
    const auto& m = match_of(*outcome, id);
    if (service.is_null()) {
      EXPECT_FALSE(m.placed) << "referral " << id;
    } else {
      ASSERT_TRUE(m.placed) << "referral " << id << ": " << m.unplaced_reason;
      EXPECT_EQ(m.chosen->service_id, service.get<std::int64_t>()) << "referral " << id;
    }
  }
  if (expect.contains("places_placed")) { EXPECT_EQ(outcome->places_placed, expect.at("places_placed").get<int>()); }
  if (expect.contains("fairness_repair")) {
    EXPECT_EQ(outcome->fairness_repair, expect.at("fairness_repair").get<bool>());
  }
  const json councils_section = expect.value("councils", json::object());
  for (const auto& [id, want] : councils_section.items()) {
    const auto it = std::find_if(outcome->councils.begin(), outcome->councils.end(),
                                 [&](const CouncilShare& s) { return std::to_string(s.council_id) == id; });
    ASSERT_NE(it, outcome->councils.end());
    if (want.contains("placed")) { EXPECT_EQ(it->places_placed, want.at("placed").get<int>()) << "council " << id; }
    if (want.contains("placed_before_repair")) {
      EXPECT_EQ(it->placed_before_repair, want.at("placed_before_repair").get<int>());
    }
    if (want.contains("fair_floor")) { EXPECT_EQ(it->fair_floor, want.at("fair_floor").get<int>()); }
    EXPECT_GE(it->places_placed, std::min(it->fair_floor, it->places_usable)) << "council " << id << " below its floor";
  }
  const json next_best_section = expect.value("next_best", json::object());
  for (const auto& [id, service] : next_best_section.items()) {
    const auto& m = match_of(*outcome, id);
    ASSERT_TRUE(m.next_best.has_value());
    EXPECT_EQ(m.next_best->service_id, service.get<std::int64_t>());
  }
  const json chosen_kind_section = expect.value("chosen_kind", json::object());
  for (const auto& [id, kind] : chosen_kind_section.items()) {
    const auto& m = match_of(*outcome, id);
    ASSERT_TRUE(m.chosen.has_value());
    EXPECT_EQ(to_string(m.chosen->kind), kind.get<std::string>());
  }
  const json unplaced_reason_contains_section = expect.value("unplaced_reason_contains", json::object());
  for (const auto& [id, text] : unplaced_reason_contains_section.items()) {
    EXPECT_NE(match_of(*outcome, id).unplaced_reason.find(text.get<std::string>()), std::string::npos)
        << match_of(*outcome, id).unplaced_reason;
  }
  const json nearer_section = expect.value("nearer", json::object());
  for (const auto& [id, list] : nearer_section.items()) {
    const auto& m = match_of(*outcome, id);
    for (const auto& want : list) {
      const auto it = std::find_if(m.nearer.begin(), m.nearer.end(), [&](const NearerService& n) {
        return n.service_id == want.at("service").get<std::int64_t>();
      });
      ASSERT_NE(it, m.nearer.end()) << "referral " << id << " service " << want.at("service");
      EXPECT_EQ(to_string(it->why), want.at("why").get<std::string>());
      EXPECT_FALSE(it->message.empty());
      if (want.contains("taken_by")) { EXPECT_EQ(it->taken_by, want.at("taken_by").get<std::vector<std::int64_t>>()); }
      if (want.contains("reason")) { EXPECT_EQ(it->reason, want.at("reason").get<std::string>()); }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Files, AllocationCase, ::testing::ValuesIn(case_files()), [](const auto& param_info) {
  std::string name = param_info.param.stem().string();
  for (auto& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
});

}  // namespace
}  // namespace caremarket::allocation
