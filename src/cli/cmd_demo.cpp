#include <CLI/CLI.hpp>

#include <iostream>

#include "api/json_output.hpp"
#include "app/demo.hpp"
#include "cli/context.hpp"
#include "storage/audit_key.hpp"

namespace caremarket::cli {
namespace {
int demo(CommonOptions options) {
  // The demo signs its audit trail from the start: with the key named, or
  // else with a new key file beside the database (storage/audit_key.hpp),
  // which every later command on that database finds by itself.
  if (resolved_audit_key_file(options).empty() && is_postgres_url(options.db)) {
    return fail(Error::invalid("the demo signs its audit trail: for a PostgreSQL database, name its key file "
                               "with --audit-key-file (make one with `caremarket audit new-key --out FILE`)"),
                options.json);
  }
  if (resolved_audit_key_file(options).empty()) {
    options.audit_key_file = storage::audit_key_beside(options.db);
    if (auto made = storage::create_audit_key_file(options.audit_key_file); !made)
      return fail(made.error(), options.json);
    if (!options.json)
      std::cout << "The audit trail is signed with a new key in " << options.audit_key_file << std::endl;
  }
  auto store = open_store(options);
  if (!store) return fail(store.error(), options.json);
  auto gazetteer = load_gazetteer(options);
  if (!gazetteer) return fail(gazetteer.error(), options.json);
  auto existing = (*store)->list_services();
  if (!existing) return fail(existing.error(), options.json);
  const bool fresh = existing->empty();
  if (!options.json) {
    std::cout << (fresh ? "Building the demo register in " : "Refreshing the demo register in ")
              << printable_db(options.db) << (fresh ? " ..." : " (imports run again safely: nothing is duplicated) ...")
              << std::endl;
  }
  auto summary = app::build_demo(**store, **gazetteer, resolved_data_dir(options), terminal_progress("importing"));
  if (!summary) return fail(summary.error(), options.json);
  if (options.json) {
    nlohmann::json imports = nlohmann::json::array();
    for (const auto& s : summary->imports) imports.push_back(api::to_json(s));
    nlohmann::json logins = nlohmann::json::array();
    for (const auto& l : summary->logins) {
      logins.push_back(
          {{"role", l.role}, {"email", l.email}, {"password", l.password}, {"organisation", l.organisation}});
    }
    std::cout << nlohmann::json{{"imports", imports},
                                {"councils_added", summary->councils},
                                {"synthetic_vacancies", summary->synthetic_vacancies},
                                {"synthetic_prices", summary->synthetic_prices},
                                {"logins", logins}}
                     .dump(2)
              << std::endl;
    return 0;
  }
  for (const auto& s : summary->imports) {
    std::cout << "  " << s.source << ": " << s.imported << " new, " << s.updated << " updated, " << s.unchanged
              << " unchanged, " << s.rejected.size() << " rejected, " << s.skipped.size() << " skipped\n";
  }
  if (summary->councils) std::cout << "  councils added: " << summary->councils << "\n";
  if (summary->synthetic_prices) {
    std::cout << "  synthetic (demo only) vacancies: " << summary->synthetic_vacancies
              << ", prices: " << summary->synthetic_prices
              << ", children's service profiles: " << summary->synthetic_profiles
              << ", contracts: " << summary->synthetic_contracts << "\n";
  }
  std::cout << "  synthetic price models (care homes, home care): " << summary->synthetic_price_models
            << "; an open-book submission for service " << summary->open_book_service_id << "\n";
  std::cout << "Demo logins (password for each: " << summary->logins.front().password << "):\n";
  for (const auto& l : summary->logins) {
    std::cout << "  " << l.role << ": " << l.email << "  (" << l.organisation << ")\n";
  }
  std::cout << std::flush;
  return 0;
}
}  // namespace

void add_demo_command(CLI::App& app, int& exit_status) {
  auto options = std::make_shared<CommonOptions>();
  auto* cmd = app.add_subcommand("demo", "Create (or top up) the demo register and demo logins");
  cmd->add_option("--db", options->db, "SQLite database file, or postgresql://user@host/database")
      ->capture_default_str();
  cmd->add_option("--data-dir", options->data_dir, "folder with the bundled register and postcode files");
  cmd->add_flag("--json", options->json, "print the summary as JSON");
  add_audit_key_option(cmd, *options);
  cmd->callback([options, &exit_status] { exit_status = demo(*options); });
}

}  // namespace caremarket::cli
