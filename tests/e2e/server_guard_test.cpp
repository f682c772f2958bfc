// Abuse is slowed: sign-in throttling on POST /api/login and the web form,
// a cap on connections per client address, and deadlines for a request's
// headers and body. Slow clients are raw sockets bound to other loopback
// addresses (127.0.0.2, 127.0.0.3), so the test's own client (127.0.0.1)
// is a different client to the server.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <map>
#include <thread>

#include "e2e/server_fixture.hpp"

namespace caremarket::e2e {
namespace {
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

int connect_from(const char* source, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  inet_pton(AF_INET, source, &from.sin_addr);
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from), 0) << "bind to " << source;
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to), 0);
  return fd;
}

void send_text(int fd, const std::string& text) { (void)::send(fd, text.data(), text.size(), MSG_NOSIGNAL); }

// Whatever arrives within `wait`; `closed` when the server closed the connection.
std::string read_for(int fd, std::chrono::milliseconds wait, bool* closed = nullptr) {
  std::string out;
  const auto until = Clock::now() + wait;
  while (Clock::now() < until) {
    pollfd p{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (::poll(&p, 1, static_cast<int>(std::max<long long>(left, 0))) <= 0) break;
    char buffer[4096];
    const auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
      if (closed) *closed = true;
      break;
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

json body_of(const std::string& response) {
  const auto blank = response.find("\r\n\r\n");
  if (blank == std::string::npos) return json();
  return json::parse(response.substr(blank + 4), nullptr, false);
}

class ServerGuard : public ::testing::Test {
 protected:
  void start(const std::vector<std::string>& extra = {}) {
    copy_database(demo_database(), db_);
    server_ = std::make_unique<ServerProcess>(db_, extra);
  }
  void TearDown() override {
    if (server_) { EXPECT_EQ(server_->stop(), 0); }
  }
  int port() const { return server_->port(); }

  TempDir dir_;
  fs::path db_ = dir_ / "guard.db";
  std::unique_ptr<ServerProcess> server_;
};

// 140 connections from one address, each sending half a request (the
// attack held /health unanswered for seconds): the address gets 32, the
// rest are refused at once with 429 and Retry-After, and everyone else is
// still served while the 32 are held.
TEST_F(ServerGuard, OneAddressCannotTakeEveryWorker) {
  start();
  std::vector<int> slow;
  for (int i = 0; i < 140; ++i) {
    slow.push_back(connect_from("127.0.0.2", port()));
    send_text(slow.back(), "GET /health HTTP/1.1\r\nHost: caremarket\r\n");
  }
  std::map<int, std::string> answers;
  const auto until = Clock::now() + 8s;
  while (answers.size() < 108 && Clock::now() < until) {
    for (const int fd : slow) {
      if (answers.count(fd)) continue;
      bool closed = false;
      const auto text = read_for(fd, 5ms, &closed);
      if (!text.empty() || closed) answers[fd] = text;
    }
  }
  int refused = 0;
  for (const auto& [fd, text] : answers) {
    if (!text.starts_with("HTTP/1.1 429")) continue;
    ++refused;
    EXPECT_NE(text.find("Retry-After: 1\r\n"), std::string::npos) << text;
    const auto body = body_of(text);
    ASSERT_TRUE(body.is_object()) << text;
    EXPECT_EQ(body.at("error").at("code"), "too_many_requests") << text;
  }
  // Some connections may still wait in the kernel's accept queue (httplib
  // listens with a short backlog), so how many are refused within the window
  // varies (78 to 102 of 108 seen); never more than are over the cap.
  EXPECT_GE(refused, 1) << "connections over the cap are refused at once";
  EXPECT_LE(refused, 140 - 32);

  // Meanwhile another client is served, on a fresh connection.
  httplib::Client other("127.0.0.1", port());
  other.set_read_timeout(4, 0);
  const auto health = other.Get("/health");
  ASSERT_TRUE(health) << "no answer to /health while one address holds its connections";
  EXPECT_EQ(health->status, 200);
  for (const int fd : slow) ::close(fd);
}

// A request whose headers trickle in (a line every 400 ms) is cut off at
// the header deadline with 408, and so is a body that trickles in; prompt
// requests on a kept-alive connection are unaffected.
TEST_F(ServerGuard, SlowHeadersAndBodiesAreCutOffWith408) {
  start({"--header-timeout", "2", "--body-timeout", "2"});
  const int headers = connect_from("127.0.0.3", port());
  send_text(headers, "GET /health HTTP/1.1\r\nHost: caremarket\r\n");
  std::string answer;
  bool closed = false;
  for (int i = 0; i < 25 && answer.empty() && !closed; ++i) {
    send_text(headers, "X-Slow-" + std::to_string(i) + ": 1\r\n");
    answer = read_for(headers, 400ms, &closed);
  }
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 408")) << "after 10 s of trickled headers: '" << answer << "'";
  EXPECT_EQ(body_of(answer).value("error", json::object()).value("code", ""), "timed_out") << answer;
  (void)read_for(headers, 1000ms, &closed);
  EXPECT_TRUE(closed) << "the connection is closed after the 408";
  ::close(headers);

  const int body = connect_from("127.0.0.3", port());
  send_text(body,
            "POST /api/login HTTP/1.1\r\nHost: caremarket\r\nContent-Type: application/json\r\n"
            "Content-Length: 200\r\n\r\n{");
  answer.clear();
  closed = false;
  for (int i = 0; i < 25 && answer.empty() && !closed; ++i) {
    send_text(body, " ");
    answer = read_for(body, 400ms, &closed);
  }
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 408")) << "after 10 s of a trickled body: '" << answer << "'";
  ::close(body);

  httplib::Client client("127.0.0.1", port());
  client.set_keep_alive(true);
  for (int i = 0; i < 5; ++i) {
    const auto health = client.Get("/health");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
  }
}

std::string form_encode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    }
  }
  return out;
}

std::string cookie_from(const httplib::Result& res, const std::string& name) {
  for (const auto& [header, value] : res->headers) {
    if (header == "Set-Cookie" && value.starts_with(name + "=")) return value.substr(0, value.find(';'));
  }
  return "";
}

std::string hidden_value(const std::string& html, const std::string& name) {
  const std::string marker = "name=\"" + name + "\" value=\"";
  const auto at = html.find(marker);
  if (at == std::string::npos) return "";
  const auto start = at + marker.size();
  return html.substr(start, html.find('"', start) - start);
}

int count_audit(const fs::path& db, const std::string& action, const std::string& subject) {
  sqlite3* handle = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(handle, "SELECT count(*) FROM audit_events WHERE action = ? AND subject = ?", -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, action.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 2, subject.c_str(), -1, SQLITE_TRANSIENT);
  const int count = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return count;
}

// Fifty wrong passwords used to be answered 401 fifty times, then the right
// one worked. Now the fifth failure locks the account: 429 with
// Retry-After, the right password included, written to the audit trail;
// the web form is held to the same count.
TEST_F(ServerGuard, WrongPasswordsLockSignInOnTheApiAndTheWebForm) {
  start();
  httplib::Client client("127.0.0.1", port());
  const std::string officer = email_of(Who::council);
  auto login = [&](const std::string& email, const std::string& password) {
    return client.Post("/api/login", json{{"email", email}, {"password", password}}.dump(), "application/json");
  };
  for (int i = 0; i < 5; ++i) {
    const auto wrong = login(officer, "not-the-password-" + std::to_string(i));
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 401) << "attempt " << i + 1 << ": " << wrong->body;
  }
  const auto locked = login(officer, kDemoPassword);
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 429) << locked->body;
  const int retry = std::atoi(locked->get_header_value("Retry-After").c_str());
  EXPECT_GE(retry, 1);
  EXPECT_LE(retry, 30);
  const auto body = json::parse(locked->body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << locked->body;
  EXPECT_EQ(body.at("error").at("code"), "too_many_requests");
  EXPECT_NE(body.at("error").at("message").get<std::string>().find("try again in"), std::string::npos);

  // The web form: another account, the same rule.
  const std::string manager = email_of(Who::provider);
  const auto form = client.Get("/sign-in");
  ASSERT_TRUE(form);
  const std::string nonce_cookie = cookie_from(form, "caremarket_signin");
  const std::string nonce = hidden_value(form->body, "signin_nonce");
  ASSERT_FALSE(nonce_cookie.empty());
  ASSERT_FALSE(nonce.empty());
  auto sign_in = [&](const std::string& password) {
    const httplib::Headers cookie{{"Cookie", nonce_cookie}};
    const std::string fields =
        "signin_nonce=" + nonce + "&next=%2F&email=" + form_encode(manager) + "&password=" + form_encode(password);
    return client.Post("/sign-in", cookie, fields, "application/x-www-form-urlencoded");
  };
  for (int i = 0; i < 5; ++i) {
    const auto wrong = sign_in("not-the-password-" + std::to_string(i));
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 401) << "web attempt " << i + 1;
  }
  const auto web_locked = sign_in(kDemoPassword);
  ASSERT_TRUE(web_locked);
  EXPECT_EQ(web_locked->status, 429);
  EXPECT_FALSE(web_locked->get_header_value("Retry-After").empty());
  EXPECT_NE(web_locked->body.find("Too many sign-ins failed"), std::string::npos);
  EXPECT_EQ(cookie_from(web_locked, "caremarket_session"), "") << "no session while locked";

  EXPECT_EQ(server_->stop(), 0);
  server_.reset();
  EXPECT_EQ(count_audit(db_, "login.locked", "email:" + officer), 1);
  EXPECT_EQ(count_audit(db_, "login.locked", "email:" + manager), 1);
}

}  // namespace
}  // namespace caremarket::e2e
