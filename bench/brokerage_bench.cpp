// Brokerage ranking benchmark: one referral ranked against the national-size
// register (eligibility with reasons for every nearby service, scores with
// the council's weights), measured in process, and then over HTTP on
// loopback under a fixed request rate from 64 connections.
// Usage: brokerage_bench [--services N] [--queries N] [--rate RPS] [--seconds S] [--connections C]
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "api/server.hpp"
#include "app/application.hpp"
#include "app/register_import.hpp"
#include "national_register.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace cm = caremarket;
using cm::bench::Clock;
using cm::bench::elapsed_us;

namespace {
struct Options {
  std::size_t services = 30000;
  std::size_t queries = 2000;
  double rate = 1000;
  double seconds = 10;
  int connections = 64;
  std::string data_dir = CAREMARKET_DATA_DIR;
};

// Open-loop load: each connection sends at its share of the rate on a fixed
// schedule, so a slow reply delays the ones behind it and shows in the
// latency (no coordinated omission).
struct LoadResult {
  std::size_t sent = 0, ok = 0, failed = 0;
  double seconds = 0;
  cm::bench::Stats latency;
};

LoadResult open_loop(int port, const std::vector<std::string>& paths, const std::string& token, const Options& o,
                     double rate) {
  std::vector<std::vector<double>> per_thread(static_cast<std::size_t>(o.connections));
  std::atomic<std::size_t> ok{0}, failed{0};
  const double interval = static_cast<double>(o.connections) / rate;  // seconds between one connection's requests
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < o.connections; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      const httplib::Headers headers{{"Authorization", "Bearer " + token}};
      const double offset = interval * c / o.connections;
      for (std::size_t i = 0;; ++i) {
        const double due = offset + interval * static_cast<double>(i);
        if (due >= o.seconds) break;
        const auto due_at = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(due));
        std::this_thread::sleep_until(due_at);
        auto res = client.Get(
            paths[(i * static_cast<std::size_t>(o.connections) + static_cast<std::size_t>(c)) % paths.size()], headers);
        per_thread[static_cast<std::size_t>(c)].push_back(elapsed_us(due_at));
        (res && res->status == 200 ? ok : failed)++;
      }
    });
  }
  for (auto& t : threads) t.join();
  LoadResult r;
  r.seconds = elapsed_us(start) / 1e6;
  std::vector<double> all;
  for (auto& v : per_thread) all.insert(all.end(), v.begin(), v.end());
  r.sent = all.size();
  r.ok = ok;
  r.failed = failed;
  r.latency = cm::bench::stats(std::move(all));
  return r;
}
}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--services") o.services = std::stoul(value);
    else if (flag == "--queries") o.queries = std::stoul(value);
    else if (flag == "--rate") o.rate = std::stod(value);
    else if (flag == "--seconds") o.seconds = std::stod(value);
    else if (flag == "--connections") o.connections = std::stoi(value);
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  const auto dir =
      std::filesystem::temp_directory_path() / ("caremarket-brokerage-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto gazetteer = cm::Gazetteer::load(o.data_dir).value();
  auto store = cm::storage::sqlite::SqliteStore::open((dir / "bench.db").string()).value();
  std::mt19937_64 random(20261122);
  const auto real = cm::bench::build_national_register(*store, *gazetteer, o.data_dir, o.services, random);
  if (!real) {
    std::fprintf(stderr, "%s\n", real.error().message.c_str());
    return 1;
  }
  auto application = cm::app::Application::open(*store, gazetteer).value();
  auto& market = application->market;
  auto& accounts = application->accounts;
  auto& brokerage = application->brokerage;
  std::printf("register: %zu services (%zu real)\n", market.service_count(), *real);

  // A Birmingham officer and referrals from homes across England.
  (void)cm::app::ensure_councils(*store, *gazetteer);
  const auto council = store->find_organisation_by_key("ons:E08000025").value().value();
  const auto user =
      accounts.add_user(cm::app::Caller::system_caller(),
                        {council.id, "bench@council.example", "Bench", "bench-password-2026", {"placement_officer"}});
  if (!user) {
    std::fprintf(stderr, "%s\n", user.error().message.c_str());
    return 1;
  }
  cm::app::Caller officer;
  officer.user_id = user->id;
  officer.organisation_id = council.id;
  officer.organisation_kind = cm::market::OrganisationKind::council;
  officer.roles = {"placement_officer"};
  const auto sectors = cm::bench::english_sectors(o.data_dir);
  std::vector<std::int64_t> referrals;
  for (int i = 0; i < 200; ++i) {
    cm::app::ReferralInput in;
    in.kinds = {i % 2 ? cm::market::KindOfCare::care_home_nursing : cm::market::KindOfCare::care_home_residential};
    in.age = 80;
    in.needs = {"dementia"};
    in.home_postcode = sectors[random() % sectors.size()].code + "AA";
    in.max_distance_miles = 20;
    in.person = {0, "Bench Person", "", "", "", ""};
    auto created = brokerage.create_referral(officer, in);
    if (created) referrals.push_back(created->referral.id);
  }

  std::vector<double> micros;
  std::size_t eligible = 0, excluded = 0;
  for (std::size_t q = 0; q < o.queries; ++q) {
    const auto id = referrals[q % referrals.size()];
    const auto start = Clock::now();
    const auto ranking = brokerage.preview(officer, id);
    micros.push_back(elapsed_us(start));
    if (ranking) {
      eligible += ranking->eligible.size();
      excluded += ranking->excluded.size();
    }
  }
  const auto in_process = cm::bench::stats(micros);
  std::printf("in process: %zu rankings of one referral (20 miles, nursing or residential, dementia)\n", o.queries);
  std::printf("  services considered per ranking: %.1f eligible, %.1f excluded with reasons\n",
              static_cast<double>(eligible) / static_cast<double>(o.queries),
              static_cast<double>(excluded) / static_cast<double>(o.queries));
  std::printf("  p50 %.3f ms   p99 %.3f ms   mean %.3f ms   (goal: p50 <= 0.5 ms)\n", in_process.p50 / 1000,
              in_process.p99 / 1000, in_process.mean / 1000);

  // Over HTTP: the real server on a loopback port, the same referral ranked.
  cm::api::ServerConfig config;
  config.port = 0;
  config.access_log = false;
  // Every connection comes from 127.0.0.1: let this one client hold them
  // all (the default cap per address would refuse half and count them failed).
  config.connections.per_address = static_cast<std::size_t>(o.connections);
  config.threads = std::max(config.threads, static_cast<std::size_t>(o.connections) + 1);
  cm::api::Server server(*application, config);
  const int port = server.bind().value();
  std::thread serving([&] { (void)server.run(); });
  const auto login = accounts.login("bench@council.example", "bench-password-2026", "127.0.0.1").value();
  std::vector<std::string> paths;
  for (const auto id : referrals) paths.push_back("/api/referrals/" + std::to_string(id) + "/matches");
  const auto load = open_loop(port, paths, login.token, o, o.rate);
  // Capacity: the same, asked for five times the rate; what comes back is what the server can do.
  const auto capacity = open_loop(port, paths, login.token, o, o.rate * 5);
  server.stop();
  serving.join();
  std::printf(
      "over HTTP: GET /api/referrals/{id}/matches over %zu referrals, %d connections, target %.0f requests/s for %.0f "
      "s\n",
      paths.size(), o.connections, o.rate, o.seconds);
  std::printf("  achieved %.0f requests/s (%zu sent, %zu ok, %zu failed)\n",
              static_cast<double>(load.sent) / load.seconds, load.sent, load.ok, load.failed);
  std::printf("  latency from the scheduled send: p50 %.2f ms   p99 %.2f ms   (goal: p99 <= 10 ms at 1,000/s)\n",
              load.latency.p50 / 1000, load.latency.p99 / 1000);
  std::printf("capacity (target %.0f requests/s): achieved %.0f requests/s, p50 %.2f ms, p99 %.2f ms\n", o.rate * 5,
              static_cast<double>(capacity.sent) / capacity.seconds, capacity.latency.p50 / 1000,
              capacity.latency.p99 / 1000);
  std::printf("note: the load generator runs in this process, on the same 2 cores as the server\n");
  store.reset();
  std::filesystem::remove_all(dir);
  return load.failed + capacity.failed == 0 ? 0 : 1;
}
