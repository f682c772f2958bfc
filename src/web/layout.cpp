#include "web/layout.hpp"

namespace caremarket::web {
namespace {

struct NavItem {
  std::string href;
  std::string label;
};

std::vector<NavItem> navigation(const app::Caller& caller) {
  std::vector<NavItem> items{{"/", "Home"}};
  if (is_placement_officer(caller)) {
    items.push_back({"/referrals", "Referrals"});
    items.push_back({"/referrals/new", "New referral"});
    items.push_back({"/placements", "Placements"});
  }
  if (is_provider_user(caller)) {
    items.push_back({"/services", "Services and vacancies"});
    items.push_back({"/inbox", "Referrals received"});
    items.push_back({"/placements", "Placements"});
  }
  if (is_provider_user(caller)) items.push_back({"/invoices", "Invoices"});
  if (is_commissioner(caller) || caller.is_operator()) {
    items.push_back({"/register", "Market register"});
    items.push_back({"/contracts", "Contracts"});
    items.push_back({"/prices", "Prices"});
    items.push_back({"/invoices", "Invoices"});
  }
  if (is_placement_officer(caller) || is_commissioner(caller) || caller.is_operator())
    items.push_back({"/allocation", "Allocation"});
  items.push_back({"/market", "Market"});
  if (caller.is_council() && (caller.has_role("commissioner") || caller.has_role("council_admin"))) {
    items.push_back({"/settings/weights", "Ranking weights"});
  }
  return items;
}

bool is_current(const std::string& path, const std::string& href) {
  if (href == "/") return path == "/";
  if (path == href) return true;
  // "/referrals/12" is under "Referrals", but "/referrals/new" is its own item.
  return path.starts_with(href + "/") && path != "/referrals/new";
}

Html header(const Request& req) {
  Html out =
      "<header class=\"govuk-header\" data-module=\"govuk-header\"><div class=\"govuk-header__container "
      "govuk-width-container\">"
      "<div class=\"govuk-header__logo\"><a href=\"/\" class=\"govuk-header__link govuk-header__link--homepage "
      "cm-header-name\">"
      "caremarket</a></div></div></header>";
  if (!req.caller) return out;
  out +=
      "<section aria-label=\"Service menu\" class=\"govuk-service-navigation\" "
      "data-module=\"govuk-service-navigation\">"
      "<div class=\"govuk-width-container\"><div class=\"govuk-service-navigation__container\">"
      "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">"
      "<button type=\"button\" class=\"govuk-service-navigation__toggle govuk-js-service-navigation-toggle\" "
      "aria-controls=\"navigation\" hidden>Menu</button>"
      "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">";
  for (const auto& item : navigation(*req.caller)) {
    const bool current = is_current(req.path, item.href);
    out += current ? Html("<li class=\"govuk-service-navigation__item govuk-service-navigation__item--active\">")
                   : Html("<li class=\"govuk-service-navigation__item\">");
    out += "<a class=\"govuk-service-navigation__link\" href=\"" + text(item.href) + "\"" +
           (current ? Html(" aria-current=\"page\"") : Html()) + ">" +
           (current ? "<strong class=\"govuk-service-navigation__active-fallback\">" + text(item.label) + "</strong>"
                    : text(item.label)) +
           "</a></li>";
  }
  out += "</ul></nav></div></div></section>";
  return out;
}

Html account_bar(const Request& req) {
  if (!req.caller) return {};
  return "<div class=\"govuk-!-margin-top-3 cm-inline-form\"><p class=\"govuk-body-s govuk-!-margin-bottom-0\">Signed "
         "in as " +
         text(req.user_label) + "</p><form method=\"post\" action=\"/sign-out\" novalidate>" + csrf_field(req.csrf) +
         "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" "
         "data-module=\"govuk-button\">Sign out</button></form></div>";
}

}  // namespace

bool is_placement_officer(const app::Caller& c) {
  return c.is_council() && (c.has_role("placement_officer") || c.has_role("council_admin"));
}
bool is_commissioner(const app::Caller& c) {
  return c.is_council() &&
         (c.has_role("commissioner") || c.has_role("council_admin") || c.has_role("contract_officer"));
}
bool is_provider_user(const app::Caller& c) { return c.is_provider(); }

Html layout(const Request& req, const std::string& title, const Html& main, bool has_errors) {
  return "<!DOCTYPE html><html lang=\"en\" class=\"govuk-template\"><head><meta charset=\"utf-8\"><title>" +
         (has_errors ? Html("Error: ") : Html()) + text(title) +
         " - caremarket</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1, "
         "viewport-fit=cover\">"
         "<meta name=\"theme-color\" content=\"#0b0c0c\"><link rel=\"icon\" href=\"/assets/favicon.svg\" "
         "type=\"image/svg+xml\">"
         "<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body class=\"govuk-template__body\">"
         "<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main "
         "content</a>" +
         header(req) + "<div class=\"govuk-width-container\">" + account_bar(req) +
         "<main class=\"govuk-main-wrapper\" id=\"main-content\">" + main +
         "</main></div><footer class=\"govuk-footer\"><div class=\"govuk-width-container\"><div "
         "class=\"govuk-footer__meta\">"
         "<div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\"><p class=\"govuk-body-s\">caremarket: "
         "the shared "
         "register and market of social care. Register data from CQC and Ofsted; vacancies and prices in the demo are "
         "synthetic.</p>"
         "</div></div></div></footer><script type=\"module\" src=\"/assets/app.js\"></script></body></html>";
}

}  // namespace caremarket::web
