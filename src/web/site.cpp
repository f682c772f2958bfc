#include "web/site.hpp"

#include <httplib.h>

#include <cstdio>
#include <regex>

#include "api/error_table.hpp"
#include "api/input_policy.hpp"
#include "core/text.hpp"
#include "web/assets.hpp"
#include "web/layout.hpp"

namespace caremarket::web {
namespace {

std::string path_pattern(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex(R"(\{id\})"), R"((\d{1,18}))");
}

void write(httplib::Response& res, const Reply& reply, const SiteConfig& config) {
  res.status = reply.status;
  for (const auto& [name, value] : security_headers(config)) res.set_header(name, value);
  for (const auto& [name, value] : reply.headers) res.set_header(name, value);
  if (!reply.body.empty() || reply.status != 303) res.set_content(reply.body, reply.content_type);
}

std::string sign_in_location(const Request& req) { return "/sign-in?next=" + url_encode(req.path); }

}  // namespace

std::string Request::param(const std::string& name) const {
  const auto it = query.find(name);
  return it == query.end() ? std::string() : std::string(trim(it->second));
}

Reply Reply::html(const Html& page, int status) {
  Reply r;
  r.status = status;
  r.body = page.str();
  return r;
}

Reply Reply::redirect(const std::string& location) {
  Reply r;
  r.status = 303;
  r.headers.emplace_back("Location", location);
  return r;
}

std::vector<std::pair<std::string, std::string>> security_headers(const SiteConfig& config) {
  std::vector<std::pair<std::string, std::string>> h{
      // Scripts, styles, images and forms from this server only; no inline
      // script or style anywhere; never inside another site's frame.
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"Referrer-Policy", "same-origin"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
  };
  if (config.cookies.secure) h.emplace_back("Strict-Transport-Security", "max-age=31536000");
  return h;
}

int status_of(const Error& error) { return api::http_status(error.code); }

Reply error_page(const Request& req, const Error& error) {
  const int status = status_of(error);
  std::string title = "Sorry, there is a problem";
  if (error.code == ErrorCode::not_found) title = "Page not found";
  if (error.code == ErrorCode::forbidden) title = "You cannot see this page";
  if (error.code == ErrorCode::conflict) title = "This cannot be done now";
  const Html main = heading(title) + paragraph(error.message) + "<p class=\"govuk-body\">" +
                    link("/", "Go to the home page") + "</p>";
  return Reply::html(layout(req, title, main), status);
}

Reply not_found_page(const Request& req) {
  return error_page(req, Error::not_found("If you typed the web address, check it is correct."));
}

Site::Site(SiteContext& context, SiteConfig config) : context_(context), config_(config) {
  auto add = [this](std::vector<Page> more) {
    for (auto& p : more) pages_.push_back(std::move(p));
  };
#define CAREMARKET_AREA(name) add(name##_pages(context_, config_));
#include "core/areas.inc"
#undef CAREMARKET_AREA
}

void Site::mount(httplib::Server& http) {
  static const std::string unreadable = "Some of what was sent is not text caremarket can read";
  for (const Page& page : pages_) {
    auto handler = [this, &page](const httplib::Request& hreq, httplib::Response& res) {
      Request req;
      req.method = page.method;
      if (Status text = api::check_request_text(hreq); !text) {
        return write(res, error_page(req, Error::invalid(unreadable + " (" + text.error().message + ")")), config_);
      }
      req.path = hreq.path;
      req.client_address = hreq.remote_addr;
      req.query = api::query_of(hreq.target);
      if (hreq.matches.size() > 1) req.id = parse_integer(hreq.matches[1].str()).value_or(0);
      const auto cookies = hreq.get_header_value("Cookie");
      req.signin_nonce = cookie_value(cookies, signin_cookie_name(config_.cookies)).value_or("");
      if (const auto token = cookie_value(cookies, session_cookie_name(config_.cookies))) {
        if (auto caller = context_.accounts.authenticate(*token)) {
          req.caller = std::move(*caller);
          req.session_token = *token;
          req.csrf = csrf_token(*token);
          req.user_label = req.caller->email;
          if (auto org = context_.market.organisation(*req.caller, req.caller->organisation_id)) {
            req.user_label += " (" + org->name + ")";
          }
        }
      }
      if (page.method == "POST") {
        if (hreq.is_multipart_form_data()) {
          // A file upload: the other fields (the CSRF token) come as parts too.
          for (const auto& [name, part] : hreq.files) {
            if (part.filename.empty()) req.form.set(name, part.content);
            else req.files.emplace(name, part.content);
          }
        } else {
          req.form = Form::parse(hreq.body);
        }
        // Refused before any page reads the form: a bad byte stored or kept
        // in memory would break every later view of the record.
        if (const auto field = req.form.field_not_text()) {
          return write(
              res,
              error_page(req, Error::invalid(unreadable + " (in the field '" + *field +
                                             "'). "
                                             "Type the answer again rather than pasting it, and send the form again.")),
              config_);
        }
        // Every form of a signed-in page carries the session's token; the
        // sign-in form checks its own nonce (pages_accounts.cpp).
        if (page.signed_in && (!req.caller || !constant_time_equal(req.csrf, req.form.get("csrf_token")))) {
          if (!req.caller) return write(res, Reply::redirect(sign_in_location(req)), config_);
          return write(res,
                       error_page(req, Error::forbidden("This form has expired or did not come from caremarket. Go "
                                                        "back, reload the page and try again.")),
                       config_);
        }
      }
      if (page.signed_in && !req.caller) return write(res, Reply::redirect(sign_in_location(req)), config_);
      try {
        write(res, page.handler(req), config_);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "internal error in page %s %s: %s\n", page.method.c_str(), page.pattern.c_str(),
                     printable(e.what()).c_str());
        // A failed transaction is rolled back, but a failure after a commit
        // cannot be told apart here: never promise that nothing changed.
        write(res,
              error_page(
                  req, Error::internal(page.method == "GET"
                                           ? "Something went wrong on the server. Try again later."
                                           : "Something went wrong on the server. Check whether your change was saved "
                                             "before you send it again.")),
              config_);
      }
    };
    const auto pattern = path_pattern(page.pattern);
    if (page.method == "GET") http.Get(pattern, handler);
    else http.Post(pattern, handler);
  }
  http.Get(R"(/assets/[A-Za-z0-9._/-]+)", [this](const httplib::Request& hreq, httplib::Response& res) {
    const auto asset = find_asset(hreq.path);
    if (!asset) {
      Request req;
      req.path = hreq.path;
      return write(res, not_found_page(req), config_);
    }
    res.status = 200;
    res.headers.erase("Cache-Control");
    res.set_header("Cache-Control", "public, max-age=3600");
    for (const auto& [name, value] : security_headers(config_)) res.set_header(name, value);
    res.set_content(std::string(asset->body), std::string(asset->content_type));
  });
  // Any other address outside the API answers with an HTML page, not JSON.
  auto missing = [this](const httplib::Request& hreq, httplib::Response& res) {
    Request req;
    if (Status text = api::check_request_text(hreq); !text) {
      return write(res, error_page(req, Error::invalid(unreadable + " (" + text.error().message + ")")), config_);
    }
    req.path = hreq.path;
    if (const auto token = cookie_value(hreq.get_header_value("Cookie"), session_cookie_name(config_.cookies))) {
      if (auto caller = context_.accounts.authenticate(*token)) {
        req.caller = std::move(*caller);
        req.csrf = csrf_token(*token);
        req.user_label = req.caller->email;
      }
    }
    write(res, not_found_page(req), config_);
  };
  http.Get(R"(/(?!api/|api$|health$).*)", missing);
  http.Post(R"(/(?!api/|api$|health$).*)", missing);
}

}  // namespace caremarket::web
