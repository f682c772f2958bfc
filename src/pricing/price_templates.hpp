#pragma once
// Price model templates: a council's or a provider's parameters (staff hours,
// pay rates, on-cost rates, non-staff costs, returns) turned into the cost
// lines of the common price model, which solve_price() prices exactly.
//
// Two templates:
//  - care_home: a resident week, with the cost lines of the Fair Cost of Care
//    2022 exercise (Annex A): care, nursing, management, catering, domestic
//    and other staff; premises, food, utilities, insurance, other supplies,
//    head office; return on operations (a share of the price) and return on
//    capital (on a capital value per bed).
//  - home_care: one contact hour: pay for contact time and travel time,
//    mileage, employer NI, holiday pay, pension, training, the cost of
//    running the business and surplus (shares of the price).
//
// Every parameter is a whole number in its unit: pence, hundredths (hours,
// miles, minutes), basis points (1 bp = 0.01%) or a plain count.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "pricing/price_model.hpp"

namespace caremarket::pricing {

enum class TemplateKind { care_home, home_care };
std::string_view to_string(TemplateKind kind);
std::optional<TemplateKind> template_kind_from(std::string_view text);

enum class ParameterUnit { pence, hundredths, basis_points, count };
std::string_view to_string(ParameterUnit unit);

struct ParameterSpec {
  std::string_view name;
  ParameterUnit unit;
  std::int64_t default_value;
  std::int64_t min;
  std::int64_t max;
  std::string_view label;   // what it is, for the person filling it in
  std::string_view source;  // where the default comes from
};

// The parameters each template takes, in the order they are shown.
const std::vector<ParameterSpec>& parameter_specs(TemplateKind kind);

struct TemplateParameters {
  TemplateKind kind = TemplateKind::care_home;
  std::map<std::string, std::int64_t> values;  // every spec's name once validated

  // The template's defaults, each with its source (see parameter_specs).
  static TemplateParameters defaults(TemplateKind kind);
  // Defaults with `overrides` applied; an unknown name or an out-of-range
  // value is an error naming it.
  static Result<TemplateParameters> with(TemplateKind kind, const std::map<std::string, std::int64_t>& overrides);
  Status validate() const;
  std::int64_t get(std::string_view name) const;  // 0 for an unknown name (validate() first)
};

// A parameter as people write it: "12.21" (pence, hours, miles and
// percentages, at most two decimals) or "30" (counts); and back.
Result<std::int64_t> parse_parameter(const ParameterSpec& spec, std::string_view text);
std::string format_parameter(const ParameterSpec& spec, std::int64_t value);
const ParameterSpec* find_spec(TemplateKind kind, std::string_view name);

// One cost line and how it was worked out from the parameters.
struct TemplateLine {
  CostLine line;
  std::string basis;  // e.g. "26.00 hours x £12.21"
};

struct TemplatePrice {
  std::vector<TemplateLine> lines;
  PriceBreakdown breakdown;  // solve_price over the lines
};

// The lines a template makes from validated parameters, and the price they give.
Result<std::vector<TemplateLine>> template_lines(const TemplateParameters& parameters);
Result<TemplatePrice> price_from_template(const TemplateParameters& parameters);

// A model as given: a template with its parameters, or one's own cost lines.
struct ModelSpec {
  std::optional<TemplateParameters> parameters;  // set for a template
  std::vector<CostLine> lines;                   // set for own lines
};
struct PricedModel {
  std::optional<TemplateParameters> parameters;
  std::vector<TemplateLine> lines;  // own lines have an empty basis
  PriceBreakdown breakdown;
};
Result<PricedModel> price_model(const ModelSpec& spec);

// An on-cost charged only on earnings above a weekly threshold (employer NI
// above the secondary threshold, pension on qualifying earnings), as an
// effective rate on base pay for a typical worker: rate x (weekly pay with
// holiday pay - threshold) / weekly base pay, rounded to a whole basis point.
std::int64_t effective_rate_bp(std::int64_t rate_bp, Money hourly_pay, std::int64_t weekly_hours_hundredths,
                               std::int64_t holiday_bp, Money weekly_threshold);

}  // namespace caremarket::pricing
