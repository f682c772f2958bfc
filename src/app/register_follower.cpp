#include "app/register_follower.hpp"

namespace caremarket::app {

RegisterFollower::RegisterFollower(MarketRegister& market, storage::Store& store, std::chrono::milliseconds look_anyway)
    : market_(market) {
  thread_ = std::thread(&RegisterFollower::run, this, store.change_waiter(), look_anyway);
}

RegisterFollower::~RegisterFollower() {
  stop_ = true;
  thread_.join();
}

void RegisterFollower::run(std::unique_ptr<storage::ChangeWaiter> waiter, std::chrono::milliseconds look_anyway) {
  auto last_look = std::chrono::steady_clock::now();
  while (!stop_) {
    const bool heard = waiter->wait(std::chrono::milliseconds(500));
    if (stop_) break;
    if (!heard && std::chrono::steady_clock::now() - last_look < look_anyway) continue;
    last_look = std::chrono::steady_clock::now();
    if (!market_.catch_up()) ++failures_;
  }
}

}  // namespace caremarket::app
