#include "app/access.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace caremarket::app {
namespace {
using market::OrganisationKind;
}  // namespace

bool Caller::has_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const std::vector<std::string>& roles_for(OrganisationKind kind) {
  static const std::vector<std::string> council{"placement_officer", "commissioner", "contract_officer",
                                                "council_admin"};
  static const std::vector<std::string> provider{"provider_manager", "provider_admin"};
  static const std::vector<std::string> operator_{"operator_admin"};
  switch (kind) {
    case OrganisationKind::council: return council;
    case OrganisationKind::provider: return provider;
    case OrganisationKind::operator_: return operator_;
  }
  return operator_;
}

Status validate_roles(OrganisationKind kind, const std::vector<std::string>& roles) {
  if (roles.empty()) return Error::invalid("give the user at least one role", "roles");
  const auto& allowed = roles_for(kind);
  for (const auto& role : roles) {
    if (std::find(allowed.begin(), allowed.end(), role) == allowed.end()) {
      return Error::invalid(
          "'" + role + "' is not a role for a " + std::string(to_string(kind)) + " user; use " + join(allowed, ", "),
          "roles");
    }
  }
  return {};
}

Status can_read_register(const Caller& caller) {
  if (caller.system || caller.user_id != 0) return {};
  return Error::unauthenticated("log in to read the register");
}

Status can_change_service(const Caller& caller, std::int64_t provider_id) {
  if (caller.is_operator()) return {};
  if (caller.is_provider() && caller.organisation_id == provider_id &&
      (caller.has_role("provider_manager") || caller.has_role("provider_admin"))) {
    return {};
  }
  if (caller.is_provider() && caller.organisation_id == provider_id) {
    return Error::forbidden("your role does not allow changes to your organisation's services");
  }
  return Error::forbidden("only the provider that runs this service can change it");
}

Status can_read_prices(const Caller& caller, std::int64_t provider_id) {
  if (caller.is_operator() || caller.is_council()) return {};
  if (caller.is_provider() && caller.organisation_id == provider_id) return {};
  return Error::forbidden("a provider sees only its own prices");
}

Status can_set_ratings(const Caller& caller) {
  if (caller.is_operator()) return {};
  return Error::forbidden("regulator ratings come from CQC and Ofsted; they cannot be changed here");
}

Status can_use_commissioning_tools(const Caller& caller) {
  if (caller.is_operator() || caller.is_council()) return {};
  return Error::forbidden("block sizing and fee reviews are for councils' commissioners");
}

Status can_change_price_models(const Caller& caller, std::int64_t council_id) {
  if (caller.is_operator()) return {};
  if (!caller.is_council() || caller.organisation_id != council_id) {
    return Error::forbidden("only the council itself sets its price models");
  }
  if (caller.has_role("commissioner") || caller.has_role("contract_officer") || caller.has_role("council_admin"))
    return {};
  return Error::forbidden(
      "setting the council's price models needs the commissioner, contract_officer or council_admin role");
}

Status can_add_user(const Caller& caller, std::int64_t organisation_id) {
  if (caller.is_operator() && (caller.system || caller.has_role("operator_admin"))) return {};
  if (caller.organisation_id == organisation_id &&
      (caller.has_role("council_admin") || caller.has_role("provider_admin"))) {
    return {};
  }
  return Error::forbidden("only an administrator of that organisation, or the platform operator, can add its users");
}

bool is_placement_officer(const Caller& caller, std::int64_t council_id) {
  return caller.is_council() && caller.organisation_id == council_id && caller.has_role("placement_officer");
}

Status can_read_personal_details(const Caller& caller, std::int64_t council_id, bool awarded_to_caller) {
  if (is_placement_officer(caller, council_id)) return {};
  if (caller.is_provider() && awarded_to_caller) return {};
  if (caller.is_council()) {
    return Error::forbidden(
        "only the council's placement officers see the person's details; your role manages referrals without them");
  }
  return Error::forbidden("a provider sees the person's details only once it is awarded the placement");
}

}  // namespace caremarket::app
