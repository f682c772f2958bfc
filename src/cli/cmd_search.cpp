#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <map>

#include "api/json_output.hpp"
#include "app/market_register.hpp"
#include "app/search_request.hpp"
#include "cli/context.hpp"

namespace caremarket::cli {
namespace {
struct SearchOptions {
  CommonOptions common;
  std::map<std::string, std::string> filters;  // filled from options named as the API's parameters
};

int search(const SearchOptions& options) {
  auto request = app::parse_search_request(options.filters);
  if (!request) return fail(request.error(), options.common.json);
  auto store = open_store(options.common);
  if (!store) return fail(store.error(), options.common.json);
  auto gazetteer = load_gazetteer(options.common);
  if (!gazetteer) return fail(gazetteer.error(), options.common.json);
  auto market = app::MarketRegister::open(**store, *gazetteer);
  if (!market) return fail(market.error(), options.common.json);
  auto result = (*market)->search(app::Caller::system_caller(), std::move(*request));
  if (!result) return fail(result.error(), options.common.json);
  if (options.common.json) {
    std::cout << api::to_json(*result).dump(2) << std::endl;
    return 0;
  }
  std::printf("%zu services match; showing %zu from %zu\n", result->total, result->items.size(), result->offset + 1);
  for (const auto& v : result->items) {
    const auto& s = v.service;
    std::printf("%7lld  %-45.45s %-22s %-20s places %-3d vacant %-3d", static_cast<long long>(s.id), s.name.c_str(),
                std::string(to_string(s.kind)).c_str(), std::string(to_string(s.rating)).c_str(), s.places,
                s.vacancies);
    if (v.distance_miles) std::printf(" %6.1f mi", *v.distance_miles);
    std::printf("  %s\n", s.postcode.empty() ? v.local_authority_name.c_str() : s.postcode.c_str());
  }
  return 0;
}
}  // namespace

void add_search_command(CLI::App& app, int& exit_status) {
  auto options = std::make_shared<SearchOptions>();
  auto* cmd = app.add_subcommand("search", "Search the register with the same filters as GET /api/services");
  cmd->add_option("--db", options->common.db, "SQLite database file, or postgresql://user@host/database")
      ->capture_default_str();
  cmd->add_option("--data-dir", options->common.data_dir, "folder with the ONS postcode centroid files");
  cmd->add_flag("--json", options->common.json, "print the result as JSON, as the API does");
  // One option per API filter, spelt with dashes: --within-miles for within_miles.
  for (const auto& p : app::search_parameters()) {
    std::string flag = "--" + p.name;
    for (auto& c : flag)
      if (c == '_') c = '-';
    cmd->add_option_function<std::string>(
        flag, [options, name = p.name](const std::string& value) { options->filters[name] = value; }, p.description);
  }
  cmd->callback([options, &exit_status] { exit_status = search(*options); });
}

// The register area: importing the regulators' registers, then searching.
void add_register_commands(CLI::App& app, int& exit_status) {
  add_import_command(app, exit_status);
  add_search_command(app, exit_status);
}

}  // namespace caremarket::cli
