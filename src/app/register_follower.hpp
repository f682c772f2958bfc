#pragma once
// Keeps one server's register in memory in step with the database while
// other servers, an import or another process change it: a thread waits for
// news of a change (PostgreSQL's NOTIFY; on SQLite, a look every quarter
// second) and catches the register up. Without news it looks anyway every
// few seconds, in case a notice was lost while the connection was down.
#include <atomic>
#include <chrono>
#include <thread>

#include "app/market_register.hpp"
#include "storage/store.hpp"

namespace caremarket::app {

class RegisterFollower {
 public:
  RegisterFollower(MarketRegister& market, storage::Store& store,
                   std::chrono::milliseconds look_anyway = std::chrono::seconds(5));
  ~RegisterFollower();  // stops the thread and waits for it (at most about half a second)
  RegisterFollower(const RegisterFollower&) = delete;
  RegisterFollower& operator=(const RegisterFollower&) = delete;

  // Catch-ups that failed (the database out of reach); the next one retries.
  int failures() const { return failures_.load(); }

 private:
  void run(std::unique_ptr<storage::ChangeWaiter> waiter, std::chrono::milliseconds look_anyway);

  MarketRegister& market_;
  std::atomic<bool> stop_{false};
  std::atomic<int> failures_{0};
  std::thread thread_;
};

}  // namespace caremarket::app
