#include "api/json_brokerage.hpp"
#include "api/json_input.hpp"
#include "api/routes.hpp"
#include "core/text.hpp"

namespace caremarket::api {
namespace {
using nlohmann::json;

Result<std::optional<Money>> money_field(const JsonObject& in, const std::string& pence_key,
                                         const std::string& text_key) {
  CM_ASSIGN_OR_RETURN(const auto pence, in.integer(pence_key, 1, 10'000'000));
  CM_ASSIGN_OR_RETURN(const auto text, in.text(text_key, 20));
  if (pence && text) return Error::invalid("give '" + pence_key + "' or '" + text_key + "', not both", text_key);
  if (pence) return std::optional<Money>{Money::from_pence(*pence)};
  if (!text) return std::optional<Money>{};
  auto m = Money::parse(*text);
  if (!m) return Error::invalid(text_key + ": " + m.error().message, text_key);
  return std::optional<Money>{*m};
}

Result<app::ReferralInput> referral_input(const std::string& body) {
  CM_ASSIGN_OR_RETURN(
      const auto in,
      JsonObject::parse(body, {"kind", "age", "needs", "hours_per_week", "home_postcode", "preferred_authority",
                               "need_level", "budget_ceiling_pence", "budget_ceiling", "needed_by", "urgent",
                               "max_distance_miles", "min_rating", "inadequate_override_reason", "pds", "person"}));
  app::ReferralInput r;
  CM_ASSIGN_OR_RETURN(const auto kind, in.text("kind", 40));
  if (kind) {
    const auto k = market::kind_of_care_from(*kind);
    if (!k) return Error::invalid("'" + *kind + "' is not a kind of care", "kind");
    r.kinds = {*k};
  }
  r.for_child = in.has("pds");
  if (r.for_child && kind)
    return Error::invalid(
        "a child's referral takes its kinds of care from the 'pds' suitability fields; leave out 'kind'", "kind");
  if (r.for_child) {
    CM_ASSIGN_OR_RETURN(const auto whole, parse_json(body));
    r.pds = whole.at("pds");
  }
  CM_ASSIGN_OR_RETURN(const auto age, in.required_integer("age", 0, 120));
  r.age = static_cast<int>(age);
  CM_ASSIGN_OR_RETURN(const auto needs, in.text_list("needs", 20));
  if (needs) r.needs = *needs;
  CM_ASSIGN_OR_RETURN(const auto hours, in.integer("hours_per_week", 0, 168));
  if (hours) r.hours_per_week = static_cast<int>(*hours);
  CM_ASSIGN_OR_RETURN(r.home_postcode, in.required_text("home_postcode", 10));
  CM_ASSIGN_OR_RETURN(const auto preferred, in.text("preferred_authority", 9));
  if (preferred) r.preferred_authority = to_upper(*preferred);
  CM_ASSIGN_OR_RETURN(const auto level, in.text("need_level", 20));
  if (level) r.need_level = *level;
  CM_ASSIGN_OR_RETURN(r.budget_ceiling, money_field(in, "budget_ceiling_pence", "budget_ceiling"));
  CM_ASSIGN_OR_RETURN(r.needed_by, in.date("needed_by"));
  CM_ASSIGN_OR_RETURN(const auto urgent, in.boolean("urgent"));
  r.urgent = urgent.value_or(false);
  CM_ASSIGN_OR_RETURN(const auto miles, in.integer("max_distance_miles", 1, 500));
  if (miles) r.max_distance_miles = static_cast<double>(*miles);
  CM_ASSIGN_OR_RETURN(const auto floor, in.text("min_rating", 30));
  if (floor) {
    const auto rating = market::rating_from(*floor);
    if (!rating || *rating == market::Rating::not_rated) {
      return Error::invalid("'min_rating' must be inadequate, requires_improvement, good or outstanding", "min_rating");
    }
    r.min_rating = *rating;
  }
  CM_ASSIGN_OR_RETURN(const auto override_reason, in.text("inadequate_override_reason", 1000));
  if (override_reason) r.inadequate_override_reason = *override_reason;
  if (!in.has("person"))
    return Error::invalid("'person' is required: the person's name and identifiers, kept from providers until award",
                          "person");
  CM_ASSIGN_OR_RETURN(const auto whole, parse_json(body));
  CM_ASSIGN_OR_RETURN(
      const auto person,
      JsonObject::from(whole.at("person"), {"name", "date_of_birth", "nhs_number", "council_child_id"}, "person"));
  CM_ASSIGN_OR_RETURN(r.person.name, person.required_text("name", 200));
  CM_ASSIGN_OR_RETURN(const auto dob, person.date("date_of_birth"));
  if (dob) r.person.date_of_birth = dob->to_string();
  CM_ASSIGN_OR_RETURN(const auto nhs, person.text("nhs_number", 12));
  if (nhs) {
    std::string digits;
    for (char c : *nhs)
      if (c != ' ') digits += c;
    if (digits.size() != 10 || digits.find_first_not_of("0123456789") != std::string::npos) {
      return Error::invalid("an NHS number has 10 digits", "person.nhs_number");
    }
    r.person.nhs_number = digits;
  }
  CM_ASSIGN_OR_RETURN(const auto child_id, person.text("council_child_id", 40));
  if (child_id) r.person.council_child_id = *child_id;
  return r;
}

Result<Response> referral_for(AppContext& ctx, Request& req) {
  if (req.caller.is_provider()) {
    CM_ASSIGN_OR_RETURN(const auto view, ctx.brokerage.provider_view(req.caller, req.id, true));
    return Response{200, to_json(view)};
  }
  CM_ASSIGN_OR_RETURN(const auto view, ctx.brokerage.council_view(req.caller, req.id));
  return Response{200, to_json(view)};
}
}  // namespace

std::vector<Route> brokerage_routes(AppContext& ctx) {
  std::vector<Route> r;
  r.push_back({"POST",
               "/api/referrals",
               "Record a referral (adults: kind and needs; children: the Placements Data Standard fields in 'pds')",
               "brokerage",
               true,
               {},
               "ReferralInput",
               "Referral",
               201,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto input, referral_input(req.body));
                 CM_ASSIGN_OR_RETURN(const auto view, ctx.brokerage.create_referral(req.caller, input));
                 return Response{201, to_json(view)};
               }});
  r.push_back({"GET",
               "/api/referrals",
               "A council's referrals, or those sent to a provider (redacted)",
               "brokerage",
               true,
               {},
               "",
               "ReferralList",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 json items = json::array();
                 if (req.caller.is_provider()) {
                   CM_ASSIGN_OR_RETURN(const auto list, ctx.brokerage.provider_referrals(req.caller));
                   for (const auto& v : list) items.push_back(to_json(v));
                 } else {
                   CM_ASSIGN_OR_RETURN(const auto list, ctx.brokerage.council_referrals(req.caller));
                   for (const auto& v : list) items.push_back(to_json(v));
                 }
                 return Response{200, {{"items", items}, {"total", items.size()}}};
               }});
  r.push_back({"GET",
               "/api/referrals/{id}",
               "One referral: the council's full view, or a provider's redacted view",
               "brokerage",
               true,
               {},
               "",
               "Referral",
               200,
               [&ctx](Request& req) { return referral_for(ctx, req); }});
  r.push_back({"GET",
               "/api/referrals/{id}/matches",
               "Who would be asked and who not, with scores, weights and reasons",
               "brokerage",
               true,
               {},
               "",
               "Matches",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto ranking, ctx.brokerage.preview(req.caller, req.id));
                 return Response{200, to_json(ranking)};
               }});
  r.push_back({"POST",
               "/api/referrals/{id}/send",
               "Send to every eligible service with a response deadline",
               "brokerage",
               true,
               {},
               "",
               "Referral",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto view, ctx.brokerage.send(req.caller, req.id));
                 return Response{200, to_json(view)};
               }});
  r.push_back({"POST",
               "/api/referrals/{id}/offers",
               "A provider's offer: price, start date, conditions",
               "brokerage",
               true,
               {},
               "OfferInput",
               "Offer",
               201,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body, {"service_id", "price_pence", "price",
                                                                                 "start_date", "conditions"}));
                 app::OfferInput offer;
                 CM_ASSIGN_OR_RETURN(offer.service_id, in.required_integer("service_id", 1, INT64_MAX));
                 CM_ASSIGN_OR_RETURN(const auto price, money_field(in, "price_pence", "price"));
                 if (!price)
                   return Error::invalid("give the price as 'price_pence' or 'price' (e.g. \"1250.00\")", "price");
                 offer.price = *price;
                 CM_ASSIGN_OR_RETURN(const auto start, in.date("start_date"));
                 if (!start) return Error::invalid("'start_date' is required", "start_date");
                 offer.start_date = *start;
                 CM_ASSIGN_OR_RETURN(const auto conditions, in.text("conditions", 2000));
                 if (conditions) offer.conditions = *conditions;
                 CM_ASSIGN_OR_RETURN(const auto made, ctx.brokerage.make_offer(req.caller, req.id, offer));
                 return Response{201, to_json(made)};
               }});
  r.push_back({"POST",
               "/api/referrals/{id}/declines",
               "A provider declines for one of its services, with a reason",
               "brokerage",
               true,
               {},
               "DeclineInput",
               "",
               204,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body, {"service_id", "reason"}));
                 CM_ASSIGN_OR_RETURN(const auto service, in.required_integer("service_id", 1, INT64_MAX));
                 CM_ASSIGN_OR_RETURN(const auto reason, in.required_text("reason", 1000));
                 CM_TRY_STATUS(ctx.brokerage.decline(req.caller, req.id, service, reason));
                 return Response{204, nullptr};
               }});
  r.push_back({"POST",
               "/api/offers/{id}/withdraw",
               "A provider withdraws its offer before award",
               "brokerage",
               true,
               {},
               "",
               "",
               204,
               [&ctx](Request& req) -> Result<Response> {
                 CM_TRY_STATUS(ctx.brokerage.withdraw_offer(req.caller, req.id));
                 return Response{204, nullptr};
               }});
  r.push_back({"POST",
               "/api/referrals/{id}/rank",
               "Rank the offers (at the deadline, or once every service has answered)",
               "brokerage",
               true,
               {},
               "",
               "OfferRanking",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto ranking, ctx.brokerage.rank_offers(req.caller, req.id));
                 return Response{200, to_json(ranking)};
               }});
  r.push_back({"POST",
               "/api/referrals/{id}/award",
               "Award an offer; a reason is required if it is not the top-ranked",
               "brokerage",
               true,
               {},
               "AwardInput",
               "Placement",
               201,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto in,
                                     JsonObject::parse(req.body, {"offer_id", "reason", "preferred_location",
                                                                  "education_continuity", "siblings_placed_together"}));
                 app::AwardInput award;
                 CM_ASSIGN_OR_RETURN(award.offer_id, in.required_integer("offer_id", 1, INT64_MAX));
                 CM_ASSIGN_OR_RETURN(const auto reason, in.text("reason", 2000));
                 if (reason) award.reason = *reason;
                 CM_ASSIGN_OR_RETURN(const auto preferred, in.boolean("preferred_location"));
                 award.preferred_location = preferred.value_or(false);
                 CM_ASSIGN_OR_RETURN(const auto education, in.boolean("education_continuity"));
                 award.education_continuity = education.value_or(false);
                 CM_ASSIGN_OR_RETURN(const auto siblings, in.integer("siblings_placed_together", 0, 9));
                 award.siblings_placed_together = static_cast<int>(siblings.value_or(0));
                 CM_ASSIGN_OR_RETURN(const auto placement, ctx.brokerage.award(req.caller, req.id, award));
                 return Response{201, to_json(placement)};
               }});
  r.push_back({"POST",
               "/api/referrals/{id}/withdraw",
               "The council withdraws the referral, with a reason",
               "brokerage",
               true,
               {},
               "ReasonInput",
               "",
               204,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body, {"reason"}));
                 CM_ASSIGN_OR_RETURN(const auto reason, in.required_text("reason", 1000));
                 CM_TRY_STATUS(ctx.brokerage.withdraw_referral(req.caller, req.id, reason));
                 return Response{204, nullptr};
               }});
  r.push_back({"GET",
               "/api/referrals/{id}/person",
               "The person's details (recorded in the audit trail)",
               "brokerage",
               true,
               {{"reason", "string", "why the details are read (required of the operator)"}},
               "",
               "PersonalDetails",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto reason, req.param("reason"));
                 CM_ASSIGN_OR_RETURN(const auto person,
                                     ctx.brokerage.personal_details(req.caller, req.id, reason.value_or("")));
                 return Response{200, to_json(person)};
               }});
  r.push_back({"GET",
               "/api/referrals/{id}/history",
               "Every recorded step of the referral: the evidence of the decision",
               "brokerage",
               true,
               {},
               "",
               "History",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto events, ctx.brokerage.history(req.caller, req.id));
                 json items = json::array();
                 for (const auto& e : events) items.push_back(to_json(e));
                 return Response{200, {{"items", items}}};
               }});
  r.push_back({"GET",
               "/api/referrals/{id}/pds",
               "A child's referral as a Placements Data Standard v2 document",
               "brokerage",
               true,
               {},
               "",
               "",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(auto doc, ctx.brokerage.export_referral(req.caller, req.id));
                 return Response{200, std::move(doc)};
               }});
  r.push_back({"GET",
               "/api/placements/{id}/pds",
               "A placement's outcome as a Placements Data Standard v2 document",
               "brokerage",
               true,
               {},
               "",
               "",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(auto doc, ctx.brokerage.export_placement(req.caller, req.id));
                 return Response{200, std::move(doc)};
               }});
  r.push_back({"POST",
               "/api/referrals/{id}/placement",
               "Record a placement agreed elsewhere, from its Placements Data Standard document",
               "brokerage",
               true,
               {},
               "",
               "Placement",
               201,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto document, parse_json(req.body));
                 CM_ASSIGN_OR_RETURN(const auto placement,
                                     ctx.brokerage.import_placement(req.caller, req.id, document));
                 return Response{201, to_json(placement)};
               }});
  r.push_back({"GET",
               "/api/placements",
               "Placements of the caller's council, or with the caller's services",
               "brokerage",
               true,
               {},
               "",
               "PlacementList",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto list, ctx.brokerage.placements(req.caller));
                 json items = json::array();
                 for (const auto& p : list) items.push_back(to_json(p));
                 return Response{200, {{"items", items}, {"total", list.size()}}};
               }});
  r.push_back({"POST",
               "/api/placements/{id}/end",
               "End a placement: planned_move, disruption, died or moved_away",
               "brokerage",
               true,
               {},
               "EndPlacementInput",
               "Placement",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body, {"end_date", "reason"}));
                 CM_ASSIGN_OR_RETURN(const auto end, in.date("end_date"));
                 if (!end) return Error::invalid("'end_date' is required", "end_date");
                 CM_ASSIGN_OR_RETURN(const auto reason, in.required_text("reason", 40));
                 CM_ASSIGN_OR_RETURN(const auto placement,
                                     ctx.brokerage.end_placement(req.caller, req.id, *end, reason));
                 return Response{200, to_json(placement)};
               }});
  r.push_back({"GET",
               "/api/inbox",
               "The organisation's notifications, newest first",
               "brokerage",
               true,
               {},
               "",
               "Inbox",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto list, ctx.brokerage.inbox(req.caller));
                 json items = json::array();
                 for (const auto& n : list) items.push_back(to_json(n));
                 return Response{200, {{"items", items}}};
               }});
  r.push_back({"POST",
               "/api/inbox/{id}/read",
               "Mark a notification read",
               "brokerage",
               true,
               {},
               "",
               "",
               204,
               [&ctx](Request& req) -> Result<Response> {
                 CM_TRY_STATUS(ctx.brokerage.mark_read(req.caller, req.id));
                 return Response{204, nullptr};
               }});
  r.push_back({"GET",
               "/api/settings",
               "The council's published ranking weights",
               "brokerage",
               true,
               {},
               "",
               "Settings",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto s, ctx.brokerage.settings(req.caller));
                 return Response{200,
                                 {{"weights",
                                   {{"quality", s.weight_quality},
                                    {"price", s.weight_price},
                                    {"distance", s.weight_distance},
                                    {"fit", s.weight_fit}}}}};
               }});
  r.push_back(
      {"PUT",
       "/api/settings/weights",
       "Publish the council's weights (whole percentages adding up to 100)",
       "brokerage",
       true,
       {},
       "Weights",
       "",
       204,
       [&ctx](Request& req) -> Result<Response> {
         CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body, {"quality", "price", "distance", "fit"}));
         brokerage::Weights w;
         CM_ASSIGN_OR_RETURN(const auto q, in.required_integer("quality", 0, 100));
         CM_ASSIGN_OR_RETURN(const auto p, in.required_integer("price", 0, 100));
         CM_ASSIGN_OR_RETURN(const auto d, in.required_integer("distance", 0, 100));
         CM_ASSIGN_OR_RETURN(const auto f, in.integer("fit", 0, 100));
         w = {static_cast<int>(q), static_cast<int>(p), static_cast<int>(d), static_cast<int>(f.value_or(0))};
         CM_TRY_STATUS(ctx.brokerage.set_weights(req.caller, w));
         return Response{204, nullptr};
       }});
  return r;
}

}  // namespace caremarket::api
