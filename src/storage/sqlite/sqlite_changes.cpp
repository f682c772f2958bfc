// SqliteStore: the register's change log (schema in schema_changes.cpp).
#include <thread>

#include "storage/sqlite/sqlite_store.hpp"

namespace caremarket::storage::sqlite {
namespace {
using Lock = std::lock_guard<std::recursive_mutex>;

// SQLite cannot announce another process's commit: the follower asks every
// quarter of a second (one indexed read).
class PollingWaiter final : public ChangeWaiter {
 public:
  bool wait(std::chrono::milliseconds timeout) override {
    std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(250)));
    return true;
  }
};
}  // namespace

Result<std::int64_t> SqliteStore::last_register_change() {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("SELECT COALESCE(MAX(seq), 0) FROM register_changes"));
  CM_ASSIGN_OR_RETURN(const bool row, stmt.step());
  return row ? stmt.int64(0) : 0;
}

Result<std::vector<RegisterChange>> SqliteStore::register_changes_since(std::int64_t seq) {
  Lock lock(mutex_);
  CM_ASSIGN_OR_RETURN(auto stmt, db_->prepare("SELECT subject, seq FROM register_changes WHERE seq > ? ORDER BY seq"));
  stmt.bind(1, seq);
  return collect<RegisterChange>(stmt, [](const Stmt& s) { return RegisterChange{s.text(0), s.int64(1)}; });
}

std::unique_ptr<ChangeWaiter> SqliteStore::change_waiter() { return std::make_unique<PollingWaiter>(); }

}  // namespace caremarket::storage::sqlite
