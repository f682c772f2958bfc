// The commissioner's view of the market register: a point map drawn on the
// server, a table, and the same rows as CSV, all under one set of filters
// (kind of care, council area, lowest rating, has a vacancy).
#include <algorithm>

#include "core/text.hpp"
#include "web/labels.hpp"
#include "web/layout.hpp"
#include "web/svg_map.hpp"

namespace caremarket::web {
namespace {

constexpr std::size_t kTableRows = 50;  // the CSV has them all

struct Filters {
  std::string kind;
  std::string authority;  // ONS code; "all" for England
  std::string rating;
  bool vacancy = false;
  std::string query_string() const {
    return "kind=" + url_encode(kind) + "&local_authority=" + url_encode(authority) +
           "&min_rating=" + url_encode(rating) + (vacancy ? "&has_vacancy=yes" : "");
  }
};

Filters filters_of(SiteContext& ctx, const Request& req, FieldErrors& errors) {
  Filters f;
  f.kind = req.param("kind");
  f.rating = req.param("min_rating");
  f.vacancy = req.param("has_vacancy") == "yes";
  f.authority = req.param("local_authority");
  if (!req.query.count("local_authority")) {
    // A council sees its own area first.
    auto own = ctx.market.organisation(*req.caller, req.caller->organisation_id);
    f.authority = own && !own->ons_code.empty() ? own->ons_code : "all";
  }
  if (!f.kind.empty() && !market::kind_of_care_from(f.kind)) errors.add("kind", "Select a kind of care from the list");
  if (!f.rating.empty() && !market::rating_from(f.rating)) errors.add("min_rating", "Select a rating from the list");
  if (f.authority != "all" && !ctx.market.gazetteer().authority_by_code(f.authority)) {
    errors.add("local_authority", "Select a council area from the list");
  }
  return f;
}

Result<std::vector<app::ServiceView>> all_matching(SiteContext& ctx, const app::Caller& caller, const Filters& f) {
  app::SearchRequest request;
  if (!f.kind.empty()) request.query.kind = market::kind_of_care_from(f.kind);
  if (f.authority != "all") request.query.local_authority_code = f.authority;
  if (!f.rating.empty()) request.query.min_rating = market::rating_from(f.rating);
  request.query.has_vacancy = f.vacancy;
  request.query.limit = 500;
  std::vector<app::ServiceView> out;
  for (;;) {
    CM_ASSIGN_OR_RETURN(auto page, ctx.market.search(caller, request));
    for (auto& item : page.items) out.push_back(std::move(item));
    if (page.items.empty() || out.size() >= page.total) break;
    request.query.offset = out.size();
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.service.name < b.service.name; });
  return out;
}

Html filter_form(SiteContext& ctx, const Filters& f, const FieldErrors& errors) {
  std::vector<Option> kinds{{"", "Any kind of care", ""}};
  for (const auto k : market::all_kinds_of_care())
    kinds.push_back({std::string(to_string(k)), human(to_string(k)), ""});
  std::vector<Option> areas{{"all", "All council areas", ""}};
  auto authorities = ctx.market.gazetteer().authorities();
  std::sort(authorities.begin(), authorities.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (const auto& a : authorities) areas.push_back({a.code, a.name, ""});
  const std::vector<Option> ratings{{"", "Any rating", ""},
                                    {"requires_improvement", "Requires improvement or better", ""},
                                    {"good", "Good or better", ""},
                                    {"outstanding", "Outstanding", ""}};
  return "<form method=\"get\" action=\"/register\" class=\"cm-inline-form govuk-!-margin-bottom-6\" novalidate>" +
         select("kind", "Kind of care", kinds, f.kind, errors) +
         select("local_authority", "Council area", areas, f.authority, errors) +
         select("min_rating", "Rating", ratings, f.rating, errors) +
         checkboxes("has_vacancy", "Vacancies", {{"yes", "Has a vacancy now", ""}},
                    f.vacancy ? std::set<std::string>{"yes"} : std::set<std::string>{}, errors) +
         button("Show services", true) + "</form>";
}

Reply register_page(SiteContext& ctx, const Request& req) {
  FieldErrors errors;
  const Filters f = filters_of(ctx, req, errors);
  Html main = error_summary(errors) + heading("Market register", "Services, places and vacancies") +
              filter_form(ctx, f, errors);
  if (!errors.empty()) return Reply::html(layout(req, "Market register", main, true), 400);
  auto services = all_matching(ctx, *req.caller, f);
  if (!services) return error_page(req, services.error());
  std::vector<MapPoint> points;
  int places = 0, vacancies = 0;
  for (const auto& v : *services) {
    const auto& s = v.service;
    places += s.places;
    vacancies += s.vacancies;
    points.push_back(
        {s.location, s.name + ": " + std::to_string(s.vacancies) + " of " + std::to_string(s.places) + " places vacant",
         s.vacancies > 0});
  }
  std::vector<MapPlace> councils;
  for (const auto& a : ctx.market.gazetteer().authorities()) councils.push_back({a.centroid, a.name});
  const std::string area =
      f.authority == "all" ? std::string("England") : ctx.market.gazetteer().authority_by_code(f.authority)->name;
  const std::string summary = std::to_string(services->size()) + " services in " + area + ", " +
                              std::to_string(places) + " places, " + std::to_string(vacancies) + " vacant";
  main += "<p class=\"govuk-body-l\">" + text(summary) + ".</p>";
  main +=
      "<ul class=\"cm-legend\"><li><span class=\"cm-legend__swatch cm-legend__swatch--vacant\"></span>Has a "
      "vacancy</li>"
      "<li><span class=\"cm-legend__swatch cm-legend__swatch--full\"></span>No vacancy</li>"
      "<li><span class=\"cm-legend__swatch cm-legend__swatch--council\"></span>Centre of a council area (ONS postcode "
      "centroids)</li></ul>";
  main += point_map(points, councils, "Map of " + summary,
                    "Each dot is a service at its registered location; green dots have a vacancy. The table below "
                    "lists the same services.");
  main += "<p class=\"govuk-body govuk-!-margin-top-4\">" +
          link("/register.csv?" + f.query_string(), "Download these services as CSV") + "</p>";
  Table t{services->size() > kTableRows
              ? "The first " + std::to_string(kTableRows) + " of " + std::to_string(services->size()) + " services"
              : "Services",
          {"Service", "Provider", "Kind", "Rating", "Places", "Vacancies"},
          {},
          {false, false, false, false, true, true}};
  for (const auto& v : *services) {
    if (t.rows.size() == kTableRows) break;
    const auto& s = v.service;
    t.rows.push_back({link("/services/" + std::to_string(s.id), s.name), text(v.provider_name),
                      text(human(to_string(s.kind))), text(human(to_string(s.rating))), Html::number(s.places),
                      Html::number(s.vacancies)});
  }
  main += table(t);
  return Reply::html(layout(req, "Market register", main));
}

// A field as RFC 4180 wants it, and never read as a formula by a spreadsheet.
std::string csv_field(std::string value) {
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) value = "'" + value;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Reply register_csv(SiteContext& ctx, const Request& req) {
  FieldErrors errors;
  const Filters f = filters_of(ctx, req, errors);
  if (!errors.empty()) return error_page(req, Error::invalid(errors.items().front().second));
  auto services = all_matching(ctx, *req.caller, f);
  if (!services) return error_page(req, services.error());
  std::string out =
      "id,name,provider,kind,regulator,regulator_id,postcode,local_authority,rating,places,vacancies,vacancies_"
      "synthetic,latitude,longitude\r\n";
  for (const auto& v : *services) {
    const auto& s = v.service;
    const std::vector<std::string> fields{std::to_string(s.id),
                                          s.name,
                                          v.provider_name,
                                          std::string(to_string(s.kind)),
                                          std::string(to_string(s.regulator)),
                                          s.regulator_id,
                                          s.postcode,
                                          v.local_authority_name,
                                          std::string(to_string(s.rating)),
                                          std::to_string(s.places),
                                          std::to_string(s.vacancies),
                                          s.vacancies_synthetic ? "true" : "false",
                                          Html::decimal(s.location.lat, 5).str(),
                                          Html::decimal(s.location.lon, 5).str()};
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
    out += "\r\n";
  }
  Reply r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(out);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"caremarket-register.csv\"");
  return r;
}

}  // namespace

std::vector<Page> register_search_pages(SiteContext& ctx) {
  std::vector<Page> p;
  p.push_back({"GET", "/register", true, [&ctx](Request& req) {
                 if (!(is_commissioner(*req.caller) || req.caller->is_operator())) {
                   return error_page(req, Error::forbidden("The market register pages are for commissioners."));
                 }
                 return register_page(ctx, req);
               }});
  p.push_back({"GET", "/register.csv", true, [&ctx](Request& req) {
                 if (!(is_commissioner(*req.caller) || req.caller->is_operator())) {
                   return error_page(req, Error::forbidden("The market register pages are for commissioners."));
                 }
                 return register_csv(ctx, req);
               }});
  return p;
}

// The register area: a provider's own services, then the register search.
std::vector<Page> register_pages(SiteContext& ctx, const SiteConfig&) {
  auto pages = provider_pages(ctx);
  for (auto& p : register_search_pages(ctx)) pages.push_back(std::move(p));
  return pages;
}

}  // namespace caremarket::web
