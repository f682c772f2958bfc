#include "pricing/call_off.hpp"

#include <algorithm>

namespace caremarket::pricing {
namespace {
bool has(const std::vector<std::int64_t>& ids, std::int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}
}  // namespace

std::string_view to_string(ContractModel model) {
  switch (model) {
    case ContractModel::spot: return "spot";
    case ContractModel::block: return "block";
    case ContractModel::soft_block: return "soft_block";
    case ContractModel::framework: return "framework";
    case ContractModel::dynamic_market: return "dynamic_market";
  }
  return "spot";
}

CallOff route_call_off(std::int64_t council_id, std::int64_t provider_id, std::int64_t service_id, Date day,
                       const std::vector<ContractSummary>& contracts) {
  std::vector<std::string> passed_over;
  auto in_force = [&](const ContractSummary& c) {
    return has(c.councils, council_id) && c.start <= day && day <= c.end;
  };
  // 1. Places already paid for: a block or soft block at this service with room.
  for (const auto model : {ContractModel::block, ContractModel::soft_block}) {
    for (const auto& c : contracts) {
      if (c.model != model || !in_force(c) || !has(c.services, service_id)) continue;
      const int room = c.committed + (model == ContractModel::soft_block ? c.flex : 0) - c.occupied;
      if (room > 0) {
        return {model, c.id,
                std::string(to_string(model)) + " contract " + std::to_string(c.id) + " has " + std::to_string(room) +
                    " place(s) free at this service: committed places are used first"};
      }
      passed_over.push_back(std::string(to_string(model)) + " " + std::to_string(c.id) + " is full");
    }
  }
  // 2. Terms already agreed: a framework, then a dynamic market.
  for (const auto model : {ContractModel::framework, ContractModel::dynamic_market}) {
    for (const auto& c : contracts) {
      if (c.model != model || !in_force(c) || !has(c.providers, provider_id)) continue;
      if (c.suspended) {
        passed_over.push_back("the provider's membership of dynamic market " + std::to_string(c.id) + " is suspended");
        continue;
      }
      std::string reason = "call-off under " + std::string(to_string(model)) + " " + std::to_string(c.id) +
                           ", which the provider is admitted to";
      if (!passed_over.empty()) reason += " (" + passed_over.front() + ")";
      return {model, c.id, reason};
    }
  }
  std::string reason =
      "spot purchase: no block with room, framework or dynamic market covers this provider for this council";
  if (!passed_over.empty()) reason += " (" + passed_over.front() + ")";
  return {ContractModel::spot, std::nullopt, reason};
}

}  // namespace caremarket::pricing
