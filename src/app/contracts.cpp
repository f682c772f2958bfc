#include "app/contracts.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit_event.hpp"
#include "app/json_detail.hpp"
#include "core/text.hpp"

namespace caremarket::app {
namespace {
using nlohmann::json;
using storage::Contract;
using storage::ContractModel;
using storage::ContractStatus;
using storage::MemberStatus;

bool manages_contracts(const Caller& c) {
  return c.is_council() &&
         (c.has_role("contract_officer") || c.has_role("commissioner") || c.has_role("council_admin"));
}

bool is_party(const Contract& c, std::int64_t council_id) {
  return std::any_of(c.parties.begin(), c.parties.end(), [&](const auto& p) { return p.council_id == council_id; });
}

bool names_provider(const Contract& c, std::int64_t provider_id) {
  if (std::find(c.providers.begin(), c.providers.end(), provider_id) != c.providers.end()) return true;
  if (std::any_of(c.services.begin(), c.services.end(), [&](const auto& s) { return s.provider_id == provider_id; }))
    return true;
  return std::any_of(c.members.begin(), c.members.end(), [&](const auto& m) { return m.provider_id == provider_id; });
}

// A live dynamic market is advertised: any provider may read it to apply.
bool open_to_apply(const Contract& c) {
  return c.model == ContractModel::dynamic_market && c.status == ContractStatus::active;
}

Error hidden(std::int64_t id) { return Error::not_found("contract " + std::to_string(id) + " does not exist"); }

// What a live contract may still change without a variation.
bool same_terms(const Contract& a, const Contract& b) {
  Contract x = a;
  x.title = b.title;
  x.notes = b.notes;
  x.membership_conditions = b.membership_conditions;
  x.change_rules = b.change_rules;
  auto same_parties =
      x.parties.size() == b.parties.size() &&
      std::equal(x.parties.begin(), x.parties.end(), b.parties.begin(), [](const auto& p, const auto& q) {
        return p.council_id == q.council_id && p.share_bp == q.share_bp && p.lead == q.lead;
      });
  auto same_services =
      x.services.size() == b.services.size() &&
      std::equal(x.services.begin(), x.services.end(), b.services.begin(), [](const auto& p, const auto& q) {
        return p.service_id == q.service_id && p.committed == q.committed;
      });
  auto same_bands = x.bands.size() == b.bands.size() &&
                    std::equal(x.bands.begin(), x.bands.end(), b.bands.begin(), [](const auto& p, const auto& q) {
                      return p.from_places == q.from_places && p.weekly_price == q.weekly_price;
                    });
  auto same_price_bands =
      x.price_bands.size() == b.price_bands.size() &&
      std::equal(x.price_bands.begin(), x.price_bands.end(), b.price_bands.begin(), [](const auto& p, const auto& q) {
        return p.kind == q.kind && p.unit == q.unit && p.floor == q.floor && p.ceiling == q.ceiling;
      });
  return same_parties && same_services && same_bands && same_price_bands && x.model == b.model &&
         x.reference == b.reference && x.providers == b.providers && x.kinds == b.kinds && x.start == b.start &&
         x.end == b.end && x.extension_options == b.extension_options && x.extension_months == b.extension_months &&
         x.notice_days == b.notice_days && x.price_unit == b.price_unit && x.unit_price == b.unit_price &&
         x.band_mode == b.band_mode && x.committed == b.committed && x.flex_min == b.flex_min &&
         x.flex_max == b.flex_max && x.max_step == b.max_step && x.target_percent == b.target_percent &&
         x.review_weeks == b.review_weeks && x.call_off_method == b.call_off_method;
}
}  // namespace

std::optional<MemberAction> member_action_from(std::string_view text) {
  if (text == "join") return MemberAction::join;
  if (text == "suspend") return MemberAction::suspend;
  if (text == "reinstate") return MemberAction::reinstate;
  if (text == "remove") return MemberAction::remove;
  return std::nullopt;
}

Status Contracts::audit(const Caller& caller, const std::string& action, std::int64_t id,
                        const std::string& detail_json) {
  return store_.append_audit(audit_event(clock_.now(), caller, action, "contract:" + std::to_string(id), detail_json));
}

Result<Contract> Contracts::readable(const Caller& caller, std::int64_t id) {
  auto c = store_.get_contract(id);
  if (!c) {
    if (c.error().code == ErrorCode::not_found) return hidden(id);
    return c.error();
  }
  if (caller.is_operator()) return c;
  if (caller.is_council() && is_party(*c, caller.organisation_id)) return c;
  if (caller.is_provider() && (names_provider(*c, caller.organisation_id) || open_to_apply(*c))) return c;
  // Another council's or provider's contract is not there, as far as anyone else can tell.
  return hidden(id);
}

Result<Contract> Contracts::managed(const Caller& caller, std::int64_t id) {
  CM_ASSIGN_OR_RETURN(auto c, readable(caller, id));
  if (!caller.is_council() || !is_party(c, caller.organisation_id)) {
    return Error::forbidden("only the councils that are party to a contract manage it");
  }
  if (!manages_contracts(caller)) {
    return Error::forbidden("a council's contract officers, commissioners or admins manage its contracts");
  }
  return c;
}

Status Contracts::check_parties_exist(Contract& c) {
  for (std::size_t i = 0; i < c.parties.size(); ++i) {
    auto org = store_.get_organisation(c.parties[i].council_id);
    if (!org || org->kind != market::OrganisationKind::council) {
      return Error::invalid("organisation " + std::to_string(c.parties[i].council_id) + " is not a council",
                            "parties[" + std::to_string(i) + "].council_id");
    }
  }
  for (std::size_t i = 0; i < c.providers.size(); ++i) {
    auto org = store_.get_organisation(c.providers[i]);
    if (!org || org->kind != market::OrganisationKind::provider) {
      return Error::invalid("organisation " + std::to_string(c.providers[i]) + " is not a provider",
                            "providers[" + std::to_string(i) + "]");
    }
  }
  for (std::size_t i = 0; i < c.services.size(); ++i) {
    auto& s = c.services[i];
    const std::string field = "services[" + std::to_string(i) + "].service_id";
    auto service = store_.get_service(s.service_id);
    if (!service) return Error::invalid("service " + std::to_string(s.service_id) + " does not exist", field);
    s.provider_id = service->provider_id;
    if (std::find(c.providers.begin(), c.providers.end(), s.provider_id) == c.providers.end()) {
      return Error::invalid("service " + std::to_string(s.service_id) + " is not run by the contract's provider",
                            field);
    }
    if (std::find(c.kinds.begin(), c.kinds.end(), service->kind) == c.kinds.end()) {
      return Error::invalid(service->name + " provides " + std::string(to_string(service->kind)) +
                                ", which is not among the contract's kinds of care",
                            field);
    }
  }
  return {};
}

Result<Contract> Contracts::create(const Caller& caller, Contract c) {
  if (!manages_contracts(caller)) {
    return Error::forbidden("a council's contract officers, commissioners or admins record its contracts");
  }
  if (c.parties.empty()) c.parties = {{caller.organisation_id, 10'000, true}};
  if (!is_party(c, caller.organisation_id)) {
    return Error::invalid("your council must be one of the contract's parties", "parties");
  }
  c.reference = std::string(trim(c.reference));
  c.title = std::string(trim(c.title));
  c.id = 0;
  c.status = ContractStatus::draft;
  c.status_reason.clear();
  c.status_date.reset();
  c.extensions.clear();
  c.members.clear();
  CM_TRY_STATUS(validate_contract(c));
  CM_TRY_STATUS(check_parties_exist(c));
  c.created_by = caller.user_id;
  c.created_at = c.updated_at = clock_.now();
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(c.id, store_.create_contract(c));
    json parties = json::array();
    for (const auto& p : c.parties)
      parties.push_back({{"council_id", p.council_id}, {"share_bp", p.share_bp}, {"lead", p.lead}});
    return audit(caller, "contract.create", c.id,
                 json{{"reference", c.reference},
                      {"model", to_string(c.model)},
                      {"parties", parties},
                      {"start", c.start.to_string()},
                      {"end", c.end.to_string()}}
                     .dump(-1, ' ', false, kReplaceBadBytes));
  }));
  return c;
}

Result<Contract> Contracts::update(const Caller& caller, std::int64_t id, Contract changed) {
  CM_ASSIGN_OR_RETURN(const auto current, managed(caller, id));
  // What the record keeps whatever the request says.
  changed.id = current.id;
  changed.status = current.status;
  changed.status_reason = current.status_reason;
  changed.status_date = current.status_date;
  changed.extensions = current.extensions;
  changed.members = current.members;
  changed.synthetic = current.synthetic;
  changed.created_by = current.created_by;
  changed.created_at = current.created_at;
  changed.reference = std::string(trim(changed.reference));
  changed.title = std::string(trim(changed.title));
  if (current.status != ContractStatus::draft) {
    // Fill in what the check compares, then see that only free text moved.
    for (auto& s : changed.services) {
      if (auto service = store_.get_service(s.service_id)) s.provider_id = service->provider_id;
    }
    if (!same_terms(current, changed)) {
      return Error::conflict("contract " + std::to_string(id) + " is " + std::string(to_string(current.status)) +
                             ": only its title, notes, membership conditions and change rules may change; its terms "
                             "change by a variation (a new contract)");
    }
  }
  if (!is_party(changed, caller.organisation_id)) return Error::invalid("your council must stay a party", "parties");
  CM_TRY_STATUS(validate_contract(changed));
  CM_TRY_STATUS(check_parties_exist(changed));
  changed.updated_at = clock_.now();
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.update_contract(changed));
    json fields = json::array();
    if (changed.title != current.title) fields.push_back("title");
    if (changed.notes != current.notes) fields.push_back("notes");
    if (changed.membership_conditions != current.membership_conditions) fields.push_back("membership_conditions");
    if (changed.change_rules != current.change_rules) fields.push_back("change_rules");
    if (!same_terms(current, changed)) fields.push_back("terms");
    return audit(caller, "contract.update", id, json{{"changed", fields}}.dump(-1, ' ', false, kReplaceBadBytes));
  }));
  return changed;
}

// A provider sees its own membership of a dynamic market, not the others'.
Contract Contracts::view_for(const Caller& caller, Contract c) {
  if (!caller.is_provider()) return c;
  std::erase_if(c.members, [&](const auto& m) { return m.provider_id != caller.organisation_id; });
  return c;
}

Result<Contract> Contracts::get(const Caller& caller, std::int64_t id) {
  CM_ASSIGN_OR_RETURN(auto c, readable(caller, id));
  return view_for(caller, std::move(c));
}

Result<std::vector<Contract>> Contracts::list(const Caller& caller) {
  if (caller.is_operator()) return store_.list_contracts(std::nullopt, std::nullopt);
  if (caller.is_council()) return store_.list_contracts(caller.organisation_id, std::nullopt);
  if (caller.is_provider()) {
    CM_ASSIGN_OR_RETURN(auto named, store_.list_contracts(std::nullopt, caller.organisation_id));
    CM_ASSIGN_OR_RETURN(const auto all, store_.list_contracts(std::nullopt, std::nullopt));
    for (const auto& c : all) {
      const bool listed = std::any_of(named.begin(), named.end(), [&](const auto& n) { return n.id == c.id; });
      if (!listed && open_to_apply(c)) named.push_back(c);
    }
    std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    for (auto& c : named) c = view_for(caller, std::move(c));
    return named;
  }
  return Error::forbidden("contracts are read by their parties, their providers and the operator");
}

Result<Contract> Contracts::change_status(const Caller& caller, std::int64_t id, const StatusChange& change) {
  CM_ASSIGN_OR_RETURN(auto c, managed(caller, id));
  const auto from = c.status;
  if (!storage::status_change_allowed(from, change.to)) {
    return Error::conflict("contract " + std::to_string(id) + " is " + std::string(to_string(from)) +
                           "; it cannot become " + std::string(to_string(change.to)));
  }
  const std::string reason(trim(change.reason));
  const bool needs_reason = change.to == ContractStatus::suspended || change.to == ContractStatus::terminated;
  if (needs_reason && reason.size() < 5) {
    return Error::invalid(
        "record why the contract is " + std::string(to_string(change.to)) + " (at least 5 characters)", "reason");
  }
  Date effective = change.date ? *change.date : clock_.today();
  if (change.to == ContractStatus::active) {
    CM_TRY_STATUS(validate_contract(c));
    CM_TRY_STATUS(check_parties_exist(c));
  }
  if (change.to == ContractStatus::ended) {
    effective = change.date ? *change.date : c.end;
    if (effective < c.start || effective > c.end.plus_days(1)) {
      return Error::invalid("a contract ends between its start (" + c.start.to_string() +
                                ") and the day after its end (" + c.end.plus_days(1).to_string() + ")",
                            "date");
    }
    if (effective <= c.end && reason.size() < 5) {
      return Error::invalid("ending before the term is up needs a reason (at least 5 characters)", "reason");
    }
  }
  if (change.to == ContractStatus::terminated && from != ContractStatus::draft) {
    const Date notice = change.notice_given ? *change.notice_given : clock_.today();
    const Date earliest = notice.plus_days(c.notice_days);
    if (effective < earliest) {
      return Error::invalid("the contract needs " + std::to_string(c.notice_days) + " days' notice: notice given on " +
                                notice.to_string() + " ends it on " + earliest.to_string() + " at the earliest",
                            "date");
    }
  }
  c.status = change.to;
  c.status_reason = reason;
  c.status_date = effective;
  c.updated_at = clock_.now();
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.update_contract(c));
    return audit(caller, "contract.status", id,
                 json{{"from", to_string(from)},
                      {"to", to_string(change.to)},
                      {"date", effective.to_string()},
                      {"reason", reason}}
                     .dump(-1, ' ', false, kReplaceBadBytes));
  }));
  return c;
}

Result<Contract> Contracts::take_extension(const Caller& caller, std::int64_t id, const std::string& reason) {
  CM_ASSIGN_OR_RETURN(auto c, managed(caller, id));
  if (c.status != ContractStatus::active) {
    return Error::conflict("only an active contract is extended (contract " + std::to_string(id) + " is " +
                           std::string(to_string(c.status)) + ")");
  }
  const int taken = static_cast<int>(c.extensions.size());
  if (taken >= c.extension_options) {
    return Error::conflict("contract " + std::to_string(id) + " has no extension option left (" +
                           std::to_string(taken) + " of " + std::to_string(c.extension_options) + " taken)");
  }
  storage::ContractExtension e;
  e.number = taken + 1;
  e.from = c.end.plus_days(1);
  e.to = add_months(e.from, c.extension_months).plus_days(-1);
  e.reason = std::string(trim(reason));
  e.taken_by = caller.user_id;
  e.taken_at = clock_.now();
  c.extensions.push_back(e);
  c.end = e.to;
  CM_TRY_STATUS(validate_contract(c));  // frameworks: still within four years
  c.updated_at = e.taken_at;
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.update_contract(c));
    return audit(
        caller, "contract.extend", id,
        json{{"number", e.number}, {"from", e.from.to_string()}, {"to", e.to.to_string()}, {"reason", e.reason}}.dump(
            -1, ' ', false, kReplaceBadBytes));
  }));
  return c;
}

Result<Contract> Contracts::change_member(const Caller& caller, std::int64_t id, const MemberChange& change) {
  const bool provider_joining = caller.is_provider() && change.action == MemberAction::join;
  CM_ASSIGN_OR_RETURN(auto c, provider_joining ? readable(caller, id) : managed(caller, id));
  if (c.model != ContractModel::dynamic_market) return Error::invalid("only a dynamic market has members", "action");
  if (c.status != ContractStatus::active && change.action == MemberAction::join) {
    return Error::conflict("dynamic market " + std::to_string(id) + " is " + std::string(to_string(c.status)) +
                           "; providers join it while it is active");
  }
  const std::int64_t provider_id = provider_joining ? caller.organisation_id : change.provider_id;
  if (provider_joining && change.provider_id != 0 && change.provider_id != caller.organisation_id) {
    return Error::forbidden("a provider applies to join for itself");
  }
  if (!provider_joining) {
    auto org = store_.get_organisation(provider_id);
    if (!org || org->kind != market::OrganisationKind::provider) {
      return Error::invalid("organisation " + std::to_string(provider_id) + " is not a provider", "provider_id");
    }
  }
  const Date day = change.date ? *change.date : clock_.today();
  const std::string reason(trim(change.reason));
  auto member =
      std::find_if(c.members.begin(), c.members.end(), [&](const auto& m) { return m.provider_id == provider_id; });
  const bool known = member != c.members.end();
  const auto status_text = known ? std::string(to_string(member->status)) : std::string("not a member");
  auto wrong = [&](const std::string& what) {
    return Error::conflict("provider " + std::to_string(provider_id) + " is " + status_text + "; it cannot " + what);
  };
  std::string action;
  switch (change.action) {
    case MemberAction::join:
      if (provider_joining) {
        if (known && member->status != MemberStatus::removed) return wrong("apply again");
        const storage::ContractMember applied{provider_id,  MemberStatus::applied, day, std::nullopt,
                                              std::nullopt, std::nullopt,          ""};
        if (!known) member = c.members.insert(c.members.end(), applied);
        *member = applied;
        action = "applied";
      } else {
        // The council admits an applicant, or a provider it has checked itself.
        if (known && member->status != MemberStatus::applied && member->status != MemberStatus::removed)
          return wrong("join");
        if (!known) {
          member =
              c.members.insert(c.members.end(), storage::ContractMember{provider_id, MemberStatus::applied, day,
                                                                        std::nullopt, std::nullopt, std::nullopt, ""});
        }
        member->status = MemberStatus::active;
        member->joined_on = day;
        member->suspended_on.reset();
        member->removed_on.reset();
        member->reason = reason;
        action = "joined";
      }
      break;
    case MemberAction::suspend:
      if (!known || member->status != MemberStatus::active) return wrong("be suspended");
      if (reason.size() < 5)
        return Error::invalid("record why the provider is suspended (at least 5 characters)", "reason");
      member->status = MemberStatus::suspended;
      member->suspended_on = day;
      member->reason = reason;
      action = "suspended";
      break;
    case MemberAction::reinstate:
      if (!known || member->status != MemberStatus::suspended) return wrong("be reinstated");
      member->status = MemberStatus::active;
      member->suspended_on.reset();
      member->reason = reason;
      action = "reinstated";
      break;
    case MemberAction::remove:
      if (!known || member->status == MemberStatus::removed) return wrong("be removed");
      if (reason.size() < 5)
        return Error::invalid("record why the provider is removed (at least 5 characters)", "reason");
      member->status = MemberStatus::removed;
      member->removed_on = day;
      member->reason = reason;
      action = "removed";
      break;
  }
  if (member->joined_on && member->applied_on > *member->joined_on) {
    return Error::invalid("a provider joins on or after the day it applied (" + member->applied_on.to_string() + ")",
                          "date");
  }
  c.updated_at = clock_.now();
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_TRY_STATUS(store_.update_contract(c));
    return audit(
        caller, "contract.member", id,
        json{{"provider_id", provider_id}, {"action", action}, {"date", day.to_string()}, {"reason", reason}}.dump(
            -1, ' ', false, kReplaceBadBytes));
  }));
  return view_for(caller, std::move(c));
}

Result<std::vector<storage::AuditEvent>> Contracts::history(const Caller& caller, std::int64_t id) {
  CM_ASSIGN_OR_RETURN(const auto c, readable(caller, id));
  if (caller.is_provider()) return Error::forbidden("a contract's history is kept for its councils and the operator");
  return store_.audit_for("contract:" + std::to_string(c.id));
}

}  // namespace caremarket::app
