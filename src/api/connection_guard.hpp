#pragma once
// The HTTP server's connections, guarded against slow and greedy clients.
// cpp-httplib gives each connection a worker thread for as long as it is
// open and times out only each single wait for bytes, so a client sending a
// header line every 2 s held a worker for ever, and 140 of them left no
// worker for anyone else. GuardedHttpServer serves each connection itself
// (httplib's own request parsing and routing, over our socket stream):
// - a request's line and headers must arrive within `header_seconds` of its
//   first byte, and its body within `body_seconds` after the headers;
//   otherwise the answer is 408 and the connection is closed;
// - one client address may hold at most `per_address` connections at once;
//   the next is answered 429 (Retry-After: 1) and closed;
// - answers go out at once (TCP_NODELAY): with Nagle's algorithm a
//   kept-alive request waited ~40 ms for the client's delayed ACK.
// Keep per_address below the worker count, so one address can never take
// every worker.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "api/server.hpp"

namespace caremarket::api {

class GuardedHttpServer : public httplib::Server {
 public:
  explicit GuardedHttpServer(ConnectionLimits limits);

 private:
  bool process_and_close_socket(socket_t sock) override;
  void refuse(socket_t sock, const std::string& address);

  ConnectionLimits limits_;
  std::mutex mutex_;
  std::map<std::string, std::size_t> open_by_address_;
};

}  // namespace caremarket::api
