#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <iostream>
#include <thread>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "api/server.hpp"
#include "app/application.hpp"
#include "app/register_follower.hpp"
#include "cli/context.hpp"
#include "web/site.hpp"

namespace caremarket::cli {
namespace {
api::Server* g_server = nullptr;

extern "C" void on_signal(int) {
  if (g_server) g_server->stop();
}

struct ServeOptions {
  CommonOptions common;
  api::ServerConfig server;
  std::int64_t session_hours = 8;
  web::SiteConfig web;
  int malloc_arenas = 0;  // 0: one per hardware thread
};

// glibc gives threads up to 8 x cores heaps ("arenas") and keeps what is
// freed in each; under bench/load's mix a server with about 18 MiB of live
// heap (heaptrack) sat at 76 MiB and grew 7.4% in ten minutes. One arena per
// core keeps malloc uncontended where it matters. A fixed mmap threshold
// stops glibc raising it after the first large free (argon2's buffer at each
// sign-in), so large buffers go back to the system instead of into an arena.
// Measured with both: 53.6 MiB, +3.9% over the same ten minutes.
void tune_allocator(int arenas) {
#if defined(__GLIBC__)
  if (arenas <= 0) arenas = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  mallopt(M_ARENA_MAX, arenas);
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#else
  (void)arenas;
#endif
}

int serve(const ServeOptions& options) {
  tune_allocator(options.malloc_arenas);
  auto store = open_store(options.common);
  if (!store) return fail(store.error(), false);
  // A signed trail needs its key for every sign-in and change: say so now.
  if (auto key = (*store)->check_audit_key(); !key) return fail(key.error(), false);
  auto gazetteer = load_gazetteer(options.common);
  if (!gazetteer) return fail(gazetteer.error(), false);
  app::ApplicationConfig config;
  config.accounts.session_seconds = options.session_hours * 3600;
  auto application = app::Application::open(**store, *gazetteer, config);
  if (!application) return fail(application.error(), false);
  // Other servers, an import or another process may change the register
  // in the database: the memory follows.
  app::RegisterFollower follower((*application)->market, **store);
  api::Server server(**application, options.server);
  web::Site site(**application, options.web);
  server.mount([&site](httplib::Server& http) { site.mount(http); });
  const auto port = server.bind();
  if (!port) return fail(port.error(), false);
  std::cout << "listening on http://" << options.server.host << ":" << *port << std::endl;
  std::cout << "register: " << (*application)->market.service_count() << " services in "
            << printable_db(options.common.db) << std::endl;
  g_server = &server;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  const auto ran = server.run();
  g_server = nullptr;
  if (!ran) return fail(ran.error(), false);
  std::cout << "stopped" << std::endl;
  return 0;
}
}  // namespace

void add_serve_command(CLI::App& app, int& exit_status) {
  auto options = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "Run the HTTP API server");
  cmd->add_option("--db", options->common.db,
                  "SQLite database file (created if missing), or postgresql://user@host/database");
  cmd->add_option("--data-dir", options->common.data_dir, "folder with the ONS postcode centroid files");
  add_audit_key_option(cmd, options->common);
  cmd->add_option("--db-connections", options->common.db_connections,
                  "PostgreSQL: the most database connections this server opens")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--host", options->server.host, "address to listen on")->capture_default_str();
  cmd->add_option("--port", options->server.port, "port; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--max-body-bytes", options->server.max_body_bytes, "largest request body accepted")
      ->capture_default_str();
  cmd->add_option("--threads", options->server.threads, "worker threads (each serves one connection at a time)")
      ->capture_default_str();
  cmd->add_option("--max-connections-per-address", options->server.connections.per_address,
                  "connections one client address may hold open at once (fewer than --threads)")
      ->capture_default_str();
  cmd->add_option("--header-timeout", options->server.connections.header_seconds,
                  "seconds a request's line and headers may take to arrive (then 408)")
      ->capture_default_str();
  cmd->add_option("--body-timeout", options->server.connections.body_seconds,
                  "seconds a request's body may take to arrive after its headers (then 408)")
      ->capture_default_str();
  cmd->add_option("--malloc-arenas", options->malloc_arenas,
                  "glibc heaps shared by the worker threads; 0: one per hardware thread")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--session-hours", options->session_hours, "how long a login lasts")->capture_default_str();
  cmd->add_flag("--tls-proxy", options->web.cookies.secure,
                "browsers reach this server over HTTPS through a proxy that ends TLS: web cookies are marked Secure");
  cmd->add_flag("!--quiet", options->server.access_log, "do not log each request");
  cmd->callback([options, &exit_status] { exit_status = serve(*options); });
}

}  // namespace caremarket::cli
