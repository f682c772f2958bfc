// Invoices over HTTP: a placement awarded through brokerage is invoiced by
// the council, the provider uploads its actuals and reads the differences,
// the council pays, and the on-time rate follows. Bad input is refused
// with nothing written; other councils and providers see nothing.
#include <chrono>

#include "core/dates.hpp"
#include "core/money.hpp"
#include "e2e/brokerage_support.hpp"

namespace caremarket::e2e {
namespace {

struct Placed {
  std::int64_t placement_id = 0;
  std::int64_t provider_id = 0;
  std::int64_t weekly_pence = 0;
  std::string start;
  Person person = adult_person();
};

// A referral awarded to the first provider asked, at a price with pence.
Placed award_placement(const Party& council) {
  Placed placed;
  const json sent = send_referral(council, create_referral(council, adult_referral(placed.person)).at("id"));
  const auto id = sent.at("id").get<std::int64_t>();
  const auto asked = asked_by_provider(sent);
  EXPECT_FALSE(asked.empty());
  if (asked.empty()) return placed;
  placed.provider_id = asked.begin()->first;
  placed.weekly_pence = 123457;
  const auto offer =
      make_offer(provider_party(placed.provider_id), id, asked.begin()->second.front(), placed.weekly_pence);
  for (const auto& [provider, services] : asked) {
    const Party party = provider_party(provider);
    for (const auto service : services) {
      if (provider != placed.provider_id || service != asked.begin()->second.front()) decline(party, id, service);
    }
  }
  EXPECT_EQ(api().post("/api/referrals/" + std::to_string(id) + "/rank", json::object(), council.token).status, 200);
  const auto award =
      api().post("/api/referrals/" + std::to_string(id) + "/award", {{"offer_id", offer.at("id")}}, council.token);
  EXPECT_EQ(award.status, 201) << describe(award);
  placed.placement_id = award.body.value("id", std::int64_t{0});
  placed.start = award.body.value("start_date", std::string());
  return placed;
}

Date iso(const std::string& text) { return Date::parse_iso(text).value(); }
std::string monday_on_or_before(const std::string& day) {
  const Date d = iso(day);
  return d.plus_days(-static_cast<int>((d.weekday() - std::chrono::Monday).count())).to_string();
}
std::string path(std::int64_t id, const std::string& tail = "") { return "/api/invoices/" + std::to_string(id) + tail; }

std::size_t invoice_count(const Party& who) {
  const auto list = api().get("/api/invoices", who.token);
  EXPECT_EQ(list.status, 200) << describe(list);
  return list.body.value("total", std::size_t{0});
}

TEST(InvoicesFlow, FromPlacementToPaidWithActualsReconciled) {
  const Party council = demo_party(Who::council);
  const Placed placed = award_placement(council);
  ASSERT_GT(placed.placement_id, 0);
  ASSERT_FALSE(placed.start.empty());
  const Party provider = provider_party(placed.provider_id);
  const std::string monday = monday_on_or_before(placed.start);
  const int days = static_cast<int>(7 - iso(monday).days_until(iso(placed.start)));
  // The pence by hand: weekly x days / 7, to the nearest penny.
  const std::int64_t expected = (placed.weekly_pence * days * 2 + 7) / 14;

  const json generate{{"provider_id", placed.provider_id},
                      {"period_start", monday},
                      {"cadence", "weekly"},
                      {"payment_terms", "30 days"}};
  const auto created = api().post("/api/invoices/generate", generate, council.token);
  ASSERT_EQ(created.status, 201) << describe(created);
  const auto id = created.body.at("id").get<std::int64_t>();
  EXPECT_EQ(created.body.at("status"), "draft");
  ASSERT_EQ(created.body.at("lines").size(), 1u) << created.text;
  const json& line = created.body.at("lines")[0];
  EXPECT_EQ(line.at("placement_id"), placed.placement_id);
  EXPECT_EQ(line.at("days"), days);
  EXPECT_EQ(line.at("amount").at("amount_pence"), expected);
  EXPECT_EQ(created.body.at("total").at("amount_pence"), expected);
  EXPECT_TRUE(leaked_identifiers(created.text, placed.person).empty()) << "lines name the placement, not the person";

  // Again for the same period: the draft is replaced, not duplicated.
  const auto again = api().post("/api/invoices/generate", generate, council.token);
  ASSERT_EQ(again.status, 200) << describe(again);
  EXPECT_EQ(again.body.at("id"), id);
  EXPECT_TRUE(again.body.at("replaced_draft"));
  EXPECT_EQ(invoice_count(council), 1u);

  // A draft is the council's: to the provider it does not exist yet.
  EXPECT_TRUE(is_error(api().get(path(id), provider.token), 404, "not_found"));
  EXPECT_EQ(invoice_count(provider), 0u);

  const auto issued = api().post(path(id, "/issue"), {{"invoice_date", date_in_days(-10)}}, council.token);
  ASSERT_EQ(issued.status, 200) << describe(issued);
  EXPECT_EQ(issued.body.at("status"), "issued");
  EXPECT_EQ(issued.body.at("due_date"), iso(date_in_days(-10)).plus_days(30).to_string());
  EXPECT_TRUE(is_error(api().post("/api/invoices/generate", generate, council.token), 409, "conflict"));
  EXPECT_TRUE(is_error(api().post(path(id, "/issue"), json::object(), council.token), 409, "conflict"));
  const auto seen = api().get(path(id), provider.token);
  ASSERT_EQ(seen.status, 200) << describe(seen);
  EXPECT_EQ(seen.body.at("total"), issued.body.at("total"));

  // Actuals as a CSV body: the whole week at £1.00 more, and a column the system ignores.
  const std::string header = "placement_id,from,to,days,amount,resident\n";
  const std::string too_many = header + std::to_string(placed.placement_id) + "," + monday + "," +
                               iso(monday).plus_days(6).to_string() + ",7," +
                               Money::from_pence(placed.weekly_pence + 100).to_string() + ",Mrs Example\n";
  const auto differ = api().send("POST", path(id, "/actuals"), too_many,
                                 {{"Content-Type", "text/csv"}, {"Authorization", "Bearer " + provider.token}});
  ASSERT_EQ(differ.status, 201) << describe(differ);
  EXPECT_FALSE(differ.body.at("agrees"));
  EXPECT_EQ(differ.body.at("ignored_columns"), json({"resident"}));
  ASSERT_EQ(differ.body.at("differences").size(), 1u) << differ.text;
  EXPECT_EQ(differ.body.at("differences")[0].at("kind"), days != 7 ? "days_differ" : "amount_differs");
  EXPECT_EQ(differ.body.at("differences")[0].at("their_days"), 7);
  EXPECT_EQ(differ.body.at("differences")[0].at("theirs").at("amount_pence"), placed.weekly_pence + 100);
  EXPECT_EQ(differ.text.find("Mrs Example"), std::string::npos);
  EXPECT_EQ(api().get(path(id), council.token).body.at("status"), "disputed");
  const auto listed = api().get(path(id, "/differences"), council.token);
  ASSERT_EQ(listed.status, 200) << describe(listed);
  EXPECT_EQ(listed.body.at("id"), differ.body.at("id"));

  // Corrected, as JSON carrying the CSV: agreement returns it to issued.
  const std::string right = "placement_id,from,to,days,amount\n" + std::to_string(placed.placement_id) + "," +
                            placed.start + "," + iso(monday).plus_days(6).to_string() + "," + std::to_string(days) +
                            "," + Money::from_pence(expected).to_string() + "\n";
  const auto agree = api().post(path(id, "/actuals"), {{"csv", right}}, provider.token);
  ASSERT_EQ(agree.status, 201) << describe(agree);
  EXPECT_TRUE(agree.body.at("agrees")) << agree.text;
  EXPECT_EQ(api().get(path(id), council.token).body.at("status"), "issued");

  // Payments: the provider cannot record one; the council pays in two parts.
  const json half{{"paid_on", date_in_days(-1)}, {"amount_pence", expected / 2}, {"reference", "BACS 7001"}};
  EXPECT_TRUE(is_error(api().post(path(id, "/payments"), half, provider.token), 403, "forbidden"));
  const auto first = api().post(path(id, "/payments"), half, council.token);
  ASSERT_EQ(first.status, 201) << describe(first);
  EXPECT_EQ(first.body.at("outstanding").at("amount_pence"), expected - expected / 2);
  EXPECT_TRUE(is_error(api().post(path(id, "/payments"), half, council.token), 409, "conflict"));
  const auto rest = api().post(path(id, "/payments"),
                               {{"paid_on", date_in_days(0)},
                                {"amount", Money::from_pence(expected - expected / 2).to_string()},
                                {"reference", "BACS 7002"}},
                               council.token);
  ASSERT_EQ(rest.status, 201) << describe(rest);
  EXPECT_EQ(rest.body.at("status"), "paid");
  EXPECT_EQ(rest.body.at("payments").size(), 2u);

  const auto rate = api().get("/api/payments/timeliness", council.token);
  ASSERT_EQ(rate.status, 200) << describe(rate);
  EXPECT_EQ(rate.body.at("counted"), 1);
  EXPECT_EQ(rate.body.at("on_time"), 1);
  EXPECT_EQ(rate.body.at("rate_basis_points"), 10000);
  EXPECT_EQ(rate.body.at("rate_percent"), "100.00");
  const auto theirs = api().get(
      with_query("/api/payments/timeliness", {{"council", std::to_string(council.organisation_id)}}), provider.token);
  ASSERT_EQ(theirs.status, 200) << describe(theirs);
  EXPECT_EQ(theirs.body.at("provider_id"), placed.provider_id);
  EXPECT_EQ(theirs.body.at("counted"), 1);

  // Another council sees none of it.
  const Party solihull = party_for(council_id(kSolihull), "Solihull commissioner", {"commissioner"});
  EXPECT_TRUE(is_error(api().get(path(id), solihull.token), 404, "not_found"));
  EXPECT_TRUE(is_error(api().get(path(id, "/differences"), solihull.token), 404, "not_found"));
  EXPECT_EQ(invoice_count(solihull), 0u);
  EXPECT_TRUE(
      is_error(api().get(with_query("/api/payments/timeliness", {{"council", std::to_string(council.organisation_id)}}),
                         solihull.token),
               403, "forbidden"));
}

TEST(InvoicesFlow, BadInputIsRefusedWithNothingWritten) {
  const Party council = demo_party(Who::council);
  const Placed placed = award_placement(council);
  ASSERT_GT(placed.placement_id, 0);
  const std::string monday = monday_on_or_before(placed.start);
  const json good{{"provider_id", placed.provider_id}, {"period_start", monday}};
  struct Bad {
    json body;
    std::string field;
  };
  const std::vector<Bad> bad_generates{
      {{{"provider_id", placed.provider_id}, {"period_start", monday}, {"colour", "red"}}, "colour"},
      {{{"period_start", monday}}, "provider_id"},
      {{{"provider_id", placed.provider_id}}, "period_start"},
      {{{"provider_id", placed.provider_id}, {"period_start", iso(monday).plus_days(1).to_string()}}, "period_start"},
      {{{"provider_id", placed.provider_id}, {"period_start", monday}, {"cadence", "monthly"}}, "cadence"},
      {{{"provider_id", placed.provider_id}, {"period_start", monday}, {"payment_terms", "whenever"}}, "payment_terms"},
      {{{"provider_id", placed.provider_id}, {"period_start", monday}, {"week_starts", "someday"}}, "week_starts"},
      {{{"provider_id", placed.provider_id},
        {"period_start", monday},
        {"adjustments", {{{"reason", "x"}, {"amount", "1.005"}}}}},
       "adjustments[0].amount"},
      {{{"provider_id", placed.provider_id}, {"period_start", monday}, {"adjustments", {{{"amount", "1.00"}}}}},
       "adjustments[0].reason"},
      {{{"provider_id", council.organisation_id}, {"period_start", monday}}, "provider_id"},
      {{{"provider_id", placed.provider_id}, {"period_start", "2026-02-30"}}, "period_start"},
  };
  for (const auto& bad : bad_generates) {
    const auto reply = api().post("/api/invoices/generate", bad.body, council.token);
    EXPECT_TRUE(is_error(reply, 400, "invalid_input", bad.field)) << bad.body.dump();
  }
  EXPECT_TRUE(
      is_error(api().send_text("POST", "/api/invoices/generate", "{not json", council.token), 400, "invalid_input"));
  EXPECT_EQ(invoice_count(council), 0u) << "nothing refused was written";
  EXPECT_TRUE(is_error(api().get(with_query("/api/invoices", {{"status", "lost"}}), council.token), 400,
                       "invalid_input", "status"));
  EXPECT_TRUE(
      is_error(api().get(with_query("/api/invoices", {{"colour", "red"}}), council.token), 400, "invalid_input"));
  EXPECT_TRUE(is_error(api().get(with_query("/api/payments/timeliness", {{"as_of", "soon"}}), council.token), 400,
                       "invalid_input", "as_of"));
  EXPECT_TRUE(is_error(api().post("/api/invoices/generate", good, demo_party(Who::provider).token), 403, "forbidden"));

  const auto created = api().post("/api/invoices/generate", good, council.token);
  ASSERT_EQ(created.status, 201) << describe(created);
  const auto id = created.body.at("id").get<std::int64_t>();
  EXPECT_TRUE(is_error(api().post(path(id, "/issue"), {{"invoice_date", "yesterday"}}, council.token), 400,
                       "invalid_input", "invoice_date"));
  EXPECT_TRUE(
      is_error(api().post(path(id, "/payments"), {{"paid_on", date_in_days(0)}, {"amount", "1.00"}, {"reference", "R"}},
                          council.token),
               409, "conflict"));
  ASSERT_EQ(api().post(path(id, "/issue"), {{"invoice_date", date_in_days(-3)}}, council.token).status, 200);
  const Party provider = provider_party(placed.provider_id);
  const std::vector<std::pair<std::string, std::string>> bad_actuals{
      {"", "csv"},
      {"{\"csv\": 12}", "csv"},
      {"{\"file\": \"x\"}", "file"},
      {"name,date\nMrs A,today\n", "csv"},
  };
  for (const auto& [body, field] : bad_actuals) {
    const auto reply = api().send_text("POST", path(id, "/actuals"), body, provider.token);
    EXPECT_TRUE(is_error(reply, 400, "invalid_input", field)) << body;
  }
  // A file with a byte that is not UTF-8 (here in a column caremarket drops,
  // beside a row that differs). Before: 500 "nothing was changed", yet the
  // actuals, the disputed status and an audit entry were written, and the
  // differences answered 500 from then on.
  const std::string not_utf8 = "placement_id,from,to,days,amount,resident\n" + std::to_string(placed.placement_id) +
                               "," + monday + "," + monday + ",1,1.00,Mrs A\n" + std::to_string(placed.placement_id) +
                               "," + monday + "," + monday + ",1,1.00,Mr Caf\xE9\n";
  const auto refused = api().send("POST", path(id, "/actuals"), not_utf8,
                                  {{"Authorization", "Bearer " + provider.token}, {"Content-Type", "text/csv"}});
  EXPECT_TRUE(is_error(refused, 400, "invalid_input", "csv")) << describe(refused);
  EXPECT_NE(refused.text.find("line 3 "), std::string::npos) << refused.text;
  EXPECT_EQ(api().get(path(id), council.token).body.value("status", ""), "issued");
  EXPECT_TRUE(is_error(api().get(path(id, "/differences"), provider.token), 404, "not_found")) << "no upload was kept";
  const std::vector<Bad> bad_payments{
      {{{"paid_on", date_in_days(0)}, {"amount", "0.00"}, {"reference", "R1"}}, "amount"},
      {{{"paid_on", date_in_days(0)}, {"amount_pence", 0}, {"reference", "R1"}}, "amount_pence"},
      {{{"paid_on", date_in_days(0)}, {"amount", "1.00"}}, "reference"},
      {{{"amount", "1.00"}, {"reference", "R1"}}, "paid_on"},
      {{{"paid_on", date_in_days(5)}, {"amount", "1.00"}, {"reference", "R1"}}, "paid_on"},
      {{{"paid_on", date_in_days(0)}, {"amount", "99999.00"}, {"reference", "R1"}}, "amount"},
  };
  for (const auto& bad : bad_payments) {
    EXPECT_TRUE(is_error(api().post(path(id, "/payments"), bad.body, council.token), 400, "invalid_input", bad.field))
        << bad.body.dump();
  }
  const auto after = api().get(path(id), council.token);
  EXPECT_TRUE(after.body.at("payments").empty());
  EXPECT_EQ(after.body.at("status"), "issued");
  EXPECT_TRUE(is_error(api().get(path(999999), council.token), 404, "not_found"));
}

}  // namespace
}  // namespace caremarket::e2e
