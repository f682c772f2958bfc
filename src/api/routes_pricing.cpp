// Prices: templates and the price calculator, the block sizing advisor and
// the fee review (pure calculations on the caller's own figures), council
// price models and providers' open-book submissions (stored, audited).
#include "api/json_input.hpp"
#include "api/json_pricing.hpp"
#include "api/routes.hpp"
#include "app/pricing.hpp"

namespace caremarket::api {
namespace {
using nlohmann::json;

Result<json> parse_body(const std::string& body) { return parse_json(body); }

json model_view_json(const app::PriceModelView& v) {
  return {{"id", v.record.id},
          {"council_id", v.record.council_id},
          {"kind", to_string(v.record.kind)},
          {"effective_from", v.record.effective_from.to_string()},
          {"note", v.record.note},
          {"synthetic", v.record.synthetic},
          {"current", v.current},
          {"set_at", format_timestamp(v.record.set_at)},
          {"model", to_json(v.priced)}};
}

json open_book_json(const app::OpenBookView& v) {
  return {{"id", v.record.id},
          {"service_id", v.record.service_id},
          {"provider_id", v.record.provider_id},
          {"effective_from", v.record.effective_from.to_string()},
          {"note", v.record.note},
          {"synthetic", v.record.synthetic},
          {"submitted_at", format_timestamp(v.record.submitted_at)},
          {"model", to_json(v.priced)}};
}

json explanation_json(const app::PriceExplanation& e) {
  const auto difference = e.offer_price - e.model_price;
  json out{{"council_id", e.council_id},
           {"service_id", e.service_id},
           {"kind", to_string(e.kind)},
           {"unit", to_string(e.unit)},
           {"price_model_id", e.price_model_id},
           {"model_price", money_json(e.model_price)},
           {"offer_price", money_json(e.offer_price)},
           {"difference", money_json(difference)},
           {"direction", difference.pence() > 0   ? "above"
                         : difference.pence() < 0 ? "below"
                                                  : "same"},
           {"lines", to_json(e.lines)},
           {"note", e.note}};
  if (e.offer_id) out["offer_id"] = *e.offer_id;
  if (e.open_book_id) out["open_book_id"] = *e.open_book_id;
  if (e.open_book_price) {
    out["open_book_price"] = money_json(*e.open_book_price);
    out["not_explained_by_lines"] = money_json(e.offer_price - *e.open_book_price);
  }
  return out;
}

Result<std::vector<app::PriceModelChange>> model_changes(const std::string& body) {
  CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(body, {"models"}));
  CM_ASSIGN_OR_RETURN(const auto items, in.array("models", 20));
  std::vector<app::PriceModelChange> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string w = "models[" + std::to_string(i) + "]";
    CM_ASSIGN_OR_RETURN(
        const auto item,
        JsonObject::from(items[i], {"kind", "effective_from", "template", "parameters", "lines", "note"}, w));
    app::PriceModelChange c;
    CM_ASSIGN_OR_RETURN(const auto kind, item.required_text("kind", 40));
    const auto k = market::kind_of_care_from(kind);
    if (!k) return Error::invalid("'" + kind + "' is not a kind of care", w + ".kind");
    c.kind = *k;
    CM_ASSIGN_OR_RETURN(const auto from, item.date("effective_from"));
    if (!from) return Error::invalid("'" + w + ".effective_from' is required (YYYY-MM-DD)", w + ".effective_from");
    c.effective_from = *from;
    CM_ASSIGN_OR_RETURN(const auto note, item.text("note", 1000));
    c.note = note.value_or("");
    CM_ASSIGN_OR_RETURN(c.spec, model_input(items[i], w));
    out.push_back(std::move(c));
  }
  return out;
}

Result<app::OpenBookChange> open_book_change(const std::string& body) {
  CM_ASSIGN_OR_RETURN(const auto raw, parse_body(body));
  CM_ASSIGN_OR_RETURN(const auto in,
                      JsonObject::from(raw, {"effective_from", "template", "parameters", "lines", "note"}, ""));
  app::OpenBookChange c;
  CM_ASSIGN_OR_RETURN(const auto from, in.date("effective_from"));
  if (!from) return Error::invalid("'effective_from' is required (YYYY-MM-DD)", "effective_from");
  c.effective_from = *from;
  CM_ASSIGN_OR_RETURN(const auto note, in.text("note", 1000));
  c.note = note.value_or("");
  CM_ASSIGN_OR_RETURN(c.spec, model_input(raw, ""));
  return c;
}
}  // namespace

std::vector<Route> pricing_routes(AppContext& ctx) {
  std::vector<Route> r;
  r.push_back({"GET",
               "/api/price-templates",
               "The price model templates, each parameter with its default and source",
               "prices",
               true,
               {},
               "",
               "PriceTemplateList",
               200,
               [](Request& req) -> Result<Response> {
                 CM_TRY_STATUS(app::can_read_register(req.caller));
                 json items = json::array();
                 for (const auto k : {pricing::TemplateKind::care_home, pricing::TemplateKind::home_care})
                   items.push_back(template_json(k));
                 return Response{200, {{"items", items}}};
               }});
  r.push_back(
      {"POST",
       "/api/price-model/calculate",
       "Price a model: a template with parameters, or your own cost lines; nothing is stored",
       "prices",
       true,
       {},
       "PriceModelInput",
       "PricedModel",
       200,
       [&ctx](Request& req) -> Result<Response> {
         CM_TRY_STATUS(app::can_read_register(req.caller));
         CM_ASSIGN_OR_RETURN(const auto body, parse_body(req.body));
         CM_ASSIGN_OR_RETURN(const auto checked, JsonObject::from(body, {"template", "parameters", "lines"}, ""));
         (void)checked;
         CM_ASSIGN_OR_RETURN(const auto input, model_input(body, ""));
         CM_ASSIGN_OR_RETURN(const auto priced, ctx.pricing.calculate(req.caller, input));
         return Response{200, to_json(priced)};
       }});
  r.push_back({"POST",
               "/api/block-sizing",
               "Spot only, a rigid block and a soft block side by side: the best commitment, expected weekly cost and "
               "its 90th percentile",
               "prices",
               true,
               {},
               "BlockSizingInput",
               "BlockSizingAdvice",
               200,
               [&ctx](Request& req) -> Result<Response> {
                 CM_TRY_STATUS(app::can_use_commissioning_tools(req.caller));
                 CM_ASSIGN_OR_RETURN(const auto input, block_sizing_input(req.body));
                 CM_ASSIGN_OR_RETURN(const auto advice, ctx.pricing.size_block(req.caller, input));
                 return Response{200, to_json(advice, input)};
               }});
  r.push_back(
      {"POST",
       "/api/fee-review",
       "Uplift per contract for cost pressure and quality within the envelope, beside a flat uplift of the same total",
       "prices",
       true,
       {},
       "FeeReviewInput",
       "FeeReview",
       200,
       [&ctx](Request& req) -> Result<Response> {
         CM_TRY_STATUS(app::can_use_commissioning_tools(req.caller));
         CM_ASSIGN_OR_RETURN(auto request, fee_review_input(req.body));
         CM_ASSIGN_OR_RETURN(const auto result, ctx.pricing.review_fees(req.caller, request));
         return Response{200, to_json(result, request)};
       }});
  app::Pricing* const pricing = &ctx.pricing;
  r.push_back({"GET",
               "/api/councils/{id}/price-models",
               "A council's price models per kind of care, priced line by line",
               "prices",
               true,
               {},
               "",
               "CouncilPriceModelList",
               200,
               [pricing](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto models, pricing->council_models(req.caller, req.id));
                 json items = json::array();
                 for (const auto& m : models) items.push_back(model_view_json(m));
                 return Response{200, {{"items", items}}};
               }});
  r.push_back({"PUT",
               "/api/councils/{id}/price-models",
               "Set price models (each replaces the one of the same kind and date); all or none",
               "prices",
               true,
               {},
               "CouncilPriceModelsInput",
               "CouncilPriceModelList",
               200,
               [pricing](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto changes, model_changes(req.body));
                 CM_ASSIGN_OR_RETURN(const auto models, pricing->set_council_models(req.caller, req.id, changes));
                 json items = json::array();
                 for (const auto& m : models) items.push_back(model_view_json(m));
                 return Response{200, {{"items", items}}};
               }});
  r.push_back({"POST",
               "/api/services/{id}/open-book",
               "A provider's open-book costs for its service",
               "prices",
               true,
               {},
               "OpenBookInput",
               "OpenBookSubmission",
               201,
               [pricing](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto change, open_book_change(req.body));
                 CM_ASSIGN_OR_RETURN(const auto view, pricing->submit_open_book(req.caller, req.id, change));
                 return Response{201, open_book_json(view)};
               }});
  r.push_back({"GET",
               "/api/services/{id}/open-book",
               "The service's open-book submissions, oldest first",
               "prices",
               true,
               {},
               "",
               "OpenBookList",
               200,
               [pricing](Request& req) -> Result<Response> {
                 CM_ASSIGN_OR_RETURN(const auto list, pricing->open_book(req.caller, req.id));
                 json items = json::array();
                 for (const auto& v : list) items.push_back(open_book_json(v));
                 return Response{200, {{"items", items}}};
               }});
  r.push_back(
      {"GET",
       "/api/services/{id}/open-book/explain",
       "The latest submission against a council's model in force: each line's difference, largest first",
       "prices",
       true,
       {{"council_id", "integer", "the council whose model to compare with (default: yours, else the service's area)"}},
       "",
       "PriceExplanation",
       200,
       [pricing](Request& req) -> Result<Response> {
         CM_ASSIGN_OR_RETURN(const auto council, req.param("council_id"));
         std::optional<std::int64_t> council_id;
         if (council) {
           if (council->empty() || council->size() > 18 ||
               council->find_first_not_of("0123456789") != std::string::npos) {
             return Error::invalid("'council_id' must be a council's id", "council_id");
           }
           council_id = std::stoll(*council);
         }
         CM_ASSIGN_OR_RETURN(const auto e, pricing->explain_open_book(req.caller, req.id, council_id));
         return Response{200, explanation_json(e)};
       }});
  r.push_back(
      {"GET",
       "/api/offers/{id}/price-explanation",
       "An offer against the referring council's model; line by line from the provider's open book when there is one",
       "prices",
       true,
       {},
       "",
       "PriceExplanation",
       200,
       [pricing](Request& req) -> Result<Response> {
         CM_ASSIGN_OR_RETURN(const auto e, pricing->explain_offer(req.caller, req.id));
         return Response{200, explanation_json(e)};
       }});
  return r;
}

}  // namespace caremarket::api
