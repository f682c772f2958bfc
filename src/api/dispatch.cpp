#include "api/dispatch.hpp"

#include <httplib.h>

#include <regex>

#include "api/input_policy.hpp"
#include "core/text.hpp"

namespace caremarket::api {
namespace {

Result<std::string> bearer_token(const httplib::Request& req) {
  const auto header = req.get_header_value("Authorization");
  if (header.empty()) {
    return Error::unauthenticated(
        "this needs a login: send 'Authorization: Bearer <token>' with a token from POST /api/login");
  }
  if (!header.starts_with("Bearer "))
    return Error::unauthenticated("the Authorization header must be 'Bearer <token>'");
  return std::string(trim(std::string_view(header).substr(7)));
}

Status only_known_parameters(const Route& route, const std::multimap<std::string, std::string>& query) {
  for (const auto& [name, value] : query) {
    bool known = false;
    for (const auto& p : route.query) known = known || p.name == name;
    if (known) continue;
    std::vector<std::string> names;
    for (const auto& p : route.query) names.push_back(p.name);
    return Error::invalid(
        "unknown query parameter '" + name + "'" +
            (names.empty() ? std::string("; this endpoint takes none") : "; the parameters are: " + join(names, ", ")),
        name);
  }
  return {};
}

}  // namespace

std::string path_pattern(const std::string& path) {
  return std::regex_replace(path, std::regex(R"(\{id\})"), R"((\d{1,18}))");
}

Result<Response> dispatch(const Route& route, const httplib::Request& req, std::string body, app::Accounts& accounts) {
  CM_TRY_STATUS(check_request_text(req));
  Request request;
  request.client_address = req.remote_addr;
  request.body = std::move(body);
  request.query = query_of(req.target);
  CM_TRY_STATUS(only_known_parameters(route, request.query));
  if (req.matches.size() > 1) {
    const auto id = parse_integer(req.matches[1].str());
    if (!id) return Error::not_found("no such record");
    request.id = *id;
  }
  if (route.authenticated) {
    CM_ASSIGN_OR_RETURN(auto token, bearer_token(req));
    CM_ASSIGN_OR_RETURN(auto caller, accounts.authenticate(token));
    request.caller = std::move(caller);
    request.token = std::move(token);
  }
  return route.handler(request);
}

}  // namespace caremarket::api
