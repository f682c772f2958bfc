#pragma once
// The contracts half of the storage interface (Store inherits it).
#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "storage/brokerage_records.hpp"
#include "storage/contract_records.hpp"

namespace caremarket::storage {

class ContractStore {
 public:
  virtual ~ContractStore() = default;

  // A contract and all its parts (parties, providers, services, bands,
  // price bands, members, extensions) are written together. The reference
  // is unique (conflict on a repeat).
  virtual Result<std::int64_t> create_contract(const Contract& contract) = 0;
  // Replaces the contract and all its parts.
  virtual Status update_contract(const Contract& contract) = 0;
  virtual Result<Contract> get_contract(std::int64_t id) = 0;
  virtual Result<std::optional<Contract>> find_contract_by_reference(const std::string& reference) = 0;
  // All contracts (both empty), those a council is a party to, or those
  // naming a provider (as the provider, admitted, a service's or a member),
  // oldest first.
  virtual Result<std::vector<Contract>> list_contracts(std::optional<std::int64_t> council_id,
                                                       std::optional<std::int64_t> provider_id) = 0;

  virtual Result<std::int64_t> add_commitment_review(const CommitmentReview& review) = 0;
  // Oldest review date first.
  virtual Result<std::vector<CommitmentReview>> commitment_reviews(std::int64_t contract_id) = 0;

  // Placements called off under the contract, in start order.
  virtual Result<std::vector<Placement>> placements_under(std::int64_t contract_id) = 0;
};

}  // namespace caremarket::storage
