#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "storage/audit_chain.hpp"
#include "storage/audit_key.hpp"

namespace caremarket::cli {
namespace {
// Exit code for a trail that does not verify: distinct from every error code.
constexpr int kTampered = 8;

struct AuditOptions {
  CommonOptions common;
  std::string expect_head;  // "SEQ:MAC" from an earlier `audit head`
  std::string key_out;      // new-key: where to write it
};

struct Loaded {
  std::vector<storage::AuditEvent> log;
  std::string key;       // empty: no key found
  std::string key_file;  // where it came from
};

Result<Loaded> load(const CommonOptions& options) {
  if (!is_postgres_url(options.db) && !std::filesystem::exists(options.db)) {
    return Error::not_found("there is no database at '" + options.db + "'");
  }
  Loaded loaded;
  loaded.key_file = resolved_audit_key_file(options);
  if (!loaded.key_file.empty()) { CM_ASSIGN_OR_RETURN(loaded.key, storage::read_audit_key_file(loaded.key_file)); }
  CM_ASSIGN_OR_RETURN(auto store, open_store(options));
  CM_ASSIGN_OR_RETURN(loaded.log, store->audit_log());
  return loaded;
}

Status valid_head(const std::string& head) {
  const auto colon = head.find(':');
  const bool ok = colon != std::string::npos && colon > 0 && head.size() - colon - 1 == 64 &&
                  head.find_first_not_of("0123456789") == colon &&
                  head.find_first_not_of("0123456789abcdef", colon + 1) == std::string::npos;
  if (!ok) return Error::invalid("give the head as SEQ:MAC, as `caremarket audit head` printed it", "expect-head");
  return {};
}

int verify(const AuditOptions& options) {
  const bool as_json = options.common.json;
  if (!options.expect_head.empty()) {
    if (auto valid = valid_head(options.expect_head); !valid) return fail(valid.error(), as_json);
  }
  auto loaded = load(options.common);
  if (!loaded) return fail(loaded.error(), as_json);
  const auto& log = loaded->log;
  const auto result = storage::verify_audit_chain(log, loaded->key, options.expect_head);
  const std::string head = log.empty() ? std::string(storage::kAuditGenesis) : log.back().hash;
  if (as_json) {
    nlohmann::json out{
        {"intact", result.intact},
        {"entries", log.size()},
        {"checked", result.checked},
        {"head", head},
        {"signatures_checked", result.signatures_checked},
        {"signed_from", result.signed_from == 0 ? nlohmann::json(nullptr) : nlohmann::json(result.signed_from)}};
    if (!log.empty() && !log.back().mac.empty()) out["signed_head"] = storage::audit_head(log.back());
    if (!options.expect_head.empty()) out["expected_head"] = options.expect_head;
    if (!result.intact) {
      out["first_bad_id"] = result.first_bad_id;
      out["problem"] = std::string(storage::to_string(result.problem));
      out["reason"] = result.reason;
      for (const auto& e : log) {
        if (e.id == result.first_bad_id) out["entry"] = {{"action", e.action}, {"subject", e.subject}};
      }
    }
    std::cout << out.dump(2) << std::endl;
  } else if (result.intact) {
    std::cout << "audit trail intact: " << log.size() << " entries; head " << head << "\n";
    if (!result.signatures_checked) {
      std::cout << "signatures NOT checked: no audit key given (--audit-key-file or CAREMARKET_AUDIT_KEY_FILE); "
                   "without it, a trail whose hashes were all recomputed cannot be told from the real one\n";
    } else if (result.signed_from == 0) {
      // A trail from before the key, or one stripped of its signatures:
      // only a head recorded elsewhere (--expect-head) tells them apart.
      std::cout << "no entry is signed with the key yet: entries written before the key was configured are checked "
                   "by their hashes only, and the first entry written with the key will anchor them\n";
    } else {
      std::cout << "signed with the key from entry " << result.signed_from
                << (result.signed_from > 1
                        ? " (the entries before it were written before the key, and are anchored by it)"
                        : "")
                << "\n";
    }
    if (!options.expect_head.empty()) std::cout << "the recorded head " << options.expect_head << " is there\n";
    if (!log.empty() && !log.back().mac.empty()) {
      std::cout << "record the head elsewhere: `caremarket audit head` (" << storage::audit_head(log.back())
                << "); removing the newest entries is seen only against it (--expect-head)\n";
    }
    std::cout << std::flush;
  } else {
    std::cout << "audit trail NOT intact at entry " << result.first_bad_id << ": " << result.reason << std::endl;
    for (const auto& e : log) {
      if (e.id == result.first_bad_id)
        std::cout << "  entry " << e.id << ": " << e.action << " " << e.subject << std::endl;
    }
  }
  return result.intact ? 0 : kTampered;
}

// The newest entry's "SEQ:MAC", once the whole trail verifies with the key.
int head(const AuditOptions& options) {
  const bool as_json = options.common.json;
  auto loaded = load(options.common);
  if (!loaded) return fail(loaded.error(), as_json);
  if (loaded->key.empty()) {
    return fail(Error::invalid("the head is signed with the audit key: name its file with --audit-key-file or "
                               "CAREMARKET_AUDIT_KEY_FILE"),
                as_json);
  }
  const auto result = storage::verify_audit_chain(loaded->log, loaded->key);
  if (!result.intact) {
    std::cerr << "caremarket: the audit trail does not verify, so it has no head to record: entry "
              << result.first_bad_id << ": " << result.reason << std::endl;
    return kTampered;
  }
  if (loaded->log.empty() || loaded->log.back().mac.empty()) {
    return fail(Error::conflict("the newest audit entry is not signed yet: the next change made with the key signs it"),
                as_json);
  }
  const auto& newest = loaded->log.back();
  if (as_json) {
    std::cout << nlohmann::json{{"head", storage::audit_head(newest)},
                                {"seq", newest.id},
                                {"mac", newest.mac},
                                {"at", format_timestamp(newest.at)}}
                     .dump(2)
              << std::endl;
  } else {
    std::cout << storage::audit_head(newest) << std::endl;
  }
  return 0;
}

int new_key(const AuditOptions& options) {
  if (options.key_out.empty())
    return fail(Error::invalid("name the new key's file with --out", "out"), options.common.json);
  if (auto made = storage::create_audit_key_file(options.key_out); !made)
    return fail(made.error(), options.common.json);
  std::cout << "a new audit key is in " << options.key_out
            << " (readable by you only); name it with --audit-key-file or CAREMARKET_AUDIT_KEY_FILE" << std::endl;
  return 0;
}
}  // namespace

void add_audit_command(CLI::App& app, int& exit_status) {
  auto options = std::make_shared<AuditOptions>();
  auto* audit = app.add_subcommand("audit", "The tamper-evident audit trail");
  audit->require_subcommand(1);
  auto* cmd = audit->add_subcommand("verify",
                                    "Check every entry's hash chain and, with the key, its signatures; exit 8 at "
                                    "the first altered, removed, reordered or forged entry");
  cmd->add_option("--db", options->common.db, "SQLite database file, or postgresql://user@host/database")
      ->capture_default_str();
  cmd->add_flag("--json", options->common.json, "print the result as JSON");
  add_audit_key_option(cmd, options->common);
  cmd->add_option("--expect-head", options->expect_head,
                  "SEQ:MAC printed earlier by `caremarket audit head`: that entry must still be there, so removing "
                  "the newest entries is detected");
  cmd->callback([options, &exit_status] { exit_status = verify(*options); });

  auto* head_cmd = audit->add_subcommand("head",
                                         "Print the newest entry as SEQ:MAC (its number and signature), to "
                                         "record outside this server; needs the audit key");
  head_cmd->add_option("--db", options->common.db, "SQLite database file, or postgresql://user@host/database")
      ->capture_default_str();
  head_cmd->add_flag("--json", options->common.json, "print the head as JSON");
  add_audit_key_option(head_cmd, options->common);
  head_cmd->callback([options, &exit_status] { exit_status = head(*options); });

  auto* key_cmd = audit->add_subcommand("new-key", "Write a new random audit key to a new file readable by you only");
  key_cmd->add_option("--out", options->key_out, "the key file to create")->required();
  key_cmd->callback([options, &exit_status] { exit_status = new_key(*options); });
}

}  // namespace caremarket::cli
