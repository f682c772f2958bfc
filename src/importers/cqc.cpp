#include "importers/cqc.hpp"

#include <cctype>

#include "core/csv.hpp"
#include "core/text.hpp"
#include "importers/locate.hpp"
#include "importers/read_rows.hpp"

namespace caremarket::importers {
namespace {
using market::KindOfCare;
using market::Rating;
using market::Service;

enum class Layout { register_extract, trafford_directory, gm_directory };

bool truthy(std::string_view v) { return to_lower(v) == "true"; }

std::optional<LatLon> coordinates(std::string_view lat, std::string_view lon) {
  const auto la = parse_decimal(lat);
  const auto lo = parse_decimal(lon);
  if (!la || !lo) return std::nullopt;
  return LatLon{*la, *lo};
}

Result<Rating> read_rating(std::string_view text, const std::string& column) {
  if (auto r = market::rating_from(text)) return *r;
  return Error::invalid(column + " '" + std::string(text) + "' is not a CQC rating");
}

// The CQC register extract: one row per location, with ratings and bands.
Status read_register_row(const CsvHeader& h, const CsvRecord& rec, ImportRow& row, const Gazetteer& gazetteer) {
  Service& s = row.service;
  s.regulator = market::Regulator::cqc;
  s.regulator_id = std::string(h.get(rec, "cqc_location_id"));
  if (s.regulator_id.empty()) return Error::invalid("cqc_location_id is blank");
  s.name = std::string(h.get(rec, "name"));
  s.postcode = std::string(h.get(rec, "postcode"));
  s.address = std::string(h.get(rec, "city"));
  const bool nursing = truthy(h.get(rec, "care_nursing"));
  const bool residential = truthy(h.get(rec, "care_residential"));
  if (!nursing && !residential)
    return Error::invalid("neither care_residential nor care_nursing is true: not a care home");
  s.kind = nursing ? KindOfCare::care_home_nursing : KindOfCare::care_home_residential;
  const auto beds = h.get(rec, "beds_total");
  if (!beds.empty()) {
    const auto n = parse_integer(beds);
    if (!n || *n < 0) return Error::invalid("beds_total '" + std::string(beds) + "' is not a whole number of beds");
    s.places = static_cast<int>(*n);
  }
  static const std::vector<std::pair<std::string, std::string>> bands{
      {"serves_older_people", "older_people"},
      {"serves_younger_adults", "younger_adults"},
      {"serves_mental_health", "mental_health"},
      {"serves_physical_disabilities", "physical_disability"},
      {"serves_sensory_impairments", "sensory_impairment"},
      {"serves_dementia_band", "dementia"},
      {"serves_learning_disabilities", "learning_disability"},
      {"serves_substance_misuse", "substance_misuse"},
      {"serves_eating_disorders", "eating_disorders"},
  };
  for (const auto& [column, need] : bands)
    if (truthy(h.get(rec, column))) s.needs.push_back(need);
  if (truthy(h.get(rec, "care_dementia")) && !truthy(h.get(rec, "serves_dementia_band"))) s.needs.push_back("dementia");
  if (nursing) s.needs.push_back("nursing");
  const bool older = truthy(h.get(rec, "serves_older_people"));
  const bool younger = truthy(h.get(rec, "serves_younger_adults"));
  s.age_min = older && !younger ? 65 : 18;
  s.age_max = younger && !older ? 64 : 120;

  CM_ASSIGN_OR_RETURN(s.rating, read_rating(h.get(rec, "cqc_rating_overall"), "cqc_rating_overall"));
  for (const std::string domain : {"safe", "effective", "caring", "responsive", "well_led"}) {
    const std::string column = "cqc_rating_" + domain;
    CM_ASSIGN_OR_RETURN(const Rating r, read_rating(h.get(rec, column), column));
    if (r != Rating::not_rated) s.domain_ratings.push_back({domain, r});
  }
  const auto inspected = h.get(rec, "cqc_last_inspection_date");
  if (!inspected.empty()) {
    auto date = Date::parse_iso(inspected);
    if (!date) return Error::invalid("cqc_last_inspection_date: " + date.error().message);
    s.rating_date = *date;
  }
  if (truthy(h.get(rec, "is_dormant"))) s.status = market::ServiceStatus::dormant;
  const auto provider_id = h.get(rec, "provider_id");
  row.provider.name = std::string(h.get(rec, "provider_name"));
  row.provider.regulator_id = std::string(provider_id);
  row.provider.source_key = provider_id.empty() ? "cqc-provider-name:" + normalise_name(row.provider.name)
                                                : "cqc-provider:" + std::string(provider_id);
  if (row.provider.name.empty()) return Error::invalid("provider_name is blank");
  return locate_service(s, coordinates(h.get(rec, "latitude"), h.get(rec, "longitude")),
                        gazetteer.authority_by_name(h.get(rec, "local_authority")), gazetteer, false, row.warning);
}

// The two care directories: name, type, address, postcode, area, lon/lat.
Status read_directory_row(Layout layout, const CsvHeader& h, const CsvRecord& rec, ImportRow& row,
                          const Gazetteer& gazetteer) {
  Service& s = row.service;
  s.name = std::string(h.get(rec, "name"));
  s.address = std::string(h.get(rec, "address"));
  s.postcode = std::string(h.get(rec, "postcode"));
  const auto type = h.get(rec, "type");
  if (type.find("Nursing homes") != std::string_view::npos) {
    s.kind = KindOfCare::care_home_nursing;
    s.needs.push_back("nursing");
  } else if (type.find("Residential homes") != std::string_view::npos) {
    s.kind = KindOfCare::care_home_residential;
  } else {
    return Error::invalid("type '" + std::string(type) + "' names neither residential nor nursing homes");
  }
  s.age_min = 18;
  s.age_max = 120;
  if (layout == Layout::trafford_directory) {
    s.regulator = market::Regulator::cqc;
    s.regulator_id = std::string(h.get(rec, "cqc_id"));
    if (s.regulator_id.empty()) return Error::invalid("cqc_id is blank");
    row.provider.name = std::string(h.get(rec, "provider"));
    if (row.provider.name.empty() || row.provider.name == "NA") return Error::invalid("provider is blank");
    row.provider.source_key = "cqc-provider-name:" + normalise_name(row.provider.name);
    const auto inspected = h.get(rec, "inspection_date");
    if (!inspected.empty() && inspected != "NA") {
      auto date = Date::parse_iso(inspected);
      if (!date) return Error::invalid("inspection_date: " + date.error().message);
      s.rating_date = *date;  // the directory gives the date but not the rating
    }
  } else {
    // No provider is published: each home stands as its own provider record,
    // labelled so, until the provider claims it.
    row.provider.name = s.name + " (provider not published)";
    row.provider.source_key = "gm-directory-home:" + market::make_match_key(s.postcode, s.name);
    s.notes = "Provider not named in the Greater Manchester care directory (2019).";
  }
  const auto code_text = h.get(rec, "area_code");
  const std::string code = repair_ons_code(code_text);
  const LocalAuthority* authority = code.empty() ? nullptr : gazetteer.authority_by_code(code);
  if (!authority) authority = gazetteer.authority_by_name(h.get(rec, "area_name"));
  return locate_service(s, coordinates(h.get(rec, "lat"), h.get(rec, "lon")), authority, gazetteer, false, row.warning);
}
}  // namespace

std::string repair_ons_code(std::string_view text) {
  const auto t = trim(text);
  if (t.size() < 4 || !std::isalpha(static_cast<unsigned char>(t[0]))) return {};
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return {};
  }
  if (t.size() == 9) return std::string(t);
  if (t.size() > 9) return {};
  // Entity prefix is the letter and two digits; the rest is the 6-digit number.
  return std::string(t.substr(0, 3)) + std::string(9 - t.size(), '0') + std::string(t.substr(3));
}

Result<ImportBatch> parse_cqc_care_homes(std::string_view text, const Gazetteer& gazetteer, std::string source) {
  CsvReader reader(text);
  CsvRecord rec;
  CM_ASSIGN_OR_RETURN(bool more, reader.next(rec));
  if (!more) return Error::invalid("the file is empty");
  const CsvHeader h(rec.fields);
  ImportBatch batch;
  batch.source = std::move(source);
  Layout layout;
  if (h.has("cqc_location_id")) {
    layout = Layout::register_extract;
    batch.format = "cqc-register-extract";
    CM_TRY_STATUS(
        h.require({"cqc_location_id", "name", "provider_name", "postcode", "latitude", "longitude", "local_authority",
                   "beds_total", "care_residential", "care_nursing", "cqc_rating_overall"}));
  } else if (h.has("cqc_id")) {
    layout = Layout::trafford_directory;
    batch.format = "care-directory-with-cqc-ids";
    CM_TRY_STATUS(h.require({"name", "cqc_id", "type", "address", "postcode", "provider", "area_code", "lon", "lat"}));
  } else if (h.has("area_code") && h.has("type")) {
    layout = Layout::gm_directory;
    batch.format = "care-directory";
    CM_TRY_STATUS(h.require({"name", "type", "address", "postcode", "area_name", "area_code", "lon", "lat"}));
  } else {
    return Error::invalid(
        "this is not a CQC care-home file caremarket knows: expected a 'cqc_location_id' column (CQC register "
        "extract) or 'type' and 'area_code' columns (care directory)");
  }

  read_rows(
      reader, batch, rec.fields.size(),
      [&](const CsvRecord& record, ImportRow& row, std::string&) -> Status {
        CM_TRY_STATUS(layout == Layout::register_extract ? read_register_row(h, record, row, gazetteer)
                                                         : read_directory_row(layout, h, record, row, gazetteer));
        Service& s = row.service;
        s.match_key = market::make_match_key(s.postcode, s.name);
        s.source_key = s.regulator_id.empty() ? "directory:" + s.match_key : "cqc:" + s.regulator_id;
        return {};
      },
      [](const ImportRow&) { return std::string("the same care home"); });
  return batch;
}

}  // namespace caremarket::importers
