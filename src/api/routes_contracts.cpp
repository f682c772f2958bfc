// /api/contracts: contracts of every purchasing model, their status,
// extensions, dynamic market members, utilisation and soft block reviews.
#include "api/json_brokerage.hpp"
#include "api/json_contracts.hpp"
#include "api/json_input.hpp"
#include "api/routes.hpp"

namespace caremarket::api {
namespace {
using nlohmann::json;

Result<json> body_json(const std::string& body) { return parse_json(body); }

Result<Date> date_param(const Request& req, const std::string& name) {
  CM_ASSIGN_OR_RETURN(const auto text, req.param(name));
  if (!text) return Error::invalid("'" + name + "' is required (YYYY-MM-DD)", name);
  auto d = Date::parse_iso(*text);
  if (!d) return Error::invalid("'" + name + "' must be a date (YYYY-MM-DD)", name);
  return *d;
}

Result<app::StatusChange> status_change(const std::string& body) {
  CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(body, {"status", "date", "notice_given", "reason"}));
  app::StatusChange change;
  CM_ASSIGN_OR_RETURN(const auto status, in.required_text("status", 20));
  const auto to = storage::contract_status_from(status);
  if (!to) return Error::invalid("'status' is one of draft, active, suspended, ended, terminated", "status");
  change.to = *to;
  CM_ASSIGN_OR_RETURN(change.date, in.date("date"));
  CM_ASSIGN_OR_RETURN(change.notice_given, in.date("notice_given"));
  CM_ASSIGN_OR_RETURN(const auto reason, in.text("reason", 2000));
  change.reason = reason.value_or("");
  return change;
}

Result<app::MemberChange> member_change(const std::string& body) {
  CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(body, {"action", "provider_id", "date", "reason"}));
  app::MemberChange change;
  CM_ASSIGN_OR_RETURN(const auto action, in.required_text("action", 20));
  const auto a = app::member_action_from(action);
  if (!a) return Error::invalid("'action' is one of join, suspend, reinstate, remove", "action");
  change.action = *a;
  CM_ASSIGN_OR_RETURN(const auto provider, in.integer("provider_id", 1, INT64_MAX));
  change.provider_id = provider.value_or(0);
  CM_ASSIGN_OR_RETURN(change.date, in.date("date"));
  CM_ASSIGN_OR_RETURN(const auto reason, in.text("reason", 2000));
  change.reason = reason.value_or("");
  return change;
}

Result<app::ReviewDecision> review_decision(const std::string& body) {
  CM_ASSIGN_OR_RETURN(const auto in,
                      JsonObject::parse(body, {"review_date", "decision", "commitment", "reason", "decided_on"}));
  app::ReviewDecision d;
  CM_ASSIGN_OR_RETURN(const auto date, in.date("review_date"));
  if (!date) return Error::invalid("'review_date' is required (YYYY-MM-DD)", "review_date");
  d.review_date = *date;
  CM_ASSIGN_OR_RETURN(const auto decision, in.required_text("decision", 10));
  if (decision != "accept" && decision != "other") return Error::invalid("'decision' is accept or other", "decision");
  d.accept = decision == "accept";
  CM_ASSIGN_OR_RETURN(const auto commitment, in.integer("commitment", 0, 10'000));
  if (commitment) d.commitment = static_cast<int>(*commitment);
  CM_ASSIGN_OR_RETURN(const auto reason, in.text("reason", 2000));
  d.reason = reason.value_or("");
  CM_ASSIGN_OR_RETURN(d.decided_on, in.date("decided_on"));
  return d;
}
}  // namespace

std::vector<Route> contracts_routes(AppContext& ctx) {
  std::vector<Route> r;
  r.push_back({"POST",
               "/api/contracts",
               "Record a contract (spot, block, soft block, framework or dynamic market) as a draft",
               "contracts",
               true,
               {},
               "ContractInput",
               "Contract",
               201,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto body, body_json(req.body));
                 CM_ASSIGN_OR_RETURN(auto input, contract_from_json(body));
                 CM_ASSIGN_OR_RETURN(const auto made, ctx.contracts.create(req.caller, std::move(input)));
                 return Response{201, to_json(made)};
               }});
  r.push_back({"GET",
               "/api/contracts",
               "Contracts the caller's council is a party to, or that name the caller's provider "
               "(and dynamic markets open to apply)",
               "contracts",
               true,
               {{"model", "string", "only this purchasing model"}, {"status", "string", "only this status"}},
               "",
               "ContractList",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto model, req.param("model"));
                 if (model && !storage::contract_model_from(*model)) {
                   return Error::invalid("'model' is one of spot, block, soft_block, framework, dynamic_market",
                                         "model");
                 }
                 CM_ASSIGN_OR_RETURN(const auto status, req.param("status"));
                 if (status && !storage::contract_status_from(*status)) {
                   return Error::invalid("'status' is one of draft, active, suspended, ended, terminated", "status");
                 }
                 CM_ASSIGN_OR_RETURN(const auto list, ctx.contracts.list(req.caller));
                 json items = json::array();
                 for (const auto& c : list) {
                   if (model && to_string(c.model) != *model) continue;
                   if (status && to_string(c.status) != *status) continue;
                   items.push_back(to_json(c));
                 }
                 return Response{200, {{"items", items}, {"total", items.size()}}};
               }});
  r.push_back({"GET",
               "/api/contracts/{id}",
               "One contract, with its parties, terms, prices, extensions and members",
               "contracts",
               true,
               {},
               "",
               "Contract",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto c, ctx.contracts.get(req.caller, req.id));
                 return Response{200, to_json(c)};
               }});
  r.push_back({"PATCH",
               "/api/contracts/{id}",
               "Change a contract: any field while a draft; once live, only its title, "
               "notes, membership conditions and change rules",
               "contracts",
               true,
               {},
               "ContractPatch",
               "Contract",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto patch, body_json(req.body));
                 if (auto known = JsonObject::from(patch, contract_input_fields(), ""); !known) return known.error();
                 CM_ASSIGN_OR_RETURN(const auto current, ctx.contracts.get(req.caller, req.id));
                 json merged = contract_input_json(current);
                 for (const auto& [key, value] : patch.items()) {
                   if (value.is_null()) merged.erase(key);
                   else merged[key] = value;
                 }
                 // Prices given one way replace the other way's stored form.
                 if (patch.contains("unit_price")) merged.erase("unit_price_pence");
                 CM_ASSIGN_OR_RETURN(auto changed, contract_from_json(merged));
                 CM_ASSIGN_OR_RETURN(const auto updated, ctx.contracts.update(req.caller, req.id, std::move(changed)));
                 return Response{200, to_json(updated)};
               }});
  r.push_back({"POST",
               "/api/contracts/{id}/status",
               "Activate, suspend, end or terminate (with notice) a contract",
               "contracts",
               true,
               {},
               "ContractStatusChange",
               "Contract",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto change, status_change(req.body));
                 CM_ASSIGN_OR_RETURN(const auto c, ctx.contracts.change_status(req.caller, req.id, change));
                 return Response{200, to_json(c)};
               }});
  r.push_back({"POST",
               "/api/contracts/{id}/extensions",
               "Take the next extension option: the term runs on by its length",
               "contracts",
               true,
               {},
               "ReasonInput",
               "Contract",
               201,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body.empty() ? "{}" : req.body, {"reason"}));
                 CM_ASSIGN_OR_RETURN(const auto reason, in.text("reason", 2000));
                 CM_ASSIGN_OR_RETURN(const auto c,
                                     ctx.contracts.take_extension(req.caller, req.id, reason.value_or("")));
                 return Response{201, to_json(c)};
               }});
  r.push_back({"POST",
               "/api/contracts/{id}/members",
               "Dynamic market membership: a provider applies (join); the council "
               "admits (join), suspends, reinstates or removes, with dates and reasons",
               "contracts",
               true,
               {},
               "MemberChange",
               "Contract",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto change, member_change(req.body));
                 CM_ASSIGN_OR_RETURN(const auto c, ctx.contracts.change_member(req.caller, req.id, change));
                 return Response{200, to_json(c)};
               }});
  r.push_back({"GET",
               "/api/contracts/{id}/utilisation",
               "Week by week from 'from': committed, occupied, voids and what "
               "the voids cost under the contract's schedule",
               "contracts",
               true,
               {{"from", "string", "first week's start (YYYY-MM-DD)"},
                {"to", "string", "last week starts on or before this date"}},
               "",
               "Utilisation",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto from, date_param(req, "from"));
                 CM_ASSIGN_OR_RETURN(const auto to, date_param(req, "to"));
                 CM_ASSIGN_OR_RETURN(const auto u, ctx.contracts.utilisation(req.caller, req.id, from, to));
                 return Response{200, to_json(u)};
               }});
  r.push_back({"GET",
               "/api/contracts/{id}/reviews",
               "A soft block's reviews: those decided, and the next with its proposal",
               "contracts",
               true,
               {},
               "",
               "Reviews",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto v, ctx.contracts.reviews(req.caller, req.id));
                 return Response{200, to_json(v)};
               }});
  r.push_back({"POST",
               "/api/contracts/{id}/reviews",
               "Decide the next soft block review: accept the proposal, or another "
               "commitment within the rules with a reason",
               "contracts",
               true,
               {},
               "ReviewDecision",
               "Review",
               201,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto d, review_decision(req.body));
                 CM_ASSIGN_OR_RETURN(const auto review, ctx.contracts.decide_review(req.caller, req.id, d));
                 return Response{201, to_json(review)};
               }});
  r.push_back({"GET",
               "/api/contracts/{id}/history",
               "Every recorded change and call-off of the contract",
               "contracts",
               true,
               {},
               "",
               "History",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto events, ctx.contracts.history(req.caller, req.id));
                 json items = json::array();
                 for (const auto& e : events) items.push_back(to_json(e));
                 return Response{200, {{"items", items}}};
               }});
  return r;
}

}  // namespace caremarket::api
