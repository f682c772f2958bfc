#include "api/server.hpp"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "api/connection_guard.hpp"
#include "api/dispatch.hpp"
#include "api/error_table.hpp"
#include "api/input_policy.hpp"
#include "core/text.hpp"

namespace caremarket::api {
namespace {

void write_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  if (body.is_null()) {
    res.body.clear();
  } else {
    res.set_content(json_text(body), "application/json");
  }
}

// What an unexpected failure says. A change whose transaction failed is
// rolled back, but a failure after a commit (writing the answer) cannot be
// told apart here, so a change is never promised to be absent.
Error unexpected(const std::string& method) {
  if (method == "GET" || method == "HEAD")
    return Error::internal("something went wrong on the server; try again later");
  return Error::internal(
      "something went wrong on the server; check whether your change was saved before you send it again");
}

void write_error(httplib::Response& res, const Error& error) {
  write_json(res, http_status(error.code), error_body(error));
  if (error.code == ErrorCode::unauthenticated) res.set_header("WWW-Authenticate", "Bearer");
  if (error.retry_after_seconds > 0) res.set_header("Retry-After", std::to_string(error.retry_after_seconds));
}

}  // namespace

Status ServerConfig::validate() const {
  if (port < 0 || port > 65535) return Error::invalid("the port must be from 0 to 65535", "port");
  if (host.empty()) return Error::invalid("give a host to listen on", "host");
  if (max_body_bytes < 1024) return Error::invalid("the body limit must be at least 1024 bytes", "max_body_bytes");
  if (threads < 1 || threads > 4096) return Error::invalid("the server needs 1 to 4096 worker threads", "threads");
  CM_TRY_STATUS(connections.validate());
  if (connections.per_address >= threads) {
    return Error::invalid(
        "allow fewer connections per client address than worker threads, so one client cannot take them all",
        "max_connections_per_address");
  }
  return {};
}

Server::Server(AppContext& context, ServerConfig config)
    : context_(context), config_(std::move(config)), http_(std::make_unique<GuardedHttpServer>(config_.connections)) {
  routes_ = all_routes(context_);
  install_routes();
}

Server::~Server() = default;

void Server::install_routes() {
  http_->set_payload_max_length(config_.max_body_bytes);
  const auto threads = config_.threads;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_default_headers(
      {{"X-Content-Type-Options", "nosniff"}, {"Cache-Control", "no-store"}, {"X-Frame-Options", "DENY"}});
  const std::size_t max_body = config_.max_body_bytes;
  for (const Route& route : routes_) {
    auto handler = [this, &route](const httplib::Request& req, httplib::Response& res, std::string body) {
      try {
        auto result = dispatch(route, req, std::move(body), context_.accounts);
        if (!result) return write_error(res, result.error());
        if (!result->text.empty()) {
          res.status = result->status;
          res.set_content(std::move(result->text), "application/json");
        } else {
          write_json(res, result->status, result->body);
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "internal error in %s %s: %s\n", route.method.c_str(), route.path.c_str(),
                     printable(e.what()).c_str());
        write_error(res, unexpected(route.method));
      }
    };
    // Bodies are read here rather than by httplib, which refuses any body
    // sent as a form (curl -d's default type) above 8 KiB with a 413, and
    // would parse it into form fields nobody reads. The API reads its body as
    // JSON (or CSV) whatever the content type says; the size limit is the
    // route's own, or the server's.
    const std::size_t limit = route.max_body_bytes > 0 ? std::min(route.max_body_bytes, max_body) : max_body;
    const std::string limit_message =
        "the body of " + route.method + " " + route.path + " can be at most " + std::to_string(limit) + " bytes";
    auto with_body = [handler, limit, limit_message](const httplib::Request& req, httplib::Response& res,
                                                     const httplib::ContentReader& read) {
      if (req.is_multipart_form_data()) {
        return write_error(res, Error::invalid("this endpoint reads its body as JSON (or CSV text for actuals), "
                                               "not as a multipart form: send the document itself as the body"));
      }
      std::string body;
      const bool complete = read([&](const char* data, std::size_t length) {
        if (body.size() + length > limit) return false;
        body.append(data, length);
        return true;
      });
      if (!complete) { return write_error(res, {ErrorCode::payload_too_large, limit_message, {}}); }
      handler(req, res, std::move(body));
    };
    const auto pattern = path_pattern(route.path);
    if (route.method == "GET") {
      http_->Get(pattern,
                 [handler](const httplib::Request& req, httplib::Response& res) { handler(req, res, req.body); });
    } else if (route.method == "POST") {
      http_->Post(pattern, with_body);
    } else if (route.method == "PUT") {
      http_->Put(pattern, with_body);
    } else if (route.method == "PATCH") {
      http_->Patch(pattern, with_body);
    }
  }
  // Anything that did not produce a body (no such path, wrong method, body
  // too large) still answers in the one error shape.
  http_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    // The path is echoed below: bad bytes in it are refused first.
    if (Status text = check_request_text(req); !text) return write_error(res, text.error());
    if (res.status == 413) {
      return write_error(res, {ErrorCode::payload_too_large, "the request body is too large", {}});
    }
    if (res.status == 404 || res.status == 405) {
      return write_error(
          res, Error::not_found("there is no endpoint " + req.method + " " + req.path + "; see GET /api/openapi.json"));
    }
    write_json(res, res.status, error_body({ErrorCode::invalid_input, "the request could not be read", {}}));
  });
  http_->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    write_error(res, unexpected(req.method));
  });
  if (config_.access_log) {
    http_->set_logger([](const httplib::Request& req, const httplib::Response& res) {
      // A path may hold any byte; the log gets it as printable text.
      std::fprintf(stderr, "%s %s %d\n", printable(req.method).c_str(), printable(req.path).c_str(), res.status);
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
