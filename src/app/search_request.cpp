#include "app/search_request.hpp"

#include "app/text_parameters.hpp"
#include "core/text.hpp"

namespace caremarket::app {
namespace {
std::vector<std::string> kind_names() {
  std::vector<std::string> out;
  for (const auto k : market::all_kinds_of_care()) out.emplace_back(to_string(k));
  return out;
}
}  // namespace

const std::vector<SearchParameter>& search_parameters() {
  static const std::vector<SearchParameter> params{
      {"kind", "string", "kind of care, e.g. care_home_nursing, childrens_home"},
      {"local_authority", "string", "ONS code of the council area, e.g. E08000025"},
      {"near", "string", "postcode, sector or district to measure distance from; sorts nearest first"},
      {"within_miles", "number", "only services within this many miles of 'near' (up to 500)"},
      {"min_rating", "string", "lowest regulator rating: inadequate, requires_improvement, good, outstanding"},
      {"has_vacancy", "boolean", "only services reporting at least one vacancy"},
      {"provider_id", "integer", "only this provider's services"},
      {"needs", "string", "comma-separated needs every result must accept, e.g. dementia,nursing"},
      {"age", "integer", "only services whose age range includes this age"},
      {"include_inactive", "boolean", "include suspended and dormant services"},
      {"offset", "integer", "results to skip (paging)"},
      {"limit", "integer", "results per page, 1 to 500 (default 50)"},
  };
  return params;
}

Result<SearchRequest> parse_search_request(const std::map<std::string, std::string>& params) {
  SearchRequest r;
  auto& q = r.query;
  for (const auto& [name, value] : params) {
    bool known = false;
    for (const auto& p : search_parameters()) known = known || p.name == name;
    if (!known) {
      std::vector<std::string> names;
      for (const auto& p : search_parameters()) names.push_back(p.name);
      return Error::invalid("unknown search filter '" + name + "'; the filters are: " + join(names, ", "), name);
    }
    if (name == "kind") {
      q.kind = market::kind_of_care_from(value);
      if (!q.kind) {
        return Error::invalid("'" + value + "' is not a kind of care; use one of: " + join(kind_names(), ", "), "kind");
      }
    } else if (name == "local_authority") {
      q.local_authority_code = to_upper(trim(value));
    } else if (name == "near") {
      r.near_postcode = value;
    } else if (name == "within_miles") {
      const auto miles = parse_decimal(value);
      if (!miles)
        return Error::invalid("'within_miles' must be a number of miles, not '" + value + "'", "within_miles");
      q.within_miles = *miles;
    } else if (name == "min_rating") {
      const auto rating = market::rating_from(value);
      if (!rating || *rating == market::Rating::not_rated) {
        return Error::invalid("'min_rating' must be inadequate, requires_improvement, good or outstanding",
                              "min_rating");
      }
      q.min_rating = *rating;
    } else if (name == "has_vacancy") {
      CM_ASSIGN_OR_RETURN(q.has_vacancy, yes_no(name, value));
    } else if (name == "provider_id") {
      CM_ASSIGN_OR_RETURN(q.provider_id, whole_number(name, value, 1, INT64_MAX));
    } else if (name == "needs") {
      for (auto& need : split(value, ','))
        if (!need.empty()) q.needs.push_back(need);
    } else if (name == "age") {
      CM_ASSIGN_OR_RETURN(const auto age, whole_number(name, value, 0, 120));
      q.age = static_cast<int>(age);
    } else if (name == "include_inactive") {
      CM_ASSIGN_OR_RETURN(q.include_inactive, yes_no(name, value));
    } else if (name == "offset") {
      CM_ASSIGN_OR_RETURN(const auto offset, whole_number(name, value, 0, 1'000'000));
      q.offset = static_cast<std::size_t>(offset);
    } else if (name == "limit") {
      CM_ASSIGN_OR_RETURN(const auto limit, whole_number(name, value, 1, 500));
      q.limit = static_cast<std::size_t>(limit);
    }
  }
  return r;
}

}  // namespace caremarket::app
