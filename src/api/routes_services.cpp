#include "api/json_input.hpp"
#include "api/json_output.hpp"
#include "api/routes.hpp"
#include "api/search_json.hpp"
#include "app/search_request.hpp"
#include "core/text.hpp"

namespace caremarket::api {
namespace {

const std::vector<std::string> kServiceFields{"provider_id",    "name",        "kind",   "regulator",   "regulator_id",
                                              "address",        "postcode",    "places", "age_min",     "age_max",
                                              "needs",          "specialisms", "rating", "rating_date", "status",
                                              "risks_accepted", "features"};

template <typename E>
Result<std::optional<E>> enum_field(const JsonObject& in, const std::string& key,
                                    std::optional<E> (*from)(std::string_view), const std::string& allowed) {
  CM_ASSIGN_OR_RETURN(const auto text, in.text(key, 64));
  if (!text) return std::optional<E>{};
  const auto value = from(*text);
  if (!value) return Error::invalid("'" + *text + "' is not a valid " + key + "; use one of: " + allowed, key);
  return std::optional<E>{*value};
}

std::string kinds_list() {
  std::vector<std::string> names;
  for (const auto k : market::all_kinds_of_care()) names.emplace_back(to_string(k));
  return join(names, ", ");
}

Result<app::ServiceInput> service_input(const std::string& body) {
  CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(body, kServiceFields));
  app::ServiceInput s;
  CM_ASSIGN_OR_RETURN(s.provider_id, in.integer("provider_id", 1, INT64_MAX));
  CM_ASSIGN_OR_RETURN(s.name, in.text("name", 200));
  CM_ASSIGN_OR_RETURN(s.kind, enum_field<market::KindOfCare>(in, "kind", market::kind_of_care_from, kinds_list()));
  CM_ASSIGN_OR_RETURN(s.regulator,
                      enum_field<market::Regulator>(in, "regulator", market::regulator_from, "none, cqc, ofsted"));
  CM_ASSIGN_OR_RETURN(s.regulator_id, in.text("regulator_id", 40));
  CM_ASSIGN_OR_RETURN(s.address, in.text("address", 300));
  CM_ASSIGN_OR_RETURN(s.postcode, in.text("postcode", 10));
  CM_ASSIGN_OR_RETURN(const auto places, in.integer("places", 0, 2000));
  CM_ASSIGN_OR_RETURN(const auto age_min, in.integer("age_min", 0, 120));
  CM_ASSIGN_OR_RETURN(const auto age_max, in.integer("age_max", 0, 120));
  if (places) s.places = static_cast<int>(*places);
  if (age_min) s.age_min = static_cast<int>(*age_min);
  if (age_max) s.age_max = static_cast<int>(*age_max);
  CM_ASSIGN_OR_RETURN(s.needs, in.text_list("needs", 30));
  CM_ASSIGN_OR_RETURN(s.specialisms, in.text_list("specialisms", 30));
  CM_ASSIGN_OR_RETURN(s.risks_accepted, in.text_list("risks_accepted", 20));
  CM_ASSIGN_OR_RETURN(s.features, in.text_list("features", 20));
  CM_ASSIGN_OR_RETURN(s.rating,
                      enum_field<market::Rating>(in, "rating", market::rating_from,
                                                 "not_rated, inadequate, requires_improvement, good, outstanding"));
  CM_ASSIGN_OR_RETURN(s.rating_date, in.date("rating_date"));
  CM_ASSIGN_OR_RETURN(s.status, enum_field<market::ServiceStatus>(in, "status", market::service_status_from,
                                                                  "active, suspended, dormant"));
  return s;
}

Result<std::vector<market::PriceEntry>> price_input(const std::string& body) {
  CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(body, {"prices"}));
  CM_ASSIGN_OR_RETURN(const auto items, in.array("prices", 50));
  std::vector<market::PriceEntry> prices;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string where = "prices[" + std::to_string(i) + "]";
    CM_ASSIGN_OR_RETURN(
        const auto item,
        JsonObject::from(items[i], {"need_level", "unit", "amount_pence", "amount", "valid_from"}, where));
    market::PriceEntry p;
    CM_ASSIGN_OR_RETURN(p.need_level, item.required_text("need_level", 40));
    CM_ASSIGN_OR_RETURN(const auto unit, item.required_text("unit", 10));
    const auto parsed_unit = market::price_unit_from(unit);
    if (!parsed_unit) return Error::invalid("'" + where + ".unit' must be week or hour", where + ".unit");
    p.unit = *parsed_unit;
    CM_ASSIGN_OR_RETURN(const auto pence, item.integer("amount_pence", 1, 10'000'000));
    CM_ASSIGN_OR_RETURN(const auto amount, item.text("amount", 20));
    if (pence && amount) return Error::invalid("give '" + where + ".amount_pence' or '.amount', not both", where);
    if (pence) {
      p.amount = Money::from_pence(*pence);
    } else if (amount) {
      auto money = Money::parse(*amount);
      if (!money) return Error::invalid(where + ".amount: " + money.error().message, where + ".amount");
      p.amount = *money;
    } else {
      return Error::invalid("'" + where + "' needs 'amount_pence' (e.g. 105050) or 'amount' (e.g. \"1050.50\")", where);
    }
    CM_ASSIGN_OR_RETURN(const auto from, item.date("valid_from"));
    if (!from) return Error::invalid("'" + where + ".valid_from' is required (YYYY-MM-DD)", where + ".valid_from");
    p.valid_from = *from;
    prices.push_back(p);
  }
  return prices;
}

std::vector<Param> search_params() {
  std::vector<Param> out;
  for (const auto& p : app::search_parameters()) out.push_back({p.name, p.type, p.description});
  return out;
}
}  // namespace

std::vector<Route> service_routes(AppContext& ctx) {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/services", "Search the register: kind, area, distance, rating, vacancy, paging",
                    "register", true, search_params(), "", "ServiceList", 200,
                    [&ctx](Request& req) -> Result<Response> {
                      std::map<std::string, std::string> params;
                      for (const auto& [k, v] : req.query) {
                        if (!params.emplace(k, v).second) return Error::invalid("'" + k + "' is given twice", k);
                      }
                      CM_ASSIGN_OR_RETURN(auto request, app::parse_search_request(params));
                      CM_ASSIGN_OR_RETURN(const auto result, ctx.market.search(req.caller, std::move(request)));
                      // Written straight to text: the busiest answer of all (search_json.hpp).
                      return Response{200, nullptr, search_result_text(result)};
                    }});
  routes.push_back({"GET",
                    "/api/services/{id}",
                    "One service, with prices if the caller may see them",
                    "register",
                    true,
                    {},
                    "",
                    "Service",
                    200,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto view, ctx.market.get_service(req.caller, req.id));
                      return Response{200, nullptr, service_text(view)};
                    }});
  routes.push_back({"POST",
                    "/api/services",
                    "Add a service (a provider for itself, or the operator)",
                    "register",
                    true,
                    {},
                    "ServiceInput",
                    "Service",
                    201,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto input, service_input(req.body));
                      CM_ASSIGN_OR_RETURN(const auto view, ctx.market.create_service(req.caller, input));
                      return Response{201, to_json(view)};
                    }});
  routes.push_back({"PATCH",
                    "/api/services/{id}",
                    "Change some of a service's fields (its provider or the operator)",
                    "register",
                    true,
                    {},
                    "ServiceInput",
                    "Service",
                    200,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto input, service_input(req.body));
                      CM_ASSIGN_OR_RETURN(const auto view, ctx.market.update_service(req.caller, req.id, input));
                      return Response{200, to_json(view)};
                    }});
  routes.push_back({"PUT",
                    "/api/services/{id}/vacancies",
                    "Set the number of vacancies now",
                    "register",
                    true,
                    {},
                    "VacancyInput",
                    "Service",
                    200,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(req.body, {"count"}));
                      CM_ASSIGN_OR_RETURN(const auto count, in.required_integer("count", 0, 2000));
                      CM_ASSIGN_OR_RETURN(const auto view,
                                          ctx.market.set_vacancies(req.caller, req.id, static_cast<int>(count)));
                      return Response{200, to_json(view)};
                    }});
  routes.push_back({"GET",
                    "/api/services/{id}/prices",
                    "The service's price list (councils, operator, own provider)",
                    "register",
                    true,
                    {},
                    "",
                    "PriceList",
                    200,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto prices, ctx.market.prices(req.caller, req.id));
                      return Response{200, {{"items", to_json(prices)}}};
                    }});
  routes.push_back({"PUT",
                    "/api/services/{id}/prices",
                    "Set prices by need level from a date",
                    "register",
                    true,
                    {},
                    "PriceInput",
                    "PriceList",
                    200,
                    [&ctx](Request& req) -> Result<Response> {
                      CM_ASSIGN_OR_RETURN(const auto prices, price_input(req.body));
                      CM_ASSIGN_OR_RETURN(const auto saved, ctx.market.set_prices(req.caller, req.id, prices));
                      return Response{200, {{"items", to_json(saved)}}};
                    }});
  return routes;
}

// The register area: services, then organisations.
std::vector<Route> register_routes(AppContext& ctx) {
  auto routes = service_routes(ctx);
  for (auto& r : organisation_routes(ctx)) routes.push_back(std::move(r));
  return routes;
}

}  // namespace caremarket::api
