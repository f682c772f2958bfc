#pragma once
// The market intelligence half of the storage interface (Store inherits it):
// the operator's table of ownership groups, so concentration can be shown
// under ultimate owners as published figures are, beside the registered
// providers.
#include <string>
#include <vector>

#include "core/dates.hpp"
#include "core/result.hpp"

namespace caremarket::storage {

struct OwnershipGroup {
  std::string company;  // the registered provider's name, as the register spells it
  std::string group;    // its ultimate owner
  std::string source;   // where the link was found (a filing, a report)
  Date as_of;           // when the source says it held
  std::int64_t set_by = 0;
  Timestamp set_at = 0;
};

class IntelligenceStore {
 public:
  virtual ~IntelligenceStore() = default;

  // Every company's group, by company name.
  virtual Result<std::vector<OwnershipGroup>> ownership_groups() = 0;
  // Adds the company's group or replaces it.
  virtual Status put_ownership_group(const OwnershipGroup& group) = 0;
  // not_found when the company has no group.
  virtual Status remove_ownership_group(const std::string& company) = 0;
};

}  // namespace caremarket::storage
