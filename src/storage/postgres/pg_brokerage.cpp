// PgStore: the brokerage tables (schema in schema_brokerage.cpp).
#include "core/text.hpp"
#include "storage/postgres/pg_codecs.hpp"
#include "storage/postgres/pg_store.hpp"

namespace caremarket::storage::postgres {
namespace {
using Lease = Pool::Lease;

constexpr std::string_view kReferralColumns =
    "id, council_id, created_by, status, for_child, kinds, age, needs, hours_per_week, home_district, home_latitude, "
    "home_longitude, preferred_authority, need_level, budget_ceiling_pence, needed_by, urgent, max_distance_miles, "
    "min_rating, inadequate_override_reason, pds_json, deadline, weights_json, outcome_reason, created_at, updated_at";
constexpr int kReferralWritten = 25;

// Binds every referral column after id, from $1.
void bind_referral(Stmt& s, const Referral& r) {
  s.bind(1, r.council_id).bind(2, r.created_by).bind(3, to_string(r.status)).bind(4, r.for_child);
  s.bind(5, encode_kinds(r.kinds)).bind(6, r.age).bind(7, join(r.needs, ",")).bind(8, r.hours_per_week);
  s.bind(9, r.home_district).bind(10, r.home.lat).bind(11, r.home.lon).bind(12, r.preferred_authority);
  s.bind(13, r.need_level);
  if (r.budget_ceiling) s.bind(14, r.budget_ceiling->pence());
  else s.bind_null(14);
  s.bind(15, r.needed_by.to_string()).bind(16, r.urgent).bind(17, r.max_distance_miles);
  s.bind(18, to_string(r.min_rating)).bind(19, r.inadequate_override_reason).bind(20, r.pds_json);
  s.bind(21, r.deadline).bind(22, r.weights_json).bind(23, r.outcome_reason).bind(24, r.created_at);
  s.bind(25, r.updated_at);
}

Referral read_referral(const Stmt& s) {
  Referral r;
  r.id = s.int64(0);
  r.council_id = s.int64(1);
  r.created_by = s.int64(2);
  r.status = referral_status_from(s.text(3)).value_or(ReferralStatus::draft);
  r.for_child = s.boolean(4);
  r.kinds = decode_kinds(s.text(5));
  r.age = s.int32(6);
  const auto needs = s.text(7);
  if (!needs.empty()) r.needs = split(needs, ',');
  r.hours_per_week = s.int32(8);
  r.home_district = s.text(9);
  r.home = {s.real(10), s.real(11)};
  r.preferred_authority = s.text(12);
  r.need_level = s.text(13);
  if (!s.is_null(14)) r.budget_ceiling = Money::from_pence(s.int64(14));
  if (auto d = Date::parse_iso(s.text(15))) r.needed_by = *d;
  r.urgent = s.boolean(16);
  r.max_distance_miles = s.real(17);
  r.min_rating = market::rating_from(s.text(18)).value_or(market::Rating::requires_improvement);
  r.inadequate_override_reason = s.text(19);
  r.pds_json = s.text(20);
  r.deadline = s.int64(21);
  r.weights_json = s.text(22);
  r.outcome_reason = s.text(23);
  r.created_at = s.int64(24);
  r.updated_at = s.int64(25);
  return r;
}

Offer read_offer(const Stmt& s) {
  Offer o;
  o.id = s.int64(0);
  o.referral_id = s.int64(1);
  o.service_id = s.int64(2);
  o.provider_id = s.int64(3);
  o.price = Money::from_pence(s.int64(4));
  o.unit = market::price_unit_from(s.text(5)).value_or(market::PriceUnit::week);
  if (auto d = Date::parse_iso(s.text(6))) o.start_date = *d;
  o.conditions = s.text(7);
  o.status = offer_status_from(s.text(8)).value_or(OfferStatus::open);
  o.feedback = s.text(9);
  o.created_at = s.int64(10);
  return o;
}

Placement read_placement(const Stmt& s) {
  Placement p;
  p.id = s.int64(0);
  p.referral_id = s.int64(1);
  p.council_id = s.int64(2);
  p.service_id = s.int64(3);
  p.provider_id = s.int64(4);
  p.offer_id = s.int64(5);
  if (auto d = Date::parse_iso(s.text(6))) p.start_date = *d;
  p.weekly_cost = Money::from_pence(s.int64(7));
  p.status = s.text(8) == "ended" ? PlacementStatus::ended : PlacementStatus::active;
  if (!s.is_null(9)) {
    if (auto d = Date::parse_iso(s.text(9))) p.end_date = *d;
  }
  p.end_reason = s.text(10);
  p.preferred_location = s.boolean(11);
  p.education_continuity = s.boolean(12);
  p.siblings_placed_together = s.int32(13);
  p.placement_type = s.text(14);
  p.places = s.int32(15);
  p.call_off_model = contract_model_from(s.text(16)).value_or(ContractModel::spot);
  if (!s.is_null(17)) p.contract_id = s.int64(17);
  p.call_off_reason = s.text(18);
  return p;
}

constexpr std::string_view kOfferColumns =
    "id, referral_id, service_id, provider_id, price_pence, unit, start_date, conditions, status, feedback, created_at";
constexpr std::string_view kPlacementColumns =
    "id, referral_id, council_id, service_id, provider_id, offer_id, start_date, weekly_cost_pence, status, end_date, "
    "end_reason, preferred_location, education_continuity, siblings_placed_together, placement_type, places, "
    "call_off_model, contract_id, call_off_reason";
constexpr int kPlacementWritten = 18;

void bind_placement(Stmt& s, const Placement& p) {
  s.bind(1, p.referral_id).bind(2, p.council_id).bind(3, p.service_id).bind(4, p.provider_id).bind(5, p.offer_id);
  s.bind(6, p.start_date.to_string()).bind(7, p.weekly_cost.pence());
  s.bind(8, p.status == PlacementStatus::ended ? "ended" : "active");
  s.bind(9, text_of(p.end_date));
  s.bind(10, p.end_reason).bind(11, p.preferred_location).bind(12, p.education_continuity);
  s.bind(13, p.siblings_placed_together).bind(14, p.placement_type).bind(15, p.places);
  s.bind(16, to_string(p.call_off_model)).bind(17, p.contract_id).bind(18, p.call_off_reason);
}

Error missing(const char* what, std::int64_t id) {
  return Error::not_found(std::string(what) + " " + std::to_string(id) + " does not exist");
}
}  // namespace

Result<std::int64_t> PgStore::create_referral(const Referral& r, const PersonalDetails& person) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare("INSERT INTO referrals (" + std::string(kReferralColumns.substr(4)) + ") VALUES (" +
                             placeholders(kReferralWritten) + ") RETURNING id");
    bind_referral(stmt, r);
    CM_ASSIGN_OR_RETURN(id, stmt.insert_id());
    auto people = db().prepare(
        "INSERT INTO referral_people (referral_id, name, date_of_birth, nhs_number, "
        "council_child_id, home_postcode) VALUES ($1, $2, $3, $4, $5, $6)");
    people.bind(1, id).bind(2, person.name).bind(3, person.date_of_birth).bind(4, person.nhs_number);
    people.bind(5, person.council_child_id).bind(6, person.home_postcode);
    return people.run();
  }));
  return id;
}

Status PgStore::update_referral(const Referral& r) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare("UPDATE referrals SET " + assignments(kReferralColumns.substr(4)) + " WHERE id = $" +
                             std::to_string(kReferralWritten + 1));
    bind_referral(stmt, r);
    stmt.bind(kReferralWritten + 1, r.id);
    CM_TRY_STATUS(stmt.run());
    if (stmt.changes() == 0) return missing("referral", r.id);
    return {};
  });
}

Result<Referral> PgStore::get_referral(std::int64_t id) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kReferralColumns) + " FROM referrals WHERE id = $1");
  stmt.bind(1, id);
  CM_ASSIGN_OR_RETURN(auto rows, collect<Referral>(stmt, read_referral));
  if (rows.empty()) return missing("referral", id);
  return rows.front();
}

Result<std::vector<Referral>> PgStore::referrals_of_council(std::int64_t council_id) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kReferralColumns) +
                           " FROM referrals WHERE council_id = $1 ORDER BY id DESC");
  stmt.bind(1, council_id);
  return collect<Referral>(stmt, read_referral);
}

Result<std::vector<Referral>> PgStore::referrals_sent_to(std::int64_t provider_id) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kReferralColumns) +
                           " FROM referrals WHERE id IN (SELECT referral_id FROM referral_recipients "
                           "WHERE provider_id = $1) ORDER BY id DESC");
  stmt.bind(1, provider_id);
  return collect<Referral>(stmt, read_referral);
}

Result<PersonalDetails> PgStore::personal_details(std::int64_t referral_id) {
  Lease lease(pool_);
  auto stmt = db().prepare(
      "SELECT referral_id, name, date_of_birth, nhs_number, council_child_id, home_postcode "
      "FROM referral_people WHERE referral_id = $1");
  stmt.bind(1, referral_id);
  CM_ASSIGN_OR_RETURN(auto rows, collect<PersonalDetails>(stmt, [](const Stmt& s) {
                        return PersonalDetails{s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)};
                      }));
  if (rows.empty()) return missing("referral", referral_id);
  return rows.front();
}

Status PgStore::add_recipients(const std::vector<Recipient>& recipients) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare(
        "INSERT INTO referral_recipients (referral_id, service_id, provider_id, status, "
        "decline_reason, score, distance_miles, sent_at) VALUES (" +
        placeholders(8) + ")");
    for (const auto& r : recipients) {
      stmt.bind(1, r.referral_id).bind(2, r.service_id).bind(3, r.provider_id).bind(4, to_string(r.status));
      stmt.bind(5, r.decline_reason).bind(6, r.score).bind(7, r.distance_miles).bind(8, r.sent_at);
      CM_TRY_STATUS(stmt.run());
      stmt.reset();
    }
    return {};
  });
}

Status PgStore::update_recipient(const Recipient& r) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare(
        "UPDATE referral_recipients SET status = $1, decline_reason = $2 "
        "WHERE referral_id = $3 AND service_id = $4");
    stmt.bind(1, to_string(r.status)).bind(2, r.decline_reason).bind(3, r.referral_id).bind(4, r.service_id);
    CM_TRY_STATUS(stmt.run());
    if (stmt.changes() == 0)
      return Error::not_found("the referral was not sent to service " + std::to_string(r.service_id));
    return {};
  });
}

Result<std::vector<Recipient>> PgStore::recipients(std::int64_t referral_id) {
  Lease lease(pool_);
  auto stmt = db().prepare(
      "SELECT referral_id, service_id, provider_id, status, decline_reason, score, distance_miles, "
      "sent_at FROM referral_recipients WHERE referral_id = $1 ORDER BY score DESC, service_id");
  stmt.bind(1, referral_id);
  return collect<Recipient>(stmt, [](const Stmt& s) {
    return Recipient{
        s.int64(0), s.int64(1), s.int64(2), recipient_status_from(s.text(3)).value_or(RecipientStatus::asked),
        s.text(4),  s.real(5),  s.real(6),  s.int64(7)};
  });
}

Result<std::int64_t> PgStore::create_offer(const Offer& o) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare("INSERT INTO offers (" + std::string(kOfferColumns.substr(4)) + ") VALUES (" +
                             placeholders(10) + ") RETURNING id");
    stmt.bind(1, o.referral_id).bind(2, o.service_id).bind(3, o.provider_id).bind(4, o.price.pence());
    stmt.bind(5, to_string(o.unit))
        .bind(6, o.start_date.to_string())
        .bind(7, o.conditions)
        .bind(8, to_string(o.status));
    stmt.bind(9, o.feedback).bind(10, o.created_at);
    CM_ASSIGN_OR_RETURN(id, stmt.insert_id());
    return {};
  }));
  return id;
}

Status PgStore::update_offer(const Offer& o) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare("UPDATE offers SET status = $1, feedback = $2 WHERE id = $3");
    stmt.bind(1, to_string(o.status)).bind(2, o.feedback).bind(3, o.id);
    CM_TRY_STATUS(stmt.run());
    if (stmt.changes() == 0) return missing("offer", o.id);
    return {};
  });
}

Result<Offer> PgStore::get_offer(std::int64_t id) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kOfferColumns) + " FROM offers WHERE id = $1");
  stmt.bind(1, id);
  CM_ASSIGN_OR_RETURN(auto rows, collect<Offer>(stmt, read_offer));
  if (rows.empty()) return missing("offer", id);
  return rows.front();
}

Result<std::vector<Offer>> PgStore::offers(std::int64_t referral_id) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kOfferColumns) + " FROM offers WHERE referral_id = $1 ORDER BY id");
  stmt.bind(1, referral_id);
  return collect<Offer>(stmt, read_offer);
}

Result<std::int64_t> PgStore::create_placement(const Placement& p) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare("INSERT INTO placements (" + std::string(kPlacementColumns.substr(4)) + ") VALUES (" +
                             placeholders(kPlacementWritten) + ") RETURNING id");
    bind_placement(stmt, p);
    CM_ASSIGN_OR_RETURN(id, stmt.insert_id());
    return {};
  }));
  return id;
}

Status PgStore::update_placement(const Placement& p) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare("UPDATE placements SET " + assignments(kPlacementColumns.substr(4)) + " WHERE id = $" +
                             std::to_string(kPlacementWritten + 1));
    bind_placement(stmt, p);
    stmt.bind(kPlacementWritten + 1, p.id);
    CM_TRY_STATUS(stmt.run());
    if (stmt.changes() == 0) return missing("placement", p.id);
    return {};
  });
}

Result<Placement> PgStore::get_placement(std::int64_t id) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kPlacementColumns) + " FROM placements WHERE id = $1");
  stmt.bind(1, id);
  CM_ASSIGN_OR_RETURN(auto rows, collect<Placement>(stmt, read_placement));
  if (rows.empty()) return missing("placement", id);
  return rows.front();
}

Result<std::vector<Placement>> PgStore::placements(std::optional<std::int64_t> council_id,
                                                   std::optional<std::int64_t> provider_id) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kPlacementColumns) +
                           " FROM placements WHERE ($1::BIGINT IS NULL OR council_id = $1) AND "
                           "($2::BIGINT IS NULL OR provider_id = $2) ORDER BY id DESC");
  stmt.bind(1, council_id).bind(2, provider_id);
  return collect<Placement>(stmt, read_placement);
}

Result<std::vector<Placement>> PgStore::placements_under(std::int64_t contract_id) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kPlacementColumns) +
                           " FROM placements WHERE contract_id = $1 ORDER BY start_date COLLATE \"C\", id");
  stmt.bind(1, contract_id);
  return collect<Placement>(stmt, read_placement);
}

Result<CouncilSettings> PgStore::council_settings(std::int64_t council_id) {
  Lease lease(pool_);
  auto stmt = db().prepare(
      "SELECT council_id, weight_quality, weight_price, weight_distance, weight_fit, "
      "benchmark_weekly_pence, benchmark_hourly_pence FROM council_settings WHERE council_id = $1");
  stmt.bind(1, council_id);
  CM_ASSIGN_OR_RETURN(auto rows, collect<CouncilSettings>(stmt, [](const Stmt& s) {
                        CouncilSettings c{s.int64(0), s.int32(1), s.int32(2), s.int32(3), s.int32(4), {}, {}};
                        if (!s.is_null(5)) c.benchmark_weekly = Money::from_pence(s.int64(5));
                        if (!s.is_null(6)) c.benchmark_hourly = Money::from_pence(s.int64(6));
                        return c;
                      }));
  if (rows.empty()) {
    CouncilSettings defaults;
    defaults.council_id = council_id;
    return defaults;
  }
  return rows.front();
}

Status PgStore::set_council_settings(const CouncilSettings& c) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare(
        "INSERT INTO council_settings (council_id, weight_quality, weight_price, weight_distance, weight_fit, "
        "benchmark_weekly_pence, benchmark_hourly_pence) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (council_id) "
        "DO UPDATE SET weight_quality = excluded.weight_quality, weight_price = excluded.weight_price, "
        "weight_distance = excluded.weight_distance, weight_fit = excluded.weight_fit, "
        "benchmark_weekly_pence = excluded.benchmark_weekly_pence, benchmark_hourly_pence = "
        "excluded.benchmark_hourly_pence");
    stmt.bind(1, c.council_id).bind(2, c.weight_quality).bind(3, c.weight_price).bind(4, c.weight_distance);
    stmt.bind(5, c.weight_fit);
    if (c.benchmark_weekly) stmt.bind(6, c.benchmark_weekly->pence());
    else stmt.bind_null(6);
    if (c.benchmark_hourly) stmt.bind(7, c.benchmark_hourly->pence());
    else stmt.bind_null(7);
    return stmt.run();
  });
}

Status PgStore::notify(const Notification& n) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare(
        "INSERT INTO notifications (organisation_id, kind, referral_id, message, created_at, read) "
        "VALUES ($1, $2, $3, $4, $5, false)");
    stmt.bind(1, n.organisation_id).bind(2, n.kind).bind(3, n.referral_id).bind(4, n.message).bind(5, n.created_at);
    return stmt.run();
  });
}

Result<std::vector<Notification>> PgStore::inbox(std::int64_t organisation_id) {
  Lease lease(pool_);
  auto stmt = db().prepare(
      "SELECT id, organisation_id, kind, referral_id, message, created_at, read FROM notifications "
      "WHERE organisation_id = $1 ORDER BY id DESC");
  stmt.bind(1, organisation_id);
  return collect<Notification>(stmt, [](const Stmt& s) {
    return Notification{s.int64(0), s.int64(1), s.text(2), s.int64(3), s.text(4), s.int64(5), s.boolean(6)};
  });
}

Status PgStore::mark_read(std::int64_t organisation_id, std::int64_t notification_id) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare("UPDATE notifications SET read = true WHERE id = $1 AND organisation_id = $2");
    stmt.bind(1, notification_id).bind(2, organisation_id);
    CM_TRY_STATUS(stmt.run());
    if (stmt.changes() == 0) return missing("notification", notification_id);
    return {};
  });
}

}  // namespace caremarket::storage::postgres
