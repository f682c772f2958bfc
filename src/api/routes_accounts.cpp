#include "api/json_input.hpp"
#include "api/json_output.hpp"
#include "api/routes.hpp"

namespace caremarket::api {

namespace {
// An email, a name and a password fit in far less; a sign-in is open to anyone.
constexpr std::size_t kSmallBody = 16 * 1024;
}  // namespace

std::vector<Route> accounts_routes(AppContext& ctx) {
  std::vector<Route> routes;
  routes.push_back({"POST",
                    "/api/login",
                    "Log in with email and password; returns a bearer token",
                    "accounts",
                    false,
                    {},
                    "LoginRequest",
                    "LoginResponse",
                    200,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body, {"email", "password"}));
                      CM_ASSIGN_OR_RETURN(const auto email, in.required_text("email", 254));
                      CM_ASSIGN_OR_RETURN(const auto password, in.required_text("password", 256));
                      CM_ASSIGN_OR_RETURN(const auto login, ctx.accounts.login(email, password, req.client_address));
                      return Response{200,
                                      {{"token", login.token},
                                       {"token_type", "Bearer"},
                                       {"expires_at", format_timestamp(login.expires_at)},
                                       {"user", to_json(login.user)},
                                       {"organisation", to_json(login.organisation)}}};
                    }});
  routes.back().max_body_bytes = kSmallBody;
  routes.push_back({"POST",
                    "/api/logout",
                    "Revoke the bearer token used for this call",
                    "accounts",
                    true,
                    {},
                    "",
                    "",
                    204,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_TRY_STATUS(ctx.accounts.logout(req.token));
                      return Response{204, nullptr};
                    }});
  routes.push_back({"GET",
                    "/api/me",
                    "Who the token belongs to",
                    "accounts",
                    true,
                    {},
                    "",
                    "Me",
                    200,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto me, ctx.accounts.me(req.caller));
                      return Response{200, {{"user", to_json(me.user)}, {"organisation", to_json(me.organisation)}}};
                    }});
  routes.push_back({"POST",
                    "/api/users",
                    "Add a user (operator, or an organisation's admin for its own users)",
                    "accounts",
                    true,
                    {},
                    "NewUser",
                    "User",
                    201,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body, {"organisation_id", "email",
                                                                                      "name", "password", "roles"}));
                      app::NewUser user;
                      CM_ASSIGN_OR_RETURN(user.organisation_id, in.required_integer("organisation_id", 1, INT64_MAX));
                      CM_ASSIGN_OR_RETURN(user.email, in.required_text("email", 254));
                      CM_ASSIGN_OR_RETURN(user.name, in.required_text("name", 200));
                      CM_ASSIGN_OR_RETURN(user.password, in.required_text("password", 256));
                      CM_ASSIGN_OR_RETURN(const auto roles, in.text_list("roles", 10));
                      if (!roles) return Error::invalid("'roles' is required", "roles");
                      user.roles = *roles;
                      CM_ASSIGN_OR_RETURN(const auto created, ctx.accounts.add_user(req.caller, user));
                      return Response{201, to_json(created)};
                    }});
  routes.back().max_body_bytes = kSmallBody;
  return routes;
}

}  // namespace caremarket::api
