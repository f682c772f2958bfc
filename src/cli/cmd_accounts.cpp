#include <unistd.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>

#include "api/json_output.hpp"
#include "app/accounts.hpp"
#include "cli/context.hpp"
#include "core/text.hpp"

namespace caremarket::cli {
namespace {
struct UserOptions {
  CommonOptions common;
  std::int64_t organisation_id = 0;
  bool operator_ = false;
  std::string email;
  std::string name;
  std::vector<std::string> roles;
  bool password_stdin = false;
};

// The password never goes on the command line, where `ps` would show it.
Result<std::string> read_password(bool from_stdin) {
  std::string password;
  if (!from_stdin && !isatty(STDIN_FILENO)) {
    return Error::invalid("give the password on standard input with --password-stdin");
  }
  if (!from_stdin) std::cerr << "Password (at least 12 characters): " << std::flush;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

// The first operator: the organisation is created on demand.
Result<std::int64_t> operator_organisation(storage::Store& store) {
  CM_ASSIGN_OR_RETURN(const auto existing, store.find_organisation_by_key("operator"));
  if (existing) return existing->id;
  market::Organisation o;
  o.kind = market::OrganisationKind::operator_;
  o.name = "caremarket operator";
  o.source_key = "operator";
  return store.create_organisation(o);
}

int add_user(const UserOptions& options) {
  if (!options.operator_ && options.organisation_id == 0) {
    return fail(Error::invalid("say which organisation the user belongs to: --org-id N, or --operator"),
                options.common.json);
  }
  auto password = read_password(options.password_stdin);
  if (!password) return fail(password.error(), options.common.json);
  auto store = open_store(options.common);
  if (!store) return fail(store.error(), options.common.json);
  app::Accounts accounts(**store, app::AccountsConfig{});
  std::optional<storage::User> added;
  // The operator organisation and its first user land together or not at all.
  const Status done = (*store)->in_transaction([&]() -> Status {
    std::int64_t organisation_id = options.organisation_id;
    std::vector<std::string> roles = options.roles;
    if (options.operator_) {
      CM_ASSIGN_OR_RETURN(organisation_id, operator_organisation(**store));
      if (roles.empty()) roles = {"operator_admin"};
    }
    CM_ASSIGN_OR_RETURN(added, accounts.add_user(app::Caller::system_caller(),
                                                 {organisation_id, options.email, options.name, *password, roles}));
    return {};
  });
  if (!done) return fail(done.error(), options.common.json);
  if (options.common.json) {
    std::cout << api::to_json(*added).dump(2) << std::endl;
  } else {
    std::cout << "added user " << added->id << " " << added->email << " (" << join(added->roles, ", ")
              << ") to organisation " << added->organisation_id << std::endl;
  }
  return 0;
}
}  // namespace

void add_accounts_commands(CLI::App& app, int& exit_status) {
  auto options = std::make_shared<UserOptions>();
  auto* user = app.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Add a user; --operator creates the first platform operator");
  add->add_option("--db", options->common.db, "SQLite database file, or postgresql://user@host/database")
      ->capture_default_str();
  add->add_option("--org-id", options->organisation_id, "the user's organisation (see GET /api/organisations)");
  add->add_flag("--operator", options->operator_, "a platform operator (creates the operator organisation if needed)");
  add->add_option("--email", options->email, "login email")->required();
  add->add_option("--name", options->name, "the person's name")->required();
  add->add_option("--role", options->roles,
                  "role (repeatable): placement_officer, commissioner, contract_officer, council_admin, "
                  "provider_manager, provider_admin, operator_admin");
  add->add_flag("--password-stdin", options->password_stdin, "read the password from standard input");
  add->add_flag("--json", options->common.json, "print the new user as JSON");
  add->callback([options, &exit_status] { exit_status = add_user(*options); });
}

}  // namespace caremarket::cli
