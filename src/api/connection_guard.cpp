#include "api/connection_guard.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "api/error_table.hpp"

namespace caremarket::api {
namespace {
using Clock = std::chrono::steady_clock;

// What the connection being served on this worker thread is waiting for.
struct Connection {
  Clock::time_point deadline;  // reads after this fail: the request is late
  bool timed_out = false;
  const ConnectionLimits* limits = nullptr;
};
thread_local Connection* t_current = nullptr;

std::string address_of(const sockaddr_storage& addr) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (addr.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &in->sin_addr, text.data(), text.size());
  } else if (addr.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &in6->sin6_addr, text.data(), text.size());
  }
  return text.data();
}

int port_of(const sockaddr_storage& addr) {
  if (addr.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port);
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port);
  return 0;
}

std::string peer_address(int sock, int* port = nullptr) {
  sockaddr_storage addr{};
  socklen_t size = sizeof addr;
  if (getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &size) != 0) return "";
  if (port) *port = port_of(addr);
  return address_of(addr);
}

// Waits for `events` up to `timeout_ms`; true when ready.
bool wait_for(int sock, short events, long long timeout_ms) {
  pollfd fd{sock, events, 0};
  while (true) {
    const int ready = poll(&fd, 1, static_cast<int>(std::max(0LL, timeout_ms)));
    if (ready < 0 && errno == EINTR) continue;
    return ready > 0;
  }
}

void send_all(int sock, const std::string& text) {
  std::size_t sent = 0;
  while (sent < text.size()) {
    if (!wait_for(sock, POLLOUT, 1000)) return;
    const auto n = ::send(sock, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

// An answer written straight to the socket, outside httplib: the request
// was never (fully) read, so the connection is closed after it.
std::string plain_answer(const Error& error, const char* reason) {
  const std::string body = error_body(error).dump();
  std::string out = "HTTP/1.1 " + std::to_string(http_status(error.code)) + " " + reason + "\r\n";
  out += "Content-Type: application/json\r\nConnection: close\r\nCache-Control: no-store\r\n";
  if (error.retry_after_seconds > 0) out += "Retry-After: " + std::to_string(error.retry_after_seconds) + "\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return out;
}

// httplib's request parser reads and writes through this stream; every read
// is bounded by the current request's deadline as well as the read timeout.
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(int sock, Connection& connection) : sock_(sock), connection_(connection) {}

  bool is_readable() const override { return buffered() || wait_readable(); }
  bool is_writable() const override {
    return wait_for(sock_, POLLOUT, connection_.limits->write_timeout_seconds * 1000);
  }

  ssize_t read(char* ptr, std::size_t size) override {
    if (buffered()) return take(ptr, size);
    if (!wait_readable()) return -1;
    ssize_t n = 0;
    do { n = ::recv(sock_, buffer_.data(), buffer_.size(), 0); } while (n < 0 && errno == EINTR);
    if (n <= 0) return n;
    begin_ = 0;
    end_ = static_cast<std::size_t>(n);
    return take(ptr, size);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    // A late request is answered 408 by the caller, not by what httplib
    // made of the half it read.
    if (connection_.timed_out) return static_cast<ssize_t>(size);
    if (!is_writable()) return -1;
    ssize_t n = 0;
    do { n = ::send(sock_, ptr, size, MSG_NOSIGNAL); } while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { ip = peer_address(sock_, &port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t size = sizeof addr;
    if (getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &size) != 0) return;
    ip = address_of(addr);
    port = port_of(addr);
  }
  socket_t socket() const override { return sock_; }

  bool buffered() const { return begin_ < end_; }

 private:
  ssize_t take(char* ptr, std::size_t size) {
    const std::size_t n = std::min(size, end_ - begin_);
    std::memcpy(ptr, buffer_.data() + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  bool wait_readable() const {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(connection_.deadline - Clock::now()).count();
    const long long read_timeout = connection_.limits->read_timeout_seconds * 1000;
    const long long timeout = std::min<long long>(read_timeout, left);
    if (timeout > 0 && wait_for(sock_, POLLIN, timeout)) return true;
    // The wait ended at the deadline (poll may wake a fraction of a
    // millisecond early), not at the read timeout: the request is late.
    if (left <= read_timeout) connection_.timed_out = true;
    return false;
  }

  int sock_;
  Connection& connection_;
  std::array<char, 4096> buffer_{};
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};
}  // namespace

Status ConnectionLimits::validate() const {
  if (per_address < 1) return Error::invalid("allow at least one connection per client address", "per_address");
  for (const auto seconds :
       {header_seconds, body_seconds, read_timeout_seconds, write_timeout_seconds, keep_alive_seconds}) {
    if (seconds < 1 || seconds > 3600) return Error::invalid("connection timeouts must be from 1 second to an hour");
  }
  return {};
}

GuardedHttpServer::GuardedHttpServer(ConnectionLimits limits) : limits_(limits) {
  set_tcp_nodelay(true);  // the listening socket too; each accepted one is set again below
  // A kept-alive connection holds its worker until it has been idle for
  // keep_alive_seconds, whatever this count; closing it after 100 requests
  // only made busy clients (a proxy, a browser) connect again: nginx's
  // default is 1,000 (keepalive_requests).
  set_keep_alive_max_count(1000);
  // The headers are in: from here the body has its own time.
  set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    if (Connection* c = t_current) c->deadline = Clock::now() + std::chrono::seconds(c->limits->body_seconds);
    return HandlerResponse::Unhandled;
  });
}

void GuardedHttpServer::refuse(socket_t sock, const std::string& address) {
  (void)address;
  send_all(sock, plain_answer(Error::too_many_requests("too many connections from your address (at most " +
                                                           std::to_string(limits_.per_address) +
                                                           " at once); close some and try again",
                                                       1),
                              "Too Many Requests"));
  // Read what the client sent before closing, briefly, so the answer is not
  // lost to a reset.
  ::shutdown(sock, SHUT_WR);
  std::array<char, 1024> drain{};
  for (int i = 0; i < 4 && wait_for(sock, POLLIN, 50); ++i) {
    if (::recv(sock, drain.data(), drain.size(), 0) <= 0) break;
  }
}

bool GuardedHttpServer::process_and_close_socket(socket_t sock) {
  const int one = 1;
  setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  const std::string address = peer_address(sock);
  bool admitted = false;
  {
    std::lock_guard lock(mutex_);
    auto& open = open_by_address_[address];
    if (open < limits_.per_address) {
      ++open;
      admitted = true;
    }
  }
  bool ret = false;
  if (!admitted) {
    refuse(sock, address);
  } else {
    Connection connection;
    connection.limits = &limits_;
    GuardedStream stream(sock, connection);
    t_current = &connection;
    try {
      for (std::size_t count = keep_alive_max_count_; count > 0 && svr_sock_ != INVALID_SOCKET; --count) {
        // Idle between requests: bounded by the keep-alive time, not the deadline.
        if (!stream.buffered() && !wait_for(sock, POLLIN, limits_.keep_alive_seconds * 1000)) break;
        connection.deadline = Clock::now() + std::chrono::seconds(limits_.header_seconds);
        bool closed = false;
        ret = process_request(stream, count == 1, closed, nullptr);
        if (connection.timed_out) {
          send_all(sock, plain_answer({ErrorCode::timed_out,
                                       "the request did not arrive in time (its headers within " +
                                           std::to_string(limits_.header_seconds) + " s, its body within " +
                                           std::to_string(limits_.body_seconds) + " s); send it again",
                                       {}},
                                      "Request Timeout"));
          ret = false;
          break;
        }
        if (!ret || closed) break;
      }
    } catch (...) { ret = false; }
    t_current = nullptr;
    std::lock_guard lock(mutex_);
    if (--open_by_address_[address] == 0) open_by_address_.erase(address);
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace caremarket::api
