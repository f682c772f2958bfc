#pragma once
// The web pages, served by the caremarket server itself beside the API.
// Pages call the app use cases directly (the same access checks as the
// API); every POST carries the session's CSRF token; every page carries the
// security headers; every form works without JavaScript.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/accounts.hpp"
#include "app/allocation.hpp"
#include "app/application.hpp"
#include "app/brokerage.hpp"
#include "app/contracts.hpp"
#include "app/invoices.hpp"
#include "app/market_register.hpp"
#include "core/error.hpp"
#include "storage/store.hpp"
#include "web/form.hpp"
#include "web/html.hpp"
#include "web/session.hpp"

namespace httplib {
class Server;
}

namespace caremarket::web {

// The pages read their use cases from the one assembled application.
using SiteContext = app::Application;

struct SiteConfig {
  CookiePolicy cookies;
};

struct Request {
  std::string method;
  std::string path;
  std::multimap<std::string, std::string> query;
  Form form;                                 // POST body
  std::map<std::string, std::string> files;  // multipart uploads: field name -> the file's content
  std::int64_t id = 0;                       // the number in the path, when the page has one
  std::optional<app::Caller> caller;
  std::string user_label;  // shown in the header
  std::string csrf;        // this session's token, for forms
  std::string session_token;
  std::string signin_nonce;    // from the sign-in cookie
  std::string client_address;  // the TCP peer, for sign-in throttling

  std::string param(const std::string& name) const;  // first query value or ""
};

struct Reply {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Reply html(const Html& page, int status = 200);
  // After a POST: 303 See Other, so reloading does not post again.
  static Reply redirect(const std::string& location);
};

// Where to go after signing in: `next` when it is a path on this site (one
// leading '/', no "//" or backslash, no control characters, at most 200
// bytes), otherwise the home page "/".
std::string safe_next(std::string_view next);

using PageHandler = std::function<Reply(Request&)>;

struct Page {
  std::string method;   // GET or POST
  std::string pattern;  // "/referrals/{id}"
  bool signed_in = true;
  PageHandler handler;
};

// Each area's pages (pages_<area>.cpp), declared from the one list of areas.
#define CAREMARKET_AREA(name) std::vector<Page> name##_pages(SiteContext& ctx, const SiteConfig& config);
#include "core/areas.inc"
#undef CAREMARKET_AREA

// Parts of the register area (pages_provider.cpp, pages_register.cpp) and of
// brokerage (pages_referral_form.cpp, pages_referrals.cpp).
std::vector<Page> provider_pages(SiteContext& ctx);
std::vector<Page> register_search_pages(SiteContext& ctx);
std::vector<Page> referral_form_pages(SiteContext& ctx);
std::vector<Page> referral_pages(SiteContext& ctx);

// The HTTP status of an error: the API's one table (api/error_table.cpp).
int status_of(const Error& error);

// What every page answers on failure, as an HTML page with the right status.
Reply error_page(const Request& req, const Error& error);
Reply not_found_page(const Request& req);

class Site {
 public:
  Site(SiteContext& context, SiteConfig config);
  // Adds the pages and assets to the server (after the API's routes).
  void mount(httplib::Server& http);

 private:
  SiteContext& context_;
  SiteConfig config_;
  std::vector<Page> pages_;
};

// Headers every page carries (the server adds nosniff, frame denial and
// no-store to every response already).
std::vector<std::pair<std::string, std::string>> security_headers(const SiteConfig& config);

}  // namespace caremarket::web
