#pragma once
// The API's routes as one table: method, path, who may call, parameters and
// handler. The server registers them with httplib and the OpenAPI document
// is generated from the same table, so the two cannot drift apart.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/access.hpp"
#include "core/result.hpp"

namespace caremarket::api {

struct Request {
  std::string body;
  std::multimap<std::string, std::string> query;
  std::int64_t id = 0;         // the {id} in the path, when the route has one
  app::Caller caller;          // filled for authenticated routes
  std::string token;           // the bearer token, for logout
  std::string client_address;  // the TCP peer, for sign-in throttling

  // A query parameter given once (twice is an error), or nullopt.
  Result<std::optional<std::string>> param(const std::string& name) const;
};

struct Response {
  int status = 200;
  nlohmann::json body;    // null: no body (204), unless `text` is set
  std::string text = {};  // the body already written as JSON (search_json.hpp); sent as it is
  // The body as nlohmann::json whichever way it was given (null: none).
  nlohmann::json json() const { return text.empty() ? body : nlohmann::json::parse(text); }
};

using Handler = std::function<Result<Response>(Request&)>;

struct Param {
  std::string name;
  std::string type;  // "string", "integer", "number", "boolean"
  std::string description;
};

struct Route {
  std::string method;  // GET, POST, PUT, PATCH
  std::string path;    // OpenAPI form: /api/services/{id}
  std::string summary;
  std::string tag;
  bool authenticated = true;
  std::vector<Param> query;     // the only query parameters accepted
  std::string request_schema;   // component name, or ""
  std::string response_schema;  // component name, or ""
  int success_status = 200;
  Handler handler;
  std::size_t max_body_bytes = 0;  // a smaller limit than the server's for this route's body; 0: the server's
};

}  // namespace caremarket::api
