// The market intelligence area's pages: who owns the care of an area. Public
// register facts only, so every signed-in user may read them.
#include <algorithm>
#include <cstdio>
#include <map>

#include "app/market_intelligence.hpp"
#include "web/labels.hpp"
#include "web/layout.hpp"

namespace caremarket::web {
namespace {

std::string percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100 * share);
  return buffer;
}

std::string hhi_text(double hhi) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", hhi);
  return buffer;
}

Html filter_form(SiteContext& ctx, const Request& req, const FieldErrors& errors) {
  std::vector<Option> kinds{{"", "Every kind of care", ""}};
  for (const auto k : market::all_kinds_of_care())
    kinds.push_back({std::string(to_string(k)), human(to_string(k)), ""});
  std::vector<Option> areas{{"", "England", ""}};
  if (auto councils = ctx.market.organisations(*req.caller, market::OrganisationKind::council)) {
    std::sort(councils->begin(), councils->end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    for (const auto& c : *councils)
      if (!c.ons_code.empty()) areas.push_back({c.ons_code, c.name, ""});
  }
  const bool inactive = req.param("include_inactive") == "yes";
  return "<form method=\"get\" action=\"/market\" class=\"cm-inline-form govuk-!-margin-bottom-6\" novalidate>" +
         select("kind", "Kind of care", kinds, req.param("kind"), errors) +
         select("council", "Area", areas, req.param("council"), errors) +
         select("view", "Owners",
                {{"owners", "Registered providers", ""}, {"groups", "Ownership groups, where recorded", ""}},
                req.param("view").empty() ? "owners" : req.param("view"), errors) +
         checkboxes("include_inactive", "Services counted", {{"yes", "Include suspended and dormant services", ""}},
                    inactive ? std::set<std::string>{"yes"} : std::set<std::string>{}, errors) +
         button("Show owners", true) + "</form>";
}

Html measure_rows(const app::MarketConcentration& r) {
  const auto& f = r.figures;
  return summary_list({
      {"Services", Html::number(f.services)},
      {"Places", Html::number(f.places)},
      {"Owners", Html::number(static_cast<std::int64_t>(f.owners.size()))},
      {"Largest 10 owners hold",
       text(percent(f.by_places.top10) + " of places, " + percent(f.by_services.top10) + " of services")},
      {"Largest 20 owners hold",
       text(percent(f.by_places.top20) + " of places, " + percent(f.by_services.top20) + " of services")},
      {"Herfindahl-Hirschman index (places)",
       text(hhi_text(f.by_places.hhi) + ": " + intelligence::hhi_band(f.by_places.hhi))},
      {"Herfindahl-Hirschman index (services)",
       text(hhi_text(f.by_services.hhi) + ": " + intelligence::hhi_band(f.by_services.hhi))},
  });
}

// The operator's table, shown with its sources so a reader can check a link.
Html groups_table(SiteContext& ctx, const Request& req) {
  auto groups = ctx.intelligence.ownership_groups(*req.caller);
  if (!groups || groups->empty()) {
    return paragraph("No ownership groups are recorded yet: the groups view is the registered providers.");
  }
  Table t{"Ownership groups recorded by the operator", {"Company", "Group", "Source", "As of"}, {}, {}};
  for (const auto& g : *groups)
    t.rows.push_back({text(g.company), text(g.group), text(g.source), text(date_label(g.as_of))});
  return table(t);
}

Reply concentration_page(SiteContext& ctx, const Request& req) {
  const std::string title = "Who owns the market";
  std::map<std::string, std::string> params{
      {"kind", req.param("kind")}, {"council", req.param("council")}, {"view", req.param("view")}};
  if (req.param("include_inactive") == "yes") params["include_inactive"] = "true";
  FieldErrors errors;
  auto request = app::parse_concentration_request(params);
  if (!request) errors.add(request.error().field.empty() ? "kind" : request.error().field, request.error().message);
  auto result = request ? ctx.intelligence.concentration(*req.caller, *request)
                        : Result<app::MarketConcentration>(request.error());
  if (request && !result && result.error().code == ErrorCode::invalid_input) {
    errors.add(result.error().field.empty() ? "council" : result.error().field, result.error().message);
  }
  Html main = error_summary(errors) + heading(title, "Market intelligence") + filter_form(ctx, req, errors);
  if (!errors.empty()) return Reply::html(layout(req, title, main, true), 400);
  if (!result) return error_page(req, result.error());
  const auto& r = *result;
  const std::string kind = r.request.kind ? human(to_string(*r.request.kind)) : "every kind of care";
  main += "<p class=\"govuk-body-l\">" + text(r.area + ", " + kind) + ".</p>";
  main += measure_rows(r);
  main += paragraph(
      std::string(r.request.by_group ? "Owners are ownership groups where the operator has recorded one, otherwise the "
                                       "registered provider. "
                                     : "Owners are the registered providers (CQC's provider, Ofsted's owning "
                                       "organisation). ") +
      "The index is the sum of "
      "each owner's squared percentage share: above 1,000 reads as concentrated and above 2,000 as highly "
      "concentrated (UK merger guidance, CC2/OFT1254).");
  Table t{"The largest " + std::to_string(std::min(r.figures.owners.size(), static_cast<std::size_t>(r.request.top))) +
              " of " + std::to_string(r.figures.owners.size()) + " owners, by places",
          {"Owner", "Services", "Places", "Share of places", "Share of services"},
          {},
          {false, true, true, true, true}};
  for (const auto& w : r.figures.owners) {
    if (t.rows.size() == static_cast<std::size_t>(r.request.top)) break;
    t.rows.push_back({text(w.owner), Html::number(w.services), Html::number(w.places), text(percent(w.share_of_places)),
                      text(percent(w.share_of_services))});
  }
  main += table(t);
  main += groups_table(ctx, req);
  return Reply::html(layout(req, title, main));
}

}  // namespace

std::vector<Page> intelligence_pages(SiteContext& ctx, const SiteConfig&) {
  std::vector<Page> p;
  p.push_back({"GET", "/market", true, [&ctx](Request& req) { return concentration_page(ctx, req); }});
  return p;
}

}  // namespace caremarket::web
