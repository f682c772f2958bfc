#pragma once
// Splits [0, n) into one contiguous chunk per worker. Chunk 0 runs on the
// calling thread, which is the only one that reports progress; the others
// write to disjoint slots of the caller's output, so no locking is needed.
#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace caremarket::allocation {

inline int worker_count(int wanted, std::size_t n) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int w = wanted > 0 ? wanted : cores;
  // Below a few hundred items a thread costs more than it saves.
  return static_cast<int>(std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(w), n / 256)));
}

// f(begin, end, on_caller_thread)
template <typename F>
void parallel_chunks(std::size_t n, int workers, F&& f) {
  if (workers <= 1 || n == 0) { f(std::size_t{0}, n, true); return; }
  const std::size_t per = (n + static_cast<std::size_t>(workers) - 1) / static_cast<std::size_t>(workers);
  std::vector<std::jthread> threads;
  for (int w = 1; w < workers; ++w) {
    const std::size_t b = std::min(n, per * static_cast<std::size_t>(w)), e = std::min(n, b + per);
    if (b < e) threads.emplace_back([&f, b, e] { f(b, e, false); });
  }
  f(std::size_t{0}, std::min(n, per), true);
}

}  // namespace caremarket::allocation
