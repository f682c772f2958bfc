#include "storage/sqlite/sqlite_store.hpp"

#include "core/text.hpp"
#include "storage/audit_chain.hpp"
#include "storage/sqlite/migrations.hpp"

namespace caremarket::storage::sqlite {
namespace {
using market::Organisation;
using market::Service;
using Lock = std::lock_guard<std::recursive_mutex>;

constexpr std::string_view kServiceColumns =
    "id, provider_id, name, kind, regulator, regulator_id, address, postcode, latitude, longitude, "
    "location_source, local_authority_code, places, age_min, age_max, needs, specialisms, rating, rating_date, "
    "domain_ratings, status, vacancies, vacancies_as_of, vacancies_set_by, vacancies_synthetic, source, "
    "source_key, match_key, notes, updated_at, risks_accepted, features";

std::string encode_list(const std::vector<std::string>& items) { return join(items, ","); }
std::vector<std::string> decode_list(const std::string& text) {
  if (text.empty()) return {};
  return split(text, ',');
}

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

// The columns after id, written once for INSERT and UPDATE.
constexpr std::string_view kServiceWritten = kServiceColumns.substr(4);

// Binds every column of kServiceWritten in order from index 1; returns the next index.
int bind_service(Stmt& s, const Service& v) {
  std::optional<std::string> rating_date;
  if (v.rating_date) rating_date = v.rating_date->to_string();
  return s.bind_from(1, v.provider_id, v.name, to_string(v.kind), to_string(v.regulator), v.regulator_id, v.address,
                     v.postcode, v.location.lat, v.location.lon, to_string(v.location_source), v.local_authority_code,
                     v.places, v.age_min, v.age_max, encode_list(v.needs), encode_list(v.specialisms),
                     to_string(v.rating), rating_date, encode_ratings(v.domain_ratings), to_string(v.status),
                     v.vacancies, v.vacancies_as_of, v.vacancies_set_by, v.vacancies_synthetic, v.source, v.source_key,
                     v.match_key, v.notes, v.updated_at, encode_list(v.risks_accepted), encode_list(v.features));
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
  v.vacancies_synthetic = s.int32(24) != 0;
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
  u.active = s.int32(6) != 0;
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

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  CM_ASSIGN_OR_RETURN(auto db, Db::open(path));
  CM_TRY_STATUS(db->exec("PRAGMA foreign_keys = ON"));
  if (path != ":memory:") CM_TRY_STATUS(db->exec("PRAGMA journal_mode = WAL"));
  CM_TRY_STATUS(db->exec("PRAGMA synchronous = NORMAL"));
  CM_TRY_STATUS(migrate(*db));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db)));
}

Status SqliteStore::in_transaction(const std::function<Status()>& work) {
  Lock lock(mutex_);
  const bool outer = depth_ == 0;
  const std::string savepoint = "sp" + std::to_string(depth_);
  CM_TRY_STATUS(db_->exec(outer ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint));
  ++depth_;
  Status result;
  try {
    result = work();
  } catch (...) {
    // Whatever threw, the work is undone and the connection is left as it
    // was: an open transaction would show uncommitted rows to every later
    // read on this connection, and a later commit would make them permanent.
    --depth_;
    (void)db_->exec(outer ? "ROLLBACK" : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
    throw;
  }
  --depth_;
  if (!result) {
    (void)db_->exec(outer ? "ROLLBACK" : "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
    return result;
  }
  if (Status done = db_->exec(outer ? "COMMIT" : "RELEASE " + savepoint); !done) {
    if (outer) (void)db_->exec("ROLLBACK");
    return done;
  }
  return {};
}

Result<int> SqliteStore::schema_version() {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("PRAGMA user_version"));
  CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
  return row ? stmt.int32(0) : 0;
}

// --- organisations ---------------------------------------------------------

Result<std::int64_t> SqliteStore::create_organisation(const Organisation& o) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt,
                      db_->prepare("INSERT INTO organisations (kind, name, ons_code, regulator_id, source_key) "
                                   "VALUES (?, ?, ?, ?, ?)"));
  stmt.bind(1, to_string(o.kind)).bind(2, o.name).bind(3, o.ons_code).bind(4, o.regulator_id).bind(5, o.source_key);
  CM_TRY_STATUS(stmt.run());
  return db_->last_insert_id();
}

Status SqliteStore::update_organisation(const Organisation& o) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("UPDATE organisations SET kind = ?, name = ?, ons_code = ?, "
                                              "regulator_id = ?, source_key = ? WHERE id = ?"));
  stmt.bind(1, to_string(o.kind)).bind(2, o.name).bind(3, o.ons_code).bind(4, o.regulator_id).bind(5, o.source_key);
  stmt.bind(6, o.id);
  CM_TRY_STATUS(stmt.run());
  if (db_->changes() == 0) return Error::not_found("organisation " + std::to_string(o.id) + " does not exist");
  return {};
}

Result<std::vector<Organisation>> SqliteStore::query_organisations(std::string_view where, const std::string& arg) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("SELECT id, kind, name, ons_code, regulator_id, source_key FROM "
                                              "organisations " +
                                              std::string(where) + " ORDER BY name, id"));
  if (!arg.empty()) stmt.bind(1, arg);
  return collect<Organisation>(stmt, read_organisation);
}

Result<Organisation> SqliteStore::get_organisation(std::int64_t id) {
  CM_ASSIGN_OR_RETURN(auto rows, query_organisations("WHERE id = ?", std::to_string(id)));
  if (rows.empty()) return Error::not_found("organisation " + std::to_string(id) + " does not exist");
  return rows.front();
}

Result<std::optional<Organisation>> SqliteStore::find_organisation_by_key(const std::string& key) {
  return first_of(query_organisations("WHERE source_key = ?", key));
}

Result<std::vector<Organisation>> SqliteStore::list_organisations(std::optional<market::OrganisationKind> kind) {
  if (!kind) return query_organisations("", "");
  return query_organisations("WHERE kind = ?", std::string(to_string(*kind)));
}

// --- services --------------------------------------------------------------

Result<std::int64_t> SqliteStore::create_service(const Service& v) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("INSERT INTO services (" + std::string(kServiceWritten) + ") VALUES (" +
                                              placeholders(kServiceWritten) + ")"));
  bind_service(stmt, v);
  CM_TRY_STATUS(stmt.run());
  return db_->last_insert_id();
}

Status SqliteStore::update_service(const Service& v) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("UPDATE services SET " + assignments(kServiceWritten) + " WHERE id = ?"));
  stmt.bind(bind_service(stmt, v), v.id);
  CM_TRY_STATUS(stmt.run());
  if (db_->changes() == 0) return Error::not_found("service " + std::to_string(v.id) + " does not exist");
  return {};
}

Result<std::vector<Service>> SqliteStore::query_services(std::string_view where, const std::string& arg) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("SELECT " + std::string(kServiceColumns) + " FROM services " +
                                              std::string(where) + " ORDER BY id"));
  if (!arg.empty()) stmt.bind(1, arg);
  return collect<Service>(stmt, read_service);
}

Result<Service> SqliteStore::get_service(std::int64_t id) {
  CM_ASSIGN_OR_RETURN(auto rows, query_services("WHERE id = ?", std::to_string(id)));
  if (rows.empty()) return Error::not_found("service " + std::to_string(id) + " does not exist");
  return rows.front();
}

Result<std::optional<Service>> SqliteStore::find_service_by_key(const std::string& key) {
  return first_of(query_services("WHERE source_key = ?", key));
}

Result<std::optional<Service>> SqliteStore::find_service_by_match_key(const std::string& key) {
  if (key.empty()) return std::optional<Service>{};
  return first_of(query_services("WHERE match_key = ?", key));
}

Result<std::vector<Service>> SqliteStore::list_services() { return query_services("", ""); }

// --- vacancies and prices ----------------------------------------------------

Status SqliteStore::set_vacancies(const market::VacancyUpdate& u) {
  return in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(auto update, db_->prepare("UPDATE services SET vacancies = ?, vacancies_as_of = ?, "
                                                  "vacancies_set_by = ?, vacancies_synthetic = 0, updated_at = ? "
                                                  "WHERE id = ?"));
    update.bind(1, u.count).bind(2, u.as_of).bind(3, u.set_by).bind(4, u.as_of).bind(5, u.service_id);
    CM_TRY_STATUS(update.run());
    if (db_->changes() == 0) return Error::not_found("service " + std::to_string(u.service_id) + " does not exist");
    CM_ASSIGN_OR_RETURN(auto insert, db_->prepare("INSERT INTO vacancy_history (service_id, count, as_of, set_by) "
                                                  "VALUES (?, ?, ?, ?)"));
    insert.bind(1, u.service_id).bind(2, u.count).bind(3, u.as_of).bind(4, u.set_by);
    return insert.run();
  });
}

Result<std::vector<market::VacancyUpdate>> SqliteStore::vacancy_history(std::int64_t service_id) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("SELECT service_id, count, as_of, set_by FROM vacancy_history "
                                              "WHERE service_id = ? ORDER BY id"));
  stmt.bind(1, service_id);
  return collect<market::VacancyUpdate>(stmt, [](const Stmt& row) {
    return market::VacancyUpdate{row.int64(0), row.int32(1), row.int64(2), row.int64(3)};
  });
}

Status SqliteStore::set_prices(std::int64_t service_id, const std::vector<market::PriceEntry>& prices) {
  return in_transaction([&]() -> Status {
    CM_ASSIGN_OR_RETURN(auto exists, db_->prepare("SELECT 1 FROM services WHERE id = ?"));
    exists.bind(1, service_id);
    CM_ASSIGN_OR_RETURN(const bool found, exists.step());
    if (!found) return Error::not_found("service " + std::to_string(service_id) + " does not exist");
    CM_ASSIGN_OR_RETURN(
        auto stmt, db_->prepare("INSERT INTO prices (service_id, need_level, unit, amount_pence, valid_from, "
                                "synthetic) VALUES (?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (service_id, need_level, valid_from) DO UPDATE SET unit = excluded.unit, "
                                "amount_pence = excluded.amount_pence, synthetic = excluded.synthetic"));
    for (const auto& p : prices) {
      stmt.bind(1, service_id).bind(2, p.need_level).bind(3, to_string(p.unit)).bind(4, p.amount.pence());
      stmt.bind(5, p.valid_from.to_string()).bind(6, p.synthetic ? 1 : 0);
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

Result<std::vector<market::PriceEntry>> SqliteStore::prices(std::int64_t service_id) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt,
                      db_->prepare("SELECT need_level, unit, amount_pence, valid_from, synthetic FROM prices "
                                   "WHERE service_id = ? ORDER BY valid_from, need_level"));
  stmt.bind(1, service_id);
  return collect<market::PriceEntry>(stmt, [](const Stmt& row) {
    market::PriceEntry p;
    p.need_level = row.text(0);
    p.unit = market::price_unit_from(row.text(1)).value_or(market::PriceUnit::week);
    p.amount = Money::from_pence(row.int64(2));
    if (auto d = Date::parse_iso(row.text(3))) p.valid_from = *d;
    p.synthetic = row.int32(4) != 0;
    return p;
  });
}

// --- accounts --------------------------------------------------------------

Result<std::int64_t> SqliteStore::create_user(const User& u) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("INSERT INTO users (organisation_id, email, name, password_hash, roles, "
                                              "active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  stmt.bind(1, u.organisation_id).bind(2, to_lower(u.email)).bind(3, u.name).bind(4, u.password_hash);
  stmt.bind(5, encode_list(u.roles)).bind(6, u.active ? 1 : 0).bind(7, u.created_at);
  if (Status s = stmt.run(); !s) {
    if (s.error().code == ErrorCode::conflict) {
      return Error::conflict("a user with the email '" + to_lower(u.email) +
                             "' already exists, or the organisation does not");
    }
    return s.error();
  }
  return db_->last_insert_id();
}

Result<std::vector<User>> SqliteStore::query_users(std::string_view where, const std::string& arg) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("SELECT id, organisation_id, email, name, password_hash, roles, active, "
                                              "created_at FROM users " +
                                              std::string(where) + " ORDER BY id"));
  if (!arg.empty()) stmt.bind(1, arg);
  return collect<User>(stmt, read_user);
}

Result<User> SqliteStore::get_user(std::int64_t id) {
  CM_ASSIGN_OR_RETURN(auto rows, query_users("WHERE id = ?", std::to_string(id)));
  if (rows.empty()) return Error::not_found("user " + std::to_string(id) + " does not exist");
  return rows.front();
}

Result<std::optional<User>> SqliteStore::find_user_by_email(const std::string& email) {
  return first_of(query_users("WHERE email = ?", to_lower(email)));
}

Result<std::vector<User>> SqliteStore::list_users(std::optional<std::int64_t> organisation_id) {
  if (!organisation_id) return query_users("", "");
  return query_users("WHERE organisation_id = ?", std::to_string(*organisation_id));
}

Status SqliteStore::create_session(const Session& s) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, "
                                              "revoked) VALUES (?, ?, ?, ?, ?)"));
  stmt.bind(1, s.token_hash).bind(2, s.user_id).bind(3, s.created_at).bind(4, s.expires_at).bind(5, s.revoked ? 1 : 0);
  return stmt.run();
}

Result<std::optional<Session>> SqliteStore::find_session(const std::string& token_hash) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("SELECT token_hash, user_id, created_at, expires_at, revoked FROM "
                                              "sessions WHERE token_hash = ?"));
  stmt.bind(1, token_hash);
  CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
  if (!row) return std::optional<Session>{};
  return std::optional<Session>{Session{stmt.text(0), stmt.int64(1), stmt.int64(2), stmt.int64(3), stmt.int32(4) != 0}};
}

Result<std::optional<SessionUser>> SqliteStore::find_session_user(const std::string& token_hash) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(
      auto stmt,
      db_->prepare(
          "SELECT u.id, u.organisation_id, u.email, u.name, u.password_hash, u.roles, u.active, u.created_at, "
          "s.token_hash, s.user_id, s.created_at, s.expires_at, s.revoked, o.kind FROM sessions s "
          "JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id WHERE s.token_hash = ?"));
  stmt.bind(1, token_hash);
  CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
  if (!row) return std::optional<SessionUser>{};
  SessionUser found{Session{stmt.text(8), stmt.int64(9), stmt.int64(10), stmt.int64(11), stmt.int32(12) != 0},
                    read_user(stmt),
                    market::organisation_kind_from(stmt.text(13)).value_or(market::OrganisationKind::provider)};
  return std::optional<SessionUser>{std::move(found)};
}

Status SqliteStore::revoke_session(const std::string& token_hash) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("UPDATE sessions SET revoked = 1 WHERE token_hash = ?"));
  stmt.bind(1, token_hash);
  return stmt.run();
}

// --- audit -----------------------------------------------------------------

Status SqliteStore::check_audit_key() {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto last, db_->prepare("SELECT id, hash, mac FROM audit_events ORDER BY id DESC LIMIT 1"));
  CM_ASSIGN_OR_RETURN(const bool any, last.step());
  if (!any || last.text(2).empty()) return {};
  if (audit_key_.empty()) {
    return Error::unavailable(
        "the audit trail is signed with a key kept outside the database: name its file with "
        "--audit-key-file or CAREMARKET_AUDIT_KEY_FILE");
  }
  if (audit_entry_mac(audit_key_, last.text(1)) != last.text(2)) {
    return Error::unavailable("the audit key given is not the one that signed the trail (entry " +
                              std::to_string(last.int64(0)) + "); name the trail's own key file");
  }
  return {};
}

Status SqliteStore::append_audit(const AuditEvent& event) {
  // The newest entry's hash is read and the new entry written in one
  // transaction, so two writers cannot both chain onto the same entry.
  return in_transaction([&]() -> Status {
    // Once signed, always signed: a writer without the trail's key is
    // refused rather than leaving an unsigned entry that `verify` reports.
    CM_TRY_STATUS(check_audit_key());
    CM_ASSIGN_OR_RETURN(auto last, db_->prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1"));
    CM_ASSIGN_OR_RETURN(const bool any, last.step());
    AuditEvent e = event;
    e.id = any ? last.int64(0) + 1 : 1;
    e.prev_hash = any ? last.text(1) : std::string(kAuditGenesis);
    if (e.detail.empty()) e.detail = "{}";
    e.hash = audit_entry_hash(e);
    e.mac = audit_key_.empty() ? std::string() : audit_entry_mac(audit_key_, e.hash);
    CM_ASSIGN_OR_RETURN(
        auto stmt,
        db_->prepare("INSERT INTO audit_events (id, at, actor_user_id, actor_organisation_id, "
                     "action, subject, detail, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt.bind(1, e.id).bind(2, e.at).bind(3, e.actor_user_id).bind(4, e.actor_organisation_id).bind(5, e.action);
    stmt.bind(6, e.subject).bind(7, e.detail).bind(8, e.prev_hash).bind(9, e.hash).bind(10, e.mac);
    return stmt.run();
  });
}

Result<std::vector<AuditEvent>> SqliteStore::audit_for(const std::string& subject) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("SELECT " + std::string(kAuditColumns) +
                                              " FROM audit_events WHERE subject = ? ORDER BY id"));
  stmt.bind(1, subject);
  return collect<AuditEvent>(stmt, read_audit);
}

Result<std::vector<AuditEvent>> SqliteStore::audit_log() {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt,
                      db_->prepare("SELECT " + std::string(kAuditColumns) + " FROM audit_events ORDER BY id"));
  return collect<AuditEvent>(stmt, read_audit);
}

}  // namespace caremarket::storage::sqlite
