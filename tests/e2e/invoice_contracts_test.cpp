// Invoices from stored contracts, over HTTP: a block bought through the API
// is invoiced whether used or not with its voids shown, and a soft block's
// cost:volume band and band mode appear on the invoice. The pence are
// worked by hand below.
#include <chrono>

#include "core/dates.hpp"
#include "e2e/brokerage_support.hpp"

namespace caremarket::e2e {
namespace {

json create_contract(const Party& officer, const json& body) {
  const auto reply = api().post("/api/contracts", body, officer.token);
  EXPECT_EQ(reply.status, 201) << describe(reply);
  const auto id = reply.body.value("id", std::int64_t{0});
  const auto live =
      api().post("/api/contracts/" + std::to_string(id) + "/status", {{"status", "active"}}, officer.token);
  EXPECT_EQ(live.status, 200) << describe(live);
  return reply.body;
}

const json* line_of(const json& invoice, const std::string& kind, std::int64_t contract_id) {
  for (const auto& l : invoice.at("lines")) {
    if (l.at("kind") == kind && l.at("contract_id") == contract_id) return &l;
  }
  return nullptr;
}

TEST(InvoiceContracts, ABlocksVoidsAreInvoicedAndASoftBlocksBandShows) {
  const Party council = demo_party(Who::council);
  const Party officer = party_for(council_id(kBirmingham), "contract officer", {"contract_officer"});
  // The week after this one, Monday to Sunday; the placement starts on its Wednesday.
  const Date today = Date::parse_iso(date_in_days(0)).value();
  const Date monday = today.plus_days(7 - static_cast<int>((today.weekday() - std::chrono::Monday).count()));
  const Date wednesday = monday.plus_days(2);

  const auto referral_id = create_referral(council, adult_referral(adult_person(), true)).at("id").get<std::int64_t>();
  const auto asked = asked_by_provider(send_referral(council, referral_id));
  // A provider the demo's own contracts do not name.
  auto chosen = asked.begin();
  while (chosen != asked.end() && chosen->first == login_as(Who::provider).organisation_id()) ++chosen;
  ASSERT_NE(chosen, asked.end());
  const auto provider_id = chosen->first;
  const auto service_id = chosen->second.front();
  const json common{{"kinds", {"care_home_nursing", "care_home_residential"}},
                    {"providers", {provider_id}},
                    {"start", monday.to_string()},
                    {"end", monday.plus_days(400).to_string()}};
  json block_body = common;
  block_body.update({{"model", "block"},
                     {"reference", "E2E-INV-B"},
                     {"title", "Three nursing places"},
                     {"services", {{{"service_id", service_id}, {"committed", 3}}}},
                     {"unit_price", "1000.00"}});
  const auto block = create_contract(officer, block_body).at("id").get<std::int64_t>();
  json soft_body = common;
  soft_body.update(
      {{"model", "soft_block"},
       {"reference", "E2E-INV-SB"},
       {"title", "Two places, cost:volume"},
       {"services", {{{"service_id", service_id}}}},
       {"band_mode", "whole_volume"},
       {"bands",
        {{{"from_places", 1}, {"weekly_price", "1100.00"}}, {{"from_places", 2}, {"weekly_price", "1050.00"}}}},
       {"committed", 2},
       {"flex", {{"min", 1}, {"max", 4}}},
       {"max_step", 1},
       {"review_weeks", 13},
       {"change_rules", "Reviewed every thirteen weeks; one place either way."}});
  const auto soft = create_contract(officer, soft_body).at("id").get<std::int64_t>();

  const Party provider = provider_party(provider_id);
  const auto offer = api().post(
      "/api/referrals/" + std::to_string(referral_id) + "/offers",
      {{"service_id", service_id}, {"price_pence", 100000}, {"start_date", wednesday.to_string()}}, provider.token);
  ASSERT_EQ(offer.status, 201) << describe(offer);
  const auto award = api().post("/api/referrals/" + std::to_string(referral_id) + "/award",
                                {{"offer_id", offer.body.at("id")}}, council.token);
  ASSERT_EQ(award.status, 201) << describe(award);
  EXPECT_EQ(award.body.at("call_off").at("contract_id"), block) << "the block has room, so it is drawn on first";
  const auto placement = award.body.at("id").get<std::int64_t>();

  const auto made = api().post("/api/invoices/generate",
                               {{"provider_id", provider_id}, {"period_start", monday.to_string()}}, officer.token);
  ASSERT_EQ(made.status, 201) << describe(made);
  const json& inv = made.body;
  // Block: 3 places x 1000.00 for the whole week: 300000p = 3000.00. The placement fills one
  //   place from Wednesday: voids 3 + 3 + 2 x 5 = 16 place-days, costed
  //   300000p x 16 / (7 x 3) = 228571.43p -> 2285.71, shown and not added.
  // Soft block, whole volume: 2 committed reach the band from 2, so both at 1050.00 (not
  //   1100.00): 105000p x 2 x 7 / 7 = 210000p = 2100.00; nobody placed: 14 void place-days,
  //   210000p x 14 / (7 x 2) = 210000p = 2100.00, not added.
  // The placement is paid through the block's lines (0.00). Total 3000.00 + 2100.00 = 5100.00.
  EXPECT_EQ(inv.at("total").at("amount"), "5100.00") << made.text;
  ASSERT_EQ(inv.at("lines").size(), 5u) << made.text;
  const json& first = inv.at("lines")[0];
  EXPECT_EQ(first.at("placement_id"), placement);
  EXPECT_EQ(first.at("within_block"), true);
  EXPECT_EQ(first.at("days"), 5);
  EXPECT_EQ(first.at("amount").at("amount_pence"), 0);

  const json* committed = line_of(inv, "commitment", block);
  ASSERT_NE(committed, nullptr);
  EXPECT_EQ(committed->at("amount").at("amount"), "3000.00");
  EXPECT_EQ(committed->at("to_place"), 3);
  const json* block_voids = line_of(inv, "voids", block);
  ASSERT_NE(block_voids, nullptr);
  EXPECT_EQ(block_voids->at("places"), 16);
  EXPECT_EQ(block_voids->at("amount").at("amount"), "2285.71");
  EXPECT_EQ(block_voids->at("in_total"), false);

  const json* band = line_of(inv, "commitment", soft);
  ASSERT_NE(band, nullptr);
  EXPECT_EQ(band->at("weekly_price").at("amount"), "1050.00") << "the band reached applies to the whole volume";
  EXPECT_EQ(band->at("amount").at("amount"), "2100.00");
  EXPECT_EQ(band->at("band_mode"), "whole_volume");
  EXPECT_NE(band->at("note").get<std::string>().find("whole volume at the price of the band reached"),
            std::string::npos);
  const json* soft_voids = line_of(inv, "voids", soft);
  ASSERT_NE(soft_voids, nullptr);
  EXPECT_EQ(soft_voids->at("places"), 14);
  EXPECT_EQ(soft_voids->at("amount").at("amount"), "2100.00");
  EXPECT_EQ(soft_voids->at("band_mode"), "whole_volume");

  // Read back: the same lines, the band mode kept.
  const auto again = api().get("/api/invoices/" + std::to_string(inv.at("id").get<std::int64_t>()), officer.token);
  ASSERT_EQ(again.status, 200) << describe(again);
  EXPECT_EQ(again.body.at("lines"), inv.at("lines"));
}

}  // namespace
}  // namespace caremarket::e2e
