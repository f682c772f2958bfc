// The demo's contracts: one of each common model, on real homes from the
// bundled registers, with synthetic terms and prices (marked synthetic).
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "app/contracts.hpp"
#include "app/demo.hpp"
#include "app/json_detail.hpp"

namespace caremarket::app {
namespace {
using market::KindOfCare;
using storage::Contract;
using storage::ContractModel;

constexpr const char* kNote = "Demo: a synthetic contract on real homes; its terms and prices are made up.";

Date day(int y, unsigned m, unsigned d) {
  return Date(std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}});
}

Contract base(ContractModel model, const std::string& reference, const std::string& title) {
  Contract c;
  c.model = model;
  c.reference = reference;
  c.title = title;
  c.status = storage::ContractStatus::active;
  c.status_reason = "demo";
  c.notes = kNote;
  c.synthetic = true;
  c.created_at = c.updated_at = now_utc();
  return c;
}

// Providers with the most services of `kinds` in these councils' areas, most first.
std::vector<std::int64_t> busiest(const std::vector<market::Service>& services, const std::vector<std::string>& areas,
                                  const std::vector<KindOfCare>& kinds, std::size_t how_many, std::int64_t skip = 0) {
  std::map<std::int64_t, int> counts;
  for (const auto& s : services) {
    if (s.provider_id == skip || s.status != market::ServiceStatus::active) continue;
    if (std::find(areas.begin(), areas.end(), s.local_authority_code) == areas.end()) continue;
    if (std::find(kinds.begin(), kinds.end(), s.kind) == kinds.end()) continue;
    ++counts[s.provider_id];
  }
  std::vector<std::pair<int, std::int64_t>> ranked;
  for (const auto& [id, n] : counts) ranked.emplace_back(-n, id);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::int64_t> out;
  for (const auto& [n, id] : ranked) {
    if (out.size() == how_many) break;
    out.push_back(id);
  }
  return out;
}

Result<std::int64_t> council(storage::Store& store, const std::string& ons_code) {
  CM_ASSIGN_OR_RETURN(const auto org, store.find_organisation_by_key("ons:" + ons_code));
  if (!org) return Error::internal("council " + ons_code + " is missing from the bundled council list");
  return org->id;
}
}  // namespace

Result<std::size_t> add_demo_contracts(storage::Store& store, std::int64_t birmingham, std::int64_t demo_provider) {
  CM_ASSIGN_OR_RETURN(const auto services, store.list_services());
  std::vector<Contract> contracts;

  // Birmingham: a soft block of care home places with the demo provider, on
  // marginal cost:volume bands, and a rigid block at another of its homes.
  std::vector<std::int64_t> homes_of_demo;
  std::vector<KindOfCare> demo_kinds;
  for (const auto& s : services) {
    const bool care_home = s.kind == KindOfCare::care_home_nursing || s.kind == KindOfCare::care_home_residential;
    if (s.provider_id == demo_provider && care_home && s.local_authority_code == "E08000025" &&
        s.status == market::ServiceStatus::active) {
      homes_of_demo.push_back(s.id);
      if (std::find(demo_kinds.begin(), demo_kinds.end(), s.kind) == demo_kinds.end()) demo_kinds.push_back(s.kind);
    }
  }
  const auto& nursing = homes_of_demo;
  if (nursing.size() >= 2) {
    auto sb = base(ContractModel::soft_block, "BCC-SB-2026-014",
                   "Care home places for older people, Birmingham (soft block)");
    sb.parties = {{birmingham, 10'000, true}};
    sb.providers = {demo_provider};
    sb.services = {{nursing[0], demo_provider, 0}};
    sb.kinds = demo_kinds;
    sb.start = day(2026, 4, 6);
    sb.end = day(2028, 4, 2);
    sb.extension_options = 1;
    sb.extension_months = 12;
    sb.notice_days = 90;
    sb.band_mode = pricing::BandMode::marginal;
    sb.bands = {{1, Money::from_pence(115000)}, {11, Money::from_pence(109000)}, {21, Money::from_pence(104000)}};
    sb.committed = 12;
    sb.flex_min = 8;
    sb.flex_max = 20;
    sb.max_step = 2;
    sb.target_percent = 95;
    sb.review_weeks = 13;
    sb.change_rules =
        "Reviewed every 13 weeks against use; the commitment moves by at most two places a review and "
        "stays between 8 and 20; the new commitment runs from the date of the decision.";
    contracts.push_back(sb);
    auto block = base(ContractModel::block, "BCC-B-2026-003", "Discharge to assess beds (block)");
    block.parties = {{birmingham, 10'000, true}};
    block.providers = {demo_provider};
    block.services = {{nursing[1], demo_provider, 4}};
    block.kinds = demo_kinds;
    block.start = day(2026, 10, 5);
    block.end = day(2027, 10, 3);
    block.notice_days = 60;
    block.unit_price = Money::from_pence(121000);
    contracts.push_back(block);
  }

  // Greater Manchester: an alliance framework of five councils, with the
  // providers running the most homes there admitted, and price ceilings.
  const std::vector<std::pair<std::string, int>> gm{
      {"E08000003", 3000}, {"E08000006", 1500}, {"E08000009", 1500}, {"E08000007", 2000}, {"E08000010", 2000}};
  auto fw = base(ContractModel::framework, "GM-FW-2026-001", "Greater Manchester care homes framework (alliance)");
  std::vector<std::string> gm_areas;
  for (const auto& [code, share] : gm) {
    CM_ASSIGN_OR_RETURN(const auto id, council(store, code));
    fw.parties.push_back({id, share, code == "E08000003"});
    gm_areas.push_back(code);
  }
  fw.kinds = {KindOfCare::care_home_residential, KindOfCare::care_home_nursing};
  fw.providers = busiest(services, gm_areas, fw.kinds, 8);
  std::sort(fw.providers.begin(), fw.providers.end());
  fw.start = day(2026, 4, 1);
  fw.end = day(2029, 3, 31);
  fw.extension_options = 1;
  fw.extension_months = 12;
  fw.notice_days = 90;
  fw.price_bands = {
      {KindOfCare::care_home_residential, market::PriceUnit::week, Money::from_pence(72000), Money::from_pence(95000)},
      {KindOfCare::care_home_nursing, market::PriceUnit::week, Money::from_pence(85000), Money::from_pence(118000)}};
  fw.call_off_method = storage::CallOffMethod::mini_competition;
  if (!fw.providers.empty()) contracts.push_back(fw);

  // Birmingham: a dynamic market for children's homes that providers join
  // at any time; one is suspended and one has applied.
  auto dm = base(ContractModel::dynamic_market, "BCC-DPS-2026-CH", "Children's homes dynamic market");
  dm.parties = {{birmingham, 10'000, true}};
  dm.kinds = {KindOfCare::childrens_home};
  dm.start = day(2026, 1, 5);
  dm.end = day(2030, 1, 4);
  dm.notice_days = 30;
  dm.membership_conditions =
      "Registered with Ofsted for children's homes; not rated inadequate; accepts the council's "
      "terms and the placement information standard; reports vacancies weekly.";
  const auto homes = busiest(services, {"E08000025", "E08000029", "E08000028", "E08000027", "E08000030", "E08000031"},
                             {KindOfCare::childrens_home}, 6);
  for (std::size_t i = 0; i < homes.size(); ++i) {
    storage::ContractMember m{homes[i],
                              storage::MemberStatus::active,
                              day(2026, 1, 5).plus_days(static_cast<std::int64_t>(7 * i)),
                              day(2026, 1, 12).plus_days(static_cast<std::int64_t>(7 * i)),
                              std::nullopt,
                              std::nullopt,
                              ""};
    if (i == homes.size() - 1) {
      m.status = storage::MemberStatus::applied;
      m.applied_on = day(2026, 11, 23);
      m.joined_on.reset();
    } else if (i == 3) {
      m.status = storage::MemberStatus::suspended;
      m.suspended_on = day(2026, 9, 1);
      m.reason = "Demo: suspended while a regulator's concern is reviewed";
    }
    dm.members.push_back(m);
  }
  contracts.push_back(dm);

  std::size_t added = 0;
  for (auto& c : contracts) {
    CM_ASSIGN_OR_RETURN(const auto existing, store.find_contract_by_reference(c.reference));
    if (existing) continue;  // the demo refreshes without repeating itself
    CM_TRY_STATUS(validate_contract(c));
    CM_TRY_STATUS(store.in_transaction([&]() -> Status {
      CM_ASSIGN_OR_RETURN(c.id, store.create_contract(c));
      return store.append_audit(
          {0,
           now_utc(),
           0,
           0,
           "contract.create",
           "contract:" + std::to_string(c.id),
           nlohmann::json{{"reference", c.reference}, {"model", to_string(c.model)}, {"demo", true}}.dump(
               -1, ' ', false, kReplaceBadBytes),
           {},
           {}});
    }));
    ++added;
  }
  return added;
}

}  // namespace caremarket::app
