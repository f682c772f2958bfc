#pragma once
// Market intelligence use cases shared by the API and the CLI: the register
// turned into the figures commissioners act on. Built from public register
// facts only (who owns which services and places), so any signed-in user may
// read them.
#include <map>
#include <optional>
#include <string>

#include "app/access.hpp"
#include "app/clock.hpp"
#include "app/text_parameters.hpp"
#include "intelligence/concentration.hpp"
#include "market/types.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

struct ConcentrationRequest {
  std::optional<market::KindOfCare> kind;   // all kinds when absent
  std::optional<std::string> council_code;  // an upper-tier ONS code; England when absent
  bool active_only = true;                  // leave out suspended and dormant services
  int top = 20;                             // the largest owners listed
  bool by_group = false;                    // owners under their ownership group (ownership_groups)
};

// The request as typed (query string, web form, command line), one reading
// for the API, the site and the CLI; an empty value is "not given".
const std::vector<TextParameter>& concentration_parameters();
Result<ConcentrationRequest> parse_concentration_request(const std::map<std::string, std::string>& params);

struct MarketConcentration {
  ConcentrationRequest request;
  std::string area;  // "England" or the council's name
  intelligence::Concentration figures;
};

struct OwnershipGroupInput {
  std::string company;  // the registered provider's name, as the register spells it
  std::string group;
  std::string source;
  std::string as_of;  // ISO date the source speaks for
};

class MarketIntelligence {
 public:
  explicit MarketIntelligence(storage::Store& store, Clock clock = {}) : store_(store), clock_(std::move(clock)) {}

  // Owners are the registered providers (CQC's provider, Ofsted's owning
  // organisation), or with `by_group` their ownership groups where the
  // operator has recorded one.
  Result<MarketConcentration> concentration(const Caller& caller, const ConcentrationRequest& request);

  // The ownership-group table: every signed-in user reads it (it names the
  // source of each link); only the operator's admins change it, audited.
  Result<std::vector<storage::OwnershipGroup>> ownership_groups(const Caller& caller);
  Result<storage::OwnershipGroup> set_ownership_group(const Caller& caller, const OwnershipGroupInput& input);
  Status remove_ownership_group(const Caller& caller, const std::string& company);

 private:
  Status audit(const Caller& caller, const std::string& action, const std::string& detail_json);

  storage::Store& store_;
  Clock clock_;
};

}  // namespace caremarket::app
