#include "importers/ofsted.hpp"

#include "core/csv.hpp"
#include "core/text.hpp"
#include "importers/locate.hpp"
#include "importers/read_rows.hpp"

namespace caremarket::importers {
namespace {
using market::KindOfCare;
using market::Rating;

struct ProvisionType {
  std::string_view name;  // normalised Ofsted wording
  KindOfCare kind;
  int age_min;
  int age_max;
};

// Ofsted provision types that are places caremarket brokers. Others (boarding
// schools, colleges, adoption agencies) are skipped with a reason.
constexpr ProvisionType kProvisionTypes[] = {
    {"childrens home", KindOfCare::childrens_home, 0, 17},
    {"residential special school registered as a childrens home", KindOfCare::childrens_home, 5, 19},
    {"secure childrens home", KindOfCare::secure_childrens_home, 10, 17},
    {"independent fostering agency", KindOfCare::fostering_agency, 0, 17},
    {"supported accommodation", KindOfCare::supported_accommodation, 16, 17},
    {"residential family centre", KindOfCare::parent_and_child, 0, 120},
    {"residential special school", KindOfCare::residential_special_school, 5, 19},
};

const ProvisionType* provision_type(std::string_view text) {
  const auto key = normalise_name(text);
  for (const auto& p : kProvisionTypes)
    if (p.name == key) return &p;
  return nullptr;
}

bool redacted(std::string_view v) { return v == "REDACTED"; }

const char* const kOverall = "Overall experiences and progress of children and young people";
const char* const kSupportedOutcome = "Supported Accommodation outcome";

const std::vector<std::pair<std::string, std::string>>& judgement_columns() {
  static const std::vector<std::pair<std::string, std::string>> columns{
      {"overall_experiences_and_progress", kOverall},
      {"outcomes_in_education", "Outcomes in education and related learning activities"},
      {"health_services", "Health services"},
      {"help_and_protection", "How well children and young people are helped and protected"},
      {"leadership_and_management", "The effectiveness of leaders and managers"},
  };
  return columns;
}

// Supported accommodation is judged on its own three-point scale; it is
// read onto the common scale so that a rating floor means the same for all.
std::optional<Rating> supported_accommodation_outcome(std::string_view text) {
  const auto t = normalise_name(text);
  if (t.starts_with("consistently strong")) return Rating::good;
  if (t.starts_with("inconsistent quality")) return Rating::requires_improvement;
  if (t.starts_with("serious or widespread weaknesses")) return Rating::inadequate;
  return std::nullopt;
}

// Social care URNs are digits, optionally after "SC" (older registrations).
bool valid_urn(std::string_view urn) {
  if (urn.starts_with("SC")) urn.remove_prefix(2);
  if (urn.empty() || urn.size() > 12) return false;
  for (char c : urn)
    if (c < '0' || c > '9') return false;
  return true;
}

Result<Rating> read_judgement(std::string_view text, const std::string& column) {
  if (auto r = market::rating_from(text)) return *r;
  if (auto r = supported_accommodation_outcome(text)) return *r;
  return Error::invalid("'" + column + "' value '" + std::string(text) + "' is not an Ofsted judgement");
}

Status read_row(const CsvHeader& h, const CsvRecord& rec, const ProvisionType& type, ImportRow& row,
                const Gazetteer& gazetteer) {
  auto& s = row.service;
  s.regulator = market::Regulator::ofsted;
  s.regulator_id = std::string(h.get(rec, "URN"));
  if (!valid_urn(s.regulator_id)) return Error::invalid("URN '" + s.regulator_id + "' is not an Ofsted URN");
  s.kind = type.kind;
  s.age_min = type.age_min;
  s.age_max = type.age_max;
  if (normalise_name(h.get(rec, "Provision type")).starts_with("residential special school registered")) {
    s.specialisms.push_back("residential special school");
  }
  // The register writes "Short breaks only" in this column (never "Yes").
  const auto short_break = to_lower(h.get(rec, "Short-break-only children's home"));
  if (short_break == "yes" || short_break == "y" || short_break == "short breaks only") {
    s.needs.push_back("short_breaks");
  }
  const auto name = h.get(rec, "Name");
  const std::string la_name(h.get(rec, "Local authority"));
  // Ofsted redacts children's homes' names and addresses; supported
  // accommodation keeps its name but not its address. Keep what is published.
  if (redacted(name) || name.empty()) {
    s.name = (type.kind == KindOfCare::childrens_home ? "Children's home" : "Service") + std::string(" URN ") +
             s.regulator_id + " (" + la_name + ")";
  } else {
    s.name = std::string(name);
  }
  if (redacted(h.get(rec, "Postcode")) || h.get(rec, "Postcode").empty()) {
    s.notes = std::string(redacted(name) ? "Name and address" : "Address") +
              " redacted by Ofsted; shown at the centre of " + la_name + ", not at the service.";
  } else {
    std::vector<std::string> parts;
    for (const char* column : {"Address 1", "Address 2", "Town", "County"}) {
      const auto v = h.get(rec, column);
      if (!v.empty() && !redacted(v)) parts.emplace_back(v);
    }
    s.address = join(parts, ", ");
    s.postcode = std::string(h.get(rec, "Postcode"));
  }
  const auto places = h.get(rec, "Places");
  if (!places.empty()) {
    const auto n = parse_integer(places);
    if (!n || *n < 0) return Error::invalid("Places '" + std::string(places) + "' is not a whole number");
    s.places = static_cast<int>(*n);
  } else if (type.kind == KindOfCare::childrens_home || type.kind == KindOfCare::secure_childrens_home) {
    return Error::invalid("Places is blank for a children's home");
  }

  const bool supported = type.kind == KindOfCare::supported_accommodation;
  const auto overall = h.get(rec, supported && h.has(kSupportedOutcome) ? kSupportedOutcome : kOverall);
  CM_ASSIGN_OR_RETURN(s.rating, read_judgement(overall, supported ? kSupportedOutcome : kOverall));
  for (const auto& [domain, column] : judgement_columns()) {
    CM_ASSIGN_OR_RETURN(const Rating r, read_judgement(h.get(rec, column), column));
    if (r != Rating::not_rated) s.domain_ratings.push_back({domain, r});
  }
  const auto inspected = h.get(rec, "Latest full inspection date");
  if (!inspected.empty()) {
    auto date = Date::parse_uk(inspected);
    if (!date) return Error::invalid("Latest full inspection date: " + date.error().message);
    s.rating_date = *date;
  }
  if (to_lower(h.get(rec, "Registration status")) == "suspended") s.status = market::ServiceStatus::suspended;

  const std::string owner(h.get(rec, "Organisation which owns the provider"));
  if (owner.empty() || redacted(owner)) {
    row.provider.name = "Owner of URN " + s.regulator_id + " (not published)";
    row.provider.source_key = "ofsted-owner-of:" + s.regulator_id;
  } else {
    row.provider.name = owner;
    row.provider.source_key = "ofsted-owner:" + normalise_name(owner);
  }
  const LocalAuthority* authority = gazetteer.authority_by_name(la_name);
  if (!authority) return Error::invalid("Local authority '" + la_name + "' is not an English council caremarket knows");
  return locate_service(s, std::nullopt, authority, gazetteer, true, row.warning);
}
}  // namespace

Result<ImportBatch> parse_ofsted_providers(std::string_view text, const Gazetteer& gazetteer, std::string source) {
  CsvReader reader(text);
  CsvRecord rec;
  CM_ASSIGN_OR_RETURN(bool more, reader.next(rec));
  if (!more) return Error::invalid("the file is empty");
  const CsvHeader h(rec.fields);
  CM_TRY_STATUS(h.require({"URN", "Provision type", "Registration status", "Name", "Postcode", "Local authority",
                           "Places", "Organisation which owns the provider", kOverall}));
  ImportBatch batch;
  batch.source = std::move(source);
  batch.format = "ofsted-provider-level";
  read_rows(
      reader, batch, rec.fields.size(),
      [&](const CsvRecord& record, ImportRow& row, std::string& skip_reason) -> Status {
        const auto type_text = h.get(record, "Provision type");
        const ProvisionType* type = provision_type(type_text);
        if (!type) {
          skip_reason =
              "provision type '" + std::string(type_text) + "' is not care that caremarket places children in";
          return {};
        }
        CM_TRY_STATUS(read_row(h, record, *type, row, gazetteer));
        row.service.source_key = "ofsted:" + row.service.regulator_id;
        // Without a postcode a name alone does not identify a service.
        if (!row.service.postcode.empty()) {
          row.service.match_key = market::make_match_key(row.service.postcode, row.service.name);
        }
        return {};
      },
      [](const ImportRow& row) { return "URN " + row.service.regulator_id; });
  return batch;
}

}  // namespace caremarket::importers
