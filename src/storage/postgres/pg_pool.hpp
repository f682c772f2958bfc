#pragma once
// The connections one store shares among its threads. A thread takes one
// with a Lease and keeps it while any of its leases lives: leases on one
// thread nest and share the connection, so every statement of a
// transaction runs on the connection that began it. When every connection
// is taken, a new lease waits for one to come back.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/postgres/pg_db.hpp"

namespace caremarket::storage::postgres {

class Pool {
 public:
  // `first`: a connection already open (the one migrations ran on).
  Pool(std::string conninfo, int size, std::unique_ptr<Db> first);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  class Lease {
   public:
    explicit Lease(Pool& pool);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Db& db() const { return *db_; }

   private:
    Pool& pool_;
    Db* db_;
    bool outermost_;
  };

  // The connection this thread holds from this pool; only inside a Lease.
  Db& held() const;
  int size() const { return size_; }

 private:
  Db* take();
  void give_back(Db* db);

  std::string conninfo_;
  int size_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Db>> all_;
  std::vector<Db*> idle_;
};

}  // namespace caremarket::storage::postgres
