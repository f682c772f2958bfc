// A new referral: an adult's needs, or a child's placement in the
// Placements Data Standard v2. The children's form is drawn from the
// standard's own definition (src/pds), so every field it names is asked,
// with its options as the standard spells them. Every field keeps what was
// typed when the form comes back with errors.
#include "app/referral_rules.hpp"
#include "core/text.hpp"
#include "pds/standard.hpp"
#include "web/labels.hpp"
#include "web/layout.hpp"

namespace caremarket::web {
namespace {
using market::KindOfCare;

const char* kReferralEntities[] = {"PlacementAvailability", "PlacementRequirements", "PlacementRecommendation",
                                   "Risks"};

std::string pds_name(const std::string& entity, const pds::Field& f) { return "pds." + entity + "." + f.name; }

std::vector<Option> options_of(const std::vector<std::string>& values) {
  std::vector<Option> out;
  for (const auto& v : values) out.push_back({v, v, ""});
  return out;
}

std::vector<Option> adult_kinds() {
  std::vector<Option> out;
  for (const auto k : market::all_kinds_of_care()) {
    if (!market::is_childrens(k)) out.push_back({std::string(to_string(k)), human(to_string(k)), ""});
  }
  return out;
}

std::vector<Option> needs_options() {
  std::vector<Option> out;
  for (const auto& n : market::known_needs()) out.push_back({n, human(n), ""});
  return out;
}

std::vector<Option> rating_floor_options() {
  return {{"requires_improvement", "Requires improvement or better (usual)", ""},
          {"good", "Good or better", ""},
          {"outstanding", "Outstanding only", ""},
          {"inadequate", "Include inadequate services (needs a recorded reason)", ""}};
}

Html person_fields(const Form& f, const FieldErrors& e, bool child) {
  Html out =
      "<h2 class=\"govuk-heading-m\">The person</h2>" +
      inset(text("Kept apart from the need: providers see these only once they are awarded the placement.")) +
      text_input("person.name", "Full name", f.get("person.name"), e,
                 FieldOptions().with_autocomplete("off").no_spellcheck()) +
      date_input("person.date_of_birth", "Date of birth", f, e, FieldOptions().with_hint("For example, 15 6 1941")) +
      text_input("person.nhs_number", "NHS number (optional)", f.get("person.nhs_number"), e,
                 FieldOptions().with_hint("10 digits").with_width("govuk-input--width-10").numeric());
  if (child) {
    out += text_input("person.council_child_id", "Your council's id for the child (optional)",
                      f.get("person.council_child_id"), e,
                      FieldOptions().with_width("govuk-input--width-20").no_spellcheck());
  }
  return out +
         text_input("home_postcode", "Home postcode", f.get("home_postcode"), e,
                    FieldOptions()
                        .with_hint("The full postcode, for example B44 9AA. Providers see only its district (B44).")
                        .with_width("govuk-input--width-10")
                        .with_autocomplete("off"));
}

Html search_fields(const Form& f, const FieldErrors& e) {
  return text_input("age", "Age", f.get("age"), e, FieldOptions().with_width("govuk-input--width-3").numeric()) +
         text_input("max_distance_miles", "Search within how many miles of home?",
                    f.has("max_distance_miles") ? f.get("max_distance_miles") : "20", e,
                    FieldOptions().with_width("govuk-input--width-3").numeric());
}

Html adult_fields(const Form& f, const FieldErrors& e) {
  const auto needs = f.all("needs");
  return "<h2 class=\"govuk-heading-m\">The care needed</h2>" + search_fields(f, e) +
         radios("kind", "What kind of care is needed?", adult_kinds(), f.get("kind"), e) +
         checkboxes("needs", "Needs the service must meet", needs_options(), {needs.begin(), needs.end()}, e,
                    FieldOptions().with_hint("Select all that apply.")) +
         text_input("hours_per_week", "Hours a week (home care)", f.get("hours_per_week"), e,
                    FieldOptions().with_width("govuk-input--width-3").numeric().with_hint("Only for care at home.")) +
         select("need_level", "Level of need (which price applies)", options_of(market::known_need_levels()),
                f.has("need_level") ? f.get("need_level") : "standard", e) +
         text_input("budget_ceiling", "Most the council will pay a week, in pounds (optional)", f.get("budget_ceiling"),
                    e, FieldOptions().with_width("govuk-input--width-10").with_hint("For example, 1250.00"));
}

Html common_fields(const Form& f, const FieldErrors& e) {
  const auto urgent = f.all("urgent");
  return date_input("needed_by", "Needed by (optional)", f, e, FieldOptions().with_hint("Leave empty for today.")) +
         checkboxes("urgent", "Urgency",
                    {{"yes", "Needed today (offers close in 2 hours; the first suitable offer may be taken)", ""}},
                    {urgent.begin(), urgent.end()}, e) +
         radios("min_rating", "Lowest regulator rating to ask", rating_floor_options(),
                f.has("min_rating") ? f.get("min_rating") : "requires_improvement", e) +
         textarea("inadequate_override_reason", "Reason for including inadequate services",
                  f.get("inadequate_override_reason"), e,
                  FieldOptions().with_hint("Only if you include inadequate services."));
}

Html pds_fields(const Form& f, const FieldErrors& e) {
  Html out;
  const auto& standard = pds::placements_v2();
  for (const char* entity_name : kReferralEntities) {
    const auto* entity = standard.entity(entity_name);
    if (!entity) continue;
    out += "<h2 class=\"govuk-heading-m\">" +
           text(human(entity->description.empty() ? entity_name : entity->description)) + "</h2>";
    for (const auto& field : entity->fields) {
      const std::string name = pds_name(entity->name, field);
      const std::string label = field.label + (field.required() ? "" : " (optional)");
      switch (field.type) {
        case pds::FieldType::categorical: {
          if (field.many()) {
            const auto chosen = f.all(name);
            out += checkboxes(name, label, options_of(field.options), {chosen.begin(), chosen.end()}, e,
                              FieldOptions().with_hint("Select all that apply."));
          } else {
            out += radios(name, label, options_of(field.options), f.get(name), e,
                          field.options.size() <= 3 ? FieldOptions().side_by_side() : FieldOptions());
          }
          break;
        }
        case pds::FieldType::boolean:
          out += radios(name, label, {{"true", "Yes", ""}, {"false", "No", ""}}, f.get(name), e,
                        FieldOptions().side_by_side());
          break;
        case pds::FieldType::integer:
          out += text_input(name, label, f.get(name), e, FieldOptions().with_width("govuk-input--width-10").numeric());
          break;
        case pds::FieldType::date: out += date_input(name, label, f, e); break;
        case pds::FieldType::string: out += text_input(name, label, f.get(name), e); break;
      }
    }
  }
  return out;
}

Reply form_page(const Request& req, const std::string& who, const Form& typed, const FieldErrors& errors,
                int status = 200) {
  const bool child = who == "child";
  Html fields = hidden_field("for", who) + person_fields(typed, errors, child);
  if (child) {
    fields += "<h2 class=\"govuk-heading-m\">Searching</h2>" + search_fields(typed, errors) + pds_fields(typed, errors);
  } else {
    fields += adult_fields(typed, errors);
  }
  fields += "<h2 class=\"govuk-heading-m\">When and how</h2>" + common_fields(typed, errors);
  const std::string title = child ? "A child's placement referral" : "An adult's care referral";
  Html main = "<a href=\"/referrals/new\" class=\"govuk-back-link\">Back</a>" + error_summary(errors) +
              "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">" +
              heading(title, "New referral") +
              paragraph(
                  "The referral is saved as a draft first: you see who would be asked, and why others are not, before "
                  "it is sent.") +
              post_form("/referrals/new", req.csrf, fields, "Save and see who would be asked") + "</div></div>";
  return Reply::html(layout(req, title, main, !errors.empty()), status);
}

Reply choose_page(const Request& req, const FieldErrors& errors = {}) {
  Html main = error_summary(errors) + "<form method=\"get\" action=\"/referrals/new\" novalidate>" +
              radios("for", "Who is the referral for?",
                     {{"adult", "An adult", "Care homes, home care, supported living and other adult social care."},
                      {"child", "A child",
                       "Children's homes, fostering and supported accommodation, in the Placements Data Standard."}},
                     "", errors, FieldOptions().as_heading()) +
              button("Continue") + "</form>";
  return Reply::html(layout(req, "Who is the referral for?", main, !errors.empty()), errors.empty() ? 200 : 400);
}

// The form's fields into the use case's input, collecting every problem the
// form itself can see; the use case checks the rest.
app::ReferralInput read_referral(const Form& f, bool child, FieldErrors& errors) {
  app::ReferralInput in;
  in.for_child = child;
  in.person.name = f.get("person.name");
  if (in.person.name.empty()) errors.add("person.name", "Enter the person's full name");
  if (const auto dob = read_date(f, "person.date_of_birth", errors, "Enter the person's date of birth")) {
    in.person.date_of_birth = dob->to_string();
  }
  std::string nhs;
  for (const char c : f.get("person.nhs_number"))
    if (c != ' ') nhs += c;
  in.person.nhs_number = nhs;
  in.person.council_child_id = f.get("person.council_child_id");
  in.home_postcode = f.get("home_postcode");
  if (in.home_postcode.empty()) errors.add("home_postcode", "Enter the person's home postcode");
  if (const auto age = read_whole_number(f, "age", errors, "Enter the person's age", 0, 120,
                                         "The age must be a whole number from 0 to 120")) {
    in.age = static_cast<int>(*age);
  }
  if (const auto miles = read_whole_number(f, "max_distance_miles", errors, "Enter how far from home to search", 1, 500,
                                           "The distance must be a whole number of miles from 1 to 500")) {
    in.max_distance_miles = static_cast<double>(*miles);
  }
  if (!child) {
    const auto kind = market::kind_of_care_from(f.get("kind"));
    if (!kind) errors.add("kind", "Select the kind of care needed");
    else in.kinds = {*kind};
    in.needs = f.all("needs");
    if (const auto hours = read_whole_number(f, "hours_per_week", errors, "", 0, 168,
                                             "Hours a week must be a whole number from 0 to 168")) {
      in.hours_per_week = static_cast<int>(*hours);
    }
    in.need_level = f.has("need_level") ? f.get("need_level") : "standard";
    in.budget_ceiling = read_money(f, "budget_ceiling", errors, "");
  }
  in.needed_by = read_date(f, "needed_by", errors, "");
  for (const auto& u : f.all("urgent")) in.urgent = in.urgent || u == "yes";
  const auto floor = market::rating_from(f.get("min_rating"));
  if (floor && *floor != market::Rating::not_rated) in.min_rating = *floor;
  in.inadequate_override_reason = f.get("inadequate_override_reason");
  if (child) {
    nlohmann::json doc = nlohmann::json::object();
    const auto& standard = pds::placements_v2();
    for (const char* entity_name : kReferralEntities) {
      const auto* entity = standard.entity(entity_name);
      if (!entity) continue;
      nlohmann::json object = nlohmann::json::object();
      for (const auto& field : entity->fields) {
        const std::string name = pds_name(entity->name, field);
        const std::string value = f.get(name);
        const bool given = field.type == pds::FieldType::date
                               ? !f.get(name + "-year").empty() || !f.get(name + "-day").empty()
                               : (field.many() ? !f.all(name).empty() : !value.empty());
        if (!given) {
          if (field.required()) {
            const bool choose = field.type == pds::FieldType::categorical || field.type == pds::FieldType::boolean;
            errors.add(name,
                       (choose ? "Select " : "Enter ") + to_lower(field.label.substr(0, 1)) + field.label.substr(1));
          }
          continue;
        }
        switch (field.type) {
          case pds::FieldType::categorical:
            if (field.many()) object[field.name] = f.all(name);
            else object[field.name] = value;
            break;
          case pds::FieldType::boolean: object[field.name] = value == "true"; break;
          case pds::FieldType::integer:
            if (const auto n = parse_integer(value)) object[field.name] = *n;
            else errors.add(name, field.label + " must be a whole number");
            break;
          case pds::FieldType::date:
            if (const auto d = read_date(f, name, errors, "")) object[field.name] = d->to_string();
            break;
          case pds::FieldType::string: object[field.name] = value; break;
        }
      }
      doc[entity->name] = object;
    }
    in.pds = doc;
    if (errors.empty()) {
      // The standard's own checks (option spellings, cardinality).
      if (auto valid = pds::validate_referral(doc); !valid) {
        errors.add(valid.error().field.empty() ? "pds" : "pds." + valid.error().field, valid.error().message);
      }
    }
  }
  // The use case's own rules, each beside its field (after the form's own
  // messages: a field keeps its first).
  for (const auto& problem : app::referral_problems(in, Date::today()))
    errors.add(problem.field, sentence(problem.message));
  return in;
}

}  // namespace

std::vector<Page> referral_form_pages(SiteContext& ctx) {
  std::vector<Page> p;
  p.push_back({"GET", "/referrals/new", true, [](Request& req) {
                 if (!is_placement_officer(*req.caller))
                   return error_page(req, Error::forbidden("Only a council's placement officers make referrals."));
                 const std::string who = req.param("for");
                 if (who == "adult" || who == "child") return form_page(req, who, {}, {});
                 if (req.query.count("for")) {
                   FieldErrors errors;
                   errors.add("for", "Select who the referral is for");
                   return choose_page(req, errors);
                 }
                 return choose_page(req);
               }});
  p.push_back({"POST", "/referrals/new", true, [&ctx](Request& req) {
                 const std::string who = req.form.get("for") == "child" ? "child" : "adult";
                 FieldErrors errors;
                 const auto input = read_referral(req.form, who == "child", errors);
                 if (!errors.empty()) return form_page(req, who, req.form, errors, 400);
                 auto created = ctx.brokerage.create_referral(*req.caller, input);
                 if (!created) {
                   if (created.error().code == ErrorCode::forbidden) return error_page(req, created.error());
                   std::string field = created.error().field;
                   if (field.empty()) field = who == "child" ? "pds" : "kind";
                   else if (field.starts_with("Placement") || field.starts_with("Risks")) field = "pds." + field;
                   errors.add(field, created.error().message);
                   return form_page(req, who, req.form, errors, status_of(created.error()));
                 }
                 return Reply::redirect("/referrals/" + std::to_string(created->referral.id) + "?done=created");
               }});
  return p;
}

}  // namespace caremarket::web
