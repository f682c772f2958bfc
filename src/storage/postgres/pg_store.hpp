#pragma once
// The shared backend: one PostgreSQL database that several servers can use,
// migrations applied at open (pg_migrations.cpp). A pool of connections
// (pg_pool.hpp): reads run side by side; the calls inside in_transaction()
// run on the thread's one connection; nested transactions are savepoints.
// Writing transactions queue on one lock in the database (see
// in_transaction). The same contract as SqliteStore
// (tests/storage/store_contract.hpp), area by area in pg_*.cpp.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "storage/postgres/pg_db.hpp"
#include "storage/postgres/pg_pool.hpp"
#include "storage/store.hpp"

namespace caremarket::storage::postgres {

class PgStore final : public Store {
 public:
  // `url`: postgresql://user@host:port/database (or postgres://, or libpq's
  // "key=value" pairs). Connects and applies the migrations.
  // `connections`: the most this store opens at once.
  static Result<std::unique_ptr<PgStore>> open(const std::string& url, int connections = kDefaultConnections);
  static constexpr int kDefaultConnections = 8;
  // The statement every writing transaction runs first (see in_transaction);
  // anything else that writes to the database (caremarket migrate) takes it too.
  static constexpr std::string_view kWriterLock = "SELECT pg_advisory_xact_lock(7233103)";

  Status in_transaction(const std::function<Status()>& work) override;
  Result<int> schema_version() override;

  Result<std::int64_t> create_organisation(const market::Organisation& organisation) override;
  Status update_organisation(const market::Organisation& organisation) override;
  Result<market::Organisation> get_organisation(std::int64_t id) override;
  Result<std::optional<market::Organisation>> find_organisation_by_key(const std::string& source_key) override;
  Result<std::vector<market::Organisation>> list_organisations(std::optional<market::OrganisationKind> kind) override;

  Result<std::int64_t> create_service(const market::Service& service) override;
  Status update_service(const market::Service& service) override;
  Result<market::Service> get_service(std::int64_t id) override;
  Result<std::optional<market::Service>> find_service_by_key(const std::string& source_key) override;
  Result<std::optional<market::Service>> find_service_by_match_key(const std::string& match_key) override;
  Result<std::vector<market::Service>> list_services() override;

  Status set_vacancies(const market::VacancyUpdate& update) override;
  Result<std::vector<market::VacancyUpdate>> vacancy_history(std::int64_t service_id) override;
  Status set_prices(std::int64_t service_id, const std::vector<market::PriceEntry>& prices) override;
  Result<std::vector<market::PriceEntry>> prices(std::int64_t service_id) override;

  Result<std::int64_t> last_register_change() override;
  Result<std::vector<RegisterChange>> register_changes_since(std::int64_t seq) override;
  std::unique_ptr<ChangeWaiter> change_waiter() override;

  Result<std::int64_t> create_user(const User& user) override;
  Result<User> get_user(std::int64_t id) override;
  Result<std::optional<User>> find_user_by_email(const std::string& email) override;
  Result<std::vector<User>> list_users(std::optional<std::int64_t> organisation_id) override;
  Status create_session(const Session& session) override;
  Result<std::optional<Session>> find_session(const std::string& token_hash) override;
  Result<std::optional<SessionUser>> find_session_user(const std::string& token_hash) override;
  Status revoke_session(const std::string& token_hash) override;

  Result<std::int64_t> create_referral(const Referral& referral, const PersonalDetails& person) override;
  Status update_referral(const Referral& referral) override;
  Result<Referral> get_referral(std::int64_t id) override;
  Result<std::vector<Referral>> referrals_of_council(std::int64_t council_id) override;
  Result<std::vector<Referral>> referrals_sent_to(std::int64_t provider_id) override;
  Result<PersonalDetails> personal_details(std::int64_t referral_id) override;
  Status add_recipients(const std::vector<Recipient>& recipients) override;
  Status update_recipient(const Recipient& recipient) override;
  Result<std::vector<Recipient>> recipients(std::int64_t referral_id) override;
  Result<std::int64_t> create_offer(const Offer& offer) override;
  Status update_offer(const Offer& offer) override;
  Result<Offer> get_offer(std::int64_t id) override;
  Result<std::vector<Offer>> offers(std::int64_t referral_id) override;
  Result<std::int64_t> create_placement(const Placement& placement) override;
  Status update_placement(const Placement& placement) override;
  Result<Placement> get_placement(std::int64_t id) override;
  Result<std::vector<Placement>> placements(std::optional<std::int64_t> council_id,
                                            std::optional<std::int64_t> provider_id) override;
  Result<CouncilSettings> council_settings(std::int64_t council_id) override;
  Status set_council_settings(const CouncilSettings& settings) override;
  Status notify(const Notification& notification) override;
  Result<std::vector<Notification>> inbox(std::int64_t organisation_id) override;
  Status mark_read(std::int64_t organisation_id, std::int64_t notification_id) override;

  Result<std::int64_t> create_contract(const Contract& contract) override;
  Status update_contract(const Contract& contract) override;
  Result<Contract> get_contract(std::int64_t id) override;
  Result<std::optional<Contract>> find_contract_by_reference(const std::string& reference) override;
  Result<std::vector<Contract>> list_contracts(std::optional<std::int64_t> council_id,
                                               std::optional<std::int64_t> provider_id) override;
  Result<std::int64_t> add_commitment_review(const CommitmentReview& review) override;
  Result<std::vector<CommitmentReview>> commitment_reviews(std::int64_t contract_id) override;
  Result<std::vector<Placement>> placements_under(std::int64_t contract_id) override;
  Result<std::int64_t> create_invoice(const InvoiceRecord& invoice) override;
  Status update_invoice(const InvoiceRecord& invoice) override;
  Result<InvoiceRecord> get_invoice(std::int64_t id) override;
  Result<std::vector<InvoiceRecord>> invoices(std::optional<std::int64_t> council_id,
                                              std::optional<std::int64_t> provider_id) override;
  Result<std::vector<InvoiceRecord>> overlapping_invoices(std::int64_t provider_id, std::int64_t council_id, Date from,
                                                          Date to) override;
  Result<std::int64_t> add_actuals(const ActualsUpload& upload) override;
  Result<std::optional<ActualsUpload>> latest_actuals(std::int64_t invoice_id) override;
  Result<std::int64_t> add_payment(const PaymentRecord& payment) override;
  Result<std::vector<PaymentRecord>> payments(std::int64_t invoice_id) override;
  Result<std::int64_t> save_price_model(const CouncilPriceModel& model) override;
  Result<std::vector<CouncilPriceModel>> price_models(std::int64_t council_id) override;
  Result<std::int64_t> add_open_book(const OpenBookSubmission& submission) override;
  Result<std::vector<OpenBookSubmission>> open_book(std::int64_t service_id) override;
  Result<std::int64_t> create_alliance(const Alliance& alliance) override;
  Result<Alliance> get_alliance(std::int64_t id) override;
  Result<std::vector<Alliance>> alliances_of(std::int64_t council_id) override;
  Result<std::int64_t> create_allocation_run(const AllocationRun& run,
                                             const std::vector<ProposedMatch>& matches) override;
  Result<AllocationRun> get_allocation_run(std::int64_t id) override;
  Status update_allocation_run_status(std::int64_t id, AllocationRunStatus status) override;
  Result<std::vector<AllocationRun>> allocation_runs_of(std::int64_t council_id) override;
  Result<std::vector<ProposedMatch>> proposed_matches(std::int64_t run_id) override;
  Status update_proposed_match(const ProposedMatch& match) override;
  Result<std::vector<OwnershipGroup>> ownership_groups() override;
  Status put_ownership_group(const OwnershipGroup& group) override;
  Status remove_ownership_group(const std::string& company) override;

  Status append_audit(const AuditEvent& event) override;
  Result<std::vector<AuditEvent>> audit_for(const std::string& subject) override;
  Result<std::vector<AuditEvent>> audit_log() override;

  void set_audit_key(std::string key) override { audit_key_ = std::move(key); }
  Status check_audit_key() override;

 private:
  PgStore(std::string url, int connections, std::unique_ptr<Db> first)
      : url_(url), pool_(std::move(url), connections, std::move(first)) {}
  // The connection of this thread's lease (every statement runs inside one).
  Db& db() { return pool_.held(); }
  // Runs one write in a transaction of its own, or under a savepoint in the caller's.
  Status one_write(const std::function<Status()>& work);
  // `bind` fills the parameters of `where`.
  using Binder = std::function<void(Stmt&)>;
  Result<std::vector<market::Service>> query_services(std::string_view where, const Binder& bind = {});
  Result<std::vector<market::Organisation>> query_organisations(std::string_view where, const Binder& bind = {});
  Result<std::vector<User>> query_users(std::string_view where, const Binder& bind = {});
  Status write_contract_parts(const Contract& contract);
  Result<Contract> read_contract_parts(Contract contract);
  Result<std::vector<Contract>> query_contracts(std::string_view where, std::optional<std::int64_t> arg);
  Result<std::vector<InvoiceRecord>> query_invoices(std::string_view where, const Binder& bind = {});
  Status write_invoice_lines(const InvoiceRecord& invoice);
  Result<std::vector<invoicing::InvoiceLine>> read_invoice_lines(std::int64_t invoice_id);

  std::string url_;
  Pool pool_;
  std::string audit_key_;
};

}  // namespace caremarket::storage::postgres
