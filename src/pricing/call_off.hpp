#pragma once
// Which contract a new placement is bought under: a block or soft block
// with room at that service first, else a framework the provider is
// admitted to, else a dynamic market it belongs to, else spot. The answer
// carries its reason, for the officer and the audit trail.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dates.hpp"

namespace caremarket::pricing {

enum class ContractModel { spot, block, soft_block, framework, dynamic_market };
std::string_view to_string(ContractModel model);

struct ContractSummary {
  std::int64_t id = 0;
  ContractModel model = ContractModel::spot;
  std::vector<std::int64_t> councils;   // the parties buying (an alliance may have several)
  std::vector<std::int64_t> providers;  // admitted providers (framework, dynamic market) or the provider
  std::vector<std::int64_t> services;   // blocks: the services whose places are committed
  Date start;
  Date end;
  int committed = 0;       // blocks: places committed
  int flex = 0;            // soft blocks: places the commitment may stretch by
  int occupied = 0;        // blocks: places in use now
  bool suspended = false;  // dynamic market membership suspended
};

struct CallOff {
  ContractModel model = ContractModel::spot;
  std::optional<std::int64_t> contract_id;
  std::string reason;
};

CallOff route_call_off(std::int64_t council_id, std::int64_t provider_id, std::int64_t service_id, Date day,
                       const std::vector<ContractSummary>& contracts);

}  // namespace caremarket::pricing
