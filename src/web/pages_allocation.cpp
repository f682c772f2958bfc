// Allocation proposals for council officers: run the allocation over the
// referrals waiting, review each proposed match (the service, its score
// breakdown, the next best and what choosing it would cost, why nearer
// services were not used) and confirm, which sends each match as a referral
// to that one service. Access, audit and the sending are app::Allocation's.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "web/labels.hpp"
#include "web/layout.hpp"

namespace caremarket::web {
namespace {
using nlohmann::json;

std::string run_path(std::int64_t id) { return "/allocation/" + std::to_string(id); }

// Costs are in the engine's units: score points x cost_scale.
std::string points(std::int64_t cost) {
  return Html::decimal(static_cast<double>(cost) / allocation::Config{}.cost_scale, 2).str() + " points";
}

Html match_status_tag(storage::MatchStatus s) {
  using storage::MatchStatus;
  switch (s) {
    case MatchStatus::proposed: return tag("Proposed", "blue");
    case MatchStatus::unplaced: return tag("No place found", "orange");
    case MatchStatus::sent: return tag("Sent", "green");
    case MatchStatus::stale: return tag("Not sent: the market moved", "red");
  }
  return tag("Unknown");
}

std::string service_name(SiteContext& ctx, std::int64_t id) {
  const auto s = ctx.market.service(id);
  return s ? s->name : "service " + std::to_string(id);
}

double number(const json& j, const char* key) {
  return j.contains(key) && j.at(key).is_number() ? j.at(key).get<double>() : 0;
}

std::string score_text(const json& score) {
  return "quality " + Html::decimal(number(score, "quality"), 1).str() + ", price " +
         Html::decimal(number(score, "price"), 1).str() + ", distance " +
         Html::decimal(number(score, "distance"), 1).str() + ", fit " + Html::decimal(number(score, "fit"), 1).str() +
         "; total " + Html::decimal(number(score, "total"), 1).str();
}

std::string option_text(SiteContext& ctx, const json& o) {
  std::string out = service_name(ctx, o.value("service_id", std::int64_t{0})) + ", " +
                    Html::decimal(number(o, "distance_miles"), 1).str() + " miles";
  if (o.contains("price") && o.at("price").is_object()) {
    out += ", " + Money::from_pence(o.at("price").value("amount_pence", std::int64_t{0})).to_display() + " a week";
  }
  if (o.value("place_kind", std::string()) == "block") out += " (a block place already paid for)";
  return out;
}

Reply runs_page(SiteContext& ctx, const Request& req, const std::string& problem = "", int status = 200) {
  const FieldErrors errors;
  auto runs = ctx.allocation.runs(*req.caller);
  if (!runs) return error_page(req, runs.error());
  Html main = heading("Allocation proposals", "Referrals waiting, matched across the market");
  if (!problem.empty()) main += warning(problem);
  main += paragraph(
      "A run matches every referral waiting (drafts, and referrals every asked service declined) to the services with "
      "room, for the best total score across all of them. Nothing is sent until you confirm.");
  Table t{"Runs", {"Run", "When", "Referrals", "Placed", "Status"}, {}, {false, false, true, true, false}};
  auto items = *runs;
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
  for (const auto& r : items) {
    const auto summary = json::parse(r.summary_json.empty() ? "{}" : r.summary_json, nullptr, false);
    const auto get = [&](const char* k) {
      return summary.is_object() && summary.contains(k) && summary.at(k).is_number() ? summary.at(k).get<std::int64_t>()
                                                                                     : 0;
    };
    t.rows.push_back(
        {link(run_path(r.id), "Proposal " + std::to_string(r.id)), text(time_label(r.created_at)),
         Html::number(get("referrals")),
         Html::number(get("places_placed")) + " of " + Html::number(get("places_needed")) + " places",
         r.status == storage::AllocationRunStatus::confirmed ? tag("Confirmed", "green") : tag("To review", "blue")});
  }
  main += items.empty() ? paragraph("No allocation has been run yet.") : table(t);
  std::vector<Option> scopes{{"0", "Your council's referrals", ""}};
  if (auto alliances = ctx.allocation.alliances(*req.caller)) {
    for (const auto& a : *alliances)
      scopes.push_back({std::to_string(a.id), "The alliance " + a.name, "Every member council's referrals waiting"});
  }
  Html fields;
  if (scopes.size() > 1)
    fields += radios("alliance_id", "Whose referrals", scopes,
                     req.form.get("alliance_id").empty() ? "0" : req.form.get("alliance_id"), errors);
  else fields += hidden_field("alliance_id", "0");
  if (req.caller->is_council()) {
    main += "<h2 class=\"govuk-heading-m\">Run an allocation</h2>" +
            post_form("/allocation", req.csrf, fields, "Propose matches now");
  }
  return Reply::html(layout(req, "Allocation proposals", main), status);
}

Reply run_page(SiteContext& ctx, const Request& req) {
  auto view = ctx.allocation.show(*req.caller, req.id);
  if (!view) return error_page(req, view.error());
  const auto& run = view->run;
  Html main;
  const std::string done = req.param("done");
  if (done == "run") main += success_banner("Matches proposed", "Review each one, then confirm to send them.");
  if (done == "confirmed")
    main +=
        success_banner("Matches confirmed", "Each was sent as a referral to its service, which accepts or declines.");
  main += heading("Proposal " + std::to_string(run.id), "Allocation, " + time_label(run.created_at));
  const auto summary = json::parse(run.summary_json.empty() ? "{}" : run.summary_json, nullptr, false);
  if (summary.is_object()) {
    main += summary_list(
        {{"Referrals", Html::number(summary.value("referrals", std::int64_t{0}))},
         {"Places placed", Html::number(summary.value("places_placed", std::int64_t{0})) + " of " +
                               Html::number(summary.value("places_needed", std::int64_t{0}))},
         {"Services considered", Html::number(summary.value("services", std::int64_t{0}))},
         {"Best possible", text(summary.value("optimal", false) ? "Yes: no other set of matches scores better"
                                                                : "Within the search limit")}});
  }
  bool any_to_confirm = false;
  for (const auto& m : view->matches) {
    const bool ours = req.caller->is_council() && m.council_id == req.caller->organisation_id;
    const auto e = json::parse(m.explanation_json.empty() ? "{}" : m.explanation_json, nullptr, false);
    Html section = "<h2 class=\"govuk-heading-m\">Referral " + Html::number(m.referral_id) + "</h2>";
    std::vector<SummaryRow> rows{{"Status", match_status_tag(m.status)}};
    if (ours)
      rows.push_back({"Referral", link("/referrals/" + std::to_string(m.referral_id),
                                       "Referral " + std::to_string(m.referral_id))});
    if (e.is_object() && e.value("placed", false) && e.contains("chosen") && e.at("chosen").is_object()) {
      const auto& chosen = e.at("chosen");
      rows.push_back({"Service", text(option_text(ctx, chosen))});
      rows.push_back({"Score", text(score_text(chosen.value("score", json::object())))});
      if (e.contains("next_best") && e.at("next_best").is_object()) {
        const auto diff = e.value("next_best_difference", std::int64_t{0});
        rows.push_back(
            {"Next best",
             text(option_text(ctx, e.at("next_best")) + "; score " +
                  Html::decimal(number(e.at("next_best").value("score", json::object()), "total"), 1).str())});
        rows.push_back(
            {"Choosing the next best", text("would cost " + points(diff) + " more in the whole allocation")});
      } else {
        rows.push_back({"Next best", text("none: no other service could take this referral")});
      }
    } else if (e.is_object()) {
      rows.push_back({"Why no place", text(e.value("unplaced_reason", std::string("no eligible service had room")))});
    }
    if (e.is_object()) {
      rows.push_back({"Services considered", text(std::to_string(e.value("eligible_services", 0)) + " eligible, " +
                                                  std::to_string(e.value("excluded_services", 0)) + " excluded")});
    }
    if (!m.outcome.empty()) rows.push_back({"Outcome", text(m.outcome)});
    section += summary_list(rows);
    if (e.is_object() && e.contains("nearer") && e.at("nearer").is_array() && !e.at("nearer").empty()) {
      Table t{"Nearer services not used, and why", {"Service", "Miles", "Why"}, {}, {false, true, false}};
      for (const auto& n : e.at("nearer")) {
        t.rows.push_back({text(service_name(ctx, n.value("service_id", std::int64_t{0}))),
                          Html::decimal(number(n, "distance_miles"), 1), text(n.value("message", std::string()))});
      }
      section += table(t);
    }
    if (ours && m.status == storage::MatchStatus::proposed) {
      any_to_confirm = true;
      section +=
          post_form(run_path(run.id) + "/confirm", req.csrf, hidden_field("referral_id", std::to_string(m.referral_id)),
                    "Confirm the match for referral " + std::to_string(m.referral_id), true);
    }
    main += section;
  }
  if (any_to_confirm) {
    main += "<h2 class=\"govuk-heading-m\">Confirm</h2>" +
            paragraph(
                "Each proposed match of your council is sent as a referral to its one service; the provider still "
                "accepts or declines.") +
            post_form(run_path(run.id) + "/confirm", req.csrf, Html(), "Confirm and send every proposed match");
  }
  main += "<p class=\"govuk-body\">" + link("/allocation", "All proposals") + "</p>";
  return Reply::html(layout(req, "Proposal " + std::to_string(run.id), main));
}

}  // namespace

std::vector<Page> allocation_pages(SiteContext& ctx, const SiteConfig&) {
  std::vector<Page> p;
  p.push_back({"GET", "/allocation", true, [&ctx](Request& req) { return runs_page(ctx, req); }});
  p.push_back({"POST", "/allocation", true, [&ctx](Request& req) {
                 app::AllocationRequest request;
                 request.alliance_id = parse_integer(req.form.get("alliance_id")).value_or(0);
                 auto run = ctx.allocation.run(*req.caller, request);
                 if (!run) {
                   if (run.error().code == ErrorCode::forbidden || run.error().code == ErrorCode::not_found)
                     return error_page(req, run.error());
                   return runs_page(ctx, req, "Nothing was proposed: " + run.error().message + ".",
                                    status_of(run.error()));
                 }
                 return Reply::redirect(run_path(run->run.id) + "?done=run");
               }});
  p.push_back({"GET", "/allocation/{id}", true, [&ctx](Request& req) { return run_page(ctx, req); }});
  p.push_back({"POST", "/allocation/{id}/confirm", true, [&ctx](Request& req) {
                 std::vector<std::int64_t> referrals;
                 if (const auto one = parse_integer(req.form.get("referral_id"))) referrals.push_back(*one);
                 auto done = ctx.allocation.confirm(*req.caller, req.id, referrals);
                 if (!done) return error_page(req, done.error());
                 return Reply::redirect(run_path(req.id) + "?done=confirmed");
               }});
  return p;
}

}  // namespace caremarket::web
