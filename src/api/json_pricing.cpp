#include "api/json_pricing.hpp"

#include <set>

#include "api/json_input.hpp"

namespace caremarket::api {
using nlohmann::json;
using pricing::LineKind;
namespace {

std::string two_decimals(std::int64_t hundredths) { return Money::from_pence(hundredths).to_string(); }

// "12.07" -> 1207: percentages, hours and miles in hundredths, never floats.
Result<std::optional<std::int64_t>> hundredths(const JsonObject& in, const std::string& key, const std::string& field,
                                               std::int64_t max) {
  CM_ASSIGN_OR_RETURN(const auto text, in.text(key, 20));
  if (!text) return std::optional<std::int64_t>{};
  if (text->empty() || text->find_first_not_of("0123456789.") != std::string::npos) {
    return Error::invalid("'" + field + "' is a number with at most two decimals, such as \"12.07\"", field);
  }
  auto parsed = Money::parse(*text);
  if (!parsed) return Error::invalid("'" + field + "': " + parsed.error().message, field);
  if (parsed->pence() > max) return Error::invalid("'" + field + "' must be at most " + two_decimals(max), field);
  return std::optional<std::int64_t>{parsed->pence()};
}

Result<std::optional<Money>> money(const JsonObject& in, const std::string& key, const std::string& field) {
  CM_ASSIGN_OR_RETURN(const auto text, in.text(key, 20));
  if (!text) return std::optional<Money>{};
  auto parsed = Money::parse(*text);
  if (!parsed)
    return Error::invalid("'" + field + "': " + parsed.error().message + " (write pounds as \"850.00\")", field);
  if (parsed->pence() < 0) return Error::invalid("'" + field + "' cannot be negative", field);
  if (parsed->pence() > 100'000'000'000) return Error::invalid("'" + field + "' is larger than any care budget", field);
  return std::optional<Money>{*parsed};
}

Result<Money> required_money(const JsonObject& in, const std::string& key, const std::string& field) {
  CM_ASSIGN_OR_RETURN(const auto m, money(in, key, field));
  if (!m) return Error::invalid("'" + field + "' is required, in pounds as a string such as \"850.00\"", field);
  return *m;
}

std::string at(const std::string& where, const std::string& key) { return where.empty() ? key : where + "." + key; }

Result<std::vector<pricing::CostLine>> lines_input(const json& value, const std::string& where) {
  if (!value.is_array() || value.empty()) return Error::invalid("'" + where + "' must be a list of cost lines", where);
  if (value.size() > 60) return Error::invalid("'" + where + "' has more than 60 lines", where);
  std::vector<pricing::CostLine> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string w = where + "[" + std::to_string(i) + "]";
    CM_ASSIGN_OR_RETURN(
        const auto in,
        JsonObject::from(value[i], {"name", "kind", "amount", "rate", "quantity", "percent", "is_pay"}, w));
    pricing::CostLine l;
    CM_ASSIGN_OR_RETURN(l.name, in.required_text("name", 80));
    if (!names.insert(l.name).second) return Error::invalid("two lines are called '" + l.name + "'", w + ".name");
    CM_ASSIGN_OR_RETURN(const auto kind, in.required_text("kind", 20));
    const std::map<std::string, LineKind> kinds{{"fixed", LineKind::fixed},
                                                {"quantity_rate", LineKind::quantity_rate},
                                                {"percent_of_pay", LineKind::percent_of_pay},
                                                {"percent_of_price", LineKind::percent_of_price}};
    if (!kinds.contains(kind)) {
      return Error::invalid("'" + w + ".kind' must be fixed, quantity_rate, percent_of_pay or percent_of_price",
                            w + ".kind");
    }
    l.kind = kinds.at(kind);
    CM_ASSIGN_OR_RETURN(const auto is_pay, in.boolean("is_pay"));
    l.is_pay = is_pay.value_or(false);
    const auto needs = [&](const std::string& key) {
      return Error::invalid("a " + kind + " line needs '" + key + "'", w + "." + key);
    };
    const auto refuse = [&](const std::string& key) -> Status {
      if (in.has(key)) return Error::invalid("a " + kind + " line takes no '" + key + "'", w + "." + key);
      return {};
    };
    if (l.kind == LineKind::fixed) {
      CM_ASSIGN_OR_RETURN(const auto amount, money(in, "amount", w + ".amount"));
      if (!amount) return needs("amount");
      l.amount = *amount;
      for (const auto* key : {"rate", "quantity", "percent"}) CM_TRY_STATUS(refuse(key));
    } else if (l.kind == LineKind::quantity_rate) {
      CM_ASSIGN_OR_RETURN(const auto rate, money(in, "rate", w + ".rate"));
      CM_ASSIGN_OR_RETURN(const auto quantity, hundredths(in, "quantity", w + ".quantity", 1'000'000));
      if (!rate) return needs("rate");
      if (!quantity) return needs("quantity");
      l.amount = *rate;
      l.quantity_hundredths = *quantity;
      for (const auto* key : {"amount", "percent"}) CM_TRY_STATUS(refuse(key));
    } else {
      CM_ASSIGN_OR_RETURN(const auto percent, hundredths(in, "percent", w + ".percent", 9999));
      if (!percent) return needs("percent");
      l.basis_points = *percent;
      for (const auto* key : {"amount", "rate", "quantity"}) CM_TRY_STATUS(refuse(key));
      if (l.is_pay) return Error::invalid("a percentage line cannot itself be pay", w + ".is_pay");
    }
    out.push_back(std::move(l));
  }
  return out;
}

json strategy(const std::string& name, const pricing::StrategyCost& s, Money spot_expected) {
  return {{"strategy", name},
          {"commitment", s.commitment},
          {"expected_weekly", money_json(s.expected_weekly)},
          {"p90_weekly", money_json(s.p90_weekly)},
          {"expected_saving_on_spot", money_json(spot_expected - s.expected_weekly)}};
}
}  // namespace

json money_json(Money m) { return {{"amount_pence", m.pence()}, {"amount", m.to_string()}}; }

Result<ModelInput> model_input(const json& value, const std::string& where) {
  ModelInput out;
  const bool has_template = value.contains("template") && !value.at("template").is_null();
  const bool has_lines = value.contains("lines") && !value.at("lines").is_null();
  if (has_template == has_lines) {
    return Error::invalid("give either 'template' (care_home or home_care) with its 'parameters', or your own 'lines'",
                          at(where, "template"));
  }
  if (has_lines) {
    if (value.contains("parameters"))
      return Error::invalid("'parameters' go with a 'template', not with 'lines'", at(where, "parameters"));
    CM_ASSIGN_OR_RETURN(out.lines, lines_input(value.at("lines"), at(where, "lines")));
    return out;
  }
  const auto& t = value.at("template");
  const auto kind = t.is_string() ? pricing::template_kind_from(t.get<std::string>()) : std::nullopt;
  if (!kind)
    return Error::invalid("'" + at(where, "template") + "' must be care_home or home_care", at(where, "template"));
  std::map<std::string, std::int64_t> overrides;
  if (value.contains("parameters") && !value.at("parameters").is_null()) {
    const auto& p = value.at("parameters");
    if (!p.is_object())
      return Error::invalid("'" + at(where, "parameters") + "' must be an object of name: value",
                            at(where, "parameters"));
    for (const auto& [name, v] : p.items()) {
      const std::string field = at(where, "parameters." + name);
      const auto* spec = pricing::find_spec(*kind, name);
      if (!spec) {
        return Error::invalid("'" + name + "' is not a parameter of the " + std::string(to_string(*kind)) +
                                  " template (GET /api/price-templates lists them)",
                              field);
      }
      std::string text;
      if (v.is_string()) text = v.get<std::string>();
      else if (v.is_number_unsigned() && spec->unit == pricing::ParameterUnit::count)
        text = std::to_string(v.get<std::uint64_t>());
      else return Error::invalid("'" + field + "' must be a string such as \"12.21\"", field);
      auto parsed = pricing::parse_parameter(*spec, text);
      if (!parsed) return Error::invalid(parsed.error().message, field);
      overrides[name] = *parsed;
    }
  }
  CM_ASSIGN_OR_RETURN(out.parameters, pricing::TemplateParameters::with(*kind, overrides));
  return out;
}

json to_json(const pricing::TemplateParameters& p) {
  json out = json::object();
  for (const auto& s : pricing::parameter_specs(p.kind))
    out[std::string(s.name)] = pricing::format_parameter(s, p.get(s.name));
  return out;
}

json to_json(const PricedModel& m) {
  json lines = json::array();
  for (std::size_t i = 0; i < m.lines.size(); ++i) {
    const auto& l = m.lines[i].line;
    json j{{"name", l.name}, {"kind", to_string(l.kind)}, {"amount", money_json(m.breakdown.lines[i].amount)}};
    if (!m.lines[i].basis.empty()) j["basis"] = m.lines[i].basis;
    if (l.kind == LineKind::percent_of_pay || l.kind == LineKind::percent_of_price)
      j["percent"] = two_decimals(l.basis_points);
    if (l.kind == LineKind::quantity_rate) {
      j["quantity"] = two_decimals(l.quantity_hundredths);
      j["rate"] = money_json(l.amount);
    }
    if (l.is_pay) j["is_pay"] = true;
    lines.push_back(std::move(j));
  }
  json out{{"lines", lines}, {"pay", money_json(m.breakdown.pay)}, {"price", money_json(m.breakdown.price)}};
  if (m.parameters) {
    out["template"] = to_string(m.parameters->kind);
    out["unit"] = m.parameters->kind == pricing::TemplateKind::care_home ? "week" : "hour";
    out["parameters"] = to_json(*m.parameters);
  }
  return out;
}

json template_json(pricing::TemplateKind kind) {
  json params = json::array();
  for (const auto& s : pricing::parameter_specs(kind)) {
    params.push_back({{"name", s.name},
                      {"unit", to_string(s.unit)},
                      {"default", pricing::format_parameter(s, s.default_value)},
                      {"min", pricing::format_parameter(s, s.min)},
                      {"max", pricing::format_parameter(s, s.max)},
                      {"label", s.label},
                      {"source", s.source}});
  }
  const bool home = kind == pricing::TemplateKind::care_home;
  return {{"template", to_string(kind)},
          {"unit", home ? "week" : "hour"},
          {"description", home ? "a resident week in a care home: Fair Cost of Care 2022 (Annex A) cost lines"
                               : "one contact hour of home care: pay for contact and travel time, on-costs, mileage, "
                                 "running the business and surplus"},
          {"parameters", params}};
}

json lines_json(const std::vector<pricing::CostLine>& lines) {
  json out = json::array();
  for (const auto& l : lines) {
    json j{{"name", l.name}, {"kind", to_string(l.kind)}};
    if (l.kind == LineKind::fixed) j["amount"] = l.amount.to_string();
    if (l.kind == LineKind::quantity_rate) {
      j["rate"] = l.amount.to_string();
      j["quantity"] = two_decimals(l.quantity_hundredths);
    }
    if (l.kind == LineKind::percent_of_pay || l.kind == LineKind::percent_of_price)
      j["percent"] = two_decimals(l.basis_points);
    if (l.is_pay) j["is_pay"] = true;
    out.push_back(std::move(j));
  }
  return out;
}

json to_json(const std::vector<pricing::LineDifference>& differences) {
  json out = json::array();
  for (const auto& d : differences) {
    out.push_back({{"name", d.name},
                   {"model", money_json(d.model)},
                   {"offer", money_json(d.offer)},
                   {"difference", money_json(d.difference)},
                   {"direction", d.difference.pence() > 0   ? "above"
                                 : d.difference.pence() < 0 ? "below"
                                                            : "same"}});
  }
  return out;
}

Result<pricing::BlockSizingInput> block_sizing_input(const std::string& body) {
  CM_ASSIGN_OR_RETURN(const auto in,
                      JsonObject::parse(body, {"demand", "spot_price", "short_supply_above", "spot_premium",
                                               "block_schedule", "void_cost", "soft_flex"}));
  CM_ASSIGN_OR_RETURN(const json whole, parse_json(body));
  pricing::BlockSizingInput out;
  if (!in.has("demand"))
    return Error::invalid("'demand' is required: {\"mean\", \"spread\", \"weeks\"} or {\"samples\": [...]}", "demand");
  const auto& d = whole.at("demand");
  CM_ASSIGN_OR_RETURN(const auto demand, JsonObject::from(d, {"mean", "spread", "weeks", "samples"}, "demand"));
  const bool normal = demand.has("mean") || demand.has("spread");
  if (normal == demand.has("samples")) {
    return Error::invalid("give the demand as 'mean' and 'spread' (places a week), or as 'samples', not both",
                          "demand");
  }
  if (demand.has("samples")) {
    CM_ASSIGN_OR_RETURN(const auto samples, demand.array("samples", 1000));
    for (const auto& s : samples) {
      if (!s.is_number_integer() || s.get<std::int64_t>() < 0 || s.get<std::int64_t>() > 1000) {
        return Error::invalid("each demand sample is a whole number of places from 0 to 1,000", "demand.samples");
      }
      out.demand_samples.push_back(static_cast<int>(s.get<std::int64_t>()));
    }
    if (out.demand_samples.empty()) return Error::invalid("give at least one demand sample", "demand.samples");
  } else {
    const auto number = [&](const char* key) -> Result<double> {
      if (!d.contains(key) || !d.at(key).is_number()) {
        return Error::invalid("'demand." + std::string(key) + "' is required, a number of places a week",
                              "demand." + std::string(key));
      }
      const double v = d.at(key).get<double>();
      if (!(v >= 0 && v <= 1000))
        return Error::invalid("'demand." + std::string(key) + "' must be from 0 to 1,000",
                              "demand." + std::string(key));
      return v;
    };
    CM_ASSIGN_OR_RETURN(const double mean, number("mean"));
    CM_ASSIGN_OR_RETURN(const double spread, number("spread"));
    CM_ASSIGN_OR_RETURN(const auto weeks, demand.integer("weeks", 10, 1000));
    out.demand_samples = pricing::demand_from_normal(mean, spread, static_cast<int>(weeks.value_or(200)));
    for (auto& s : out.demand_samples) s = std::min(s, 1000);
  }
  CM_ASSIGN_OR_RETURN(out.spot_price, required_money(in, "spot_price", "spot_price"));
  CM_ASSIGN_OR_RETURN(const auto above, in.integer("short_supply_above", 0, 1000));
  out.short_supply_above = static_cast<int>(above.value_or(0));
  CM_ASSIGN_OR_RETURN(const auto premium, hundredths(in, "spot_premium", "spot_premium", 100'000));
  out.spot_premium_bp = premium.value_or(0);
  CM_ASSIGN_OR_RETURN(const auto void_cost, money(in, "void_cost", "void_cost"));
  out.void_cost = void_cost.value_or(Money{});
  CM_ASSIGN_OR_RETURN(const auto flex, in.integer("soft_flex", 0, 1000));
  out.soft_flex = static_cast<int>(flex.value_or(0));
  if (!in.has("block_schedule"))
    return Error::invalid("'block_schedule' is required: {\"mode\", \"bands\": [{\"from\", \"price\"}]}",
                          "block_schedule");
  CM_ASSIGN_OR_RETURN(const auto schedule,
                      JsonObject::from(whole.at("block_schedule"), {"mode", "bands"}, "block_schedule"));
  CM_ASSIGN_OR_RETURN(const auto mode, schedule.text("mode", 20));
  if (mode && *mode != "whole_volume" && *mode != "marginal") {
    return Error::invalid("'block_schedule.mode' must be whole_volume or marginal", "block_schedule.mode");
  }
  out.block_schedule.mode =
      mode.value_or("whole_volume") == "marginal" ? pricing::BandMode::marginal : pricing::BandMode::whole_volume;
  CM_ASSIGN_OR_RETURN(const auto bands, schedule.array("bands", 20));
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const std::string w = "block_schedule.bands[" + std::to_string(i) + "]";
    CM_ASSIGN_OR_RETURN(const auto band, JsonObject::from(bands[i], {"from", "price"}, w));
    CM_ASSIGN_OR_RETURN(const auto from, band.required_integer("from", 1, 10'000));
    CM_ASSIGN_OR_RETURN(const auto band_price, required_money(band, "price", w + ".price"));
    out.block_schedule.bands.push_back({static_cast<int>(from), band_price});
  }
  CM_TRY_STATUS(out.validate());
  return out;
}

json to_json(const pricing::BlockSizingAdvice& a, const pricing::BlockSizingInput& input) {
  const auto spot = a.spot_only.expected_weekly;
  json strategies = json::array({strategy("spot_only", a.spot_only, spot), strategy("rigid_block", a.rigid_block, spot),
                                 strategy("soft_block", a.soft_block, spot)});
  std::string best = "spot_only";
  Money lowest = spot;
  if (a.rigid_block.expected_weekly < lowest) best = "rigid_block", lowest = a.rigid_block.expected_weekly;
  if (a.soft_block.expected_weekly < lowest) best = "soft_block", lowest = a.soft_block.expected_weekly;
  std::int64_t sum = 0;
  for (const int s : input.demand_samples) sum += s;
  return {{"strategies", strategies},
          {"best", best},
          {"soft_flex", input.soft_flex},
          {"demand",
           {{"weeks", input.demand_samples.size()},
            {"mean_places",
             two_decimals(divide_round_half_away(sum * 100, static_cast<std::int64_t>(input.demand_samples.size())))},
            {"most_places", *std::max_element(input.demand_samples.begin(), input.demand_samples.end())}}}};
}

Result<FeeReviewRequest> fee_review_input(const std::string& body) {
  CM_ASSIGN_OR_RETURN(const auto in, JsonObject::parse(body, {"envelope", "nlw_change", "cpi", "contracts", "as_of"}));
  FeeReviewRequest out;
  CM_ASSIGN_OR_RETURN(out.as_of, in.date("as_of"));
  CM_ASSIGN_OR_RETURN(out.input.envelope, required_money(in, "envelope", "envelope"));
  CM_ASSIGN_OR_RETURN(const auto nlw, hundredths(in, "nlw_change", "nlw_change", 10'000));
  CM_ASSIGN_OR_RETURN(const auto cpi, hundredths(in, "cpi", "cpi", 10'000));
  if (!nlw)
    return Error::invalid("'nlw_change' is required: the change in the National Living Wage, e.g. \"6.70\" (%)",
                          "nlw_change");
  if (!cpi) return Error::invalid("'cpi' is required: CPI inflation, e.g. \"3.00\" (%)", "cpi");
  out.input.nlw_change_bp = *nlw;
  out.input.cpi_bp = *cpi;
  CM_ASSIGN_OR_RETURN(const auto contracts, in.array("contracts", 500));
  std::set<std::int64_t> ids;
  for (std::size_t i = 0; i < contracts.size(); ++i) {
    const std::string w = "contracts[" + std::to_string(i) + "]";
    CM_ASSIGN_OR_RETURN(const auto c, JsonObject::from(contracts[i],
                                                       {"id", "contract_id", "annual_spend", "weekly_price", "places",
                                                        "rating", "kpi_score", "pay_share"},
                                                       w));
    pricing::FeeReviewContract fc;
    CM_ASSIGN_OR_RETURN(const auto stored, c.integer("contract_id", 1, std::numeric_limits<std::int64_t>::max()));
    out.stored.push_back(stored.has_value());
    out.figures.emplace_back();
    out.kpi_given.push_back(c.has("kpi_score"));
    if (stored) {
      // A stored contract brings its own price, places and rating.
      for (const char* key : {"id", "annual_spend", "weekly_price", "places", "rating"}) {
        if (c.has(key)) {
          return Error::invalid("contract " + std::to_string(*stored) +
                                    " is read from the store by 'contract_id': leave out '" + key + "'",
                                w + "." + key);
        }
      }
      fc.id = *stored;
    } else {
      CM_ASSIGN_OR_RETURN(fc.id, c.required_integer("id", 1, std::numeric_limits<std::int64_t>::max()));
    }
    if (!ids.insert(fc.id).second) {
      return Error::invalid("contract " + std::to_string(fc.id) + " is listed twice",
                            w + (stored ? ".contract_id" : ".id"));
    }
    CM_ASSIGN_OR_RETURN(const auto annual, money(c, "annual_spend", w + ".annual_spend"));
    CM_ASSIGN_OR_RETURN(const auto weekly, money(c, "weekly_price", w + ".weekly_price"));
    CM_ASSIGN_OR_RETURN(const auto places, c.integer("places", 1, 10'000));
    if (annual && (weekly || places))
      return Error::invalid("give 'annual_spend', or 'weekly_price' and 'places', not both", w + ".annual_spend");
    if (stored) {
      out.weekly.emplace_back();  // filled from the store
    } else if (annual) {
      fc.annual_spend = *annual;
      out.weekly.emplace_back();
    } else {
      if (!weekly || !places)
        return Error::invalid("give the contract's 'annual_spend', or its 'weekly_price' and 'places'",
                              w + ".weekly_price");
      fc.annual_spend = *weekly * (*places * 52);
      out.weekly.emplace_back(std::make_pair(*weekly, static_cast<int>(*places)));
    }
    CM_ASSIGN_OR_RETURN(const auto rating, c.text("rating", 40));
    if (rating) {
      const auto r = market::rating_from(*rating);
      if (!r)
        return Error::invalid(
            "'" + w + ".rating' must be outstanding, good, requires_improvement, inadequate or not_rated",
            w + ".rating");
      fc.rating = *r;
    }
    CM_ASSIGN_OR_RETURN(const auto kpi, c.integer("kpi_score", 0, 100));
    fc.kpi_score = static_cast<int>(kpi.value_or(50));
    CM_ASSIGN_OR_RETURN(const auto pay_share, hundredths(c, "pay_share", w + ".pay_share", 10'000));
    fc.pay_share_bp = pay_share.value_or(6000);
    out.input.contracts.push_back(fc);
  }
  CM_TRY_STATUS(out.input.validate());
  return out;
}

json to_json(const pricing::FeeReviewResult& r, const FeeReviewRequest& request) {
  json items = json::array();
  for (std::size_t i = 0; i < r.contracts.size(); ++i) {
    const auto& u = r.contracts[i];
    const auto spend = request.input.contracts[i].annual_spend;
    json j{{"id", u.id},
           {"annual_spend", money_json(spend)},
           {"cost_pressure", money_json(u.cost_pressure)},
           {"quality_weight", Money::from_pence(divide_round_half_away(u.quality_permille, 10)).to_string()},
           {"uplift", money_json(u.uplift)},
           {"uplift_percent",
            spend.pence() > 0 ? two_decimals(divide_round_half_away(u.uplift.pence() * 10000, spend.pence())) : "0.00"},
           {"flat_uplift", money_json(u.flat_uplift)},
           {"difference_from_flat", money_json(u.uplift - u.flat_uplift)}};
    if (const auto& w = request.weekly[i]) {
      // The year's uplift spread over the contract's place-weeks, by the house rounding rule.
      j["weekly_price"] = money_json(w->first);
      j["new_weekly_price"] = money_json(w->first + u.uplift.scaled(1, static_cast<std::int64_t>(w->second) * 52));
      j["places"] = w->second;
    }
    if (i < request.figures.size() && request.figures[i]) {
      const auto& f = *request.figures[i];
      j["contract_id"] = f.contract_id;
      j["from_store"] = {{"price", f.price_from},
                         {"rating", market::to_string(f.rating)},
                         {"rating_from", f.rating_from},
                         {"kpi", request.kpi_given[i] ? "given in the request"
                                                      : "no KPI performance is stored: 50 (middling) assumed"}};
    }
    items.push_back(std::move(j));
  }
  Money spend;
  for (const auto& c : request.input.contracts) spend += c.annual_spend;
  return {{"contracts", items},
          {"total", money_json(r.total)},
          {"envelope", money_json(request.input.envelope)},
          {"envelope_binding", r.envelope_binding},
          {"unspent", money_json(request.input.envelope - r.total)},
          {"flat_uplift_percent",
           spend.pence() > 0 ? two_decimals(divide_round_half_away(r.total.pence() * 10000, spend.pence())) : "0.00"}};
}

}  // namespace caremarket::api
