// The market intelligence area's commands: `caremarket market concentration`,
// who owns an area's care, from the register.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "api/json_intelligence.hpp"
#include "app/market_intelligence.hpp"
#include "cli/context.hpp"

namespace caremarket::cli {
namespace {
struct MarketOptions {
  CommonOptions common;
  std::string kind, council, top = "20", view = "owners";
  bool include_inactive = false;
};

int concentration(const MarketOptions& o) {
  const std::map<std::string, std::string> params{{"kind", o.kind},
                                                  {"council", o.council},
                                                  {"top", o.top},
                                                  {"view", o.view},
                                                  {"include_inactive", o.include_inactive ? "true" : ""}};
  auto request = app::parse_concentration_request(params);
  if (!request) return fail(request.error(), o.common.json);
  auto store = open_store(o.common);
  if (!store) return fail(store.error(), o.common.json);
  auto result = app::MarketIntelligence(**store).concentration(app::Caller::system_caller(), *request);
  if (!result) return fail(result.error(), o.common.json);
  if (o.common.json) {
    std::cout << api::to_json(*result).dump(2) << std::endl;
    return 0;
  }
  const auto& f = result->figures;
  const auto top = static_cast<std::size_t>(request->top);
  std::printf("%s, %s: %lld services, %lld places, %zu owners\n", result->area.c_str(),
              o.kind.empty() ? "every kind of care" : o.kind.c_str(), static_cast<long long>(f.services),
              static_cast<long long>(f.places), f.owners.size());
  std::printf("by places:   top 10 hold %.1f%%, top 20 %.1f%%; HHI %.0f (%s)\n", 100 * f.by_places.top10,
              100 * f.by_places.top20, f.by_places.hhi, intelligence::hhi_band(f.by_places.hhi));
  std::printf("by services: top 10 hold %.1f%%, top 20 %.1f%%; HHI %.0f (%s)\n\n", 100 * f.by_services.top10,
              100 * f.by_services.top20, f.by_services.hhi, intelligence::hhi_band(f.by_services.hhi));
  for (std::size_t i = 0; i < f.owners.size() && i < top; ++i) {
    const auto& w = f.owners[i];
    std::printf("%3zu. %-55.55s %4lld services %6lld places %5.1f%%\n", i + 1, w.owner.c_str(),
                static_cast<long long>(w.services), static_cast<long long>(w.places), 100 * w.share_of_places);
  }
  return 0;
}

struct GroupOptions {
  CommonOptions common;
  app::OwnershipGroupInput input;
};

int list_groups(const GroupOptions& o) {
  auto store = open_store(o.common);
  if (!store) return fail(store.error(), o.common.json);
  auto groups = app::MarketIntelligence(**store).ownership_groups(app::Caller::system_caller());
  if (!groups) return fail(groups.error(), o.common.json);
  if (o.common.json) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& g : *groups) items.push_back(api::to_json(g));
    std::cout << nlohmann::json{{"items", items}, {"total", groups->size()}}.dump(2) << std::endl;
    return 0;
  }
  if (groups->empty()) std::printf("no ownership groups recorded\n");
  for (const auto& g : *groups) {
    std::printf("%s -> %s (%s, %s)\n", g.company.c_str(), g.group.c_str(), g.source.c_str(),
                g.as_of.to_string().c_str());
  }
  return 0;
}

int set_group(const GroupOptions& o) {
  auto store = open_store(o.common);
  if (!store) return fail(store.error(), o.common.json);
  auto saved = app::MarketIntelligence(**store).set_ownership_group(app::Caller::system_caller(), o.input);
  if (!saved) return fail(saved.error(), o.common.json);
  if (o.common.json) {
    std::cout << api::to_json(*saved).dump(2) << std::endl;
  } else {
    std::printf("%s is now under %s\n", saved->company.c_str(), saved->group.c_str());
  }
  return 0;
}

int remove_group(const GroupOptions& o) {
  auto store = open_store(o.common);
  if (!store) return fail(store.error(), o.common.json);
  if (auto removed =
          app::MarketIntelligence(**store).remove_ownership_group(app::Caller::system_caller(), o.input.company);
      !removed)
    return fail(removed.error(), o.common.json);
  if (!o.common.json) std::printf("%s has no ownership group now\n", o.input.company.c_str());
  return 0;
}

void add_group_commands(CLI::App& market, int& exit_status) {
  auto* groups = market.add_subcommand("groups", "The ownership-group table: each company's ultimate owner");
  groups->require_subcommand(1);
  auto add_common = [](CLI::App* cmd, GroupOptions& o) {
    cmd->add_option("--db", o.common.db, "SQLite database file, or postgresql://user@host/database")
        ->capture_default_str();
    add_audit_key_option(cmd, o.common);
    cmd->add_flag("--json", o.common.json, "print the result as JSON");
  };
  auto list = std::make_shared<GroupOptions>();
  auto* list_cmd = groups->add_subcommand("list", "Every company's group, with its source and date");
  add_common(list_cmd, *list);
  list_cmd->callback([list, &exit_status] { exit_status = list_groups(*list); });
  auto set = std::make_shared<GroupOptions>();
  auto* set_cmd = groups->add_subcommand("set", "Record or replace a company's ownership group");
  add_common(set_cmd, *set);
  set_cmd->add_option("--company", set->input.company, "the registered provider's name, as the register spells it")
      ->required();
  set_cmd->add_option("--group", set->input.group, "its ultimate owner")->required();
  set_cmd->add_option("--source", set->input.source, "where the link was found")->required();
  set_cmd->add_option("--as-of", set->input.as_of, "the date the source speaks for, e.g. 2026-04-01")->required();
  set_cmd->callback([set, &exit_status] { exit_status = set_group(*set); });
  auto remove = std::make_shared<GroupOptions>();
  auto* remove_cmd = groups->add_subcommand("remove", "Remove a company's ownership group");
  add_common(remove_cmd, *remove);
  remove_cmd->add_option("--company", remove->input.company, "the company")->required();
  remove_cmd->callback([remove, &exit_status] { exit_status = remove_group(*remove); });
}
}  // namespace

void add_intelligence_commands(CLI::App& app, int& exit_status) {
  auto o = std::make_shared<MarketOptions>();
  auto* market = app.add_subcommand("market", "Market intelligence from the register");
  market->require_subcommand(1);
  auto* cmd = market->add_subcommand("concentration",
                                     "Owners' shares of services and places, top-10 and top-20 shares and the HHI");
  cmd->add_option("--db", o->common.db, "SQLite database file, or postgresql://user@host/database")
      ->capture_default_str();
  cmd->add_option("--kind", o->kind, "one kind of care, e.g. childrens_home (default: every kind)");
  cmd->add_option("--council", o->council, "a council's ONS code, e.g. E08000025 (default: England)");
  cmd->add_option("--top", o->top, "owners listed, 1 to 500")->capture_default_str();
  cmd->add_option("--view", o->view, "owners (the registered providers) or groups (under their ownership groups)")
      ->capture_default_str();
  cmd->add_flag("--include-inactive", o->include_inactive, "count suspended and dormant services too");
  cmd->add_flag("--json", o->common.json, "print the result as JSON");
  cmd->callback([o, &exit_status] { exit_status = concentration(*o); });
  add_group_commands(*market, exit_status);
}

}  // namespace caremarket::cli
