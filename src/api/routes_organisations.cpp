#include "api/json_output.hpp"
#include "api/routes.hpp"
#include "core/text.hpp"

namespace caremarket::api {

std::vector<Route> organisation_routes(AppContext& ctx) {
  std::vector<Route> routes;
  routes.push_back({"GET",
                    "/api/organisations",
                    "List councils, providers and the operator",
                    "register",
                    true,
                    {{"kind", "string", "council, provider or operator"}},
                    "",
                    "OrganisationList",
                    200,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto kind_text, req.param("kind"));
                      std::optional<market::OrganisationKind> kind;
                      if (kind_text) {
                        kind = market::organisation_kind_from(*kind_text);
                        if (!kind) return Error::invalid("'kind' must be council, provider or operator", "kind");
                      }
                      CM_ASSIGN_OR_RETURN(const auto list, ctx.market.organisations(req.caller, kind));
                      nlohmann::json items = nlohmann::json::array();
                      for (const auto& o : list) items.push_back(to_json(o));
                      return Response{200, {{"items", items}, {"total", list.size()}}};
                    }});
  routes.push_back({"GET",
                    "/api/organisations/{id}",
                    "One organisation",
                    "register",
                    true,
                    {},
                    "",
                    "Organisation",
                    200,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto o, ctx.market.organisation(req.caller, req.id));
                      return Response{200, to_json(o)};
                    }});
  return routes;
}

}  // namespace caremarket::api
