#include "api/server.hpp"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <regex>

#include "api/error_table.hpp"
#include "core/text.hpp"

namespace caremarket::api {
namespace {

void write_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  if (body.is_null()) {
    res.body.clear();
  } else {
    res.set_content(body.dump(), "application/json");
  }
}

void write_error(httplib::Response& res, const Error& error) {
  write_json(res, http_status(error.code), error_body(error));
  if (error.code == ErrorCode::unauthenticated) res.set_header("WWW-Authenticate", "Bearer");
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Parameters from the URL's query string only. httplib also folds a
// form-encoded body into its params; a JSON body sent without a content
// type must not be mistaken for query parameters.
std::multimap<std::string, std::string> query_parameters(const std::string& target) {
  std::multimap<std::string, std::string> out;
  const auto mark = target.find('?');
  if (mark == std::string::npos) return out;
  for (const auto& pair : split(std::string_view(target).substr(mark + 1), '&')) {
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    out.emplace(url_decode(pair.substr(0, eq)), eq == std::string::npos ? std::string() : url_decode(pair.substr(eq + 1)));
  }
  return out;
}

std::string path_pattern(const std::string& path) {
  return std::regex_replace(path, std::regex(R"(\{id\})"), R"((\d{1,18}))");
}

Result<std::string> bearer_token(const httplib::Request& req) {
  const auto header = req.get_header_value("Authorization");
  if (header.empty()) {
    return Error::unauthenticated("this needs a login: send 'Authorization: Bearer <token>' with a token from POST /api/login");
  }
  if (!header.starts_with("Bearer ")) return Error::unauthenticated("the Authorization header must be 'Bearer <token>'");
  return std::string(trim(std::string_view(header).substr(7)));
}
}  // namespace

Status ServerConfig::validate() const {
  if (port < 0 || port > 65535) return Error::invalid("the port must be from 0 to 65535", "port");
  if (host.empty()) return Error::invalid("give a host to listen on", "host");
  if (max_body_bytes < 1024) return Error::invalid("the body limit must be at least 1024 bytes", "max_body_bytes");
  if (threads < 1 || threads > 4096) return Error::invalid("the server needs 1 to 4096 worker threads", "threads");
  return {};
}

Server::Server(AppContext context, ServerConfig config)
    : context_(context), config_(std::move(config)), http_(std::make_unique<httplib::Server>()) {
  routes_ = all_routes(context_);
  install_routes();
}

Server::~Server() = default;

void Server::install_routes() {
  http_->set_payload_max_length(config_.max_body_bytes);
  const auto threads = config_.threads;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Cache-Control", "no-store"},
                              {"X-Frame-Options", "DENY"}});
  for (const Route& route : routes_) {
    auto handler = [this, &route](const httplib::Request& req, httplib::Response& res) {
      Request request;
      request.body = req.body;
      request.query = query_parameters(req.target);
      for (const auto& [name, value] : request.query) {
        bool known = false;
        for (const auto& p : route.query) known = known || p.name == name;
        if (!known) {
          std::vector<std::string> names;
          for (const auto& p : route.query) names.push_back(p.name);
          return write_error(res, Error::invalid("unknown query parameter '" + name + "'" +
                                                     (names.empty() ? std::string("; this endpoint takes none")
                                                                    : "; the parameters are: " + join(names, ", ")),
                                                 name));
        }
      }
      if (req.matches.size() > 1) {
        const auto id = parse_integer(req.matches[1].str());
        if (!id) return write_error(res, Error::not_found("no such record"));
        request.id = *id;
      }
      if (route.authenticated) {
        auto token = bearer_token(req);
        if (!token) return write_error(res, token.error());
        auto caller = context_.accounts.authenticate(*token);
        if (!caller) return write_error(res, caller.error());
        request.caller = std::move(*caller);
        request.token = std::move(*token);
      }
      try {
        auto result = route.handler(request);
        if (!result) return write_error(res, result.error());
        write_json(res, result->status, result->body);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "internal error in %s %s: %s\n", route.method.c_str(), route.path.c_str(), e.what());
        write_error(res, Error::internal("something went wrong on the server; nothing was changed"));
      }
    };
    const auto pattern = path_pattern(route.path);
    if (route.method == "GET") http_->Get(pattern, handler);
    else if (route.method == "POST") http_->Post(pattern, handler);
    else if (route.method == "PUT") http_->Put(pattern, handler);
    else if (route.method == "PATCH") http_->Patch(pattern, handler);
  }
  // Anything that did not produce a body (no such path, wrong method, body
  // too large) still answers in the one error shape.
  http_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) {
      return write_error(res, {ErrorCode::payload_too_large, "the request body is too large", {}});
    }
    if (res.status == 404 || res.status == 405) {
      return write_error(res, Error::not_found("there is no endpoint " + req.method + " " + req.path +
                                               "; see GET /api/openapi.json"));
    }
    write_json(res, res.status, error_body({ErrorCode::invalid_input, "the request could not be read", {}}));
  });
  http_->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    write_error(res, Error::internal("something went wrong on the server; nothing was changed"));
  });
  if (config_.access_log) {
    http_->set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
    });
  }
}

Result<int> Server::bind() {
  CM_TRY_STATUS(config_.validate());
  if (config_.port == 0) {
    const int port = http_->bind_to_any_port(config_.host);
    if (port <= 0) return Error::unavailable("cannot listen on " + config_.host);
    return port;
  }
  if (!http_->bind_to_port(config_.host, config_.port)) {
    return Error::unavailable("cannot listen on " + config_.host + ":" + std::to_string(config_.port) +
                              "; is another program using the port?");
  }
  return config_.port;
}

Status Server::run() {
  if (!http_->listen_after_bind()) return Error::unavailable("the server stopped unexpectedly");
  return {};
}

void Server::stop() { http_->stop(); }

void Server::mount(const std::function<void(httplib::Server&)>& add_handlers) { add_handlers(*http_); }

}  // namespace caremarket::api
