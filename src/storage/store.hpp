#pragma once
// The one storage interface. SQLite (sqlite/) implements it for a single
// council; PostgreSQL (postgres/) implements it for shared use; both pass the
// same contract suite (tests/storage/store_contract.hpp).
//
// Every method is atomic. in_transaction() groups several calls into one
// transaction: all of them land or none does.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "market/types.hpp"
#include "storage/allocation_store.hpp"
#include "storage/brokerage_store.hpp"
#include "storage/contract_store.hpp"
#include "storage/intelligence_store.hpp"
#include "storage/invoice_store.hpp"
#include "storage/pricing_store.hpp"

namespace caremarket::storage {

struct User {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string email;  // stored lower case; unique
  std::string name;
  std::string password_hash;  // argon2id encoded string
  std::vector<std::string> roles;
  bool active = true;
  Timestamp created_at = 0;
};

struct Session {
  std::string token_hash;  // SHA-256 of the bearer token; the token itself is never stored
  std::int64_t user_id = 0;
  Timestamp created_at = 0;
  Timestamp expires_at = 0;
  bool revoked = false;
};

// A session with its user and the kind of the user's organisation: what
// every signed-in request reads, in one query.
struct SessionUser {
  Session session;
  User user;
  market::OrganisationKind organisation_kind = market::OrganisationKind::provider;
};

struct AuditEvent {
  std::int64_t id = 0;
  Timestamp at = 0;
  std::int64_t actor_user_id = 0;  // 0: the system (an import run from the CLI, the demo)
  std::int64_t actor_organisation_id = 0;
  std::string action;   // "service.update", "vacancies.set", "login.failed", ...
  std::string subject;  // "service:42", "user:7"
  std::string detail;   // JSON, what changed
  // The chain: each entry's hash covers its content and the previous
  // entry's hash, so altering, removing or reordering entries shows.
  std::string prev_hash;
  std::string hash;
  // HMAC-SHA256 of `hash` under the audit key, a key kept outside the
  // database (audit_chain.hpp); empty for entries written without a key.
  std::string mac = {};
};

// A change to the register (a service, its prices or vacancies, an
// organisation), recorded by the database itself (triggers, in both
// backends): one row per subject, whose number is raised at each change.
// Writers take turns, so the numbers follow commit order.
struct RegisterChange {
  std::string subject;  // "service:42", "organisation:7"
  std::int64_t seq = 0;
};

// Waits for a sign that the register may have changed through another
// connection: another server, an import.
class ChangeWaiter {
 public:
  virtual ~ChangeWaiter() = default;
  // Returns within about `timeout`: true when something may have changed
  // (a backend that cannot tell says true), false when nothing did.
  virtual bool wait(std::chrono::milliseconds timeout) = 0;
};

class Store : public BrokerageStore,
              public ContractStore,
              public InvoiceStore,
              public PricingStore,
              public AllocationStore,
              public IntelligenceStore {
 public:
  ~Store() override = default;

  // Runs `work` in one transaction; rolls back if it returns an error.
  // Calls to this store from inside `work` join the transaction.
  virtual Status in_transaction(const std::function<Status()>& work) = 0;
  virtual Result<int> schema_version() = 0;

  // Organisations. source_key is unique (conflict on a repeat).
  virtual Result<std::int64_t> create_organisation(const market::Organisation& organisation) = 0;
  virtual Status update_organisation(const market::Organisation& organisation) = 0;
  virtual Result<market::Organisation> get_organisation(std::int64_t id) = 0;
  virtual Result<std::optional<market::Organisation>> find_organisation_by_key(const std::string& source_key) = 0;
  virtual Result<std::vector<market::Organisation>> list_organisations(
      std::optional<market::OrganisationKind> kind) = 0;

  // Services. source_key is unique.
  virtual Result<std::int64_t> create_service(const market::Service& service) = 0;
  virtual Status update_service(const market::Service& service) = 0;
  virtual Result<market::Service> get_service(std::int64_t id) = 0;
  virtual Result<std::optional<market::Service>> find_service_by_key(const std::string& source_key) = 0;
  virtual Result<std::optional<market::Service>> find_service_by_match_key(const std::string& match_key) = 0;
  virtual Result<std::vector<market::Service>> list_services() = 0;

  // Vacancies: sets the service's current count and keeps the history.
  virtual Status set_vacancies(const market::VacancyUpdate& update) = 0;
  virtual Result<std::vector<market::VacancyUpdate>> vacancy_history(std::int64_t service_id) = 0;

  // Prices: each entry replaces any with the same need level and start date.
  virtual Status set_prices(std::int64_t service_id, const std::vector<market::PriceEntry>& prices) = 0;
  virtual Result<std::vector<market::PriceEntry>> prices(std::int64_t service_id) = 0;

  // Register changes: the newest number (0: none yet), the changes after
  // `seq` oldest first, and a waiter for news of more (one per follower).
  virtual Result<std::int64_t> last_register_change() = 0;
  virtual Result<std::vector<RegisterChange>> register_changes_since(std::int64_t seq) = 0;
  virtual std::unique_ptr<ChangeWaiter> change_waiter() = 0;

  // Accounts. Email is unique.
  virtual Result<std::int64_t> create_user(const User& user) = 0;
  virtual Result<User> get_user(std::int64_t id) = 0;
  virtual Result<std::optional<User>> find_user_by_email(const std::string& email) = 0;
  virtual Result<std::vector<User>> list_users(std::optional<std::int64_t> organisation_id) = 0;
  virtual Status create_session(const Session& session) = 0;
  virtual Result<std::optional<Session>> find_session(const std::string& token_hash) = 0;
  virtual Result<std::optional<SessionUser>> find_session_user(const std::string& token_hash) = 0;
  virtual Status revoke_session(const std::string& token_hash) = 0;

  // Audit: append only; the store fills in id, prev_hash, hash and mac.
  virtual Status append_audit(const AuditEvent& event) = 0;
  // Every entry, oldest first: what `caremarket audit verify` checks.
  virtual Result<std::vector<AuditEvent>> audit_log() = 0;
  virtual Result<std::vector<AuditEvent>> audit_for(const std::string& subject) = 0;
  // The key new audit entries are signed with (storage/audit_key.hpp);
  // empty: none. Once the trail is signed, appending needs the same key.
  virtual void set_audit_key(std::string key) = 0;
  // Whether appending would work with the key set: refused when the newest
  // entry is signed and no key, or another key, is set. `serve` checks at
  // start, rather than failing every sign-in.
  virtual Status check_audit_key() = 0;
};

}  // namespace caremarket::storage
