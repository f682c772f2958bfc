// The commissioner's contracts: the list, and one contract with its terms
// and its weekly utilisation as a chart with the same figures as a table
// (committed, occupied, void, cost of voids). Access is the app's own:
// councils see the contracts they are a party to, providers those naming
// them, the operator all; to anyone else a contract does not exist.
#include <algorithm>

#include "core/text.hpp"
#include "web/labels.hpp"
#include "web/layout.hpp"
#include "web/svg_chart.hpp"

namespace caremarket::web {
namespace {

constexpr int kDefaultWeeks = 13;  // a quarter, as soft block reviews run

Html contract_status_tag(storage::ContractStatus s) {
  using storage::ContractStatus;
  switch (s) {
    case ContractStatus::draft: return tag("Draft", "grey");
    case ContractStatus::active: return tag("Active", "green");
    case ContractStatus::suspended: return tag("Suspended", "orange");
    case ContractStatus::ended: return tag("Ended", "blue");
    case ContractStatus::terminated: return tag("Terminated", "red");
  }
  return tag("Unknown");
}

std::string model_label(pricing::ContractModel m) {
  using pricing::ContractModel;
  switch (m) {
    case ContractModel::spot: return "Spot";
    case ContractModel::block: return "Block";
    case ContractModel::soft_block: return "Soft block";
    case ContractModel::framework: return "Framework";
    case ContractModel::dynamic_market: return "Dynamic market";
  }
  return "Contract";
}

bool has_commitment(const storage::Contract& c) {
  return c.model == pricing::ContractModel::block || c.model == pricing::ContractModel::soft_block;
}

std::string short_date(Date d) {
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto ymd = d.ymd();
  return std::to_string(static_cast<unsigned>(ymd.day())) + " " + months[static_cast<unsigned>(ymd.month()) - 1];
}

std::string org_name(SiteContext& ctx, const app::Caller& caller, std::int64_t id) {
  auto org = ctx.market.organisation(caller, id);
  return org ? org->name : "organisation " + std::to_string(id);
}

Reply contracts_page(SiteContext& ctx, const Request& req) {
  auto list = ctx.contracts.list(*req.caller);
  if (!list) return error_page(req, list.error());
  auto items = *list;
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  Table t{"Contracts (" + std::to_string(items.size()) + ")",
          {"Reference", "Title", "Model", "Status", "Term", "Committed"},
          {},
          {false, false, false, false, false, true}};
  for (const auto& c : items) {
    int committed = c.committed;
    for (const auto& s : c.services) committed += s.committed;
    t.rows.push_back({link("/contracts/" + std::to_string(c.id), c.reference), text(c.title),
                      text(model_label(c.model)), contract_status_tag(c.status),
                      text(date_label(c.start) + " to " + date_label(c.end)),
                      has_commitment(c) ? Html::number(committed) : Html("none")});
  }
  Html main = heading("Contracts", "Your council's purchasing");
  main += items.empty() ? paragraph("There are no contracts you can see.") : table(t);
  return Reply::html(layout(req, "Contracts", main));
}

std::vector<SummaryRow> terms_of(SiteContext& ctx, const Request& req, const storage::Contract& c) {
  std::vector<SummaryRow> rows{{"Reference", text(c.reference)},
                               {"Model", text(model_label(c.model))},
                               {"Status", contract_status_tag(c.status)},
                               {"Term", text(date_label(c.start) + " to " + date_label(c.end))},
                               {"Kinds of care", text(kinds_label(c.kinds))}};
  std::string parties;
  for (const auto& p : c.parties) {
    parties += (parties.empty() ? "" : ", ") + org_name(ctx, *req.caller, p.council_id);
    if (c.parties.size() > 1)
      parties += " (" + Html::decimal(p.share_bp / 100.0, 2).str() + "%" + (p.lead ? ", lead" : "") + ")";
  }
  rows.push_back({"Councils", text(parties)});
  if (!c.providers.empty() && c.providers.size() <= 10) {
    std::string providers;
    for (const auto id : c.providers) providers += (providers.empty() ? "" : ", ") + org_name(ctx, *req.caller, id);
    rows.push_back({"Providers", text(providers)});
  } else if (!c.providers.empty()) {
    rows.push_back({"Providers", text(std::to_string(c.providers.size()) + " admitted")});
  }
  if (c.model == pricing::ContractModel::block) {
    rows.push_back({"Price", text(c.unit_price.to_display() +
                                  (c.price_unit == market::PriceUnit::hour ? " an hour" : " a place a week"))});
  }
  if (c.model == pricing::ContractModel::soft_block) {
    std::string bands;
    for (const auto& b : c.bands)
      bands +=
          (bands.empty() ? "" : "; ") + ("from " + std::to_string(b.from_places) + ": " + b.weekly_price.to_display());
    rows.push_back({"Committed", text(std::to_string(c.committed) + " (may move within " + std::to_string(c.flex_min) +
                                      " to " + std::to_string(c.flex_max) + ")")});
    rows.push_back({"Price bands", text(bands + (c.band_mode == pricing::BandMode::marginal
                                                     ? " (each band at its own price)"
                                                     : " (the whole volume at the band reached)"))});
    if (c.review_weeks > 0) rows.push_back({"Reviews", text("every " + std::to_string(c.review_weeks) + " weeks")});
  }
  if (!c.services.empty()) {
    std::string services;
    for (const auto& s : c.services) {
      const auto svc = ctx.market.service(s.service_id);
      services += (services.empty() ? "" : "; ") + (svc ? svc->name : "service " + std::to_string(s.service_id)) +
                  (s.committed > 0 ? " (" + std::to_string(s.committed) + ")" : "");
    }
    rows.push_back({"Services", text(services)});
  }
  rows.push_back({"Notice", text(std::to_string(c.notice_days) + " days")});
  if (!c.notes.empty()) rows.push_back({"Notes", text(c.notes)});
  if (c.synthetic) rows.push_back({"Data", text("Synthetic: a demo contract")});
  return rows;
}

// The weeks shown: those the officer chose, or the last quarter to date
// (from the start for a contract that has not run that long).
struct Range {
  Date from, to;
};

Range default_range(const storage::Contract& c) {
  const Date today = Date::today();
  Date from = c.start;
  if (today > c.start) {
    const auto weeks_run = c.start.days_until(today) / 7;
    from = c.start.plus_days(7 * std::max<std::int64_t>(0, weeks_run - (kDefaultWeeks - 1)));
  }
  Date to = from.plus_days(7 * (kDefaultWeeks - 1));
  if (to > c.end) to = c.end;
  if (to < from) to = from;
  return {from, to};
}

Form form_of(const Request& req) {
  Form f;
  for (const auto& [k, v] : req.query) f.set(k, v);
  return f;
}

void set_date(Form& f, const std::string& name, Date d) {
  const auto ymd = d.ymd();
  f.set(name + "-day", std::to_string(static_cast<unsigned>(ymd.day())));
  f.set(name + "-month", std::to_string(static_cast<unsigned>(ymd.month())));
  f.set(name + "-year", std::to_string(static_cast<int>(ymd.year())));
}

Html utilisation_section(SiteContext& ctx, const Request& req, const storage::Contract& c, FieldErrors& errors) {
  const Range preset = default_range(c);
  Form typed = form_of(req);
  Range range = preset;
  if (req.query.count("from-day")) {
    const auto from = read_date(typed, "from", errors, "Enter the first week's date");
    const auto to = read_date(typed, "to", errors, "Enter the last week's date");
    if (from && to && *to < *from) errors.add("to", "The last week must be on or after the first");
    if (from && to && from->days_until(*to) / 7 >= 520) errors.add("to", "Show at most ten years at a time");
    if (from) range.from = *from;
    if (to) range.to = *to;
  } else {
    set_date(typed, "from", preset.from);
    set_date(typed, "to", preset.to);
  }
  Html out = "<h2 class=\"govuk-heading-l\">Weekly utilisation</h2>";
  out += "<form method=\"get\" action=\"/contracts/" + Html::number(c.id) +
         "\" class=\"cm-inline-form govuk-!-margin-bottom-6\" novalidate>" +
         date_input("from", "First week", typed, errors, FieldOptions().with_hint("For example, 6 4 2026")) +
         date_input("to", "Last week starts on or before", typed, errors) + button("Show these weeks", true) +
         "</form>";
  if (!errors.empty()) return out;
  auto u = ctx.contracts.utilisation(*req.caller, c.id, range.from, range.to);
  if (!u) {
    errors.add(u.error().field == "from" ? "from" : "to", u.error().message);
    return out;
  }
  std::vector<ChartWeek> weeks;
  Table t{"Week by week",
          {"Week starting", "Committed", "Occupied", "Void", "Above commitment", "Charge", "Cost of voids"},
          {},
          {false, true, true, true, true, true, true}};
  for (const auto& w : u->weeks) {
    weeks.push_back({short_date(w.week_start), w.committed, std::min(w.occupied, w.committed), w.voids, w.overflow});
    t.rows.push_back({text(date_label(w.week_start)), Html::number(w.committed), Html::number(w.occupied),
                      Html::number(w.voids), Html::number(w.overflow), text(w.charge.to_display()),
                      text(w.void_cost.to_display())});
  }
  t.rows.push_back({Html("<strong>Total</strong>"), Html::number(u->committed_total), Html::number(u->occupied_total),
                    Html::number(u->voids_total), Html(""), text(u->charge_total.to_display()),
                    text(u->void_cost_total.to_display())});
  const std::string summary = std::to_string(u->weeks.size()) + " weeks from " + date_label(range.from) + ": " +
                              Html::decimal(u->utilisation_percent, 1).str() +
                              "% of committed places occupied; voids cost " + u->void_cost_total.to_display();
  out += "<p class=\"govuk-body-l\">" + text(summary) + ".</p>";
  out +=
      "<ul class=\"cm-legend\"><li><span class=\"cm-legend__swatch cm-legend__swatch--occupied\"></span>Occupied</li>"
      "<li><span class=\"cm-legend__swatch cm-legend__swatch--void\"></span>Void (paid for, empty)</li>"
      "<li><span class=\"cm-legend__swatch cm-legend__swatch--overflow\"></span>Above the commitment</li>"
      "<li><span class=\"cm-legend__line\"></span>Commitment</li></ul>";
  out += utilisation_chart(weeks, "Weekly utilisation of " + c.reference,
                           summary + ". The table below gives each week's figures.");
  out += table(t);
  return out;
}

// A soft block's reviews: those decided, the next with the proposal from
// the weeks since the last, and (for the councils managing it) the decision.
Html reviews_section(SiteContext& ctx, const Request& req, const storage::Contract& c, FieldErrors& errors) {
  auto v = ctx.contracts.reviews(*req.caller, c.id);
  if (!v) return {};
  Html out = "<h2 class=\"govuk-heading-l\">Commitment reviews</h2>";
  out += summary_list({{"Committed now", Html::number(v->commitment_now)}});
  if (!v->decided.empty()) {
    Table t{"Reviews decided",
            {"Review", "Weeks compared", "Was", "Proposed", "Decided", "Applies from", "Reason"},
            {},
            {false, true, true, true, true, false, false}};
    for (const auto& r : v->decided) {
      t.rows.push_back({text(date_label(r.review_date)), Html::number(r.weeks), Html::number(r.current),
                        Html::number(r.proposed), Html::number(r.decided), text(date_label(r.decided_on)),
                        text(r.accepted ? "Proposal accepted" + (r.reason.empty() ? "" : ": " + r.reason) : r.reason)});
    }
    out += table(t);
  }
  if (!v->next_review || !v->proposal) return out + paragraph("No review is left in this contract's term.");
  const auto& p = *v->proposal;
  out += "<h3 class=\"govuk-heading-m\">Next review: " + text(date_label(*v->next_review)) + "</h3>";
  if (v->provisional) out += inset(text("The review date is still to come: this proposal uses the weeks so far."));
  out += summary_list(
      {{"Weeks compared", text(std::to_string(v->proposal_weeks) + " from " + date_label(v->proposal_from))},
       {"Average occupied", text(Html::decimal(p.average_occupied, 1).str() + " of " + std::to_string(p.current) +
                                 " (" + Html::decimal(p.utilisation_percent, 1).str() + "%)")},
       {"Proposed commitment",
        text(std::to_string(p.proposed) + (p.reason.empty() ? "" : ": " + sentence(p.reason)))}});
  if (!is_commissioner(*req.caller) && !req.caller->is_operator()) return out;
  const Form& typed = req.form;
  const std::string decision = typed.get("decision").empty() ? "accept" : typed.get("decision");
  const Html fields = hidden_field("review_date", v->next_review->to_string()) +
                      radios("decision", "Decision",
                             {{"accept", "Accept the proposal of " + std::to_string(p.proposed), ""},
                              {"other", "Set another commitment",
                               "Within " + std::to_string(c.flex_min) + " to " + std::to_string(c.flex_max) +
                                   (c.max_step > 0 ? ", at most " + std::to_string(c.max_step) + " from now" : "")}},
                             decision, errors) +
                      text_input("commitment", "Commitment instead (places)", typed.get("commitment"), errors,
                                 FieldOptions().with_width("govuk-input--width-3").numeric()) +
                      textarea("reason", "Reason", typed.get("reason"), errors,
                               FieldOptions().with_hint("Required when you set another commitment"));
  return out + post_form("/contracts/" + std::to_string(c.id) + "/reviews", req.csrf, fields, "Record the decision");
}

Reply contract_page(SiteContext& ctx, const Request& req, FieldErrors errors = {}, int status = 200) {
  auto c = ctx.contracts.get(*req.caller, req.id);
  if (!c) return error_page(req, c.error());
  Html body = summary_list(terms_of(ctx, req, *c));
  if (req.param("done") == "reviewed")
    body = success_banner("Review recorded", "The new commitment applies from today.") + body;
  if (has_commitment(*c)) {
    body += utilisation_section(ctx, req, *c, errors);
    if (c->model == pricing::ContractModel::soft_block) body += reviews_section(ctx, req, *c, errors);
  } else {
    body += paragraph(model_label(c->model) + " contracts commit no places, so there is no utilisation to chart.");
  }
  const Html main = error_summary(errors) + heading(c->title, model_label(c->model) + " contract " + c->reference) +
                    body + "<p class=\"govuk-body\">" + link("/contracts", "All contracts") + "</p>";
  return Reply::html(layout(req, c->title, main, !errors.empty()), errors.empty() ? status : std::max(status, 400));
}

}  // namespace

std::vector<Page> contracts_pages(SiteContext& ctx, const SiteConfig&) {
  std::vector<Page> p;
  p.push_back({"GET", "/contracts", true, [&ctx](Request& req) { return contracts_page(ctx, req); }});
  p.push_back({"GET", "/contracts/{id}", true, [&ctx](Request& req) { return contract_page(ctx, req); }});
  p.push_back({"POST", "/contracts/{id}/reviews", true, [&ctx](Request& req) {
                 FieldErrors errors;
                 app::ReviewDecision d;
                 const auto date = Date::parse_iso(req.form.get("review_date"));
                 const std::string decision = req.form.get("decision");
                 if (decision != "accept" && decision != "other")
                   errors.add("decision", "Choose whether to accept the proposal");
                 d.accept = decision == "accept";
                 if (!d.accept) {
                   d.commitment = static_cast<int>(read_whole_number(req.form, "commitment", errors,
                                                                     "Enter the commitment decided instead", 0, 10000,
                                                                     "The commitment is a whole number of places")
                                                       .value_or(0));
                 }
                 d.reason = req.form.get("reason");
                 if (!errors.empty() || !date) return contract_page(ctx, req, errors, 400);
                 d.review_date = *date;
                 auto done = ctx.contracts.decide_review(*req.caller, req.id, d);
                 if (!done) {
                   const auto code = done.error().code;
                   if (code == ErrorCode::not_found || code == ErrorCode::forbidden)
                     return error_page(req, done.error());
                   const auto& f = done.error().field;
                   errors.add(f == "reason"       ? "reason"
                              : f == "commitment" ? "commitment"
                                                  : "decision",
                              sentence(done.error().message));
                   return contract_page(ctx, req, errors, status_of(done.error()));
                 }
                 return Reply::redirect("/contracts/" + std::to_string(req.id) + "?done=reviewed");
               }});
  return p;
}

}  // namespace caremarket::web
