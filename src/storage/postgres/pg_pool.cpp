#include "storage/postgres/pg_pool.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace caremarket::storage::postgres {
namespace {
struct Held {
  const Pool* pool;
  Db* db;
};
// What this thread holds, per pool (a thread may use two stores: a migration).
thread_local std::vector<Held> t_held;

Held* find_held(const Pool* pool) {
  for (auto& h : t_held) {
    if (h.pool == pool) return &h;
  }
  return nullptr;
}
}  // namespace

Pool::Pool(std::string conninfo, int size, std::unique_ptr<Db> first)
    : conninfo_(std::move(conninfo)), size_(std::max(1, size)) {
  idle_.push_back(first.get());
  all_.push_back(std::move(first));
}

Pool::Lease::Lease(Pool& pool) : pool_(pool) {
  if (Held* h = find_held(&pool)) {
    db_ = h->db;
    outermost_ = false;
    return;
  }
  db_ = pool.take();
  outermost_ = true;
  t_held.push_back({&pool, db_});
}

Pool::Lease::~Lease() {
  if (!outermost_) return;
  t_held.erase(std::remove_if(t_held.begin(), t_held.end(), [&](const Held& h) { return h.pool == &pool_; }),
               t_held.end());
  pool_.give_back(db_);
}

Db& Pool::held() const {
  Held* h = find_held(this);
  // A programming error: every store method takes a lease first.
  if (!h) throw std::logic_error("a PostgreSQL statement outside a lease of the pool");
  return *h->db;
}

Db* Pool::take() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_.empty() || static_cast<int>(all_.size()) < size_; });
  if (!idle_.empty()) {
    Db* db = idle_.back();
    idle_.pop_back();
    return db;
  }
  // A new connection; if the server cannot be reached now, its first
  // statement says so (and tries again), like a connection lost later.
  all_.push_back(Db::open_later(conninfo_));
  return all_.back().get();
}

void Pool::give_back(Db* db) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(db);
  }
  returned_.notify_one();
}

}  // namespace caremarket::storage::postgres
