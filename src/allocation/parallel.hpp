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

// The size of each chunk but the last, so that item i is in chunk i / per.
inline std::size_t chunk_size(std::size_t n, int workers) {
  const auto w = static_cast<std::size_t>(std::max(1, workers));
  return std::max<std::size_t>(1, (n + w - 1) / w);
}

// f(chunk, begin, end); chunk 0 is the calling thread's.
template <typename F>
void parallel_chunks(std::size_t n, int workers, F&& f) {
  const std::size_t per = chunk_size(n, workers);
  std::vector<std::jthread> threads;
  for (std::size_t c = 1; c * per < n; ++c) {
    const std::size_t b = c * per, e = std::min(n, b + per);
    threads.emplace_back([&f, c, b, e] { f(c, b, e); });
  }
  f(std::size_t{0}, std::size_t{0}, std::min(n, per));
}

}  // namespace caremarket::allocation
