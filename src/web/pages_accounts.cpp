// Sign in, sign out and the home page of each role.
#include <algorithm>

#include "app/passwords.hpp"
#include "core/text.hpp"
#include "web/layout.hpp"

namespace caremarket::web {

std::string safe_next(std::string_view next) {
  // Browsers drop tabs and newlines from a Location and read "\\" as "/",
  // so "/<TAB>/evil.example" and "/\\evil.example" lead to another site.
  const bool control = std::any_of(next.begin(), next.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
  if (next.empty() || next.size() > 200 || next[0] != '/' || next.starts_with("//") ||
      next.find('\\') != std::string_view::npos || control || !is_valid_utf8(next) || next.starts_with("/sign-")) {
    return "/";
  }
  return std::string(next);
}

namespace {

Reply sign_in_form(const Request& req, const SiteConfig& config, const std::string& email, const FieldErrors& errors,
                   int status = 200) {
  // A nonce for this form, kept in a Strict cookie: the sign-in form has no
  // session yet, so this double-submitted value is its CSRF token.
  auto nonce = app::new_token();
  const std::string value = nonce ? *nonce : std::string();
  Html main = "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" + error_summary(errors);
  if (req.param("signed_out") == "1" && errors.empty()) main += success_banner("You have signed out");
  main += heading("Sign in to caremarket") +
          paragraph(
              "Placement officers, commissioners and providers sign in with the email address their organisation "
              "registered.") +
          "<form method=\"post\" action=\"/sign-in\" novalidate>" + hidden_field("signin_nonce", value) +
          hidden_field("next", safe_next(req.param("next"))) +
          text_input("email", "Email address", email, errors,
                     FieldOptions()
                         .with_width("govuk-!-width-two-thirds")
                         .with_type("email")
                         .with_autocomplete("email")
                         .no_spellcheck()) +
          text_input("password", "Password", "", errors,
                     FieldOptions()
                         .with_width("govuk-!-width-two-thirds")
                         .with_type("password")
                         .with_autocomplete("current-password")) +
          button("Sign in") + "</form></div></div>";
  Reply reply = Reply::html(layout(req, "Sign in", main, !errors.empty()), status);
  reply.headers.emplace_back("Set-Cookie", signin_cookie(config.cookies, value));
  return reply;
}

struct Card {
  std::string href;
  std::string title;
  std::string description;
};

Html cards(const std::vector<Card>& list) {
  Html out = "<div class=\"govuk-grid-row\">";
  for (const auto& c : list) {
    out += "<div class=\"govuk-grid-column-one-third\"><h2 class=\"govuk-heading-m\">" + link(c.href, c.title) +
           "</h2><p class=\"govuk-body\">" + text(c.description) + "</p></div>";
  }
  return out + "</div>";
}

Reply home(SiteContext& ctx, const Request& req) {
  const auto& caller = *req.caller;
  Html main = heading("What do you want to do?", req.user_label);
  std::vector<Card> list;
  if (is_placement_officer(caller)) {
    list.push_back({"/referrals/new", "Make a referral",
                    "Find care for an adult, or a placement for a child (Placements Data Standard)."});
    list.push_back(
        {"/referrals", "Your referrals", "See who was asked, the offers ranked with their scores, and award."});
    list.push_back({"/placements", "Placements", "Placements your council has made, and ending a placement."});
  }
  if (is_provider_user(caller)) {
    list.push_back({"/services", "Services and vacancies", "Your organisation's services; set vacancies in one step."});
    list.push_back({"/inbox", "Referrals received", "Referrals sent to your services: offer, decline or withdraw."});
    list.push_back({"/placements", "Placements", "People placed with your services."});
  }
  if (is_commissioner(caller) || caller.is_operator()) {
    list.push_back(
        {"/register", "Market register", "Services on a map and in a table, with vacancies; download as CSV."});
    list.push_back({"/contracts", "Contracts",
                    "Blocks, soft blocks, frameworks and markets, with each week's use and what the voids cost."});
    list.push_back({"/prices", "Price model calculator",
                    "Price a care home week or a home care hour line by line; size a block."});
    list.push_back({"/invoices", "Invoices",
                    "Invoices to providers, their lines and any differences from the provider's actuals."});
  }
  if (is_provider_user(caller)) {
    list.push_back({"/invoices", "Invoices", "Invoices from councils, their lines, and your actuals reconciled."});
  }
  if (is_placement_officer(caller) || is_commissioner(caller) || caller.is_operator()) {
    list.push_back({"/allocation", "Allocation",
                    "Proposed matches for the referrals waiting, each explained; confirm to send them."});
  }
  main += cards(list);
  if (caller.is_council() || caller.is_provider()) {
    if (auto inbox = ctx.brokerage.inbox(caller)) {
      Table t{"Latest messages", {"When", "Message"}, {}, {}};
      for (const auto& n : *inbox) {
        if (t.rows.size() == 5) break;
        t.rows.push_back({text(format_timestamp(n.created_at)), text(n.message)});
      }
      if (!t.rows.empty()) main += table(t);
    }
  }
  return Reply::html(layout(req, "Home", main));
}

}  // namespace

std::vector<Page> accounts_pages(SiteContext& ctx, const SiteConfig& config) {
  std::vector<Page> p;
  p.push_back({"GET", "/sign-in", false, [&ctx, config](Request& req) {
                 if (req.caller) return Reply::redirect(safe_next(req.param("next")));
                 (void)ctx;
                 return sign_in_form(req, config, "", {});
               }});
  p.push_back({"POST", "/sign-in", false, [&ctx, config](Request& req) {
                 const std::string email = req.form.get("email");
                 const std::string password = req.form.all("password").empty() ? "" : req.form.all("password").front();
                 FieldErrors errors;
                 if (req.signin_nonce.empty() || !constant_time_equal(req.signin_nonce, req.form.get("signin_nonce"))) {
                   errors.add("email", "The sign-in form had expired: sign in again");
                   return sign_in_form(req, config, email, errors, 400);
                 }
                 if (email.empty()) errors.add("email", "Enter your email address");
                 if (password.empty()) errors.add("password", "Enter your password");
                 if (!errors.empty()) return sign_in_form(req, config, email, errors, 400);
                 auto login = ctx.accounts.login(email, password, req.client_address);
                 if (!login && login.error().code == ErrorCode::too_many_requests) {
                   // Locked (app/login_throttle.hpp): the page says for how long, as Retry-After does.
                   errors.add("email", "Too many sign-ins failed for this account or from your address. Try again in " +
                                           std::to_string(login.error().retry_after_seconds) + " seconds.");
                   Reply locked = sign_in_form(req, config, email, errors, 429);
                   locked.headers.emplace_back("Retry-After", std::to_string(login.error().retry_after_seconds));
                   return locked;
                 }
                 if (!login) {
                   errors.add("email", login.error().code == ErrorCode::unauthenticated
                                           ? "The email address or password is not right"
                                           : login.error().message);
                   return sign_in_form(req, config, email, errors, 401);
                 }
                 Reply reply = Reply::redirect(safe_next(req.form.get("next")));
                 reply.headers.emplace_back(
                     "Set-Cookie", session_cookie(config.cookies, login->token, ctx.config.accounts.session_seconds));
                 return reply;
               }});
  p.push_back({"POST", "/sign-out", true, [&ctx, config](Request& req) {
                 (void)ctx.accounts.logout(req.session_token);
                 Reply reply = Reply::redirect("/sign-in?signed_out=1");
                 reply.headers.emplace_back("Set-Cookie", expired_session_cookie(config.cookies));
                 return reply;
               }});
  p.push_back({"GET", "/", true, [&ctx](Request& req) { return home(ctx, req); }});
  return p;
}

}  // namespace caremarket::web
