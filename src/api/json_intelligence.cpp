#include "api/json_intelligence.hpp"

namespace caremarket::api {
namespace {
using nlohmann::json;

json measure(const intelligence::Measure& m) {
  return {
      {"top10_share", m.top10}, {"top20_share", m.top20}, {"hhi", m.hhi}, {"reading", intelligence::hhi_band(m.hhi)}};
}
}  // namespace

json to_json(const app::MarketConcentration& result) {
  const auto& f = result.figures;
  const auto top = static_cast<std::size_t>(result.request.top);
  json owners = json::array();
  for (std::size_t i = 0; i < f.owners.size() && i < top; ++i) {
    const auto& w = f.owners[i];
    owners.push_back({{"owner", w.owner},
                      {"services", w.services},
                      {"places", w.places},
                      {"share_of_services", w.share_of_services},
                      {"share_of_places", w.share_of_places}});
  }
  const auto& r = result.request;
  return {{"area", result.area},
          {"council", r.council_code ? json(*r.council_code) : json()},
          {"kind", r.kind ? json(std::string(to_string(*r.kind))) : json()},
          {"view", r.by_group ? "groups" : "owners"},
          {"active_only", r.active_only},
          {"top", r.top},
          {"services", f.services},
          {"places", f.places},
          {"owners", f.owners.size()},
          {"by_places", measure(f.by_places)},
          {"by_services", measure(f.by_services)},
          {"largest_owners", owners}};
}

json to_json(const storage::OwnershipGroup& g) {
  return {{"company", g.company},         {"group", g.group},   {"source", g.source},
          {"as_of", g.as_of.to_string()}, {"set_by", g.set_by}, {"set_at", format_timestamp(g.set_at)}};
}

}  // namespace caremarket::api
