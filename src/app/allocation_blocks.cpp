#include <algorithm>
#include <map>
#include <set>

#include "app/allocation.hpp"
#include "app/contracts.hpp"

namespace caremarket::app {

// Free committed places on `day`: a block's per service, a soft block's
// (one service only: its volume is the contract's, not a service's) when
// the current commitment is not all occupied. An alliance's contract gives
// each member council in the run its share, rounded down, so no council is
// counted places that another's share pays for.
Result<std::vector<BlockPlacesInput>> committed_block_places(storage::Store& store,
                                                             const std::vector<std::int64_t>& councils, Date day) {
  std::vector<BlockPlacesInput> out;
  std::set<std::int64_t> seen;
  for (const auto council : councils) {
    CM_ASSIGN_OR_RETURN(const auto contracts, store.list_contracts(council, std::nullopt));
    for (const auto& c : contracts) {
      if (!seen.insert(c.id).second || !storage::in_force(c, day)) continue;
      if (c.model != storage::ContractModel::block && c.model != storage::ContractModel::soft_block) continue;
      // Hours of home care are not places in a home.
      if (c.model == storage::ContractModel::block && c.price_unit == market::PriceUnit::hour) continue;
      CM_ASSIGN_OR_RETURN(const auto placements, store.placements_under(c.id));
      std::vector<std::pair<std::int64_t, int>> free;  // service, places
      if (c.model == storage::ContractModel::block) {
        for (const auto& s : c.services) {
          CM_ASSIGN_OR_RETURN(const int used, units_in_use(store, c, placements, day, s.service_id));
          if (s.committed > used) free.emplace_back(s.service_id, s.committed - used);
        }
      } else if (c.services.size() == 1) {
        CM_ASSIGN_OR_RETURN(const auto reviews, store.commitment_reviews(c.id));
        CM_ASSIGN_OR_RETURN(const int used, units_in_use(store, c, placements, day));
        const int committed = storage::commitment_on(c, reviews, day);
        if (committed > used) free.emplace_back(c.services.front().service_id, committed - used);
      }
      for (const auto& party : c.parties) {
        if (std::find(councils.begin(), councils.end(), party.council_id) == councils.end()) continue;
        for (const auto& [service, places] : free) {
          const int share = c.parties.size() == 1
                                ? places
                                : static_cast<int>(static_cast<long long>(places) * party.share_bp / 10'000);
          if (share > 0) out.push_back({party.council_id, service, share, c.id});
        }
      }
    }
  }
  return out;
}

}  // namespace caremarket::app
