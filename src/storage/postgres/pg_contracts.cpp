// PgStore: the contracts tables (schema in schema_contracts.cpp).
#include "core/text.hpp"
#include "storage/postgres/pg_codecs.hpp"
#include "storage/postgres/pg_store.hpp"

namespace caremarket::storage::postgres {
namespace {
using Lease = Pool::Lease;

constexpr std::string_view kContractColumns =
    "id, model, reference, title, status, kinds, start_date, end_date, extension_options, extension_months, "
    "notice_days, price_unit, unit_price_pence, band_mode, committed, flex_min, flex_max, max_step, target_percent, "
    "review_weeks, change_rules, call_off_method, membership_conditions, status_reason, status_date, notes, "
    "synthetic, created_by, created_at, updated_at";
constexpr int kContractWritten = 29;
constexpr std::string_view kReviewColumns =
    "id, contract_id, review_date, period_from, weeks, current, proposed, average_occupied, utilisation_percent, "
    "proposal_reason, accepted, decided, reason, decided_on, decided_by, decided_at";

// Binds every contract column after id, from $1.
void bind_contract(Stmt& s, const Contract& c) {
  s.bind(1, to_string(c.model)).bind(2, c.reference).bind(3, c.title).bind(4, to_string(c.status));
  s.bind(5, encode_kinds(c.kinds)).bind(6, c.start.to_string()).bind(7, c.end.to_string());
  s.bind(8, c.extension_options).bind(9, c.extension_months).bind(10, c.notice_days);
  s.bind(11, to_string(c.price_unit)).bind(12, c.unit_price.pence()).bind(13, to_string(c.band_mode));
  s.bind(14, c.committed).bind(15, c.flex_min).bind(16, c.flex_max).bind(17, c.max_step).bind(18, c.target_percent);
  s.bind(19, c.review_weeks).bind(20, c.change_rules).bind(21, to_string(c.call_off_method));
  s.bind(22, c.membership_conditions).bind(23, c.status_reason).bind(24, text_of(c.status_date)).bind(25, c.notes);
  s.bind(26, c.synthetic).bind(27, c.created_by).bind(28, c.created_at).bind(29, c.updated_at);
}

Contract read_contract(const Stmt& s) {
  Contract c;
  c.id = s.int64(0);
  c.model = contract_model_from(s.text(1)).value_or(ContractModel::spot);
  c.reference = s.text(2);
  c.title = s.text(3);
  c.status = contract_status_from(s.text(4)).value_or(ContractStatus::draft);
  c.kinds = decode_kinds(s.text(5));
  c.start = date_of(s.text(6));
  c.end = date_of(s.text(7));
  c.extension_options = s.int32(8);
  c.extension_months = s.int32(9);
  c.notice_days = s.int32(10);
  c.price_unit = market::price_unit_from(s.text(11)).value_or(market::PriceUnit::week);
  c.unit_price = Money::from_pence(s.int64(12));
  c.band_mode = band_mode_from(s.text(13)).value_or(pricing::BandMode::whole_volume);
  c.committed = s.int32(14);
  c.flex_min = s.int32(15);
  c.flex_max = s.int32(16);
  c.max_step = s.int32(17);
  c.target_percent = s.int32(18);
  c.review_weeks = s.int32(19);
  c.change_rules = s.text(20);
  c.call_off_method = call_off_method_from(s.text(21)).value_or(CallOffMethod::direct_award);
  c.membership_conditions = s.text(22);
  c.status_reason = s.text(23);
  c.status_date = optional_date(s, 24);
  c.notes = s.text(25);
  c.synthetic = s.boolean(26);
  c.created_by = s.int64(27);
  c.created_at = s.int64(28);
  c.updated_at = s.int64(29);
  return c;
}

CommitmentReview read_review(const Stmt& s) {
  CommitmentReview r;
  r.id = s.int64(0);
  r.contract_id = s.int64(1);
  r.review_date = date_of(s.text(2));
  r.period_from = date_of(s.text(3));
  r.weeks = s.int32(4);
  r.current = s.int32(5);
  r.proposed = s.int32(6);
  r.average_occupied = s.real(7);
  r.utilisation_percent = s.real(8);
  r.proposal_reason = s.text(9);
  r.accepted = s.boolean(10);
  r.decided = s.int32(11);
  r.reason = s.text(12);
  r.decided_on = date_of(s.text(13));
  r.decided_by = s.int64(14);
  r.decided_at = s.int64(15);
  return r;
}

Error missing(std::int64_t id) { return Error::not_found("contract " + std::to_string(id) + " does not exist"); }

// A repeated reference is the caller's conflict, not an internal error.
Status reference_status(Status status, const Db& db, const std::string& reference) {
  if (!status && db.last_constraint() == "contracts_reference_key") {
    Error e = Error::conflict("a contract with reference '" + reference + "' already exists");
    e.field = "reference";
    return e;
  }
  return status;
}
}  // namespace

Status PgStore::write_contract_parts(const Contract& c) {
  for (const char* table : {"contract_parties", "contract_providers", "contract_services", "contract_volume_bands",
                            "contract_price_bands", "contract_members", "contract_extensions"}) {
    auto del = db().prepare("DELETE FROM " + std::string(table) + " WHERE contract_id = $1");
    del.bind(1, c.id);
    CM_TRY_STATUS(del.run());
  }
  auto party =
      db().prepare("INSERT INTO contract_parties (contract_id, council_id, share_bp, lead) VALUES ($1, $2, $3, $4)");
  for (const auto& p : c.parties) {
    party.bind(1, c.id).bind(2, p.council_id).bind(3, p.share_bp).bind(4, p.lead);
    CM_TRY_STATUS(party.run());
    party.reset();
  }
  auto provider = db().prepare("INSERT INTO contract_providers (contract_id, provider_id) VALUES ($1, $2)");
  for (const auto id : c.providers) {
    provider.bind(1, c.id).bind(2, id);
    CM_TRY_STATUS(provider.run());
    provider.reset();
  }
  auto service = db().prepare(
      "INSERT INTO contract_services (contract_id, service_id, provider_id, committed) "
      "VALUES ($1, $2, $3, $4)");
  for (const auto& s : c.services) {
    service.bind(1, c.id).bind(2, s.service_id).bind(3, s.provider_id).bind(4, s.committed);
    CM_TRY_STATUS(service.run());
    service.reset();
  }
  auto band = db().prepare(
      "INSERT INTO contract_volume_bands (contract_id, from_places, weekly_price_pence) "
      "VALUES ($1, $2, $3)");
  for (const auto& b : c.bands) {
    band.bind(1, c.id).bind(2, b.from_places).bind(3, b.weekly_price.pence());
    CM_TRY_STATUS(band.run());
    band.reset();
  }
  auto price = db().prepare(
      "INSERT INTO contract_price_bands (contract_id, kind, unit, floor_pence, ceiling_pence) "
      "VALUES ($1, $2, $3, $4, $5)");
  for (const auto& p : c.price_bands) {
    price.bind(1, c.id).bind(2, to_string(p.kind)).bind(3, to_string(p.unit));
    if (p.floor) price.bind(4, p.floor->pence());
    else price.bind_null(4);
    price.bind(5, p.ceiling.pence());
    CM_TRY_STATUS(price.run());
    price.reset();
  }
  auto member = db().prepare(
      "INSERT INTO contract_members (contract_id, provider_id, status, applied_on, joined_on, "
      "suspended_on, removed_on, reason) VALUES (" +
      placeholders(8) + ")");
  for (const auto& m : c.members) {
    member.bind(1, c.id).bind(2, m.provider_id).bind(3, to_string(m.status)).bind(4, m.applied_on.to_string());
    member.bind(5, text_of(m.joined_on)).bind(6, text_of(m.suspended_on)).bind(7, text_of(m.removed_on));
    member.bind(8, m.reason);
    CM_TRY_STATUS(member.run());
    member.reset();
  }
  auto extension = db().prepare(
      "INSERT INTO contract_extensions (contract_id, number, from_date, to_date, reason, "
      "taken_by, taken_at) VALUES (" +
      placeholders(7) + ")");
  for (const auto& e : c.extensions) {
    extension.bind(1, c.id).bind(2, e.number).bind(3, e.from.to_string()).bind(4, e.to.to_string()).bind(5, e.reason);
    extension.bind(6, e.taken_by).bind(7, e.taken_at);
    CM_TRY_STATUS(extension.run());
    extension.reset();
  }
  return {};
}

Result<Contract> PgStore::read_contract_parts(Contract c) {
  auto party = db().prepare(
      "SELECT council_id, share_bp, lead FROM contract_parties WHERE contract_id = $1 "
      "ORDER BY lead DESC, council_id");
  party.bind(1, c.id);
  CM_ASSIGN_OR_RETURN(c.parties, collect<ContractParty>(party, [](const Stmt& s) {
                        return ContractParty{s.int64(0), s.int32(1), s.boolean(2)};
                      }));
  auto provider =
      db().prepare("SELECT provider_id FROM contract_providers WHERE contract_id = $1 ORDER BY provider_id");
  provider.bind(1, c.id);
  CM_ASSIGN_OR_RETURN(c.providers, collect<std::int64_t>(provider, [](const Stmt& s) { return s.int64(0); }));
  auto service = db().prepare(
      "SELECT service_id, provider_id, committed FROM contract_services WHERE contract_id = $1 "
      "ORDER BY service_id");
  service.bind(1, c.id);
  CM_ASSIGN_OR_RETURN(c.services, collect<ContractService>(service, [](const Stmt& s) {
                        return ContractService{s.int64(0), s.int64(1), s.int32(2)};
                      }));
  auto band = db().prepare(
      "SELECT from_places, weekly_price_pence FROM contract_volume_bands WHERE contract_id = $1 "
      "ORDER BY from_places");
  band.bind(1, c.id);
  CM_ASSIGN_OR_RETURN(c.bands, collect<pricing::VolumeBand>(band, [](const Stmt& s) {
                        return pricing::VolumeBand{s.int32(0), Money::from_pence(s.int64(1))};
                      }));
  auto price = db().prepare(
      "SELECT kind, unit, floor_pence, ceiling_pence FROM contract_price_bands "
      "WHERE contract_id = $1 ORDER BY kind COLLATE \"C\", unit COLLATE \"C\"");
  price.bind(1, c.id);
  CM_ASSIGN_OR_RETURN(c.price_bands, collect<PriceBand>(price, [](const Stmt& s) {
                        PriceBand p;
                        p.kind =
                            market::kind_of_care_from(s.text(0)).value_or(market::KindOfCare::care_home_residential);
                        p.unit = market::price_unit_from(s.text(1)).value_or(market::PriceUnit::week);
                        if (!s.is_null(2)) p.floor = Money::from_pence(s.int64(2));
                        p.ceiling = Money::from_pence(s.int64(3));
                        return p;
                      }));
  auto member = db().prepare(
      "SELECT provider_id, status, applied_on, joined_on, suspended_on, removed_on, reason "
      "FROM contract_members WHERE contract_id = $1 ORDER BY applied_on COLLATE \"C\", provider_id");
  member.bind(1, c.id);
  CM_ASSIGN_OR_RETURN(c.members, collect<ContractMember>(member, [](const Stmt& s) {
                        ContractMember m;
                        m.provider_id = s.int64(0);
                        m.status = member_status_from(s.text(1)).value_or(MemberStatus::applied);
                        m.applied_on = date_of(s.text(2));
                        m.joined_on = optional_date(s, 3);
                        m.suspended_on = optional_date(s, 4);
                        m.removed_on = optional_date(s, 5);
                        m.reason = s.text(6);
                        return m;
                      }));
  auto extension = db().prepare(
      "SELECT number, from_date, to_date, reason, taken_by, taken_at FROM contract_extensions "
      "WHERE contract_id = $1 ORDER BY number");
  extension.bind(1, c.id);
  CM_ASSIGN_OR_RETURN(c.extensions, collect<ContractExtension>(extension, [](const Stmt& s) {
                        return ContractExtension{s.int32(0), date_of(s.text(1)), date_of(s.text(2)),
                                                 s.text(3),  s.int64(4),         s.int64(5)};
                      }));
  return c;
}

Result<std::int64_t> PgStore::create_contract(const Contract& contract) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare("INSERT INTO contracts (" + std::string(kContractColumns.substr(4)) + ") VALUES (" +
                             placeholders(kContractWritten) + ") RETURNING id");
    bind_contract(stmt, contract);
    auto inserted = stmt.insert_id();
    if (!inserted) return reference_status(inserted.error(), db(), contract.reference);
    id = *inserted;
    Contract written = contract;
    written.id = id;
    return write_contract_parts(written);
  }));
  return id;
}

Status PgStore::update_contract(const Contract& c) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare("UPDATE contracts SET " + assignments(kContractColumns.substr(4)) + " WHERE id = $" +
                             std::to_string(kContractWritten + 1));
    bind_contract(stmt, c);
    stmt.bind(kContractWritten + 1, c.id);
    CM_TRY_STATUS(reference_status(stmt.run(), db(), c.reference));
    if (stmt.changes() == 0) return missing(c.id);
    return write_contract_parts(c);
  });
}

Result<std::vector<Contract>> PgStore::query_contracts(std::string_view where, std::optional<std::int64_t> arg) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kContractColumns) + " FROM contracts " + std::string(where) +
                           " ORDER BY id");
  if (arg) stmt.bind(1, *arg);
  CM_ASSIGN_OR_RETURN(auto rows, collect<Contract>(stmt, read_contract));
  std::vector<Contract> out;
  out.reserve(rows.size());
  for (auto& c : rows) {
    CM_ASSIGN_OR_RETURN(auto full, read_contract_parts(std::move(c)));
    out.push_back(std::move(full));
  }
  return out;
}

Result<Contract> PgStore::get_contract(std::int64_t id) {
  CM_ASSIGN_OR_RETURN(auto rows, query_contracts("WHERE id = $1", id));
  if (rows.empty()) return missing(id);
  return rows.front();
}

Result<std::optional<Contract>> PgStore::find_contract_by_reference(const std::string& reference) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT id FROM contracts WHERE reference = $1");
  stmt.bind(1, reference);
  CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
  if (!row) return std::optional<Contract>{};
  CM_ASSIGN_OR_RETURN(auto c, get_contract(stmt.int64(0)));
  return std::optional<Contract>{std::move(c)};
}

Result<std::vector<Contract>> PgStore::list_contracts(std::optional<std::int64_t> council_id,
                                                      std::optional<std::int64_t> provider_id) {
  if (council_id && provider_id) {
    CM_ASSIGN_OR_RETURN(auto of_council, list_contracts(council_id, std::nullopt));
    std::vector<Contract> both;
    for (auto& c : of_council) {
      const auto named = [&] {
        for (const auto p : c.providers)
          if (p == *provider_id) return true;
        for (const auto& s : c.services)
          if (s.provider_id == *provider_id) return true;
        for (const auto& m : c.members)
          if (m.provider_id == *provider_id) return true;
        return false;
      }();
      if (named) both.push_back(std::move(c));
    }
    return both;
  }
  if (council_id) {
    return query_contracts("WHERE id IN (SELECT contract_id FROM contract_parties WHERE council_id = $1)", council_id);
  }
  if (provider_id) {
    return query_contracts(
        "WHERE id IN (SELECT contract_id FROM contract_providers WHERE provider_id = $1 "
        "UNION SELECT contract_id FROM contract_services WHERE provider_id = $1 "
        "UNION SELECT contract_id FROM contract_members WHERE provider_id = $1)",
        provider_id);
  }
  return query_contracts("", std::nullopt);
}

Result<std::int64_t> PgStore::add_commitment_review(const CommitmentReview& r) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare("INSERT INTO contract_reviews (" + std::string(kReviewColumns.substr(4)) + ") VALUES (" +
                             placeholders(15) + ") RETURNING id");
    stmt.bind(1, r.contract_id).bind(2, r.review_date.to_string()).bind(3, r.period_from.to_string()).bind(4, r.weeks);
    stmt.bind(5, r.current).bind(6, r.proposed).bind(7, r.average_occupied).bind(8, r.utilisation_percent);
    stmt.bind(9, r.proposal_reason).bind(10, r.accepted).bind(11, r.decided).bind(12, r.reason);
    stmt.bind(13, r.decided_on.to_string()).bind(14, r.decided_by).bind(15, r.decided_at);
    auto inserted = stmt.insert_id();
    if (!inserted && db().last_state() == "23505") {
      Error e = Error::conflict("the review of " + r.review_date.to_string() + " has already been decided");
      e.field = "review_date";
      return e;
    }
    if (!inserted && db().last_state() == "23503") return missing(r.contract_id);
    CM_ASSIGN_OR_RETURN(id, std::move(inserted));
    return {};
  }));
  return id;
}

Result<std::vector<CommitmentReview>> PgStore::commitment_reviews(std::int64_t contract_id) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kReviewColumns) +
                           " FROM contract_reviews WHERE contract_id = $1 ORDER BY review_date COLLATE \"C\", id");
  stmt.bind(1, contract_id);
  return collect<CommitmentReview>(stmt, read_review);
}

}  // namespace caremarket::storage::postgres
