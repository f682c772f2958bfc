// PgStore: the register's change log (schema in schema_changes.cpp) and a
// waiter that LISTENs for the NOTIFY each change sends at commit.
#include <thread>

#include "storage/postgres/pg_store.hpp"

namespace caremarket::storage::postgres {
namespace {
using Lease = Pool::Lease;

// A connection of its own, outside the pool: it sits in LISTEN.
class NotifyWaiter final : public ChangeWaiter {
 public:
  explicit NotifyWaiter(const std::string& url) : db_(Db::open_later(url)) {}

  bool wait(std::chrono::milliseconds timeout) override {
    if (!listening_) {
      // (Again) after a lost connection: notices sent meanwhile are gone,
      // so say that something may have changed.
      listening_ = db_->exec("LISTEN caremarket_register").has_value();
      if (!listening_) std::this_thread::sleep_for(timeout);
      return true;
    }
    auto heard = db_->wait_for_notification(timeout);
    if (!heard) {
      listening_ = false;
      return true;
    }
    return *heard;
  }

 private:
  std::unique_ptr<Db> db_;
  bool listening_ = false;
};
}  // namespace

Result<std::int64_t> PgStore::last_register_change() {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT COALESCE(MAX(seq), 0) FROM register_changes");
  CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
  return row ? stmt.int64(0) : 0;
}

Result<std::vector<RegisterChange>> PgStore::register_changes_since(std::int64_t seq) {
  Lease lease(pool_);
  auto stmt = db().prepare("SELECT subject, seq FROM register_changes WHERE seq > $1 ORDER BY seq");
  stmt.bind(1, seq);
  return collect<RegisterChange>(stmt, [](const Stmt& s) { return RegisterChange{s.text(0), s.int64(1)}; });
}

std::unique_ptr<ChangeWaiter> PgStore::change_waiter() { return std::make_unique<NotifyWaiter>(url_); }

}  // namespace caremarket::storage::postgres
