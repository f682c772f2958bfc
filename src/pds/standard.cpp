#include "pds/standard.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>
#include <utility>

#include "core/dates.hpp"
#include "core/enum_names.hpp"
#include "core/text.hpp"
#include "pds/placements_v2_json.hpp"

namespace caremarket::pds {
namespace {

constexpr auto kFieldTypeNames = enum_names<FieldType>({
    {FieldType::integer, "Integer"},
    {FieldType::string, "String"},
    {FieldType::categorical, "Categorical"},
    {FieldType::boolean, "Boolean"},
    {FieldType::date, "Date"},
});

const std::vector<std::string> kReferralParts{"PlacementAvailability", "PlacementRequirements",
                                              "PlacementRecommendation", "Risks"};
const std::vector<std::string> kPlacementParts{"ActualPlacement", "QualityAssurance"};

// The definition is compiled in, so a fault in it is a build-time mistake:
// it throws on first use and every pds test fails, rather than limping on.
[[noreturn]] void bad_definition(const std::string& what) {
  throw std::logic_error("standards/placements-v2/placements.json: " + what);
}

int cardinality_bound(std::string_view text, const std::string& where) {
  if (text == "*") return Field::unbounded;
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    bad_definition(where + ": cardinality bound '" + std::string(text) + "' is not a number or *");
  }
  return value;
}

std::pair<int, int> cardinality(const std::string& text, const std::string& where) {
  const auto dots = text.find("..");
  if (dots == std::string::npos) bad_definition(where + ": cardinality '" + text + "' is not min..max");
  const std::string_view view(text);
  const int low = cardinality_bound(view.substr(0, dots), where);
  const int high = cardinality_bound(view.substr(dots + 2), where);
  if (low == Field::unbounded || (high != Field::unbounded && high < std::max(low, 1))) {
    bad_definition(where + ": cardinality '" + text + "' is not a range");
  }
  return {low, high};
}

std::string without_full_stop(std::string text) {
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

Definition parse_definition() {
  const auto doc = nlohmann::json::parse(placements_v2_json());
  Definition d;
  d.version = doc.at("metadata").at("version").get<std::string>();
  for (const auto& e : doc.at("entities")) {
    Entity entity{e.at("name").get<std::string>(), e.value("description", ""), {}};
    for (const auto& f : e.at("fields")) {
      Field field;
      field.name = f.at("name").get<std::string>();
      const std::string where = entity.name + "." + field.name;
      const auto type = field_type_from(f.at("type").get<std::string>());
      if (!type) bad_definition(where + ": " + type.error().message);
      field.type = *type;
      std::tie(field.min, field.max) = cardinality(f.at("cardinality").get<std::string>(), where);
      field.description = f.value("description", "");
      field.label = field.description.empty() ? field.name : without_full_stop(field.description);
      if (f.contains("options")) field.options = f.at("options").get<std::vector<std::string>>();
      if ((field.type == FieldType::categorical) == field.options.empty()) {
        bad_definition(where + ": options belong to Categorical fields, and every Categorical field has them");
      }
      entity.fields.push_back(std::move(field));
    }
    d.entities.push_back(std::move(entity));
  }
  return d;
}

std::string quoted(const std::string& text) { return "'" + text + "'"; }

std::string quoted_list(const std::vector<std::string>& values) {
  std::vector<std::string> q;
  q.reserve(values.size());
  for (const auto& v : values) q.push_back(quoted(v));
  return join(q, ", ");
}

// How a field is named to the officer: the standard's words, then the path.
std::string describe(const Field& field, const std::string& path) { return quoted(field.label) + " (" + path + ")"; }

Status check_value(const Field& field, const nlohmann::json& v, const std::string& path) {
  switch (field.type) {
    case FieldType::integer:
      // Strict: 3.0 is a float in JSON terms, and a cost of 1050.5 must not be rounded silently.
      if (!v.is_number_integer()) return Error::invalid(describe(field, path) + " must be a whole number", path);
      return {};
    case FieldType::boolean:
      if (!v.is_boolean()) return Error::invalid(describe(field, path) + " must be true or false", path);
      return {};
    case FieldType::string:
      if (!v.is_string()) return Error::invalid(describe(field, path) + " must be text", path);
      return {};
    case FieldType::date: {
      if (!v.is_string()) return Error::invalid(describe(field, path) + " must be a date written YYYY-MM-DD", path);
      const auto date = Date::parse_iso(v.get<std::string>());
      if (!date) {
        return Error::invalid(describe(field, path) + " must be a date written YYYY-MM-DD: " + date.error().message,
                              path);
      }
      return {};
    }
    case FieldType::categorical: {
      const bool listed = v.is_string() && std::find(field.options.begin(), field.options.end(),
                                                     v.get<std::string>()) != field.options.end();
      if (!listed) {
        return Error::invalid(describe(field, path) + " must be one of " + quoted_list(field.options) +
                                  (v.is_string() ? ", not " + quoted(v.get<std::string>()) : std::string()),
                              path);
      }
      return {};
    }
  }
  return Error::internal("unhandled field type for " + path);
}

Status check_field(const Field& field, const nlohmann::json& v, const std::string& path) {
  if (!field.many()) {
    if (v.is_array()) return Error::invalid(describe(field, path) + " takes one value, not a list", path);
    return check_value(field, v, path);
  }
  const std::string choices = field.options.empty() ? std::string() : " from " + quoted_list(field.options);
  if (!v.is_array()) return Error::invalid(describe(field, path) + " takes a list of values" + choices, path);
  const auto count = v.size();
  if (count < static_cast<std::size_t>(field.min)) {
    return Error::invalid(describe(field, path) + " needs at least " + std::to_string(field.min) +
                              (field.min == 1 ? " value" : " values") + choices,
                          path);
  }
  if (field.max != Field::unbounded && count > static_cast<std::size_t>(field.max)) {
    return Error::invalid(describe(field, path) + " takes at most " + std::to_string(field.max) + " values", path);
  }
  for (std::size_t i = 0; i < count; ++i) {
    CM_TRY_STATUS(check_value(field, v[i], path));
    // Lists are a handful of options long: a quadratic scan is cheaper than a set.
    for (std::size_t j = 0; j < i; ++j) {
      if (v[j] == v[i]) {
        const std::string shown = v[i].is_string() ? quoted(v[i].get<std::string>()) : v[i].dump();
        return Error::invalid(describe(field, path) + " lists " + shown + " more than once", path);
      }
    }
  }
  return {};
}

Status validate_parts(const nlohmann::json& doc, const std::vector<std::string>& parts, const std::string& what) {
  if (!doc.is_object()) return Error::invalid(what + " must be a JSON object with " + join(parts, ", "));
  for (const auto& [key, value] : doc.items()) {
    if (std::find(parts.begin(), parts.end(), key) == parts.end()) {
      return Error::invalid("unknown part " + quoted(key) + "; " + what + " has " + join(parts, ", "), key);
    }
  }
  for (const auto& part : parts) {
    if (!doc.contains(part)) return Error::invalid(what + " needs " + part, part);
    CM_TRY_STATUS(validate_entity(part, doc.at(part)));
  }
  return {};
}

std::vector<std::string> risk_fields(bool to_others) {
  std::vector<std::string> out;
  const Entity* risks = placements_v2().entity("Risks");
  if (!risks) return out;
  for (const auto& f : risks->fields) {
    // The free-text "Other (please specify)" fields are not a risk present or absent.
    if (f.type != FieldType::categorical) continue;
    if (f.name.starts_with("riskToOthers") == to_others) out.push_back(f.name);
  }
  return out;
}

}  // namespace

std::string_view to_string(FieldType type) { return kFieldTypeNames.name(type, "Unknown"); }

Result<FieldType> field_type_from(std::string_view text) {
  if (const auto type = kFieldTypeNames.parse(text)) return *type;
  return Error::invalid("'" + std::string(text) +
                        "' is not a field type; the types are Integer, String, "
                        "Categorical, Boolean, Date");
}

const Field* Entity::field(std::string_view field_name) const {
  for (const auto& f : fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

const Entity* Definition::entity(std::string_view entity_name) const {
  for (const auto& e : entities) {
    if (e.name == entity_name) return &e;
  }
  return nullptr;
}

const Definition& placements_v2() {
  static const Definition definition = parse_definition();
  return definition;
}

std::string field_label(std::string_view entity, std::string_view field) {
  const Entity* e = placements_v2().entity(entity);
  const Field* f = e ? e->field(field) : nullptr;
  return f ? f->label : std::string(field);
}

Status validate_entity(const std::string& entity_name, const nlohmann::json& object) {
  const Entity* entity = placements_v2().entity(entity_name);
  if (!entity) return Error::invalid(quoted(entity_name) + " is not part of the Placements Data Standard v2");
  if (!object.is_object()) return Error::invalid(entity_name + " must be a JSON object", entity_name);
  for (const auto& [key, value] : object.items()) {
    if (!entity->field(key)) {
      std::vector<std::string> names;
      names.reserve(entity->fields.size());
      for (const auto& f : entity->fields) names.push_back(f.name);
      return Error::invalid("unknown field " + quoted(entity_name + "." + key) + "; the fields of " + entity_name +
                                " are " + join(names, ", "),
                            entity_name + "." + key);
    }
  }
  for (const auto& field : entity->fields) {
    const std::string path = entity_name + "." + field.name;
    const auto it = object.find(field.name);
    if (it == object.end() || it->is_null()) {
      if (field.required()) return Error::invalid(describe(field, path) + " is required", path);
      // Readers use json::value(name, default), which throws on null: say so here instead.
      if (it != object.end()) {
        return Error::invalid(describe(field, path) + " is null; leave the field out when there is no value", path);
      }
      continue;
    }
    CM_TRY_STATUS(check_field(field, *it, path));
  }
  return {};
}

Status validate_referral(const nlohmann::json& referral) {
  return validate_parts(referral, kReferralParts, "a referral");
}

Status validate_placement(const nlohmann::json& placement) {
  return validate_parts(placement, kPlacementParts, "a placement");
}

std::vector<std::string> risk_fields_to_child() { return risk_fields(false); }

std::vector<std::string> risk_fields_to_others() { return risk_fields(true); }

}  // namespace caremarket::pds
