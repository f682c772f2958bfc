#include "app/market_intelligence.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "app/audit_event.hpp"
#include "app/json_detail.hpp"
#include "core/text.hpp"

namespace caremarket::app {

const std::vector<TextParameter>& concentration_parameters() {
  static const std::vector<TextParameter> params{
      {"kind", "string", "one kind of care, e.g. childrens_home (default: every kind)"},
      {"council", "string", "a council's ONS code, e.g. E08000025 (default: England)"},
      {"include_inactive", "boolean", "count suspended and dormant services too (default false)"},
      {"view", "string", "owners: the registered providers (default); groups: under their ownership groups"},
      {"top", "integer", "the largest owners listed, 1 to 500 (default 20)"},
  };
  return params;
}

Result<ConcentrationRequest> parse_concentration_request(const std::map<std::string, std::string>& params) {
  ConcentrationRequest request;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    if (name == "kind") {
      request.kind = market::kind_of_care_from(value);
      if (!request.kind)
        return Error::invalid("'" + printable(value) + "' is not a kind of care caremarket knows", "kind");
    } else if (name == "council") {
      request.council_code = to_upper(trim(value));
    } else if (name == "include_inactive") {
      CM_ASSIGN_OR_RETURN(const bool inactive, yes_no(name, value));
      request.active_only = !inactive;
    } else if (name == "view") {
      if (value != "owners" && value != "groups")
        return Error::invalid("'view' must be owners or groups, not '" + printable(value) + "'", "view");
      request.by_group = value == "groups";
    } else if (name == "top") {
      CM_ASSIGN_OR_RETURN(const auto top, whole_number(name, value, 1, 500));
      request.top = static_cast<int>(top);
    } else {
      return Error::invalid("'" + printable(name) +
                                "' is not a market concentration parameter; use kind, council, "
                                "include_inactive or top",
                            printable(name));
    }
  }
  return request;
}

Result<MarketConcentration> MarketIntelligence::concentration(const Caller& caller,
                                                              const ConcentrationRequest& request) {
  auto& store = store_;
  if (!caller.system && caller.user_id == 0) return Error::unauthenticated("sign in to read market figures");
  MarketConcentration out{request, "England", {}};
  CM_ASSIGN_OR_RETURN(const auto councils, store.list_organisations(market::OrganisationKind::council));
  if (request.council_code) {
    const auto it = std::find_if(councils.begin(), councils.end(),
                                 [&](const market::Organisation& o) { return o.ons_code == *request.council_code; });
    if (it == councils.end()) {
      return Error::invalid(
          "'" + printable(*request.council_code) + "' is not the ONS code of a council caremarket knows", "council");
    }
    out.area = it->name;
  }
  CM_ASSIGN_OR_RETURN(const auto providers, store.list_organisations(market::OrganisationKind::provider));
  std::unordered_map<std::int64_t, const market::Organisation*> provider_by_id;
  for (const auto& p : providers) provider_by_id.emplace(p.id, &p);
  CM_ASSIGN_OR_RETURN(const auto services, store.list_services());
  std::vector<intelligence::Holding> holdings;
  for (const auto& s : services) {
    if (request.active_only && s.status != market::ServiceStatus::active) continue;
    if (request.kind && s.kind != *request.kind) continue;
    if (request.council_code && s.local_authority_code != *request.council_code) continue;
    const auto p = provider_by_id.find(s.provider_id);
    const std::string owner = p == provider_by_id.end() ? "provider " + std::to_string(s.provider_id) : p->second->name;
    holdings.push_back({owner, 1, s.places});
  }
  if (request.by_group) {
    CM_ASSIGN_OR_RETURN(const auto groups, store.ownership_groups());
    std::map<std::string, std::string> group_of;
    for (const auto& g : groups) group_of.emplace(g.company, g.group);
    holdings = intelligence::under_groups(holdings, group_of);
  }
  out.figures = intelligence::concentration(holdings);
  return out;
}

namespace {
Status may_change_groups(const Caller& caller) {
  if (caller.system || (caller.is_operator() && caller.has_role("operator_admin"))) return {};
  return Error::forbidden("only the platform operator's admins keep the ownership-group table");
}

Result<std::string> required_text(const std::string& value, const std::string& field, std::size_t max) {
  const std::string trimmed(trim(value));
  if (trimmed.empty()) return Error::invalid("'" + field + "' is required", field);
  if (trimmed.size() > max)
    return Error::invalid("'" + field + "' is longer than " + std::to_string(max) + " bytes", field);
  return trimmed;
}
}  // namespace

Status MarketIntelligence::audit(const Caller& caller, const std::string& action, const std::string& detail_json) {
  return store_.append_audit(audit_event(clock_.now(), caller, action, "ownership_groups", detail_json));
}

Result<std::vector<storage::OwnershipGroup>> MarketIntelligence::ownership_groups(const Caller& caller) {
  if (!caller.system && caller.user_id == 0) return Error::unauthenticated("sign in to read market figures");
  return store_.ownership_groups();
}

Result<storage::OwnershipGroup> MarketIntelligence::set_ownership_group(const Caller& caller,
                                                                        const OwnershipGroupInput& input) {
  CM_TRY_STATUS(may_change_groups(caller));
  storage::OwnershipGroup g;
  CM_ASSIGN_OR_RETURN(g.company, required_text(input.company, "company", 300));
  CM_ASSIGN_OR_RETURN(g.group, required_text(input.group, "group", 300));
  CM_ASSIGN_OR_RETURN(g.source, required_text(input.source, "source", 500));
  const auto as_of = Date::parse_iso(input.as_of);
  if (!as_of) return Error::invalid("'as_of' must be a date like 2026-04-01", "as_of");
  if (*as_of > clock_.today())
    return Error::invalid("'as_of' is in the future: the source cannot speak for it yet", "as_of");
  g.as_of = *as_of;
  g.set_by = caller.user_id;
  g.set_at = clock_.now();
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.put_ownership_group(g));
    const nlohmann::json detail{
        {"company", g.company}, {"group", g.group}, {"source", g.source}, {"as_of", g.as_of.to_string()}};
    return audit(caller, "ownership_group.set", detail.dump(-1, ' ', false, kReplaceBadBytes));
  }));
  return g;
}

Status MarketIntelligence::remove_ownership_group(const Caller& caller, const std::string& company) {
  CM_TRY_STATUS(may_change_groups(caller));
  return store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.remove_ownership_group(company));
    const nlohmann::json detail{{"company", company}};
    return audit(caller, "ownership_group.remove", detail.dump(-1, ' ', false, kReplaceBadBytes));
  });
}

}  // namespace caremarket::app
