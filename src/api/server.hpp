#pragma once
// The HTTP server: registers the route table with cpp-httplib, authenticates
// callers, turns every Result into JSON, and guarantees that any failure,
// including a body too large or a path that does not exist, answers with
// the error body of error_table.hpp.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "api/routes.hpp"

namespace httplib {
class Server;
}

namespace caremarket::api {

// Slow and greedy clients (see connection_guard.hpp): a request's headers
// must arrive within header_seconds of its first byte and its body within
// body_seconds more, or it is answered 408; one client address holds at
// most per_address connections at once, the next is answered 429.
struct ConnectionLimits {
  std::size_t per_address = 32;
  std::int64_t header_seconds = 10;
  std::int64_t body_seconds = 30;
  std::int64_t read_timeout_seconds = 5;   // any one wait for bytes
  std::int64_t write_timeout_seconds = 5;  // any one wait to send
  std::int64_t keep_alive_seconds = 5;     // an idle kept-alive connection is closed after this
  Status validate() const;
};

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::size_t max_body_bytes = 1024 * 1024;
  // A worker holds a keep-alive connection while it waits for its next
  // request, so workers bound the connections served at once; idle ones
  // cost a stack, not CPU.
  std::size_t threads = 128;
  bool access_log = true;
  ConnectionLimits connections;
  Status validate() const;
};

class Server {
 public:
  Server(AppContext& context, ServerConfig config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Lets another component (the web pages) add its handlers to the same
  // server, after the API's routes; call before bind().
  void mount(const std::function<void(httplib::Server&)>& add_handlers);
  // Binds the socket; returns the port (the chosen one when port is 0).
  Result<int> bind();
  // Serves until stop() is called from another thread or a signal handler.
  Status run();
  void stop();

 private:
  void install_routes();
  AppContext& context_;
  ServerConfig config_;
  std::vector<Route> routes_;
  std::unique_ptr<httplib::Server> http_;
};

}  // namespace caremarket::api
