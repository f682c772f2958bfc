#include "app/market_intelligence.hpp"

#include <algorithm>
#include <unordered_map>

namespace caremarket::app {

Result<MarketConcentration> market_concentration(storage::Store& store, const Caller& caller,
                                                 const ConcentrationRequest& request) {
  if (!caller.system && caller.user_id == 0) return Error::unauthenticated("sign in to read market figures");
  MarketConcentration out{request, "England", {}};
  CM_ASSIGN_OR_RETURN(const auto councils, store.list_organisations(market::OrganisationKind::council));
  if (request.council_code) {
    const auto it = std::find_if(councils.begin(), councils.end(),
                                 [&](const market::Organisation& o) { return o.ons_code == *request.council_code; });
    if (it == councils.end()) {
      return Error::invalid("'" + *request.council_code + "' is not the ONS code of a council caremarket knows",
                            "council");
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
  out.figures = intelligence::concentration(holdings);
  return out;
}

}  // namespace caremarket::app
