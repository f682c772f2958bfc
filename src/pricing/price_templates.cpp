#include "pricing/price_templates.hpp"

#include <algorithm>

namespace caremarket::pricing {
namespace {
using U = ParameterUnit;

// Defaults. Statutory figures are those in force from April 2025, written
// once here for every template, so a change of law is one edit; the rest are
// illustrative starting points a council or provider replaces with its own
// (the source says which).
struct LivingWage {
  std::int64_t pence;
  const char* source;
};
constexpr LivingWage kLivingWage{1221, "National Living Wage from 1 April 2025: £12.21 an hour"};

// Holiday pay, employer NI and pension, with their thresholds.
std::vector<ParameterSpec> statutory_on_costs() {
  return {
      {"holiday", U::basis_points, 1207, 0, 5000, "holiday pay, % of pay",
       "5.6 weeks' statutory leave over 46.4 weeks worked: 12.07%"},
      {"employer_ni", U::basis_points, 1500, 0, 5000, "employer national insurance rate above the threshold",
       "employer Class 1 NI: 15% from 6 April 2025"},
      {"ni_threshold_weekly", U::pence, 9600, 0, 1000000, "NI secondary threshold per worker per week",
       "£5,000 a year from 6 April 2025: £96 a week"},
      {"pension", U::basis_points, 300, 0, 5000, "employer pension rate on qualifying earnings",
       "auto-enrolment employer minimum: 3%"},
      {"pension_threshold_weekly", U::pence, 12000, 0, 1000000, "qualifying earnings lower limit per worker per week",
       "£6,240 a year in 2025/26: £120 a week"},
  };
}

std::vector<ParameterSpec> concat(std::initializer_list<std::vector<ParameterSpec>> parts) {
  std::vector<ParameterSpec> out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

const std::vector<ParameterSpec>& care_home_specs() {
  static const std::vector<ParameterSpec> specs = concat(
      {{
           {"care_hours", U::hundredths, 2600, 0, 16800, "care staff hours per resident week",
            "illustrative: within the range councils found in the 2022 Fair Cost of Care exercise"},
           {"care_pay", U::pence, kLivingWage.pence, 1, 100000, "care staff hourly pay", kLivingWage.source},
           {"nursing_hours", U::hundredths, 0, 0, 16800, "registered nurse hours per resident week (nursing homes)",
            "0 for a residential home; a nursing home sets its own"},
           {"nurse_pay", U::pence, 2150, 1, 100000, "registered nurse hourly pay", "illustrative: set from local pay"},
           {"management_hours", U::hundredths, 400, 0, 16800, "management and administration hours per resident week",
            "illustrative"},
           {"management_pay", U::pence, 1800, 1, 100000, "management and administration hourly pay", "illustrative"},
           {"catering_hours", U::hundredths, 350, 0, 16800, "catering staff hours per resident week", "illustrative"},
           {"domestic_hours", U::hundredths, 450, 0, 16800,
            "domestic staff (cleaning, laundry) hours per resident week", "illustrative"},
           {"other_staff_hours", U::hundredths, 150, 0, 16800,
            "other staff (activities, maintenance) hours per resident week", "illustrative"},
           {"ancillary_pay", U::pence, kLivingWage.pence, 1, 100000, "catering, domestic and other staff hourly pay",
            kLivingWage.source},
       },
       statutory_on_costs(),
       {
           {"typical_weekly_hours", U::hundredths, 3000, 100, 6000, "a typical worker's paid hours a week",
            "illustrative: thresholds apply per worker, so NI and pension depend on it"},
           {"premises", U::pence, 3000, 0, 10000000, "premises (repairs, maintenance, fixtures) per resident week",
            "illustrative"},
           {"food", U::pence, 4000, 0, 10000000, "food per resident week", "illustrative"},
           {"utilities", U::pence, 4500, 0, 10000000, "utilities (energy, water) per resident week", "illustrative"},
           {"insurance", U::pence, 800, 0, 10000000, "insurance per resident week", "illustrative"},
           {"other_supplies", U::pence, 3500, 0, 10000000, "other supplies and services per resident week",
            "illustrative"},
           {"head_office", U::pence, 5500, 0, 10000000, "head office costs per resident week", "illustrative"},
           {"return_on_operations", U::basis_points, 500, 0, 5000, "return on operations, % of the price",
            "illustrative: 5%"},
           {"capital_value_per_bed", U::pence, 7500000, 0, 1000000000, "capital value per bed",
            "illustrative: £75,000"},
           {"return_on_capital", U::basis_points, 1200, 0, 5000, "return on capital a year",
            "12% a year: the usual benchmark in fair cost of care work"},
           {"occupancy", U::basis_points, 8500, 1000, 10000, "occupancy (share of beds filled)",
            "about 85% of England's care home beds are occupied"},
       }});
  return specs;
}

const std::vector<ParameterSpec>& home_care_specs() {
  static const std::vector<ParameterSpec> specs = concat(
      {{
           {"care_pay", U::pence, kLivingWage.pence, 1, 100000, "care worker hourly pay (contact and travel time)",
            kLivingWage.source},
           {"visit_minutes", U::count, 30, 5, 720, "average visit length in minutes",
            "illustrative: a half-hour visit"},
           {"travel_minutes_per_visit", U::count, 10, 0, 240, "paid travel minutes between visits", "illustrative"},
           {"miles_per_visit", U::hundredths, 300, 0, 10000, "miles driven per visit", "illustrative: 3 miles"},
           {"mileage_rate", U::pence, 45, 0, 1000, "mileage paid per mile",
            "HMRC approved mileage allowance: 45p a mile for the first 10,000 miles"},
       },
       statutory_on_costs(),
       {
           {"typical_weekly_hours", U::hundredths, 3000, 100, 6000, "a typical care worker's paid hours a week",
            "illustrative: thresholds apply per worker"},
           {"training", U::basis_points, 200, 0, 5000, "training and supervision time, % of pay", "illustrative: 2%"},
           {"running_the_business", U::basis_points, 2400, 0, 8000, "the cost of running the business, % of the price",
            "illustrative: office, rota, registration, IT, recruitment"},
           {"surplus", U::basis_points, 300, 0, 5000, "surplus, % of the price", "illustrative: 3%"},
       }});
  return specs;
}

std::string hours(std::int64_t hundredths) {
  return Money::from_pence(hundredths).to_string();  // the same two-decimal shape
}
std::string percent(std::int64_t bp) { return Money::from_pence(bp).to_string() + "%"; }

TemplateLine pay_line(const std::string& name, const TemplateParameters& p, std::string_view hours_key,
                      std::string_view pay_key) {
  CostLine l{name, LineKind::quantity_rate, Money::from_pence(p.get(pay_key)), p.get(hours_key), true, 0};
  return {l, hours(l.quantity_hundredths) + " hours x " + l.amount.to_display()};
}
TemplateLine fixed_line(const std::string& name, const TemplateParameters& p, std::string_view key) {
  const auto amount = Money::from_pence(p.get(key));
  return {{name, LineKind::fixed, amount, 0, false, 0}, amount.to_display() + " per resident week"};
}
TemplateLine percent_line(const std::string& name, LineKind kind, std::int64_t bp, std::string basis) {
  return {{name, kind, Money{}, 0, false, bp}, std::move(basis)};
}

// Holiday, employer NI and pension on the pay lines; NI and pension as
// effective rates for a typical worker paid `pay_key` an hour.
void on_costs(std::vector<TemplateLine>& out, const TemplateParameters& p, std::string_view pay_key) {
  const auto pay = Money::from_pence(p.get(pay_key));
  const auto week = p.get("typical_weekly_hours");
  const auto holiday = p.get("holiday");
  out.push_back(percent_line("holiday pay", LineKind::percent_of_pay, holiday, percent(holiday) + " of pay"));
  const auto ni =
      effective_rate_bp(p.get("employer_ni"), pay, week, holiday, Money::from_pence(p.get("ni_threshold_weekly")));
  out.push_back(percent_line("employer national insurance", LineKind::percent_of_pay, ni,
                             percent(p.get("employer_ni")) + " above " +
                                 Money::from_pence(p.get("ni_threshold_weekly")).to_display() +
                                 " a week for a worker paid " + pay.to_display() + " for " + hours(week) +
                                 " hours with holiday pay: " + percent(ni) + " of pay"));
  const auto pension =
      effective_rate_bp(p.get("pension"), pay, week, holiday, Money::from_pence(p.get("pension_threshold_weekly")));
  out.push_back(percent_line("pension", LineKind::percent_of_pay, pension,
                             percent(p.get("pension")) + " above " +
                                 Money::from_pence(p.get("pension_threshold_weekly")).to_display() +
                                 " a week: " + percent(pension) + " of pay"));
}

std::vector<TemplateLine> care_home_lines(const TemplateParameters& p) {
  std::vector<TemplateLine> out;
  out.push_back(pay_line("care staff", p, "care_hours", "care_pay"));
  if (p.get("nursing_hours") > 0) out.push_back(pay_line("nursing staff", p, "nursing_hours", "nurse_pay"));
  out.push_back(pay_line("management and administration", p, "management_hours", "management_pay"));
  out.push_back(pay_line("catering staff", p, "catering_hours", "ancillary_pay"));
  out.push_back(pay_line("domestic staff", p, "domestic_hours", "ancillary_pay"));
  out.push_back(pay_line("other staff", p, "other_staff_hours", "ancillary_pay"));
  on_costs(out, p, "care_pay");
  out.push_back(fixed_line("premises", p, "premises"));
  out.push_back(fixed_line("food", p, "food"));
  out.push_back(fixed_line("utilities", p, "utilities"));
  out.push_back(fixed_line("insurance", p, "insurance"));
  out.push_back(fixed_line("other supplies", p, "other_supplies"));
  out.push_back(fixed_line("head office", p, "head_office"));
  // Capital is tied up in every bed, full or not: the year's return spread
  // over the resident weeks actually sold.
  const auto capital = Money::from_pence(p.get("capital_value_per_bed"));
  const auto capital_week = capital.scaled(p.get("return_on_capital"), 52 * p.get("occupancy"));
  out.push_back({{"return on capital", LineKind::fixed, capital_week, 0, false, 0},
                 percent(p.get("return_on_capital")) + " a year on " + capital.to_display() +
                     " a bed, over 52 weeks at " + percent(p.get("occupancy")) + " occupancy"});
  out.push_back(percent_line("return on operations", LineKind::percent_of_price, p.get("return_on_operations"),
                             percent(p.get("return_on_operations")) + " of the price"));
  return out;
}

std::vector<TemplateLine> home_care_lines(const TemplateParameters& p) {
  std::vector<TemplateLine> out;
  const auto pay = Money::from_pence(p.get("care_pay"));
  const auto visit = p.get("visit_minutes");
  const auto travel = p.get("travel_minutes_per_visit");
  out.push_back({{"care worker pay: contact time", LineKind::quantity_rate, pay, 100, true, 0},
                 "1.00 hour x " + pay.to_display()});
  // Per contact hour: 60/visit visits, each with `travel` minutes: travel/visit hours.
  out.push_back({{"care worker pay: travel time", LineKind::fixed, pay.scaled(travel, visit), 0, true, 0},
                 std::to_string(travel) + " minutes' travel per " + std::to_string(visit) + "-minute visit x " +
                     pay.to_display() + " an hour"});
  const auto rate = Money::from_pence(p.get("mileage_rate"));
  out.push_back({{"mileage", LineKind::fixed, rate.scaled(p.get("miles_per_visit") * 60, 100 * visit), 0, false, 0},
                 hours(p.get("miles_per_visit")) + " miles per " + std::to_string(visit) + "-minute visit x " +
                     rate.to_display() + " a mile"});
  on_costs(out, p, "care_pay");
  out.push_back(
      percent_line("training", LineKind::percent_of_pay, p.get("training"), percent(p.get("training")) + " of pay"));
  out.push_back(percent_line("running the business", LineKind::percent_of_price, p.get("running_the_business"),
                             percent(p.get("running_the_business")) + " of the price"));
  out.push_back(percent_line("surplus", LineKind::percent_of_price, p.get("surplus"),
                             percent(p.get("surplus")) + " of the price"));
  return out;
}
}  // namespace

std::string_view to_string(TemplateKind kind) { return kind == TemplateKind::care_home ? "care_home" : "home_care"; }
std::optional<TemplateKind> template_kind_from(std::string_view text) {
  if (text == "care_home") return TemplateKind::care_home;
  if (text == "home_care") return TemplateKind::home_care;
  return std::nullopt;
}

std::string_view to_string(ParameterUnit unit) {
  switch (unit) {
    case ParameterUnit::pence: return "pence";
    case ParameterUnit::hundredths: return "hundredths";
    case ParameterUnit::basis_points: return "basis_points";
    case ParameterUnit::count: return "count";
  }
  return "count";
}

const std::vector<ParameterSpec>& parameter_specs(TemplateKind kind) {
  return kind == TemplateKind::care_home ? care_home_specs() : home_care_specs();
}

TemplateParameters TemplateParameters::defaults(TemplateKind kind) {
  TemplateParameters p;
  p.kind = kind;
  for (const auto& s : parameter_specs(kind)) p.values[std::string(s.name)] = s.default_value;
  return p;
}

Result<TemplateParameters> TemplateParameters::with(TemplateKind kind,
                                                    const std::map<std::string, std::int64_t>& overrides) {
  auto p = defaults(kind);
  for (const auto& [name, value] : overrides) {
    if (!p.values.contains(name)) {
      return Error::invalid("'" + name + "' is not a parameter of the " + std::string(to_string(kind)) + " template",
                            "parameters." + name);
    }
    p.values[name] = value;
  }
  CM_TRY_STATUS(p.validate());
  return p;
}

Status TemplateParameters::validate() const {
  for (const auto& s : parameter_specs(kind)) {
    const auto it = values.find(std::string(s.name));
    if (it == values.end())
      return Error::invalid("the parameter '" + std::string(s.name) + "' is missing", "parameters");
    if (it->second < s.min || it->second > s.max) {
      return Error::invalid("'" + std::string(s.name) + "' (" + std::string(s.label) + ") is out of range",
                            "parameters." + std::string(s.name));
    }
  }
  if (values.size() != parameter_specs(kind).size()) {
    return Error::invalid("the parameters include names the template does not know", "parameters");
  }
  return {};
}

std::int64_t TemplateParameters::get(std::string_view name) const {
  const auto it = values.find(std::string(name));
  return it == values.end() ? 0 : it->second;
}

const ParameterSpec* find_spec(TemplateKind kind, std::string_view name) {
  for (const auto& s : parameter_specs(kind)) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Result<std::int64_t> parse_parameter(const ParameterSpec& spec, std::string_view text) {
  const std::string field = "parameters." + std::string(spec.name);
  std::int64_t value = 0;
  if (spec.unit == ParameterUnit::count) {
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string_view::npos) {
      return Error::invalid("'" + std::string(spec.name) + "' is a whole number", field);
    }
    value = std::stoll(std::string(text));
  } else {
    if (text.empty() || text.find_first_not_of("0123456789.") != std::string_view::npos) {
      return Error::invalid("'" + std::string(spec.name) + "' is a number with at most two decimals, such as \"12.21\"",
                            field);
    }
    auto parsed = Money::parse(text);
    if (!parsed) return Error::invalid("'" + std::string(spec.name) + "': " + parsed.error().message, field);
    value = parsed->pence();
  }
  if (value < spec.min || value > spec.max) {
    return Error::invalid("'" + std::string(spec.name) + "' (" + std::string(spec.label) + ") must be from " +
                              format_parameter(spec, spec.min) + " to " + format_parameter(spec, spec.max),
                          field);
  }
  return value;
}

std::string format_parameter(const ParameterSpec& spec, std::int64_t value) {
  if (spec.unit == ParameterUnit::count) return std::to_string(value);
  return Money::from_pence(value).to_string();
}

std::int64_t effective_rate_bp(std::int64_t rate_bp, Money hourly_pay, std::int64_t weekly_hours_hundredths,
                               std::int64_t holiday_bp, Money weekly_threshold) {
  const auto base = hourly_pay.scaled(weekly_hours_hundredths, 100);
  if (base.pence() <= 0) return 0;
  const auto earnings = base + base.percent_bp(holiday_bp);
  const auto above = std::max<std::int64_t>(0, (earnings - weekly_threshold).pence());
  return divide_round_half_away(rate_bp * above, base.pence());
}

Result<std::vector<TemplateLine>> template_lines(const TemplateParameters& parameters) {
  CM_TRY_STATUS(parameters.validate());
  return parameters.kind == TemplateKind::care_home ? care_home_lines(parameters) : home_care_lines(parameters);
}

Result<TemplatePrice> price_from_template(const TemplateParameters& parameters) {
  TemplatePrice out;
  CM_ASSIGN_OR_RETURN(out.lines, template_lines(parameters));
  std::vector<CostLine> lines;
  for (const auto& l : out.lines) lines.push_back(l.line);
  CM_ASSIGN_OR_RETURN(out.breakdown, solve_price(lines));
  return out;
}

Result<PricedModel> price_model(const ModelSpec& spec) {
  PricedModel out;
  out.parameters = spec.parameters;
  if (spec.parameters) {
    CM_ASSIGN_OR_RETURN(auto priced, price_from_template(*spec.parameters));
    out.lines = std::move(priced.lines);
    out.breakdown = std::move(priced.breakdown);
    return out;
  }
  for (const auto& l : spec.lines) out.lines.push_back({l, ""});
  CM_ASSIGN_OR_RETURN(out.breakdown, solve_price(spec.lines));
  return out;
}

}  // namespace caremarket::pricing
