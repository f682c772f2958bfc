// Prices for commissioners: the price model calculator (a template, its
// parameters, each cost line and the final price) and the block sizing
// advisor (spot only, a rigid block and a soft block side by side). Both
// are calculations on the figures typed in: nothing is stored. The checks
// are the API's (anyone signed in prices a model; block sizing is for
// councils and the operator); the pricing engine does the arithmetic.
#include <cctype>

#include "core/text.hpp"
#include "pricing/block_sizing.hpp"
#include "pricing/price_templates.hpp"
#include "web/labels.hpp"
#include "web/layout.hpp"

namespace caremarket::web {
namespace {

using pricing::ParameterUnit;
using pricing::TemplateKind;

std::string field_of(const pricing::ParameterSpec& s) { return "p-" + std::string(s.name); }

std::string unit_hint(const pricing::ParameterSpec& s) {
  switch (s.unit) {
    case ParameterUnit::pence: return "In pounds, for example " + pricing::format_parameter(s, s.default_value) + ".";
    case ParameterUnit::basis_points: return "A percentage, at most two decimals.";
    case ParameterUnit::hundredths: return "At most two decimals.";
    case ParameterUnit::count: return "A whole number.";
  }
  return "";
}

Html template_links(TemplateKind current) {
  Html out = "<ul class=\"govuk-list\">";
  for (const auto k : {TemplateKind::care_home, TemplateKind::home_care}) {
    const std::string label = k == TemplateKind::care_home ? "A care home resident week" : "A home care contact hour";
    out += k == current ? "<li><strong>" + text(label) + "</strong> (shown)</li>"
                        : "<li>" + link("/prices?template=" + std::string(to_string(k)), label) + "</li>";
  }
  return out + "</ul>";
}

Reply calculator_page(const Request& req, TemplateKind kind, const Form& typed, const FieldErrors& errors,
                      const pricing::PricedModel* priced, int status = 200) {
  const bool care_home = kind == TemplateKind::care_home;
  Html main = error_summary(errors) + heading("Price model calculator", "Prices");
  main += paragraph(
      "Work out a fair price from the cost of delivering care, line by line, with the common price model. "
      "Change any figure and press Calculate; nothing is saved.");
  main += "<h2 class=\"govuk-heading-s\">Template</h2>" + template_links(kind);
  if (priced) {
    Table t{"Cost lines", {"Line", "How it is worked out", "Amount"}, {}, {false, false, true}};
    for (std::size_t i = 0; i < priced->lines.size() && i < priced->breakdown.lines.size(); ++i) {
      t.rows.push_back({text(sentence(priced->lines[i].line.name)), text(priced->lines[i].basis),
                        text(priced->breakdown.lines[i].amount.to_display())});
    }
    t.rows.push_back({Html("<strong>Price</strong>"), text(care_home ? "a resident week" : "a contact hour"),
                      "<strong>" + text(priced->breakdown.price.to_display()) + "</strong>"});
    main += "<div class=\"govuk-panel govuk-panel--confirmation\"><h2 class=\"govuk-panel__title\">" +
            text(priced->breakdown.price.to_display()) + "</h2><div class=\"govuk-panel__body\">" +
            text(care_home ? "a resident week" : "a contact hour") + "</div></div>" + table(t);
  }
  Html fields = hidden_field("template", std::string(to_string(kind)));
  for (const auto& s : pricing::parameter_specs(kind)) {
    const std::string name = field_of(s);
    const std::string value = typed.has(name) ? typed.get(name) : pricing::format_parameter(s, s.default_value);
    fields +=
        text_input(name, sentence(s.label), value, errors,
                   FieldOptions()
                       .with_width(s.unit == ParameterUnit::count ? "govuk-input--width-4" : "govuk-input--width-10")
                       .with_hint(unit_hint(s) + " Default " + pricing::format_parameter(s, s.default_value) + ": " +
                                  std::string(s.source) + ".")
                       .no_spellcheck());
  }
  main += "<h2 class=\"govuk-heading-m\">" + text(care_home ? "Care home parameters" : "Home care parameters") +
          "</h2>" + post_form("/prices", req.csrf, fields, "Calculate the price");
  main += "<p class=\"govuk-body\">" +
          link("/prices/block-sizing", "Size a block contract: spot, rigid block or soft block") + "</p>";
  return Reply::html(layout(req, "Price model calculator", main, !errors.empty()), status);
}

std::optional<TemplateKind> kind_of(const std::string& text) {
  if (text.empty()) return TemplateKind::care_home;
  return pricing::template_kind_from(text);
}

Reply calculate(const Request& req, const app::Pricing& pricing_use) {
  const auto kind = kind_of(req.form.get("template"));
  if (!kind) return error_page(req, Error::invalid("Choose the care home or the home care template"));
  FieldErrors errors;
  std::map<std::string, std::int64_t> values;
  for (const auto& s : pricing::parameter_specs(*kind)) {
    std::string typed = req.form.get(field_of(s));
    if (s.unit == ParameterUnit::pence && typed.starts_with("\xC2\xA3")) typed = typed.substr(2);
    if (s.unit == ParameterUnit::basis_points && typed.ends_with("%")) typed.pop_back();
    std::string digits;
    for (const char c : typed)
      if (c != ',') digits += c;
    if (digits.empty()) {
      errors.add(field_of(s), "Enter " + std::string(s.label));
      continue;
    }
    auto parsed = pricing::parse_parameter(s, digits);
    if (!parsed) {
      errors.add(field_of(s), sentence(s.label) + " must be " +
                                  (s.unit == ParameterUnit::count ? std::string("a whole number")
                                                                  : std::string("a number with at most two decimals")) +
                                  " from " + pricing::format_parameter(s, s.min) + " to " +
                                  pricing::format_parameter(s, s.max));
      continue;
    }
    values[std::string(s.name)] = *parsed;
  }
  if (!errors.empty()) return calculator_page(req, *kind, req.form, errors, nullptr, 400);
  auto parameters = pricing::TemplateParameters::with(*kind, values);
  if (!parameters) {
    const auto& f = parameters.error().field;
    errors.add(f.starts_with("parameters.") ? "p-" + f.substr(11) : field_of(pricing::parameter_specs(*kind).front()),
               parameters.error().message);
    return calculator_page(req, *kind, req.form, errors, nullptr, 400);
  }
  pricing::ModelSpec spec;
  spec.parameters = *parameters;
  auto priced = pricing_use.calculate(*req.caller, spec);
  if (!priced) {
    errors.add(field_of(pricing::parameter_specs(*kind).front()), priced.error().message);
    return calculator_page(req, *kind, req.form, errors, nullptr, 400);
  }
  return calculator_page(req, *kind, req.form, errors, &*priced);
}

// --- Block sizing ---------------------------------------------------------

// A worked example to start from: about 12 places a week needed, spot at
// £1,150 with a 15% premium when more than 15 are needed, a block at
// £1,090 to 10 places and £1,040 beyond.
const std::vector<std::pair<std::string, std::string>> kSizingDefaults{{"mean", "12"},
                                                                       {"spread", "3"},
                                                                       {"weeks", "200"},
                                                                       {"spot_price", "1150.00"},
                                                                       {"short_supply_above", "15"},
                                                                       {"spot_premium", "15"},
                                                                       {"void_cost", "0.00"},
                                                                       {"soft_flex", "2"},
                                                                       {"mode", "whole_volume"},
                                                                       {"band1_from", "1"},
                                                                       {"band1_price", "1090.00"},
                                                                       {"band2_from", "11"},
                                                                       {"band2_price", "1040.00"},
                                                                       {"band3_from", ""},
                                                                       {"band3_price", ""}};

std::string typed_or_default(const Form& typed, const std::string& name) {
  if (typed.has(name)) return typed.get(name);
  for (const auto& [k, v] : kSizingDefaults)
    if (k == name) return v;
  return "";
}

std::optional<std::int64_t> read_percent(const Form& form, const std::string& name, FieldErrors& errors,
                                         const std::string& label) {
  std::string t = form.get(name);
  if (t.ends_with("%")) t.pop_back();
  if (t.empty()) return 0;
  const auto dot = t.find('.');
  const bool ok = !t.empty() && t.find_first_not_of("0123456789.") == std::string::npos &&
                  t.find('.', dot + 1) == std::string::npos && (dot == std::string::npos || t.size() - dot - 1 <= 2) &&
                  t.size() <= 8 && t != ".";
  if (!ok) {
    errors.add(name, label + " must be a percentage with at most two decimals, for example 15");
    return std::nullopt;
  }
  auto m = Money::parse(t);  // hundredths, exactly as a price is parsed
  if (!m || m->pence() > 100'000) {
    errors.add(name, label + " must be from 0 to 1000%");
    return std::nullopt;
  }
  return m->pence();
}

std::optional<double> read_places(const Form& form, const std::string& name, FieldErrors& errors,
                                  const std::string& missing) {
  const std::string t = form.get(name);
  if (t.empty()) {
    errors.add(name, missing);
    return std::nullopt;
  }
  const bool digits = t.find_first_not_of("0123456789.") == std::string::npos;
  const auto m = Money::parse(digits ? t : std::string("x"));
  if (!m || m->pence() > 100'000) {
    errors.add(name, "Enter a number of places from 0 to 1000, for example 12.5");
    return std::nullopt;
  }
  return static_cast<double>(m->pence()) / 100.0;
}

Reply sizing_page(const Request& req, const Form& typed, const FieldErrors& errors,
                  const pricing::BlockSizingAdvice* advice, int status = 200) {
  Html main = error_summary(errors) + heading("Block sizing advisor", "Prices");
  main += paragraph(
      "Compare buying every place spot, a rigid block (every committed place paid for, used or not) and a soft "
      "block (paid places move with use within a flex band), over many weeks of demand like yours.");
  if (advice) {
    const pricing::StrategyCost* best = &advice->spot_only;
    std::string best_name = "Spot only";
    if (advice->rigid_block.expected_weekly < best->expected_weekly)
      best = &advice->rigid_block, best_name = "A rigid block";
    if (advice->soft_block.expected_weekly < best->expected_weekly)
      best = &advice->soft_block, best_name = "A soft block";
    const std::string recommendation =
        best == &advice->spot_only
            ? "Spot only: no commitment costs less on average"
            : best_name + " of " + std::to_string(best->commitment) + " places costs least on average";
    main +=
        "<div class=\"govuk-panel govuk-panel--confirmation\"><h2 class=\"govuk-panel__title\">Recommended</h2>"
        "<div class=\"govuk-panel__body\">" +
        text(recommendation) + "</div></div>";
    Table t{"Side by side: a week's cost",
            {"Strategy", "Commitment (places)", "Expected weekly cost", "90th percentile week", "Against spot only"},
            {},
            {false, true, true, true, true}};
    auto row = [&](const std::string& name, const pricing::StrategyCost& s) {
      const Money saving = advice->spot_only.expected_weekly - s.expected_weekly;
      t.rows.push_back(
          {(&s == best ? "<strong>" + text(name) + "</strong> " + tag("Lowest expected cost", "green") : text(name)),
           Html::number(s.commitment), text(s.expected_weekly.to_display()), text(s.p90_weekly.to_display()),
           text(&s == &advice->spot_only ? std::string("-")
                : saving.pence() >= 0    ? saving.to_display() + " less"
                                         : (-saving).to_display() + " more")});
    };
    row("Spot only", advice->spot_only);
    row("Rigid block", advice->rigid_block);
    row("Soft block", advice->soft_block);
    main += table(t);
  }
  const auto v = [&](const std::string& n) { return typed_or_default(typed, n); };
  const auto num = FieldOptions().with_width("govuk-input--width-5").numeric();
  const auto money = FieldOptions().with_width("govuk-input--width-10").no_spellcheck();
  Html fields =
      "<h2 class=\"govuk-heading-m\">Demand</h2>" +
      text_input("mean", "Places needed in an average week", v("mean"), errors, num.with_hint("For example, 12")) +
      text_input("spread", "How much that varies (standard deviation, places)", v("spread"), errors,
                 num.with_hint("For example, 3")) +
      text_input("weeks", "Weeks to simulate", v("weeks"), errors, num.with_hint("From 10 to 1000")) +
      "<h2 class=\"govuk-heading-m\">Spot</h2>" +
      text_input("spot_price", "Spot price a place a week, in pounds", v("spot_price"), errors, money) +
      text_input("short_supply_above", "Supply runs short above this many places (0: never)", v("short_supply_above"),
                 errors, num) +
      text_input("spot_premium", "Spot premium when supply is short, %", v("spot_premium"), errors,
                 num.with_hint("For example, 15")) +
      "<h2 class=\"govuk-heading-m\">Block</h2>" +
      radios("mode", "How the price bands apply",
             {{"whole_volume", "The whole volume at the band reached", ""},
              {"marginal", "Each band at its own price", ""}},
             v("mode"), errors) +
      text_input("void_cost", "Your own cost of each empty committed place a week, in pounds", v("void_cost"), errors,
                 money) +
      text_input("soft_flex", "Soft block flex: places either side of the commitment", v("soft_flex"), errors, num);
  for (int b = 1; b <= 3; ++b) {
    const std::string n = std::to_string(b);
    fields +=
        "<fieldset class=\"govuk-fieldset cm-inline-form govuk-!-margin-bottom-4\"><legend "
        "class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Price band " +
        text(n) + (b == 1 ? Html("") : Html(" (optional)")) + "</legend>" +
        text_input("band" + n + "_from", "From place", v("band" + n + "_from"), errors, num) +
        text_input("band" + n + "_price", "Price a place a week, in pounds", v("band" + n + "_price"), errors, money) +
        "</fieldset>";
  }
  main += post_form("/prices/block-sizing", req.csrf, fields, "Compare the strategies");
  main += "<p class=\"govuk-body\">" + link("/prices", "The price model calculator") + "</p>";
  return Reply::html(layout(req, "Block sizing advisor", main, !errors.empty()), status);
}

Reply advise(const Request& req, const app::Pricing& pricing_use) {
  const Form& f = req.form;
  FieldErrors errors;
  pricing::BlockSizingInput in;
  const auto mean = read_places(f, "mean", errors, "Enter the places needed in an average week");
  const auto spread = read_places(f, "spread", errors, "Enter how much the places needed vary");
  const auto weeks =
      read_whole_number(f, "weeks", errors, "Enter the weeks to simulate", 10, 1000, "Weeks must be from 10 to 1000");
  const auto spot = read_money(f, "spot_price", errors, "Enter the spot price a place a week");
  const auto above =
      read_whole_number(f, "short_supply_above", errors, "", 0, 1000, "Places must be a whole number from 0 to 1000");
  const auto premium = read_percent(f, "spot_premium", errors, "The spot premium");
  const std::string mode = f.get("mode");
  if (mode != "whole_volume" && mode != "marginal") errors.add("mode", "Choose how the price bands apply");
  const auto void_cost = read_money(f, "void_cost", errors, "");
  const auto flex =
      read_whole_number(f, "soft_flex", errors, "", 0, 1000, "Flex must be a whole number of places from 0 to 1000");
  for (int b = 1; b <= 3; ++b) {
    const std::string n = std::to_string(b);
    const bool any = !f.get("band" + n + "_from").empty() || !f.get("band" + n + "_price").empty();
    if (!any && b > 1) continue;
    const auto from =
        read_whole_number(f, "band" + n + "_from", errors, "Enter the place price band " + n + " starts at", 1, 10000,
                          "Band " + n + " starts at a whole number of places from 1");
    const auto price =
        read_money(f, "band" + n + "_price", errors, "Enter price band " + n + "'s price a place a week");
    if (from && price) in.block_schedule.bands.push_back({static_cast<int>(*from), *price});
  }
  if (!errors.empty()) return sizing_page(req, f, errors, nullptr, 400);
  in.demand_samples = pricing::demand_from_normal(*mean, *spread, static_cast<int>(*weeks));
  for (auto& s : in.demand_samples) s = std::min(s, 1000);
  in.spot_price = *spot;
  in.short_supply_above = static_cast<int>(above.value_or(0));
  in.spot_premium_bp = *premium;
  in.block_schedule.mode = mode == "marginal" ? pricing::BandMode::marginal : pricing::BandMode::whole_volume;
  in.void_cost = void_cost.value_or(Money{});
  in.soft_flex = static_cast<int>(flex.value_or(0));
  if (auto valid = in.validate(); !valid) {
    const auto& field = valid.error().field;
    std::string target = "band1_from";  // the schedule's own rules
    if (field == "demand") target = "mean";
    if (field == "spot_price" || field == "spot_premium" || field == "void_cost" || field == "soft_flex")
      target = field;
    errors.add(target, sentence(valid.error().message));
    return sizing_page(req, f, errors, nullptr, 400);
  }
  auto advice = pricing_use.size_block(*req.caller, in);
  if (!advice) {
    errors.add("band1_from", sentence(advice.error().message));
    return sizing_page(req, f, errors, nullptr, 400);
  }
  return sizing_page(req, f, errors, &*advice);
}

}  // namespace

std::vector<Page> pricing_pages(SiteContext& ctx, const SiteConfig&) {
  const app::Pricing* const use = &ctx.pricing;
  std::vector<Page> p;
  p.push_back({"GET", "/prices", true, [](Request& req) {
                 if (auto ok = app::can_read_register(*req.caller); !ok) return error_page(req, ok.error());
                 const auto kind = kind_of(req.param("template"));
                 if (!kind)
                   return error_page(req,
                                     Error::not_found("There is no such template: choose care home or home care."));
                 return calculator_page(req, *kind, Form(), {}, nullptr);
               }});
  p.push_back({"POST", "/prices", true, [use](Request& req) {
                 if (auto ok = app::can_read_register(*req.caller); !ok) return error_page(req, ok.error());
                 return calculate(req, *use);
               }});
  p.push_back({"GET", "/prices/block-sizing", true, [](Request& req) {
                 if (auto ok = app::can_use_commissioning_tools(*req.caller); !ok) return error_page(req, ok.error());
                 return sizing_page(req, Form(), {}, nullptr);
               }});
  p.push_back({"POST", "/prices/block-sizing", true, [use](Request& req) {
                 if (auto ok = app::can_use_commissioning_tools(*req.caller); !ok) return error_page(req, ok.error());
                 return advise(req, *use);
               }});
  return p;
}

}  // namespace caremarket::web
