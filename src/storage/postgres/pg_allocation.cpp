// PgStore: the allocation tables (schema in schema_allocation.cpp).
#include "storage/postgres/pg_store.hpp"

namespace caremarket::storage::postgres {
namespace {
using Lease = Pool::Lease;

constexpr std::string_view kRunColumns =
    "id, alliance_id, requested_by, requested_by_council, status, summary_json, created_at";
constexpr std::string_view kMatchColumns =
    "run_id, referral_id, council_id, service_id, provider_id, places, status, explanation_json, outcome, decided_by, "
    "decided_at";

AllocationRun read_run(const Stmt& s) {
  AllocationRun r;
  r.id = s.int64(0);
  r.alliance_id = s.is_null(1) ? 0 : s.int64(1);
  r.requested_by = s.int64(2);
  r.requested_by_council = s.int64(3);
  r.status = allocation_run_status_from(s.text(4)).value_or(AllocationRunStatus::proposed);
  r.summary_json = s.text(5);
  r.created_at = s.int64(6);
  return r;
}

ProposedMatch read_match(const Stmt& s) {
  ProposedMatch m;
  m.run_id = s.int64(0);
  m.referral_id = s.int64(1);
  m.council_id = s.int64(2);
  m.service_id = s.is_null(3) ? 0 : s.int64(3);
  m.provider_id = s.is_null(4) ? 0 : s.int64(4);
  m.places = s.int32(5);
  m.status = match_status_from(s.text(6)).value_or(MatchStatus::proposed);
  m.explanation_json = s.text(7);
  m.outcome = s.text(8);
  m.decided_by = s.int64(9);
  m.decided_at = s.int64(10);
  return m;
}

std::optional<std::int64_t> id_or_null(std::int64_t id) {
  return id == 0 ? std::nullopt : std::optional<std::int64_t>(id);
}
}  // namespace

Result<std::int64_t> PgStore::create_alliance(const Alliance& a) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare("INSERT INTO alliances (name, created_at) VALUES ($1, $2) RETURNING id");
    stmt.bind(1, a.name).bind(2, a.created_at);
    CM_ASSIGN_OR_RETURN(id, stmt.insert_id());
    auto kind = db().prepare("SELECT kind FROM organisations WHERE id = $1");
    auto member = db().prepare("INSERT INTO alliance_members (alliance_id, council_id) VALUES ($1, $2)");
    for (const auto council : a.members) {
      kind.bind(1, council);
      CM_ASSIGN_OR_RETURN(const bool found, kind.step());
      const bool is_council = found && kind.text(0) == "council";
      kind.reset();
      if (!is_council)
        return Error::invalid("organisation " + std::to_string(council) + " is not a council", "members");
      member.bind(1, id).bind(2, council);
      CM_TRY_STATUS(member.run());
      member.reset();
    }
    return {};
  }));
  return id;
}

Result<Alliance> PgStore::get_alliance(std::int64_t id) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT id, name, created_at FROM alliances WHERE id = $1");
  stmt.bind(1, id);
  CM_ASSIGN_OR_RETURN(auto rows, collect<Alliance>(stmt, [](const Stmt& s) {
                        return Alliance{s.int64(0), s.text(1), {}, s.int64(2)};
                      }));
  if (rows.empty()) return Error::not_found("alliance " + std::to_string(id) + " does not exist");
  auto members = db().prepare("SELECT council_id FROM alliance_members WHERE alliance_id = $1 ORDER BY council_id");
  members.bind(1, id);
  CM_ASSIGN_OR_RETURN(rows.front().members, collect<std::int64_t>(members, [](const Stmt& s) { return s.int64(0); }));
  return rows.front();
}

Result<std::vector<Alliance>> PgStore::alliances_of(std::int64_t council_id) {
  Lease lease(pool_);
  auto stmt = db().prepare(council_id == 0
                               ? "SELECT id FROM alliances ORDER BY id"
                               : "SELECT alliance_id FROM alliance_members WHERE council_id = $1 ORDER BY alliance_id");
  if (council_id != 0) stmt.bind(1, council_id);
  CM_ASSIGN_OR_RETURN(const auto ids, collect<std::int64_t>(stmt, [](const Stmt& s) { return s.int64(0); }));
  std::vector<Alliance> out;
  for (const auto id : ids) {
    CM_ASSIGN_OR_RETURN(auto a, get_alliance(id));
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::int64_t> PgStore::create_allocation_run(const AllocationRun& run,
                                                    const std::vector<ProposedMatch>& matches) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare("INSERT INTO allocation_runs (" + std::string(kRunColumns.substr(4)) + ") VALUES (" +
                             placeholders(6) + ") RETURNING id");
    stmt.bind(1, id_or_null(run.alliance_id)).bind(2, run.requested_by).bind(3, run.requested_by_council);
    stmt.bind(4, to_string(run.status)).bind(5, run.summary_json).bind(6, run.created_at);
    CM_ASSIGN_OR_RETURN(id, stmt.insert_id());
    auto council = db().prepare("INSERT INTO allocation_run_councils (run_id, council_id) VALUES ($1, $2)");
    for (const auto c : run.councils) {
      council.bind(1, id).bind(2, c);
      CM_TRY_STATUS(council.run());
      council.reset();
    }
    auto match = db().prepare("INSERT INTO allocation_matches (" + std::string(kMatchColumns) + ") VALUES (" +
                              placeholders(11) + ")");
    for (const auto& m : matches) {
      match.bind(1, id).bind(2, m.referral_id).bind(3, m.council_id).bind(4, id_or_null(m.service_id));
      match.bind(5, id_or_null(m.provider_id))
          .bind(6, m.places)
          .bind(7, to_string(m.status))
          .bind(8, m.explanation_json);
      match.bind(9, m.outcome).bind(10, m.decided_by).bind(11, m.decided_at);
      CM_TRY_STATUS(match.run());
      match.reset();
    }
    return {};
  }));
  return id;
}

Result<AllocationRun> PgStore::get_allocation_run(std::int64_t id) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kRunColumns) + " FROM allocation_runs WHERE id = $1");
  stmt.bind(1, id);
  CM_ASSIGN_OR_RETURN(auto rows, collect<AllocationRun>(stmt, read_run));
  if (rows.empty()) return Error::not_found("allocation run " + std::to_string(id) + " does not exist");
  auto councils = db().prepare("SELECT council_id FROM allocation_run_councils WHERE run_id = $1 ORDER BY council_id");
  councils.bind(1, id);
  CM_ASSIGN_OR_RETURN(rows.front().councils, collect<std::int64_t>(councils, [](const Stmt& s) { return s.int64(0); }));
  return rows.front();
}

Status PgStore::update_allocation_run_status(std::int64_t id, AllocationRunStatus status) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare("UPDATE allocation_runs SET status = $1 WHERE id = $2");
    stmt.bind(1, to_string(status)).bind(2, id);
    CM_TRY_STATUS(stmt.run());
    if (stmt.changes() == 0) return Error::not_found("allocation run " + std::to_string(id) + " does not exist");
    return {};
  });
}

Result<std::vector<AllocationRun>> PgStore::allocation_runs_of(std::int64_t council_id) {
  Lease lease(pool_);
  auto stmt = db().prepare(
      council_id == 0 ? "SELECT id FROM allocation_runs ORDER BY id DESC"
                      : "SELECT run_id FROM allocation_run_councils WHERE council_id = $1 ORDER BY run_id DESC");
  if (council_id != 0) stmt.bind(1, council_id);
  CM_ASSIGN_OR_RETURN(const auto ids, collect<std::int64_t>(stmt, [](const Stmt& s) { return s.int64(0); }));
  std::vector<AllocationRun> out;
  for (const auto id : ids) {
    CM_ASSIGN_OR_RETURN(auto r, get_allocation_run(id));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<ProposedMatch>> PgStore::proposed_matches(std::int64_t run_id) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kMatchColumns) +
                           " FROM allocation_matches WHERE run_id = $1 ORDER BY referral_id");
  stmt.bind(1, run_id);
  return collect<ProposedMatch>(stmt, read_match);
}

Status PgStore::update_proposed_match(const ProposedMatch& m) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare(
        "UPDATE allocation_matches SET status = $1, outcome = $2, decided_by = $3, decided_at = $4 "
        "WHERE run_id = $5 AND referral_id = $6");
    stmt.bind(1, to_string(m.status)).bind(2, m.outcome).bind(3, m.decided_by).bind(4, m.decided_at).bind(5, m.run_id);
    stmt.bind(6, m.referral_id);
    CM_TRY_STATUS(stmt.run());
    if (stmt.changes() == 0) {
      return Error::not_found("referral " + std::to_string(m.referral_id) + " is not in allocation run " +
                              std::to_string(m.run_id));
    }
    return {};
  });
}

}  // namespace caremarket::storage::postgres
