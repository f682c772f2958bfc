// A fee review by contract id, over HTTP: each contract's price and places
// and its service's rating are read from the store and the register, and
// give exactly what the same figures typed in give. The inline form still
// works beside it; other councils' contracts do not exist.
#include "e2e/brokerage_support.hpp"

namespace caremarket::e2e {
namespace {

std::int64_t pence(const json& money) { return money.at("amount_pence").get<std::int64_t>(); }

// The demo's Birmingham contract of this model (there is one of each).
json demo_contract(const Party& officer, const std::string& model) {
  const auto list = api().get("/api/contracts?model=" + model, officer.token);
  EXPECT_EQ(list.status, 200) << describe(list);
  for (const auto& c : list.body.at("items")) {
    if (c.at("synthetic").get<bool>()) return c;
  }
  ADD_FAILURE() << "no demo " << model;
  return json::object();
}

std::string rating_of(std::int64_t service_id) {
  const auto s = api().get("/api/services/" + std::to_string(service_id), token(Who::council));
  EXPECT_EQ(s.status, 200) << describe(s);
  return s.body.at("rating").at("overall");
}

TEST(FeeReviewContracts, StoredContractsGiveWhatTheirFiguresTypedInGive) {
  const Party officer = party_for(council_id(kBirmingham), "contract officer", {"contract_officer"});
  const json block = demo_contract(officer, "block");
  const json soft = demo_contract(officer, "soft_block");
  const auto block_id = block.at("id").get<std::int64_t>();
  const auto soft_id = soft.at("id").get<std::int64_t>();
  const json base{{"envelope", "20000.00"}, {"nlw_change", "6.70"}, {"cpi", "3.00"}};
  json by_id = base;
  by_id["contracts"] = {{{"contract_id", block_id}}, {{"contract_id", soft_id}, {"kpi_score", 80}}};
  const auto stored = api().post("/api/fee-review", by_id, officer.token);
  ASSERT_EQ(stored.status, 200) << describe(stored);
  // Read by hand from the demo: the block's 4 beds at 1210.00 a week, 4 x 1210.00 x 52 = 251,680.00;
  // the soft block's 12 committed in marginal bands, 10 x 1150.00 + 2 x 1090.00 = 13,680.00 a week,
  // 1140.00 a place, x 52 = 711,360.00. Cost pressure 60% x 6.70% + 40% x 3.00% = 5.22%:
  //   25,168,000p x 522 / 10,000 = 1,313,769.6p -> 13,137.70; 71,136,000p x 522 / 10,000 = 3,713,299.2p -> 37,132.99.
  const auto& got = stored.body.at("contracts");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].at("contract_id"), block_id);
  EXPECT_EQ(pence(got[0].at("annual_spend")), 25168000);
  EXPECT_EQ(pence(got[0].at("weekly_price")), 121000);
  EXPECT_EQ(got[0].at("places"), 4);
  EXPECT_EQ(pence(got[0].at("cost_pressure")), 1313770);
  EXPECT_EQ(pence(got[1].at("annual_spend")), 71136000);
  EXPECT_EQ(pence(got[1].at("weekly_price")), 114000);
  EXPECT_EQ(got[1].at("places"), 12);
  EXPECT_EQ(pence(got[1].at("cost_pressure")), 3713299);
  const std::string block_rating = rating_of(block.at("services").at(0).at("service_id"));
  const std::string soft_rating = rating_of(soft.at("services").at(0).at("service_id"));
  EXPECT_EQ(got[0].at("from_store").at("rating"), block_rating);
  EXPECT_EQ(got[1].at("from_store").at("rating"), soft_rating);
  EXPECT_NE(got[0].at("from_store").at("kpi").get<std::string>().find("no KPI performance is stored"),
            std::string::npos);
  EXPECT_NE(got[1].at("from_store").at("price").get<std::string>().find("marginal"), std::string::npos);

  // The same figures typed in: the same uplifts to the penny.
  json inline_body = base;
  inline_body["contracts"] = {
      {{"id", block_id}, {"weekly_price", "1210.00"}, {"places", 4}, {"rating", block_rating}},
      {{"id", soft_id}, {"weekly_price", "1140.00"}, {"places", 12}, {"rating", soft_rating}, {"kpi_score", 80}}};
  const auto typed = api().post("/api/fee-review", inline_body, officer.token);
  ASSERT_EQ(typed.status, 200) << describe(typed);
  for (std::size_t i = 0; i < 2; ++i) {
    for (const char* key :
         {"annual_spend", "cost_pressure", "quality_weight", "uplift", "flat_uplift", "new_weekly_price"}) {
      EXPECT_EQ(got[i].at(key), typed.body.at("contracts")[i].at(key)) << i << " " << key;
    }
  }
  EXPECT_EQ(stored.body.at("total"), typed.body.at("total"));
  EXPECT_FALSE(typed.body.at("contracts")[0].contains("from_store"));
}

TEST(FeeReviewContracts, WhatCannotBeReadIsRefused) {
  const Party officer = party_for(council_id(kBirmingham), "contract officer", {"contract_officer"});
  const json base{{"envelope", "20000.00"}, {"nlw_change", "6.70"}, {"cpi", "3.00"}};
  const auto block_id = demo_contract(officer, "block").at("id").get<std::int64_t>();
  json both = base;
  both["contracts"] = {{{"contract_id", block_id}, {"weekly_price", "900.00"}}};
  EXPECT_TRUE(
      is_error(api().post("/api/fee-review", both, officer.token), 400, "invalid_input", "contracts[0].weekly_price"));
  json twice = base;
  twice["contracts"] = {{{"contract_id", block_id}}, {{"id", block_id}, {"annual_spend", "1000.00"}}};
  EXPECT_TRUE(is_error(api().post("/api/fee-review", twice, officer.token), 400, "invalid_input", "contracts[1].id"));
  // Greater Manchester's framework is not Birmingham's: to Birmingham it does not exist.
  const Party manchester = party_for(council_id("E08000003"), "Manchester officer", {"contract_officer"});
  const auto gm = demo_contract(manchester, "framework").at("id").get<std::int64_t>();
  json theirs = base;
  theirs["contracts"] = {{{"contract_id", gm}}};
  EXPECT_TRUE(
      is_error(api().post("/api/fee-review", theirs, officer.token), 404, "not_found", "contracts[0].contract_id"));
  // A framework with no call-off in force has nothing to price.
  const auto reply = api().post("/api/fee-review", theirs, manchester.token);
  EXPECT_TRUE(is_error(reply, 400, "invalid_input", "contracts[0].contract_id")) << describe(reply);
  EXPECT_NE(reply.text.find("no call-off in force"), std::string::npos) << reply.text;
}

}  // namespace
}  // namespace caremarket::e2e
