// The market intelligence area's routes: figures from the register that any
// signed-in user may read (public register facts, nothing about a person).
#include "api/json_input.hpp"
#include "api/json_intelligence.hpp"
#include "api/routes.hpp"

namespace caremarket::api {
namespace {
std::vector<Param> concentration_query() {
  std::vector<Param> out;
  for (const auto& p : app::concentration_parameters()) out.push_back({p.name, p.type, p.description});
  return out;
}
}  // namespace

std::vector<Route> intelligence_routes(AppContext& ctx) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/market/concentration",
                    "Who owns the care of an area: owners' shares of services and places, top-10 and top-20 "
                    "shares and the Herfindahl-Hirschman index",
                    "intelligence", true, concentration_query(), "", "MarketConcentration", 200,
                    [&ctx](Request& req) -> Result<Response> {
                      std::map<std::string, std::string> params;
                      for (const auto& p : app::concentration_parameters()) {
                        CM_ASSIGN_OR_RETURN(const auto value, req.param(p.name));
                        if (value) params[p.name] = *value;
                      }
                      CM_ASSIGN_OR_RETURN(const auto request, app::parse_concentration_request(params));
                      CM_ASSIGN_OR_RETURN(const auto result, ctx.intelligence.concentration(req.caller, request));
                      return Response{200, to_json(result)};
                    }});
  routes.push_back({"GET",
                    "/api/market/ownership-groups",
                    "The ownership-group table: each company's ultimate owner, with its source and date",
                    "intelligence",
                    true,
                    {},
                    "",
                    "OwnershipGroupList",
                    200,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto groups, ctx.intelligence.ownership_groups(req.caller));
                      nlohmann::json items = nlohmann::json::array();
                      for (const auto& g : groups) items.push_back(to_json(g));
                      return Response{200, {{"items", items}, {"total", groups.size()}}};
                    }});
  routes.push_back(
      {"PUT",
       "/api/market/ownership-groups",
       "Record or replace a company's ownership group (the operator's admins)",
       "intelligence",
       true,
       {},
       "OwnershipGroupInput",
       "OwnershipGroup",
       200,
       [&ctx](Request& req) -> Result<Response> {
         CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body, {"company", "group", "source", "as_of"}));
         app::OwnershipGroupInput input;
         CM_ASSIGN_OR_RETURN(const auto company, in.text("company", 300));
         CM_ASSIGN_OR_RETURN(const auto group, in.text("group", 300));
         CM_ASSIGN_OR_RETURN(const auto source, in.text("source", 500));
         CM_ASSIGN_OR_RETURN(const auto as_of, in.text("as_of", 10));
         input.company = company.value_or("");
         input.group = group.value_or("");
         input.source = source.value_or("");
         input.as_of = as_of.value_or("");
         CM_ASSIGN_OR_RETURN(const auto saved, ctx.intelligence.set_ownership_group(req.caller, input));
         return Response{200, to_json(saved)};
       }});
  routes.push_back({"POST",
                    "/api/market/ownership-groups/remove",
                    "Remove a company's ownership group (the operator's admins)",
                    "intelligence",
                    true,
                    {},
                    "OwnershipGroupRemoval",
                    "",
                    204,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body, {"company"}));
                      CM_ASSIGN_OR_RETURN(const auto company, in.text("company", 300));
                      if (!company) return Error::invalid("'company' is required", "company");
                      CM_TRY_STATUS(ctx.intelligence.remove_ownership_group(req.caller, *company));
                      return Response{204, nullptr};
                    }});
  return routes;
}

}  // namespace caremarket::api
