#include "app/allocation.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "app/audit_event.hpp"
#include "app/json_detail.hpp"
#include "core/text.hpp"

namespace caremarket::app {
namespace {
using nlohmann::json;
using storage::MatchStatus;
using storage::ReferralStatus;

bool is_council_officer(const Caller& c) {
  return c.is_council() &&
         (c.has_role("placement_officer") || c.has_role("commissioner") || c.has_role("council_admin"));
}

bool contains(const std::vector<std::int64_t>& list, std::int64_t id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

// A referral waits if nobody has been asked yet, or if everyone asked has
// declined and no offer is open: a declined match comes back next run.
Result<std::optional<std::vector<std::int64_t>>> waiting(storage::Store& store, const storage::Referral& r) {
  using Out = std::optional<std::vector<std::int64_t>>;
  if (r.status == ReferralStatus::draft) return Out{std::vector<std::int64_t>{}};
  if (r.status != ReferralStatus::sent) return Out{};
  CM_ASSIGN_OR_RETURN(const auto recipients, store.recipients(r.id));
  CM_ASSIGN_OR_RETURN(const auto offers, store.offers(r.id));
  std::vector<std::int64_t> declined;
  for (const auto& rec : recipients) {
    if (rec.status != storage::RecipientStatus::declined) return Out{};
    declined.push_back(rec.service_id);
  }
  for (const auto& o : offers)
    if (o.status == storage::OfferStatus::open) return Out{};
  if (declined.empty()) return Out{};
  return Out{declined};
}

json shares_json(const allocation::Outcome& o) {
  json councils = json::array();
  for (const auto& c : o.councils) {
    councils.push_back({{"council_id", c.council_id},
                        {"referrals", c.referrals},
                        {"places_needed", c.places_needed},
                        {"places_placed", c.places_placed},
                        {"places_usable", c.places_usable},
                        {"need_share", c.need_share},
                        {"placement_share", c.placement_share},
                        {"distance_share", c.distance_share},
                        {"mean_distance_miles", c.mean_distance_miles},
                        {"fair_floor", c.fair_floor},
                        {"placed_before_repair", c.placed_before_repair}});
  }
  return councils;
}
}  // namespace

namespace {
std::string detail_text(const json& detail) { return detail.dump(-1, ' ', false, kReplaceBadBytes); }
}  // namespace

Status Allocation::audit(const Caller& caller, const std::string& action, std::int64_t run_id,
                         const std::string& detail_json) {
  return store_.append_audit(
      audit_event(clock_.now(), caller, action, "allocation:" + std::to_string(run_id), detail_json));
}

Result<storage::Alliance> Allocation::create_alliance(const Caller& caller, const std::string& name,
                                                      const std::vector<std::int64_t>& members) {
  if (!caller.is_operator() || !(caller.system || caller.has_role("operator_admin"))) {
    return Error::forbidden("only the platform operator records an alliance the councils have agreed");
  }
  const auto trimmed = std::string(trim(name));
  if (trimmed.empty() || trimmed.size() > 200)
    return Error::invalid("an alliance needs a name of 1-200 characters", "name");
  std::set<std::int64_t> unique(members.begin(), members.end());
  if (unique.size() != members.size()) return Error::invalid("a council is listed twice", "members");
  if (unique.size() < 2) return Error::invalid("an alliance has at least two councils", "members");
  storage::Alliance a{0, trimmed, std::vector<std::int64_t>(unique.begin(), unique.end()), clock_.now()};
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(a.id, store_.create_alliance(a));
    return store_.append_audit({0,
                                clock_.now(),
                                caller.user_id,
                                caller.organisation_id,
                                "alliance.create",
                                "alliance:" + std::to_string(a.id),
                                json{{"name", a.name}, {"members", a.members}}.dump(-1, ' ', false, kReplaceBadBytes),
                                {},
                                {}});
  }));
  return a;
}

Result<std::vector<storage::Alliance>> Allocation::alliances(const Caller& caller) {
  if (caller.is_operator()) return store_.alliances_of(0);
  if (!caller.is_council()) return Error::forbidden("alliances are councils' arrangements");
  return store_.alliances_of(caller.organisation_id);
}

Result<AllocationRunView> Allocation::run(const Caller& caller, const AllocationRequest& request) {
  if (!is_council_officer(caller)) return Error::forbidden("only a council's officers run an allocation");
  std::vector<std::int64_t> councils{caller.organisation_id};
  if (request.alliance_id != 0) {
    auto alliance = store_.get_alliance(request.alliance_id);
    if (!alliance || !contains(alliance->members, caller.organisation_id)) {
      return Error::not_found("alliance " + std::to_string(request.alliance_id) + " does not exist");
    }
    councils = alliance->members;
  }
  for (const auto& b : request.block_places) {
    if (!contains(councils, b.council_id))
      return Error::invalid("block places must belong to a council in the run", "block_places");
    if (b.places < 1 || b.places > 1000) return Error::invalid("block places must be 1-1000", "block_places");
    if (!market_.service(b.service_id))
      return Error::invalid("service " + std::to_string(b.service_id) + " does not exist", "block_places");
  }
  allocation::Problem problem;
  problem.today = clock_.today();
  problem.config.fairness = request.fairness;
  const Timestamp now = clock_.now();
  for (const auto council : councils) {
    CM_ASSIGN_OR_RETURN(const auto referrals, store_.referrals_of_council(council));
    CM_ASSIGN_OR_RETURN(const auto weights, brokerage_.weights_for(council));
    for (const auto& r : referrals) {
      CM_ASSIGN_OR_RETURN(const auto declined, waiting(store_, r));
      if (!declined) continue;
      allocation::WaitingReferral w;
      w.id = r.id;
      w.council_id = council;
      CM_ASSIGN_OR_RETURN(w.need, brokerage_.need_for(r));
      w.weights = weights;
      w.urgent = r.urgent;
      w.days_waiting = static_cast<int>(std::max<Timestamp>(0, now - r.created_at) / 86400);
      w.declined_services = *declined;
      problem.referrals.push_back(std::move(w));
    }
  }
  if (problem.referrals.empty())
    return Error::conflict("no referral of these councils is waiting: nothing to allocate");
  // Supply: every service brokerage would consider for any of these referrals.
  std::map<std::int64_t, std::size_t> index;
  std::set<std::string> levels;
  for (const auto& w : problem.referrals) levels.insert(w.need.need_level);
  for (const auto& w : problem.referrals) {
    for (auto& [service, distance] : market_.services_near(w.need.kinds, w.need.home, w.need.max_distance_miles)) {
      (void)distance;
      if (index.contains(service.id)) continue;
      index[service.id] = problem.supply.size();
      allocation::Supply s;
      for (const auto& level : levels) {
        if (auto price = market_.current_price(service.id, level, problem.today)) s.prices.emplace_back(level, *price);
      }
      s.service = std::move(service);
      problem.supply.push_back(std::move(s));
    }
  }
  // Committed places from the councils' contracts, then any given with the request.
  CM_ASSIGN_OR_RETURN(auto blocks, committed_block_places(store_, councils, problem.today));
  blocks.insert(blocks.end(), request.block_places.begin(), request.block_places.end());
  for (const auto& b : blocks) {
    auto it = index.find(b.service_id);
    if (it == index.end()) continue;  // beyond every referral's reach
    auto& block = problem.supply[it->second].block;
    const auto same =
        std::find_if(block.begin(), block.end(), [&](const auto& x) { return x.council_id == b.council_id; });
    if (same != block.end()) same->places += b.places;
    else block.push_back({b.council_id, b.places});
  }
  const auto started = std::chrono::steady_clock::now();
  CM_ASSIGN_OR_RETURN(const auto outcome, allocation::allocate(problem, progress_));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  AllocationRunView view;
  auto& run = view.run;
  run.alliance_id = request.alliance_id;
  run.requested_by = caller.user_id;
  run.requested_by_council = caller.organisation_id;
  std::set<std::int64_t> present;
  for (const auto& m : outcome.matches) present.insert(m.council_id);
  run.councils.assign(present.begin(), present.end());
  run.created_at = now;
  json block = json::array();
  for (const auto& b : blocks) {
    json one{{"council_id", b.council_id}, {"service_id", b.service_id}, {"places", b.places}};
    if (b.contract_id) one["contract_id"] = b.contract_id;
    block.push_back(std::move(one));
  }
  run.summary_json = json{
      {"objective", outcome.objective},
      {"placement_cost", outcome.placement_cost},
      {"equity_penalty", outcome.equity_penalty},
      {"lower_bound", outcome.lower_bound},
      {"optimal", outcome.optimal},
      {"fairness", request.fairness},
      {"fairness_repair", outcome.fairness_repair},
      {"branch_nodes", outcome.branch_nodes},
      {"referrals", outcome.matches.size()},
      {"services", problem.supply.size()},
      {"places_needed", outcome.places_needed},
      {"places_placed", outcome.places_placed},
      {"councils", shares_json(outcome)},
      {"block_places", block},
      {"stages",
       {{"eligibility_seconds", outcome.stats.seconds_eligibility},
        {"solve_seconds", outcome.stats.seconds_solve},
        {"explanations_seconds", outcome.stats.seconds_explain},
        {"total_seconds",
         seconds}}}}.dump(-1, ' ', false, kReplaceBadBytes);
  for (const auto& m : outcome.matches) {
    storage::ProposedMatch p;
    p.referral_id = m.referral_id;
    p.council_id = m.council_id;
    p.places = m.places;
    p.status = m.placed ? MatchStatus::proposed : MatchStatus::unplaced;
    if (m.chosen) {
      p.service_id = m.chosen->service_id;
      if (const auto s = market_.service(p.service_id)) p.provider_id = s->provider_id;
    }
    p.explanation_json = explanation_json(m);
    view.matches.push_back(std::move(p));
  }
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(run.id, store_.create_allocation_run(run, view.matches));
    return audit(caller, "allocation.run", run.id,
                 detail_text({{"alliance", request.alliance_id},
                              {"councils", run.councils},
                              {"referrals", outcome.matches.size()},
                              {"places_placed", outcome.places_placed},
                              {"objective", outcome.objective},
                              {"optimal", outcome.optimal},
                              {"block_places", block}}));
  }));
  for (auto& m : view.matches) m.run_id = run.id;
  return view;
}

Result<storage::AllocationRun> Allocation::visible_run(const Caller& caller, std::int64_t run_id) {
  auto run = store_.get_allocation_run(run_id);
  // Councils with no referral in it, and providers, are told it does not exist.
  if (!run || !(caller.is_operator() || (caller.is_council() && contains(run->councils, caller.organisation_id)))) {
    return Error::not_found("allocation run " + std::to_string(run_id) + " does not exist");
  }
  return run;
}

Result<std::vector<storage::AllocationRun>> Allocation::runs(const Caller& caller) {
  if (caller.is_operator()) return store_.allocation_runs_of(0);
  if (!caller.is_council()) return Error::forbidden("allocation proposals are for the councils in them");
  return store_.allocation_runs_of(caller.organisation_id);
}

Result<AllocationRunView> Allocation::show(const Caller& caller, std::int64_t run_id) {
  CM_ASSIGN_OR_RETURN(auto run, visible_run(caller, run_id));
  CM_ASSIGN_OR_RETURN(auto matches, store_.proposed_matches(run_id));
  CM_TRY_STATUS(audit(caller, "allocation.view", run_id, "{}"));
  return AllocationRunView{std::move(run), std::move(matches)};
}

Result<AllocationRunView> Allocation::confirm(const Caller& caller, std::int64_t run_id,
                                              const std::vector<std::int64_t>& referral_ids) {
  CM_ASSIGN_OR_RETURN(auto run, visible_run(caller, run_id));
  if (!is_council_officer(caller)) return Error::forbidden("only a council's officers confirm its matches");
  CM_ASSIGN_OR_RETURN(auto matches, store_.proposed_matches(run_id));
  std::vector<storage::ProposedMatch*> chosen;
  for (auto& m : matches) {
    const bool named = referral_ids.empty() || contains(referral_ids, m.referral_id);
    if (named && m.council_id == caller.organisation_id && m.status == MatchStatus::proposed) chosen.push_back(&m);
  }
  for (const auto id : referral_ids) {
    const auto it = std::find_if(chosen.begin(), chosen.end(), [&](const auto* m) { return m->referral_id == id; });
    if (it == chosen.end()) {
      return Error::invalid(
          "referral " + std::to_string(id) + " has no proposed match of your council waiting in this run", "referrals");
    }
  }
  if (chosen.empty())
    return Error::conflict("no proposed match of your council is waiting to be confirmed in this run");
  const Timestamp now = clock_.now();
  int sent = 0, stale = 0;
  CM_TRY_STATUS(store_.in_transaction([&]() -> Status {
    for (auto* m : chosen) {
      m->decided_by = caller.user_id;
      m->decided_at = now;
      const auto explanation = json::parse(m->explanation_json, nullptr, false);
      const bool block = !explanation.is_discarded() && explanation.contains("chosen") &&
                         explanation["chosen"].is_object() && explanation["chosen"].value("place_kind", "") == "block";
      auto result =
          brokerage_.send_to(caller, m->referral_id, m->service_id, "allocation run " + std::to_string(run_id), block);
      if (result) {
        m->status = MatchStatus::sent;
        ++sent;
      } else if (result.error().code == ErrorCode::conflict) {
        m->status = MatchStatus::stale;  // the market moved since the run: nothing sent
        m->outcome = result.error().message;
        ++stale;
      } else {
        return result.error();
      }
      CM_TRY_STATUS(store_.update_proposed_match(*m));
    }
    if (sent > 0) CM_TRY_STATUS(store_.update_allocation_run_status(run_id, storage::AllocationRunStatus::confirmed));
    json refs = json::array();
    for (const auto* m : chosen)
      refs.push_back(
          {{"referral", m->referral_id}, {"service", m->service_id}, {"status", std::string(to_string(m->status))}});
    return audit(caller, "allocation.confirm", run_id,
                 detail_text({{"matches", refs}, {"sent", sent}, {"stale", stale}}));
  }));
  if (sent > 0) run.status = storage::AllocationRunStatus::confirmed;
  return AllocationRunView{std::move(run), std::move(matches)};
}

}  // namespace caremarket::app
