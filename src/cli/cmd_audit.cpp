#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "storage/audit_chain.hpp"

namespace caremarket::cli {
namespace {
// Exit code for a trail that does not verify: distinct from every error code.
constexpr int kTampered = 8;

int verify(const CommonOptions& options) {
  if (!std::filesystem::exists(options.db)) {
    return fail(Error::not_found("there is no database at '" + options.db + "'"), options.json);
  }
  auto store = open_store(options);
  if (!store) return fail(store.error(), options.json);
  auto log = (*store)->audit_log();
  if (!log) return fail(log.error(), options.json);
  const auto result = storage::verify_audit_chain(*log);
  const std::string head = log->empty() ? std::string(storage::kAuditGenesis) : log->back().hash;
  if (options.json) {
    nlohmann::json out{{"intact", result.intact}, {"entries", log->size()}, {"checked", result.checked}, {"head", head}};
    if (!result.intact) {
      out["first_bad_id"] = result.first_bad_id;
      out["problem"] = std::string(storage::to_string(result.problem));
      out["reason"] = result.reason;
      for (const auto& e : *log) {
        if (e.id == result.first_bad_id) out["entry"] = {{"action", e.action}, {"subject", e.subject}};
      }
    }
    std::cout << out.dump(2) << std::endl;
  } else if (result.intact) {
    std::cout << "audit trail intact: " << log->size() << " entries; head " << head << "\n"
              << "(record the head elsewhere: removing the newest entries can only be seen against it)" << std::endl;
  } else {
    std::cout << "audit trail NOT intact at entry " << result.first_bad_id << ": " << result.reason << std::endl;
    for (const auto& e : *log) {
      if (e.id == result.first_bad_id) std::cout << "  entry " << e.id << ": " << e.action << " " << e.subject << std::endl;
    }
  }
  return result.intact ? 0 : kTampered;
}
}  // namespace

void add_audit_command(CLI::App& app, int& exit_status) {
  auto options = std::make_shared<CommonOptions>();
  auto* audit = app.add_subcommand("audit", "The tamper-evident audit trail");
  audit->require_subcommand(1);
  auto* cmd = audit->add_subcommand("verify", "Check every entry's hash chain; exit 8 at the first altered, removed or reordered entry");
  cmd->add_option("--db", options->db, "SQLite database file")->capture_default_str();
  cmd->add_flag("--json", options->json, "print the result as JSON");
  cmd->callback([options, &exit_status] { exit_status = verify(*options); });
}

}  // namespace caremarket::cli
