#pragma once
// Who is calling, and what they may do. Every use case takes a Caller and
// asks here before it reads or writes; the edges only authenticate.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "market/types.hpp"

namespace caremarket::app {

struct Caller {
  std::int64_t user_id = 0;  // 0 with is_system: the command line, run by whoever holds the database
  std::int64_t organisation_id = 0;
  market::OrganisationKind organisation_kind = market::OrganisationKind::provider;
  std::vector<std::string> roles;
  std::string email;
  bool system = false;

  static Caller system_caller() {
    Caller c;
    c.system = true;
    c.organisation_kind = market::OrganisationKind::operator_;
    return c;
  }
  bool has_role(std::string_view role) const;
  bool is_operator() const { return system || organisation_kind == market::OrganisationKind::operator_; }
  bool is_council() const { return organisation_kind == market::OrganisationKind::council; }
  bool is_provider() const { return organisation_kind == market::OrganisationKind::provider; }
};

// Roles each kind of organisation may give its users.
const std::vector<std::string>& roles_for(market::OrganisationKind kind);
Status validate_roles(market::OrganisationKind kind, const std::vector<std::string>& roles);

// Anyone logged in reads the public register (regulator data, places).
Status can_read_register(const Caller& caller);
// Only the provider that runs a service (its managers) or the operator changes it.
Status can_change_service(const Caller& caller, std::int64_t provider_id);
// Prices are commercial: councils, the operator and the provider itself.
Status can_read_prices(const Caller& caller, std::int64_t provider_id);
// Ratings come from the regulator: only imports and the operator set them.
Status can_set_ratings(const Caller& caller);
// Commissioning calculators (block sizing, fee review): councils and the operator.
Status can_use_commissioning_tools(const Caller& caller);
// A council's price models: its commissioners and contract officers (or the operator) change them.
Status can_change_price_models(const Caller& caller, std::int64_t council_id);
// Adding users: the operator for anyone, an organisation's admin for its own.
Status can_add_user(const Caller& caller, std::int64_t organisation_id);

// A person's details (name, date of birth, NHS number, the council's child
// id, full home postcode) are for those who place and care for them: the
// placing council's placement officers, and the provider once it is awarded
// the placement. A council's commissioners, contract officers and admins
// manage referrals and contracts without them; the operator reads them only
// with a recorded reason (brokerage.cpp). `council_id`: the council that
// made the referral; `awarded_to_caller`: the caller's organisation holds
// its placement. Callers outside the referral are answered as not found
// before this is asked.
Status can_read_personal_details(const Caller& caller, std::int64_t council_id, bool awarded_to_caller);
bool is_placement_officer(const Caller& caller, std::int64_t council_id);

}  // namespace caremarket::app
