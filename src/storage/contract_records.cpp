#include "storage/contract_records.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/enum_names.hpp"

namespace caremarket::storage {
namespace {
constexpr auto kStatuses = enum_names<ContractStatus>({
    {ContractStatus::draft, "draft"},
    {ContractStatus::active, "active"},
    {ContractStatus::suspended, "suspended"},
    {ContractStatus::ended, "ended"},
    {ContractStatus::terminated, "terminated"},
});
constexpr auto kMemberStatuses = enum_names<MemberStatus>({
    {MemberStatus::applied, "applied"},
    {MemberStatus::active, "active"},
    {MemberStatus::suspended, "suspended"},
    {MemberStatus::removed, "removed"},
});
}  // namespace

const std::vector<ContractModel>& all_contract_models() {
  static const std::vector<ContractModel> models{ContractModel::spot, ContractModel::block, ContractModel::soft_block,
                                                 ContractModel::framework, ContractModel::dynamic_market};
  return models;
}

std::optional<ContractModel> contract_model_from(std::string_view text) {
  for (const auto m : all_contract_models())
    if (to_string(m) == text) return m;
  return std::nullopt;
}

std::string_view to_string(ContractStatus status) { return kStatuses.name(status, "draft"); }

std::optional<ContractStatus> contract_status_from(std::string_view text) { return kStatuses.parse(text); }

bool status_change_allowed(ContractStatus from, ContractStatus to) {
  using S = ContractStatus;
  switch (from) {
    case S::draft: return to == S::active || to == S::terminated;
    case S::active: return to == S::suspended || to == S::ended || to == S::terminated;
    case S::suspended: return to == S::active || to == S::ended || to == S::terminated;
    case S::ended:
    case S::terminated: return false;
  }
  return false;
}

std::string_view to_string(CallOffMethod method) {
  return method == CallOffMethod::mini_competition ? "mini_competition" : "direct_award";
}

std::optional<CallOffMethod> call_off_method_from(std::string_view text) {
  if (text == "direct_award") return CallOffMethod::direct_award;
  if (text == "mini_competition") return CallOffMethod::mini_competition;
  return std::nullopt;
}

std::optional<pricing::BandMode> band_mode_from(std::string_view text) {
  if (text == "whole_volume") return pricing::BandMode::whole_volume;
  if (text == "marginal") return pricing::BandMode::marginal;
  return std::nullopt;
}

std::string_view to_string(MemberStatus status) { return kMemberStatuses.name(status, "applied"); }

std::optional<MemberStatus> member_status_from(std::string_view text) { return kMemberStatuses.parse(text); }

int commitment_on(const Contract& contract, const std::vector<CommitmentReview>& reviews, Date day) {
  if (contract.model == ContractModel::block) {
    int total = 0;
    for (const auto& s : contract.services) total += s.committed;
    return total;
  }
  if (contract.model != ContractModel::soft_block) return 0;
  int committed = contract.committed;
  const CommitmentReview* latest = nullptr;
  for (const auto& r : reviews) {
    if (r.contract_id != contract.id || r.decided_on > day) continue;
    if (!latest || r.decided_on > latest->decided_on || (r.decided_on == latest->decided_on && r.id > latest->id))
      latest = &r;
  }
  if (latest) committed = latest->decided;
  return committed;
}

bool in_force(const Contract& contract, Date day) {
  if (day < contract.start || day > contract.end) return false;
  if (contract.status == ContractStatus::active) return true;
  // Ended or terminated with notice: still in force until the date it ends.
  const bool closing = contract.status == ContractStatus::ended || contract.status == ContractStatus::terminated;
  return closing && contract.status_date && day < *contract.status_date;
}

}  // namespace caremarket::storage
