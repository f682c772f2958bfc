// Prices over HTTP: templates and the calculator, council price models,
// providers' open-book submissions and their explanation, the block sizing
// advisor and the fee review. Pence are worked by hand (see the comments and
// tests/cases/pricing); refused requests write nothing.
#include "e2e/brokerage_support.hpp"

namespace caremarket::e2e {
namespace {

std::int64_t pence(const json& money) { return money.at("amount_pence").get<std::int64_t>(); }

const json* line(const json& lines, const std::string& name) {
  for (const auto& l : lines) {
    if (l.at("name") == name) return &l;
  }
  return nullptr;
}

std::string models_target(std::int64_t council) { return "/api/councils/" + std::to_string(council) + "/price-models"; }
std::string open_book_target(std::int64_t service, const std::string& tail = "") {
  return "/api/services/" + std::to_string(service) + "/open-book" + tail;
}

// The block sizing case worked by hand below.
json block_sizing_body() {
  return {{"demand", {{"samples", {8, 10, 12, 10}}}},
          {"spot_price", "1000.00"},
          {"block_schedule", {{"mode", "whole_volume"}, {"bands", {{{"from", 1}, {"price", "800.00"}}}}}},
          {"void_cost", "0.00"},
          {"soft_flex", 1}};
}

json fee_review_body() {
  return {{"envelope", "10000.00"},
          {"nlw_change", "6.70"},
          {"cpi", "3.00"},
          {"contracts",
           {{{"id", 1}, {"annual_spend", "100000.00"}, {"rating", "good"}, {"kpi_score", 50}, {"pay_share", "60.00"}},
            {{"id", 2},
             {"weekly_price", "800.00"},
             {"places", 5},
             {"rating", "outstanding"},
             {"kpi_score", 100},
             {"pay_share", "70.00"}}}}};
}

TEST(PricingApi, TemplatesListEveryParameterWithItsDefaultAndSource) {
  const auto reply = api().get("/api/price-templates", token(Who::provider));
  ASSERT_EQ(reply.status, 200) << describe(reply);
  ASSERT_EQ(reply.body.at("items").size(), 2u);
  const auto& care_home = reply.body.at("items")[0];
  EXPECT_EQ(care_home.at("template"), "care_home");
  EXPECT_EQ(care_home.at("unit"), "week");
  bool saw_pay = false;
  for (const auto& p : care_home.at("parameters")) {
    EXPECT_FALSE(p.at("source").get<std::string>().empty()) << p.dump();
    if (p.at("name") == "care_pay") {
      saw_pay = true;
      EXPECT_EQ(p.at("default"), "12.21");
      EXPECT_NE(p.at("source").get<std::string>().find("National Living Wage"), std::string::npos);
    }
  }
  EXPECT_TRUE(saw_pay);
  EXPECT_TRUE(is_error(api().get("/api/price-templates"), 401, "unauthenticated"));
}

TEST(PricingApi, CalculateGivesTheHandWorkedPence) {
  // Case 05: the care home template at its defaults, £1,116.03 a resident week.
  auto reply = api().post("/api/price-model/calculate", {{"template", "care_home"}}, token(Who::provider));
  ASSERT_EQ(reply.status, 200) << describe(reply);
  EXPECT_EQ(pence(reply.body.at("price")), 111603);
  EXPECT_EQ(pence(reply.body.at("pay")), 50547);
  ASSERT_NE(line(reply.body.at("lines"), "return on capital"), nullptr);
  EXPECT_EQ(pence(line(reply.body.at("lines"), "return on capital")->at("amount")), 20362);
  EXPECT_EQ(reply.body.at("parameters").at("occupancy"), "85.00");
  std::int64_t sum = 0;
  for (const auto& l : reply.body.at("lines")) sum += pence(l.at("amount"));
  EXPECT_EQ(sum, 111603) << "the lines add up to the price";
  // Case 06: a nursing home, 9 nurse hours at £21.50.
  reply = api().post("/api/price-model/calculate",
                     {{"template", "care_home"}, {"parameters", {{"nursing_hours", "9.00"}, {"nurse_pay", "21.50"}}}},
                     token(Who::council));
  ASSERT_EQ(reply.status, 200) << describe(reply);
  EXPECT_EQ(pence(reply.body.at("price")), 137540);
  // Case 07: home care, £32.55 a contact hour.
  reply = api().post("/api/price-model/calculate", {{"template", "home_care"}}, token(Who::operator_));
  ASSERT_EQ(reply.status, 200) << describe(reply);
  EXPECT_EQ(pence(reply.body.at("price")), 3255);
  EXPECT_EQ(reply.body.at("unit"), "hour");
  // Own lines: 28 h x £12.50 = £350.00 pay; NI 10% = £35.00; food £42.00; base £427.00;
  // 5% of the price: £427.00 / 0.95 = £449.4737 -> £449.47, surplus £22.47.
  reply = api().post("/api/price-model/calculate",
                     {{"lines",
                       {{{"name", "care staff"},
                         {"kind", "quantity_rate"},
                         {"rate", "12.50"},
                         {"quantity", "28.00"},
                         {"is_pay", true}},
                        {{"name", "employer national insurance"}, {"kind", "percent_of_pay"}, {"percent", "10.00"}},
                        {{"name", "food"}, {"kind", "fixed"}, {"amount", "42.00"}},
                        {{"name", "surplus"}, {"kind", "percent_of_price"}, {"percent", "5.00"}}}}},
                     token(Who::provider));
  ASSERT_EQ(reply.status, 200) << describe(reply);
  EXPECT_EQ(pence(reply.body.at("price")), 44947);
  EXPECT_EQ(pence(line(reply.body.at("lines"), "surplus")->at("amount")), 2247);
}

TEST(PricingApi, CalculateRefusesBadModelsNamingTheField) {
  const auto& t = token(Who::provider);
  const auto post = [&](const json& body) { return api().post("/api/price-model/calculate", body, t); };
  EXPECT_TRUE(is_error(post({{"template", "care_home"}, {"parameters", {{"nursing_hourz", "9.00"}}}}), 400,
                       "invalid_input", "parameters.nursing_hourz"));
  EXPECT_TRUE(is_error(post({{"template", "care_home"}, {"parameters", {{"care_pay", "12.215"}}}}), 400,
                       "invalid_input", "parameters.care_pay"));
  EXPECT_TRUE(is_error(post({{"template", "care_home"}, {"parameters", {{"occupancy", "120.00"}}}}), 400,
                       "invalid_input", "parameters.occupancy"));
  EXPECT_TRUE(is_error(post({{"template", "bungalow"}}), 400, "invalid_input", "template"));
  EXPECT_TRUE(is_error(post(json::object()), 400, "invalid_input", "template"));
  EXPECT_TRUE(is_error(post({{"template", "care_home"}, {"lines", json::array()}}), 400, "invalid_input", "template"));
  EXPECT_TRUE(
      is_error(post({{"lines", {{{"name", "a"}, {"kind", "fixed"}}}}}), 400, "invalid_input", "lines[0].amount"));
  EXPECT_TRUE(is_error(post({{"lines", {{{"name", "a"}, {"kind", "fixed"}, {"amount", "1.00"}, {"percent", "3.00"}}}}}),
                       400, "invalid_input", "lines[0].percent"));
  EXPECT_TRUE(is_error(post({{"lines",
                              {{{"name", "a"}, {"kind", "fixed"}, {"amount", "1.00"}},
                               {{"name", "b"}, {"kind", "percent_of_price"}, {"percent", "60.00"}},
                               {{"name", "c"}, {"kind", "percent_of_price"}, {"percent", "40.00"}}}}}),
                       400, "invalid_input", "lines"));
  EXPECT_TRUE(is_error(post({{"template", "home_care"}, {"colour", "red"}}), 400, "invalid_input", "colour"));
  EXPECT_TRUE(is_error(api().send_text("POST", "/api/price-model/calculate", "{not json", t), 400, "invalid_input"));
  EXPECT_TRUE(is_error(api().post("/api/price-model/calculate", {{"template", "care_home"}}), 401, "unauthenticated"));
}

TEST(PricingApi, BlockSizingComparesTheThreeWaysByHand) {
  const auto reply = api().post("/api/block-sizing", block_sizing_body(), token(Who::council));
  ASSERT_EQ(reply.status, 200) << describe(reply);
  const auto& s = reply.body.at("strategies");
  ASSERT_EQ(s.size(), 3u);
  // Spot: 8, 10, 12, 10 places at £1,000: mean £10,000; the 90th percentile week £12,000.
  EXPECT_EQ(s[0].at("strategy"), "spot_only");
  EXPECT_EQ(pence(s[0].at("expected_weekly")), 1000000);
  EXPECT_EQ(pence(s[0].at("p90_weekly")), 1200000);
  // Rigid 8 at £800 = £6,400 plus spot for 0, 2, 4, 2 places: mean £8,400, worst £10,400
  // (9 places: £8,450; 10: £8,500; 7: £8,600).
  EXPECT_EQ(s[1].at("commitment"), 8);
  EXPECT_EQ(pence(s[1].at("expected_weekly")), 840000);
  EXPECT_EQ(pence(s[1].at("p90_weekly")), 1040000);
  // Soft 9 +/- 1: pays 8, 10, 10 (+2 spot), 10: £6,400, £8,000, £10,000, £8,000: mean £8,100.
  EXPECT_EQ(s[2].at("commitment"), 9);
  EXPECT_EQ(pence(s[2].at("expected_weekly")), 810000);
  EXPECT_EQ(pence(s[2].at("p90_weekly")), 1000000);
  EXPECT_EQ(pence(s[2].at("expected_saving_on_spot")), 190000);
  EXPECT_EQ(reply.body.at("best"), "soft_block");
  EXPECT_EQ(reply.body.at("demand").at("mean_places"), "10.00");

  // A normal forecast gives 200 deterministic weeks.
  json normal = block_sizing_body();
  normal["demand"] = {{"mean", 20}, {"spread", 4.5}};
  const auto again = api().post("/api/block-sizing", normal, token(Who::council));
  ASSERT_EQ(again.status, 200) << describe(again);
  EXPECT_EQ(again.body.at("demand").at("weeks"), 200);
  EXPECT_EQ(api().post("/api/block-sizing", normal, token(Who::council)).body, again.body);
}

TEST(PricingApi, BlockSizingRefusesBadInputAndProviders) {
  const auto& t = token(Who::council);
  json both = block_sizing_body();
  both["demand"]["mean"] = 10;
  EXPECT_TRUE(is_error(api().post("/api/block-sizing", both, t), 400, "invalid_input", "demand"));
  json no_first_band = block_sizing_body();
  no_first_band["block_schedule"]["bands"][0]["from"] = 3;
  EXPECT_EQ(api().post("/api/block-sizing", no_first_band, t).status, 400);
  json negative = block_sizing_body();
  negative["demand"]["samples"] = {5, -1};
  EXPECT_TRUE(is_error(api().post("/api/block-sizing", negative, t), 400, "invalid_input", "demand.samples"));
  json floaty = block_sizing_body();
  floaty["spot_price"] = 1000.5;
  EXPECT_TRUE(is_error(api().post("/api/block-sizing", floaty, t), 400, "invalid_input", "spot_price"));
  EXPECT_TRUE(is_error(api().post("/api/block-sizing", block_sizing_body(), token(Who::provider)), 403, "forbidden"));
}

TEST(PricingApi, FeeReviewRewardsQualityWithinTheEnvelope) {
  const auto reply = api().post("/api/fee-review", fee_review_body(), token(Who::council));
  ASSERT_EQ(reply.status, 200) << describe(reply);
  // Contract 1: 60% pay x 6.70% + 40% x 3.00% = 5.22% of £100,000 = £5,220.00; good, KPI 50: weight 1.00.
  // Contract 2: £800 x 5 places x 52 = £208,000; 70% x 6.70% + 30% x 3.00% = 5.59% = £11,627.20;
  //   outstanding 1.2 x KPI 100 (1.1) = 1.32: £15,347.904 -> £15,347.90.
  // Weighted £20,567.90 > the £10,000 envelope: split 522000 : 1534790 of 1,000,000p:
  //   253,793.9 -> 253,793 and 746,206.06 -> 746,206; the spare penny to the larger remainder (contract 1).
  const auto& c = reply.body.at("contracts");
  EXPECT_EQ(pence(c[0].at("cost_pressure")), 522000);
  EXPECT_EQ(pence(c[1].at("cost_pressure")), 1162720);
  EXPECT_EQ(c[1].at("quality_weight"), "1.32");
  EXPECT_EQ(pence(c[0].at("uplift")), 253794);
  EXPECT_EQ(pence(c[1].at("uplift")), 746206);
  EXPECT_TRUE(reply.body.at("envelope_binding").get<bool>());
  EXPECT_EQ(pence(reply.body.at("total")), 1000000);
  EXPECT_EQ(pence(reply.body.at("unspent")), 0);
  // Flat: £10,000 over £308,000 of spend: 324,675.32 -> 324,675 and 675,324.67 -> 675,325 (3.25%).
  EXPECT_EQ(pence(c[0].at("flat_uplift")), 324675);
  EXPECT_EQ(pence(c[1].at("flat_uplift")), 675325);
  EXPECT_EQ(reply.body.at("flat_uplift_percent"), "3.25");
  // Contract 2's week: £800.00 + £7,462.06 / 260 place-weeks (£28.7002 -> £28.70) = £828.70.
  EXPECT_EQ(pence(c[1].at("new_weekly_price")), 82870);
  EXPECT_EQ(c[0].count("new_weekly_price"), 0u);
}

TEST(PricingApi, FeeReviewRefusesBadInputAndProviders) {
  const auto& t = token(Who::council);
  json twice = fee_review_body();
  twice["contracts"][1]["id"] = 1;
  EXPECT_TRUE(is_error(api().post("/api/fee-review", twice, t), 400, "invalid_input", "contracts[1].id"));
  json both = fee_review_body();
  both["contracts"][0]["weekly_price"] = "800.00";
  EXPECT_TRUE(is_error(api().post("/api/fee-review", both, t), 400, "invalid_input"));
  json kpi = fee_review_body();
  kpi["contracts"][0]["kpi_score"] = 101;
  EXPECT_TRUE(is_error(api().post("/api/fee-review", kpi, t), 400, "invalid_input", "contracts[0].kpi_score"));
  json no_cpi = fee_review_body();
  no_cpi.erase("cpi");
  EXPECT_TRUE(is_error(api().post("/api/fee-review", no_cpi, t), 400, "invalid_input", "cpi"));
  json rating = fee_review_body();
  rating["contracts"][0]["rating"] = "splendid";
  EXPECT_TRUE(is_error(api().post("/api/fee-review", rating, t), 400, "invalid_input", "contracts[0].rating"));
  EXPECT_TRUE(is_error(api().post("/api/fee-review", fee_review_body(), token(Who::provider)), 403, "forbidden"));
}

TEST(PricingApi, TheDemoCouncilHasSyntheticModelsInForce) {
  const auto council = council_id(kBirmingham);
  const auto reply = api().get(models_target(council), token(Who::provider));  // councils publish them
  ASSERT_EQ(reply.status, 200) << describe(reply);
  std::set<std::string> kinds;
  for (const auto& m : reply.body.at("items")) {
    EXPECT_TRUE(m.at("synthetic").get<bool>());
    if (m.at("current").get<bool>()) kinds.insert(m.at("kind").get<std::string>());
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"care_home_nursing", "care_home_residential", "home_care"}));
}

TEST(PricingApi, OnlyTheCouncilSetsItsModelsAndABadOneWritesNothing) {
  const auto council = council_id(kBirmingham);
  const auto before = api().get(models_target(council), token(Who::council)).body;
  const json model{{"kind", "home_care"},
                   {"effective_from", "2026-04-01"},
                   {"template", "home_care"},
                   {"parameters", {{"care_pay", "12.60"}}}};
  EXPECT_TRUE(
      is_error(api().put(models_target(council), {{"models", {model}}}, token(Who::provider)), 403, "forbidden"));
  EXPECT_TRUE(is_error(api().put(models_target(council_id("E08000009")), {{"models", {model}}}, token(Who::council)),
                       403, "forbidden"));
  // One good model and one bad: neither lands.
  const json wrong_template{{"kind", "home_care"}, {"effective_from", "2026-05-01"}, {"template", "care_home"}};
  EXPECT_TRUE(is_error(api().put(models_target(council), {{"models", {model, wrong_template}}}, token(Who::council)),
                       400, "invalid_input", "models[1]"));
  const json no_nurses{{"kind", "care_home_nursing"}, {"effective_from", "2026-05-01"}, {"template", "care_home"}};
  EXPECT_TRUE(is_error(api().put(models_target(council), {{"models", {model, no_nurses}}}, token(Who::council)), 400,
                       "invalid_input", "models[1].parameters.nursing_hours"));
  EXPECT_TRUE(is_error(api().put(models_target(council), {{"models", {model, model}}}, token(Who::council)), 400,
                       "invalid_input", "models[1]"));
  EXPECT_EQ(api().get(models_target(council), token(Who::council)).body, before) << "a refused change wrote something";
  EXPECT_TRUE(is_error(api().get(models_target(council)), 401, "unauthenticated"));

  // The council's own change lands, is in force, and is priced: £12.60 contact, £4.20 travel,
  // £2.70 mileage, pay £16.80; NI (30 h x £12.60 = £378.00 + £45.62 holiday; 15% x 327.62 / 378) 13.00%.
  const auto saved = api().put(models_target(council), {{"models", {model}}}, token(Who::council));
  ASSERT_EQ(saved.status, 200) << describe(saved);
  bool found = false;
  for (const auto& m : saved.body.at("items")) {
    if (m.at("kind") != "home_care") continue;
    if (m.at("effective_from") == "2026-04-01") {
      found = true;
      EXPECT_TRUE(m.at("current").get<bool>());
      EXPECT_EQ(pence(line(m.at("model").at("lines"), "care worker pay: travel time")->at("amount")), 420);
      EXPECT_EQ(line(m.at("model").at("lines"), "employer national insurance")->at("percent"), "13.00");
    } else {
      EXPECT_FALSE(m.at("current").get<bool>()) << "an older model is no longer in force";
    }
  }
  EXPECT_TRUE(found);
  // A provider's id is no council's.
  EXPECT_TRUE(is_error(api().get(models_target(login_as(Who::provider).organisation_id()), token(Who::council)), 404,
                       "not_found"));
}

TEST(PricingApi, OpenBookIsTheProvidersOwnAndExplainedLineByLine) {
  const auto service = own_service();
  const auto kind = service_as_operator(service).at("kind").get<std::string>();
  ASSERT_TRUE(kind == "care_home_nursing" || kind == "care_home_residential") << kind;
  const bool nursing = kind == "care_home_nursing";
  const auto council = council_id(kBirmingham);
  // The council's model for this kind: the template's defaults (cases 05 and 06).
  json model{
      {"kind", kind}, {"effective_from", "2026-01-01"}, {"template", "care_home"}, {"parameters", json::object()}};
  if (nursing) model["parameters"] = {{"nursing_hours", "9.00"}, {"nurse_pay", "21.50"}};
  ASSERT_EQ(api().put(models_target(council), {{"models", {model}}}, token(Who::council)).status, 200);

  json submission{{"effective_from", "2026-04-01"},
                  {"template", "care_home"},
                  {"note", "two more care hours"},
                  {"parameters", model.at("parameters")}};
  submission["parameters"]["care_hours"] = "28.00";
  // Only the provider that runs the service submits; the count shows nothing else landed.
  const auto count = [&] {
    return api().get(open_book_target(service), token(Who::operator_)).body.at("items").size();
  };
  const auto before = count();
  EXPECT_TRUE(is_error(api().post(open_book_target(service), submission, token(Who::council)), 403, "forbidden"));
  EXPECT_TRUE(
      is_error(api().post(open_book_target(other_service()), submission, token(Who::provider)), 403, "forbidden"));
  json bad = submission;
  bad["parameters"]["care_hours"] = "-2";
  EXPECT_TRUE(is_error(api().post(open_book_target(service), bad, token(Who::provider)), 400, "invalid_input",
                       "parameters.care_hours"));
  json no_date = submission;
  no_date.erase("effective_from");
  EXPECT_TRUE(is_error(api().post(open_book_target(service), no_date, token(Who::provider)), 400, "invalid_input",
                       "effective_from"));
  EXPECT_EQ(count(), before);
  const auto created = api().post(open_book_target(service), submission, token(Who::provider));
  ASSERT_EQ(created.status, 201) << describe(created);
  EXPECT_EQ(count(), before + 1);

  // Seen by the provider and by councils; not by another provider.
  EXPECT_EQ(api().get(open_book_target(service), token(Who::provider)).status, 200);
  EXPECT_EQ(api().get(open_book_target(service), token(Who::council)).status, 200);
  EXPECT_TRUE(is_error(api().get(open_book_target(other_service()), token(Who::provider)), 403, "forbidden"));

  // Two more care hours: +£24.42 of care staff, and on-costs and return follow.
  // Residential: pay £529.89, holiday £63.96, NI £68.25, pension £12.61, base £1,091.33,
  //   price £1,091.33 / 0.95 = £1,148.7684 -> £1,148.77; model £1,116.03: £32.74 above.
  // Nursing: pay £723.39, holiday £87.31, NI £93.17, pension £17.22, base £1,337.71,
  //   price £1,408.1158 -> £1,408.12; model £1,375.40: £32.72 above.
  const auto explained = api().get(open_book_target(service, "/explain"), token(Who::council));
  ASSERT_EQ(explained.status, 200) << describe(explained);
  const auto& e = explained.body;
  EXPECT_EQ(pence(e.at("model_price")), nursing ? 137540 : 111603);
  EXPECT_EQ(pence(e.at("offer_price")), nursing ? 140812 : 114877);
  EXPECT_EQ(pence(e.at("difference")), nursing ? 3272 : 3274);
  EXPECT_EQ(e.at("direction"), "above");
  const auto& lines = e.at("lines");
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0].at("name"), "care staff");  // the largest difference first
  EXPECT_EQ(pence(lines[0].at("difference")), 2442);
  std::int64_t sum = 0, previous = std::numeric_limits<std::int64_t>::max();
  for (const auto& l : lines) {
    const auto d = pence(l.at("difference"));
    sum += d;
    EXPECT_LE(std::llabs(d), previous) << "largest difference first";
    previous = std::llabs(d);
  }
  EXPECT_EQ(sum, pence(e.at("difference"))) << "the lines explain the whole difference";
  EXPECT_EQ(pence(line(lines, "return on capital")->at("difference")), 0);
  // The provider sees the same comparison (its own area's council by default).
  const auto as_provider = api().get(open_book_target(service, "/explain"), token(Who::provider));
  ASSERT_EQ(as_provider.status, 200) << describe(as_provider);
  EXPECT_EQ(as_provider.body.at("council_id"), council);
  EXPECT_EQ(as_provider.body.at("lines"), lines);
  EXPECT_TRUE(is_error(api().get(open_book_target(service, "/explain?council_id=x"), token(Who::council)), 400,
                       "invalid_input", "council_id"));
}

TEST(PricingApi, AnOfferIsComparedWithTheCouncilsModel) {
  const Party council = demo_party(Who::council);
  const auto person = adult_person();
  const auto sent =
      send_referral(council, create_referral(council, adult_referral(person)).at("id").get<std::int64_t>());
  const auto referral = sent.at("id").get<std::int64_t>();
  const auto asked = asked_by_provider(sent);
  ASSERT_FALSE(asked.empty());
  const auto& [provider_id, services] = *asked.begin();
  const Party provider = provider_party(provider_id);
  const auto offer = make_offer(provider, referral, services.front(), 120000).at("id").get<std::int64_t>();
  const std::string target = "/api/offers/" + std::to_string(offer) + "/price-explanation";

  // The council's nursing model in force (the demo's): the offer's £1,200.00 against it.
  std::int64_t model_price = 0;
  const auto models = api().get(models_target(council_id(kBirmingham)), council.token);  // kept: the loop reads into it
  for (const auto& m : models.body.at("items")) {
    if (m.at("kind") == "care_home_nursing" && m.at("current").get<bool>())
      model_price = pence(m.at("model").at("price"));
  }
  ASSERT_GT(model_price, 0) << models.text;
  const bool had_open_book = !api().get(open_book_target(services.front()), provider.token).body.at("items").empty();
  auto reply = api().get(target, council.token);
  ASSERT_EQ(reply.status, 200) << describe(reply);
  EXPECT_EQ(pence(reply.body.at("model_price")), model_price);
  EXPECT_EQ(pence(reply.body.at("difference")), 120000 - model_price);
  if (!had_open_book) { EXPECT_TRUE(reply.body.at("lines").empty()); }

  // With an open-book submission the lines explain the model-to-submission part.
  json submission{{"effective_from", "2026-04-01"},
                  {"template", "care_home"},
                  {"parameters", {{"nursing_hours", "10.00"}, {"care_hours", "27.00"}}}};
  ASSERT_EQ(api().post(open_book_target(services.front()), submission, provider.token).status, 201);
  reply = api().get(target, provider.token);
  ASSERT_EQ(reply.status, 200) << describe(reply);
  ASSERT_FALSE(reply.body.at("lines").empty());
  const auto open_book = pence(reply.body.at("open_book_price"));
  std::int64_t sum = 0;
  for (const auto& l : reply.body.at("lines")) sum += pence(l.at("difference"));
  EXPECT_EQ(sum, open_book - model_price);
  EXPECT_EQ(pence(reply.body.at("not_explained_by_lines")), 120000 - open_book);
  EXPECT_TRUE(is_error(api().get("/api/offers/987654321/price-explanation", council.token), 404, "not_found"));
}

}  // namespace
}  // namespace caremarket::e2e
