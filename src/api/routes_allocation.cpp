// Regional allocation over HTTP: alliances, runs (proposals), review and
// confirmation. A run is computed within the request; its summary carries
// how long each stage took (the CLI prints progress lines as it goes).
#include "api/json_input.hpp"
#include "api/routes.hpp"
#include "app/allocation.hpp"

namespace caremarket::api {
namespace {
using nlohmann::json;

json parsed_or_empty(const std::string& text) {
  if (text.empty()) return json::object();
  auto j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json::object() : j;
}

json to_json(const storage::Alliance& a) {
  return {{"id", a.id}, {"name", a.name}, {"members", a.members}, {"created_at", format_timestamp(a.created_at)}};
}

json to_json(const storage::AllocationRun& r) {
  return {{"id", r.id},
          {"alliance_id", r.alliance_id == 0 ? json(nullptr) : json(r.alliance_id)},
          {"requested_by_council", r.requested_by_council},
          {"councils", r.councils},
          {"status", std::string(to_string(r.status))},
          {"created_at", format_timestamp(r.created_at)},
          {"summary", parsed_or_empty(r.summary_json)}};
}

json to_json(const storage::ProposedMatch& m) {
  json j{{"referral_id", m.referral_id},
         {"council_id", m.council_id},
         {"service_id", m.service_id == 0 ? json(nullptr) : json(m.service_id)},
         {"provider_id", m.provider_id == 0 ? json(nullptr) : json(m.provider_id)},
         {"places", m.places},
         {"status", std::string(to_string(m.status))},
         {"explanation", parsed_or_empty(m.explanation_json)}};
  if (!m.outcome.empty()) j["outcome"] = m.outcome;
  if (m.decided_at != 0) j["decided_at"] = format_timestamp(m.decided_at);
  return j;
}

json to_json(const app::AllocationRunView& v) {
  json j = to_json(v.run);
  json matches = json::array();
  for (const auto& m : v.matches) matches.push_back(to_json(m));
  j["matches"] = matches;
  return j;
}

Result<app::AllocationRequest> allocation_request(const std::string& body, const app::Caller& caller) {
  CM_ASSIGN_OR_RETURN(const auto in,
                      JsonObject::parse(body.empty() ? "{}" : body, {"alliance_id", "block_places", "fairness"}));
  app::AllocationRequest r;
  CM_ASSIGN_OR_RETURN(const auto alliance, in.integer("alliance_id", 1, INT64_MAX));
  r.alliance_id = alliance.value_or(0);
  CM_ASSIGN_OR_RETURN(const auto fairness, in.boolean("fairness"));
  r.fairness = fairness.value_or(true);
  std::vector<nlohmann::json> blocks;  // optional: no committed block places given
  if (in.has("block_places")) { CM_ASSIGN_OR_RETURN(blocks, in.array("block_places", 10000)); }
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    CM_ASSIGN_OR_RETURN(const auto b, JsonObject::from(blocks[i], {"council_id", "service_id", "places"},
                                                       "block_places[" + std::to_string(i) + "]"));
    app::BlockPlacesInput p;
    CM_ASSIGN_OR_RETURN(const auto council, b.integer("council_id", 1, INT64_MAX));
    p.council_id = council.value_or(caller.organisation_id);
    CM_ASSIGN_OR_RETURN(p.service_id, b.required_integer("service_id", 1, INT64_MAX));
    CM_ASSIGN_OR_RETURN(const auto places, b.required_integer("places", 1, 1000));
    p.places = static_cast<int>(places);
    r.block_places.push_back(p);
  }
  return r;
}
}  // namespace

std::vector<Route> allocation_routes(AppContext& ctx) {
  std::vector<Route> r;
  r.push_back({"POST",
               "/api/alliances",
               "Record an alliance of councils that commission together (the operator)",
               "allocation",
               true,
               {},
               "AllianceInput",
               "Alliance",
               201,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body, {"name", "members"}));
                 CM_ASSIGN_OR_RETURN(const auto name, in.required_text("name", 200));
                 CM_ASSIGN_OR_RETURN(const auto list, in.array("members", 200));
                 std::vector<std::int64_t> members;
                 for (const auto& m : list) {
                   if (!m.is_number_integer())
                     return Error::invalid("'members' lists council organisation ids", "members");
                   members.push_back(m.get<std::int64_t>());
                 }
                 CM_ASSIGN_OR_RETURN(const auto alliance, ctx.allocation.create_alliance(req.caller, name, members));
                 return Response{201, to_json(alliance)};
               }});
  r.push_back({"GET",
               "/api/alliances",
               "The alliances the caller's council belongs to (the operator: all)",
               "allocation",
               true,
               {},
               "",
               "AllianceList",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto list, ctx.allocation.alliances(req.caller));
                 json items = json::array();
                 for (const auto& a : list) items.push_back(to_json(a));
                 return Response{200, {{"items", items}}};
               }});
  r.push_back(
      {"POST",
       "/api/allocations",
       "Run the allocation over the waiting referrals of the caller's council, or of an alliance it belongs to; "
       "stores and returns the proposal (nothing is sent)",
       "allocation",
       true,
       {},
       "AllocationInput",
       "AllocationRun",
       201,
       [&ctx](Request& req) -> Result<Response> {
         CM_ASSIGN_OR_RETURN(const auto request, allocation_request(req.body, req.caller));
         CM_ASSIGN_OR_RETURN(const auto view, ctx.allocation.run(req.caller, request));
         return Response{201, to_json(view)};
       }});
  r.push_back({"GET",
               "/api/allocations",
               "Allocation runs with the caller's council's referrals in them (the operator: all)",
               "allocation",
               true,
               {},
               "",
               "AllocationRunList",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto list, ctx.allocation.runs(req.caller));
                 json items = json::array();
                 for (const auto& run : list) items.push_back(to_json(run));
                 return Response{200, {{"items", items}, {"total", items.size()}}};
               }});
  r.push_back({"GET",
               "/api/allocations/{id}",
               "One proposal: every referral's match with its explanation, and each council's shares",
               "allocation",
               true,
               {},
               "",
               "AllocationRun",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto view, ctx.allocation.show(req.caller, req.id));
                 return Response{200, to_json(view)};
               }});
  r.push_back(
      {"POST",
       "/api/allocations/{id}/confirm",
       "Send the caller's council's proposed matches (all, or those of the referrals listed), each to its one service",
       "allocation",
       true,
       {},
       "ConfirmInput",
       "AllocationRun",
       200,
       [&ctx](Request& req) -> Result<Response> {
         CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body.empty() ? "{}" : req.body, {"referrals"}));
         std::vector<nlohmann::json> list;  // optional: all of the caller's matches
         if (in.has("referrals")) { CM_ASSIGN_OR_RETURN(list, in.array("referrals", 10000)); }
         std::vector<std::int64_t> referrals;
         for (const auto& m : list) {
           if (!m.is_number_integer()) return Error::invalid("'referrals' lists referral ids", "referrals");
           referrals.push_back(m.get<std::int64_t>());
         }
         CM_ASSIGN_OR_RETURN(const auto view, ctx.allocation.confirm(req.caller, req.id, referrals));
         return Response{200, to_json(view)};
       }});
  return r;
}

}  // namespace caremarket::api
