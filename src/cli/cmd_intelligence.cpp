// `caremarket market concentration`: who owns an area's care, from the register.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/market_intelligence.hpp"
#include "cli/context.hpp"

namespace caremarket::cli {
namespace {
struct MarketOptions {
  CommonOptions common;
  std::string kind, council;
  bool include_inactive = false;
  std::size_t top = 20;
};

nlohmann::json measure_json(const intelligence::Measure& m) {
  return {{"top10_share", m.top10}, {"top20_share", m.top20}, {"hhi", m.hhi}, {"reading", intelligence::hhi_band(m.hhi)}};
}

int concentration(const MarketOptions& o) {
  app::ConcentrationRequest request;
  if (!o.kind.empty()) {
    request.kind = market::kind_of_care_from(o.kind);
    if (!request.kind) return fail(Error::invalid("--kind '" + o.kind + "' is not a kind of care caremarket knows", "kind"), o.common.json);
  }
  if (!o.council.empty()) request.council_code = o.council;
  request.active_only = !o.include_inactive;
  auto store = open_store(o.common);
  if (!store) return fail(store.error(), o.common.json);
  auto result = app::market_concentration(**store, app::Caller::system_caller(), request);
  if (!result) return fail(result.error(), o.common.json);
  const auto& f = result->figures;
  if (o.common.json) {
    nlohmann::json owners = nlohmann::json::array();
    for (std::size_t i = 0; i < f.owners.size() && i < o.top; ++i) {
      const auto& w = f.owners[i];
      owners.push_back({{"owner", w.owner}, {"services", w.services}, {"places", w.places},
                        {"share_of_services", w.share_of_services}, {"share_of_places", w.share_of_places}});
    }
    std::cout << nlohmann::json{{"area", result->area},
                                {"kind", o.kind.empty() ? nlohmann::json() : nlohmann::json(o.kind)},
                                {"services", f.services},
                                {"places", f.places},
                                {"owners", f.owners.size()},
                                {"by_places", measure_json(f.by_places)},
                                {"by_services", measure_json(f.by_services)},
                                {"largest_owners", owners}}
                     .dump(2)
              << std::endl;
    return 0;
  }
  std::printf("%s, %s: %lld services, %lld places, %zu owners\n", result->area.c_str(),
              o.kind.empty() ? "every kind of care" : o.kind.c_str(), static_cast<long long>(f.services),
              static_cast<long long>(f.places), f.owners.size());
  std::printf("by places:   top 10 hold %.1f%%, top 20 %.1f%%; HHI %.0f (%s)\n", 100 * f.by_places.top10,
              100 * f.by_places.top20, f.by_places.hhi, intelligence::hhi_band(f.by_places.hhi));
  std::printf("by services: top 10 hold %.1f%%, top 20 %.1f%%; HHI %.0f (%s)\n\n", 100 * f.by_services.top10,
              100 * f.by_services.top20, f.by_services.hhi, intelligence::hhi_band(f.by_services.hhi));
  for (std::size_t i = 0; i < f.owners.size() && i < o.top; ++i) {
    const auto& w = f.owners[i];
    std::printf("%3zu. %-55.55s %4lld services %6lld places %5.1f%%\n", i + 1, w.owner.c_str(),
                static_cast<long long>(w.services), static_cast<long long>(w.places), 100 * w.share_of_places);
  }
  return 0;
}
}  // namespace

void add_market_command(CLI::App& app, int& exit_status) {
  auto o = std::make_shared<MarketOptions>();
  auto* market = app.add_subcommand("market", "Market intelligence from the register");
  market->require_subcommand(1);
  auto* cmd = market->add_subcommand("concentration",
                                     "Owners' shares of services and places, top-10 and top-20 shares and the HHI");
  cmd->add_option("--db", o->common.db, "SQLite database file, or postgresql://user@host/database")->capture_default_str();
  cmd->add_option("--kind", o->kind, "one kind of care, e.g. childrens_home (default: every kind)");
  cmd->add_option("--council", o->council, "a council's ONS code, e.g. E08000025 (default: England)");
  cmd->add_option("--top", o->top, "owners listed")->capture_default_str();
  cmd->add_flag("--include-inactive", o->include_inactive, "count suspended and dormant services too");
  cmd->add_flag("--json", o->common.json, "print the result as JSON");
  cmd->callback([o, &exit_status] { exit_status = concentration(*o); });
}

}  // namespace caremarket::cli
