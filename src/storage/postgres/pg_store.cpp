#include "storage/postgres/pg_store.hpp"

#include "core/text.hpp"
#include "storage/audit_chain.hpp"
#include "storage/postgres/pg_codecs.hpp"
#include "storage/postgres/pg_migrations.hpp"

namespace caremarket::storage::postgres {
namespace {
using market::Organisation;
using market::Service;
using Lease = Pool::Lease;

constexpr std::string_view kServiceColumns =
    "id, provider_id, name, kind, regulator, regulator_id, address, postcode, latitude, longitude, "
    "location_source, local_authority_code, places, age_min, age_max, needs, specialisms, rating, rating_date, "
    "domain_ratings, status, vacancies, vacancies_as_of, vacancies_set_by, vacancies_synthetic, source, "
    "source_key, match_key, notes, updated_at, risks_accepted, features";
constexpr std::string_view kServiceWritten = kServiceColumns.substr(4);  // without "id, "
constexpr int kServiceWrittenCount = 31;

std::string encode_ratings(const std::vector<market::DomainRating>& ratings) {
  std::vector<std::string> parts;
  for (const auto& r : ratings) parts.push_back(r.domain + "=" + std::string(to_string(r.rating)));
  return join(parts, ",");
}
std::vector<market::DomainRating> decode_ratings(const std::string& text) {
  std::vector<market::DomainRating> out;
  for (const auto& part : decode_list(text)) {
    const auto eq = part.find('=');
    if (eq == std::string::npos) continue;
    out.push_back({part.substr(0, eq), market::rating_from(part.substr(eq + 1)).value_or(market::Rating::not_rated)});
  }
  return out;
}

// Binds every service column after id, in kServiceColumns order, from $1.
void bind_service(Stmt& s, const Service& v) {
  s.bind(1, v.provider_id).bind(2, v.name).bind(3, to_string(v.kind)).bind(4, to_string(v.regulator));
  s.bind(5, v.regulator_id).bind(6, v.address).bind(7, v.postcode).bind(8, v.location.lat).bind(9, v.location.lon);
  s.bind(10, to_string(v.location_source)).bind(11, v.local_authority_code).bind(12, v.places);
  s.bind(13, v.age_min).bind(14, v.age_max).bind(15, encode_list(v.needs)).bind(16, encode_list(v.specialisms));
  s.bind(17, to_string(v.rating)).bind(18, text_of(v.rating_date));
  s.bind(19, encode_ratings(v.domain_ratings)).bind(20, to_string(v.status)).bind(21, v.vacancies);
  s.bind(22, v.vacancies_as_of).bind(23, v.vacancies_set_by).bind(24, v.vacancies_synthetic);
  s.bind(25, v.source).bind(26, v.source_key).bind(27, v.match_key).bind(28, v.notes).bind(29, v.updated_at);
  s.bind(30, encode_list(v.risks_accepted)).bind(31, encode_list(v.features));
}

Service read_service(const Stmt& s) {
  Service v;
  v.id = s.int64(0);
  v.provider_id = s.int64(1);
  v.name = s.text(2);
  v.kind = market::kind_of_care_from(s.text(3)).value_or(market::KindOfCare::care_home_residential);
  v.regulator = market::regulator_from(s.text(4)).value_or(market::Regulator::none);
  v.regulator_id = s.text(5);
  v.address = s.text(6);
  v.postcode = s.text(7);
  v.location = {s.real(8), s.real(9)};
  v.location_source = market::location_source_from(s.text(10)).value_or(market::LocationSource::postcode_district);
  v.local_authority_code = s.text(11);
  v.places = s.int32(12);
  v.age_min = s.int32(13);
  v.age_max = s.int32(14);
  v.needs = decode_list(s.text(15));
  v.specialisms = decode_list(s.text(16));
  v.rating = market::rating_from(s.text(17)).value_or(market::Rating::not_rated);
  if (!s.is_null(18)) {
    if (auto d = Date::parse_iso(s.text(18))) v.rating_date = *d;
  }
  v.domain_ratings = decode_ratings(s.text(19));
  v.status = market::service_status_from(s.text(20)).value_or(market::ServiceStatus::active);
  v.vacancies = s.int32(21);
  if (!s.is_null(22)) v.vacancies_as_of = s.int64(22);
  v.vacancies_set_by = s.int64(23);
  v.vacancies_synthetic = s.boolean(24);
  v.source = s.text(25);
  v.source_key = s.text(26);
  v.match_key = s.text(27);
  v.notes = s.text(28);
  v.updated_at = s.int64(29);
  v.risks_accepted = decode_list(s.text(30));
  v.features = decode_list(s.text(31));
  return v;
}

Organisation read_organisation(const Stmt& s) {
  Organisation o;
  o.id = s.int64(0);
  o.kind = market::organisation_kind_from(s.text(1)).value_or(market::OrganisationKind::provider);
  o.name = s.text(2);
  o.ons_code = s.text(3);
  o.regulator_id = s.text(4);
  o.source_key = s.text(5);
  return o;
}

User read_user(const Stmt& s) {
  User u;
  u.id = s.int64(0);
  u.organisation_id = s.int64(1);
  u.email = s.text(2);
  u.name = s.text(3);
  u.password_hash = s.text(4);
  u.roles = decode_list(s.text(5));
  u.active = s.boolean(6);
  u.created_at = s.int64(7);
  return u;
}

constexpr std::string_view kAuditColumns =
    "id, at, actor_user_id, actor_organisation_id, action, subject, detail, prev_hash, hash, mac";

AuditEvent read_audit(const Stmt& row) {
  return AuditEvent{row.int64(0), row.int64(1), row.int64(2), row.int64(3), row.text(4),
                    row.text(5),  row.text(6),  row.text(7),  row.text(8),  row.text(9)};
}

template <typename T>
Result<std::optional<T>> first_of(Result<std::vector<T>> rows) {
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<T>{};
  return std::optional<T>{std::move(rows->front())};
}
}  // namespace

Result<std::unique_ptr<PgStore>> PgStore::open(const std::string& url, int connections) {
  CM_ASSIGN_OR_RETURN(auto db, Db::open(url));
  CM_TRY_STATUS(migrate(*db));
  return std::unique_ptr<PgStore>(new PgStore(url, connections, std::move(db)));
}

Status PgStore::in_transaction(const std::function<Status()>& work) {
  Lease lease(pool_);
  Db& db = lease.db();
  const int depth = db.transaction_depth();
  const bool outer = depth == 0;
  const std::string savepoint = "sp" + std::to_string(depth);
  const std::string undo =
      outer ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT " + savepoint + "; RELEASE SAVEPOINT " + savepoint;
  // The writers' lock, taken first and held to the commit: one writing
  // transaction at a time across every server, as SQLite's BEGIN IMMEDIATE
  // gives one file. What a transaction reads and then decides on (the room
  // left at a service, whether a referral is placed) cannot change under it.
  // Every write method runs in here: alone, it takes the lock; inside a
  // caller's transaction, a savepoint lets it fail alone, as on SQLite
  // (PostgreSQL would otherwise abort the caller's whole transaction).
  CM_TRY_STATUS(db.exec(outer ? std::string("BEGIN; ") + std::string(kWriterLock) : "SAVEPOINT " + savepoint));
  if (outer) db.set_transaction_open(true);
  // Ends the outermost transaction whichever way it ends.
  const auto finish = [&](std::string_view sql) {
    Status done = db.exec(sql);
    if (outer) db.set_transaction_open(false);
    return done;
  };
  db.set_transaction_depth(depth + 1);
  Status result;
  try {
    result = work();
  } catch (...) {
    // Whatever threw, the work is undone and the connection is left as it
    // was: a transaction left open would commit with the next change.
    db.set_transaction_depth(depth);
    (void)finish(undo);
    throw;
  }
  db.set_transaction_depth(depth);
  if (!result) {
    (void)finish(undo);
    return result;
  }
  if (Status done = db.exec(outer ? "COMMIT" : "RELEASE SAVEPOINT " + savepoint); !done) {
    (void)finish(undo);
    return done;
  }
  if (outer) db.set_transaction_open(false);
  return {};
}

Result<int> PgStore::schema_version() {
  Lease lease(pool_);
  return postgres::schema_version(db());
}

// --- organisations ---------------------------------------------------------

Result<std::int64_t> PgStore::create_organisation(const Organisation& o) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare(
        "INSERT INTO organisations (kind, name, ons_code, regulator_id, source_key) "
        "VALUES ($1, $2, $3, $4, $5) RETURNING id");
    stmt.bind(1, to_string(o.kind)).bind(2, o.name).bind(3, o.ons_code).bind(4, o.regulator_id).bind(5, o.source_key);
    CM_ASSIGN_OR_RETURN(id, stmt.insert_id());
    return {};
  }));
  return id;
}

Status PgStore::update_organisation(const Organisation& o) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare(
        "UPDATE organisations SET kind = $1, name = $2, ons_code = $3, regulator_id = $4, "
        "source_key = $5 WHERE id = $6");
    stmt.bind(1, to_string(o.kind)).bind(2, o.name).bind(3, o.ons_code).bind(4, o.regulator_id).bind(5, o.source_key);
    stmt.bind(6, o.id);
    CM_TRY_STATUS(stmt.run());
    if (stmt.changes() == 0) return Error::not_found("organisation " + std::to_string(o.id) + " does not exist");
    return {};
  });
}

Result<std::vector<Organisation>> PgStore::query_organisations(std::string_view where, const Binder& bind) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT id, kind, name, ons_code, regulator_id, source_key FROM organisations " +
                           std::string(where) + " ORDER BY name COLLATE \"C\", id");
  if (bind) bind(stmt);
  return collect<Organisation>(stmt, read_organisation);
}

Result<Organisation> PgStore::get_organisation(std::int64_t id) {
  CM_ASSIGN_OR_RETURN(auto rows, query_organisations("WHERE id = $1", [&](Stmt& s) { s.bind(1, id); }));
  if (rows.empty()) return Error::not_found("organisation " + std::to_string(id) + " does not exist");
  return rows.front();
}

Result<std::optional<Organisation>> PgStore::find_organisation_by_key(const std::string& key) {
  return first_of(query_organisations("WHERE source_key = $1", [&](Stmt& s) { s.bind(1, key); }));
}

Result<std::vector<Organisation>> PgStore::list_organisations(std::optional<market::OrganisationKind> kind) {
  if (!kind) return query_organisations("");
  return query_organisations("WHERE kind = $1", [&](Stmt& s) { s.bind(1, to_string(*kind)); });
}

// --- services --------------------------------------------------------------

Result<std::int64_t> PgStore::create_service(const Service& v) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare("INSERT INTO services (" + std::string(kServiceWritten) + ") VALUES (" +
                             placeholders(kServiceWrittenCount) + ") RETURNING id");
    bind_service(stmt, v);
    CM_ASSIGN_OR_RETURN(id, stmt.insert_id());
    return {};
  }));
  return id;
}

Status PgStore::update_service(const Service& v) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare("UPDATE services SET " + assignments(kServiceWritten) + " WHERE id = $" +
                             std::to_string(kServiceWrittenCount + 1));
    bind_service(stmt, v);
    stmt.bind(kServiceWrittenCount + 1, v.id);
    CM_TRY_STATUS(stmt.run());
    if (stmt.changes() == 0) return Error::not_found("service " + std::to_string(v.id) + " does not exist");
    return {};
  });
}

Result<std::vector<Service>> PgStore::query_services(std::string_view where, const Binder& bind) {
  Lease lease(pool_);
  auto stmt =
      db().prepare("SELECT " + std::string(kServiceColumns) + " FROM services " + std::string(where) + " ORDER BY id");
  if (bind) bind(stmt);
  return collect<Service>(stmt, read_service);
}

Result<Service> PgStore::get_service(std::int64_t id) {
  CM_ASSIGN_OR_RETURN(auto rows, query_services("WHERE id = $1", [&](Stmt& s) { s.bind(1, id); }));
  if (rows.empty()) return Error::not_found("service " + std::to_string(id) + " does not exist");
  return rows.front();
}

Result<std::optional<Service>> PgStore::find_service_by_key(const std::string& key) {
  return first_of(query_services("WHERE source_key = $1", [&](Stmt& s) { s.bind(1, key); }));
}

Result<std::optional<Service>> PgStore::find_service_by_match_key(const std::string& key) {
  if (key.empty()) return std::optional<Service>{};
  return first_of(query_services("WHERE match_key = $1", [&](Stmt& s) { s.bind(1, key); }));
}

Result<std::vector<Service>> PgStore::list_services() { return query_services(""); }

// --- vacancies and prices ----------------------------------------------------

Status PgStore::set_vacancies(const market::VacancyUpdate& u) {
  return in_transaction([&]() -> Status {
    auto update = db().prepare(
        "UPDATE services SET vacancies = $1, vacancies_as_of = $2, vacancies_set_by = $3, "
        "vacancies_synthetic = false, updated_at = $2 WHERE id = $4");
    update.bind(1, u.count).bind(2, u.as_of).bind(3, u.set_by).bind(4, u.service_id);
    CM_TRY_STATUS(update.run());
    if (update.changes() == 0) return Error::not_found("service " + std::to_string(u.service_id) + " does not exist");
    auto insert =
        db().prepare("INSERT INTO vacancy_history (service_id, count, as_of, set_by) VALUES ($1, $2, $3, $4)");
    insert.bind(1, u.service_id).bind(2, u.count).bind(3, u.as_of).bind(4, u.set_by);
    return insert.run();
  });
}

Result<std::vector<market::VacancyUpdate>> PgStore::vacancy_history(std::int64_t service_id) {
  Lease lease(pool_);
  auto stmt =
      db().prepare("SELECT service_id, count, as_of, set_by FROM vacancy_history WHERE service_id = $1 ORDER BY id");
  stmt.bind(1, service_id);
  return collect<market::VacancyUpdate>(stmt, [](const Stmt& row) {
    return market::VacancyUpdate{row.int64(0), row.int32(1), row.int64(2), row.int64(3)};
  });
}

Status PgStore::set_prices(std::int64_t service_id, const std::vector<market::PriceEntry>& prices) {
  return in_transaction([&]() -> Status {
    auto exists = db().prepare("SELECT 1 FROM services WHERE id = $1");
    exists.bind(1, service_id);
    CM_ASSIGN_OR_RETURN(const bool found, exists.step());
    if (!found) return Error::not_found("service " + std::to_string(service_id) + " does not exist");
    auto stmt = db().prepare(
        "INSERT INTO prices (service_id, need_level, unit, amount_pence, valid_from, synthetic) "
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (service_id, need_level, valid_from) DO UPDATE SET "
        "unit = excluded.unit, amount_pence = excluded.amount_pence, synthetic = excluded.synthetic");
    for (const auto& p : prices) {
      stmt.bind(1, service_id).bind(2, p.need_level).bind(3, to_string(p.unit)).bind(4, p.amount.pence());
      stmt.bind(5, p.valid_from.to_string()).bind(6, p.synthetic);
      if (Status s = stmt.run(); !s) {
        if (s.error().code == ErrorCode::conflict) {
          return Error::invalid("price for need level '" + p.need_level +
                                "' breaks a rule of the register: " + s.error().message);
        }
        return s;
      }
      stmt.reset();
    }
    return {};
  });
}

Result<std::vector<market::PriceEntry>> PgStore::prices(std::int64_t service_id) {
  Lease lease(pool_);
  auto stmt = db().prepare(
      "SELECT need_level, unit, amount_pence, valid_from, synthetic FROM prices "
      "WHERE service_id = $1 ORDER BY valid_from COLLATE \"C\", need_level COLLATE \"C\"");
  stmt.bind(1, service_id);
  return collect<market::PriceEntry>(stmt, [](const Stmt& row) {
    market::PriceEntry p;
    p.need_level = row.text(0);
    p.unit = market::price_unit_from(row.text(1)).value_or(market::PriceUnit::week);
    p.amount = Money::from_pence(row.int64(2));
    if (auto d = Date::parse_iso(row.text(3))) p.valid_from = *d;
    p.synthetic = row.boolean(4);
    return p;
  });
}

// --- accounts --------------------------------------------------------------

Result<std::int64_t> PgStore::create_user(const User& u) {
  std::int64_t id = 0;
  CM_TRY_STATUS(in_transaction([&]() -> Status {
    auto stmt = db().prepare(
        "INSERT INTO users (organisation_id, email, name, password_hash, roles, active, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
    stmt.bind(1, u.organisation_id).bind(2, to_lower(u.email)).bind(3, u.name).bind(4, u.password_hash);
    stmt.bind(5, encode_list(u.roles)).bind(6, u.active).bind(7, u.created_at);
    auto inserted = stmt.insert_id();
    if (!inserted) {
      if (inserted.error().code == ErrorCode::conflict) {
        return Error::conflict("a user with the email '" + to_lower(u.email) +
                               "' already exists, or the organisation does not");
      }
      return inserted.error();
    }
    id = *inserted;
    return {};
  }));
  return id;
}

Result<std::vector<User>> PgStore::query_users(std::string_view where, const Binder& bind) {
  Lease lease(pool_);
  auto stmt =
      db().prepare("SELECT id, organisation_id, email, name, password_hash, roles, active, created_at FROM users " +
                   std::string(where) + " ORDER BY id");
  if (bind) bind(stmt);
  return collect<User>(stmt, read_user);
}

Result<User> PgStore::get_user(std::int64_t id) {
  CM_ASSIGN_OR_RETURN(auto rows, query_users("WHERE id = $1", [&](Stmt& s) { s.bind(1, id); }));
  if (rows.empty()) return Error::not_found("user " + std::to_string(id) + " does not exist");
  return rows.front();
}

Result<std::optional<User>> PgStore::find_user_by_email(const std::string& email) {
  const auto lower = to_lower(email);
  return first_of(query_users("WHERE email = $1", [&](Stmt& s) { s.bind(1, lower); }));
}

Result<std::vector<User>> PgStore::list_users(std::optional<std::int64_t> organisation_id) {
  if (!organisation_id) return query_users("");
  return query_users("WHERE organisation_id = $1", [&](Stmt& s) { s.bind(1, *organisation_id); });
}

Status PgStore::create_session(const Session& s) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, revoked) "
        "VALUES ($1, $2, $3, $4, $5)");
    stmt.bind(1, s.token_hash).bind(2, s.user_id).bind(3, s.created_at).bind(4, s.expires_at).bind(5, s.revoked);
    return stmt.run();
  });
}

Result<std::optional<Session>> PgStore::find_session(const std::string& token_hash) {
  Lease lease(pool_);
  auto stmt =
      db().prepare("SELECT token_hash, user_id, created_at, expires_at, revoked FROM sessions WHERE token_hash = $1");
  stmt.bind(1, token_hash);
  CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
  if (!row) return std::optional<Session>{};
  return std::optional<Session>{Session{stmt.text(0), stmt.int64(1), stmt.int64(2), stmt.int64(3), stmt.boolean(4)}};
}

Result<std::optional<SessionUser>> PgStore::find_session_user(const std::string& token_hash) {
  Lease lease(pool_);
  auto stmt = db().prepare(
      "SELECT u.id, u.organisation_id, u.email, u.name, u.password_hash, u.roles, u.active, u.created_at, "
      "s.token_hash, s.user_id, s.created_at, s.expires_at, s.revoked, o.kind FROM sessions s "
      "JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id WHERE s.token_hash = $1");
  stmt.bind(1, token_hash);
  CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
  if (!row) return std::optional<SessionUser>{};
  SessionUser found{Session{stmt.text(8), stmt.int64(9), stmt.int64(10), stmt.int64(11), stmt.boolean(12)},
                    read_user(stmt),
                    market::organisation_kind_from(stmt.text(13)).value_or(market::OrganisationKind::provider)};
  return std::optional<SessionUser>{std::move(found)};
}

Status PgStore::revoke_session(const std::string& token_hash) {
  return in_transaction([&]() -> Status {
    auto stmt = db().prepare("UPDATE sessions SET revoked = true WHERE token_hash = $1");
    stmt.bind(1, token_hash);
    return stmt.run();
  });
}

// --- audit -----------------------------------------------------------------

namespace {
// Once signed, always signed: a writer without the trail's key, or with
// another, is refused rather than leaving an entry `verify` reports.
Status key_fits(const std::string& key, std::int64_t id, const std::string& hash, const std::string& mac) {
  if (mac.empty()) return {};
  if (key.empty()) {
    return Error::unavailable(
        "the audit trail is signed with a key kept outside the database: name its file with "
        "--audit-key-file or CAREMARKET_AUDIT_KEY_FILE");
  }
  if (audit_entry_mac(key, hash) != mac) {
    return Error::unavailable("the audit key given is not the one that signed the trail (entry " + std::to_string(id) +
                              "); name the trail's own key file");
  }
  return {};
}
constexpr std::string_view kNewestEntry = "SELECT id, hash, mac FROM audit_events ORDER BY id DESC LIMIT 1";
}  // namespace

Status PgStore::check_audit_key() {
  Lease lease(pool_);
  auto last = db().prepare(kNewestEntry);
  CM_ASSIGN_OR_RETURN(const bool any, last.step());
  if (!any) return {};
  return key_fits(audit_key_, last.int64(0), last.text(1), last.text(2));
}

Status PgStore::append_audit(const AuditEvent& event) {
  // The newest entry is read and the new one written in one transaction,
  // under the writers' lock: two writers (two servers, too) cannot both
  // chain onto the same entry. Inside a caller's transaction no savepoint
  // of its own: an entry that fails to go in fails the whole change (on
  // PostgreSQL the transaction is aborted), and two round trips are saved.
  const auto append = [&]() -> Status {
    auto last = db().prepare(kNewestEntry);
    CM_ASSIGN_OR_RETURN(const bool any, last.step());
    if (any) CM_TRY_STATUS(key_fits(audit_key_, last.int64(0), last.text(1), last.text(2)));
    AuditEvent e = event;
    e.id = any ? last.int64(0) + 1 : 1;
    e.prev_hash = any ? last.text(1) : std::string(kAuditGenesis);
    if (e.detail.empty()) e.detail = "{}";
    e.hash = audit_entry_hash(e);
    e.mac = audit_key_.empty() ? std::string() : audit_entry_mac(audit_key_, e.hash);
    auto stmt =
        db().prepare("INSERT INTO audit_events (" + std::string(kAuditColumns) + ") VALUES (" + placeholders(10) + ")");
    stmt.bind(1, e.id).bind(2, e.at).bind(3, e.actor_user_id).bind(4, e.actor_organisation_id).bind(5, e.action);
    stmt.bind(6, e.subject).bind(7, e.detail).bind(8, e.prev_hash).bind(9, e.hash).bind(10, e.mac);
    return stmt.run();
  };
  Lease lease(pool_);
  if (db().transaction_depth() > 0) return append();
  return in_transaction(append);
}

Result<std::vector<AuditEvent>> PgStore::audit_for(const std::string& subject) {
  Lease lease(pool_);
  auto stmt =
      db().prepare("SELECT " + std::string(kAuditColumns) + " FROM audit_events WHERE subject = $1 ORDER BY id");
  stmt.bind(1, subject);
  return collect<AuditEvent>(stmt, read_audit);
}

Result<std::vector<AuditEvent>> PgStore::audit_log() {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT " + std::string(kAuditColumns) + " FROM audit_events ORDER BY id");
  return collect<AuditEvent>(stmt, read_audit);
}

}  // namespace caremarket::storage::postgres
