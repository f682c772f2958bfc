// caremarket: the command-line program. Each subcommand lives in its own
// cmd_*.cpp; this file only assembles them.
#include <CLI/CLI.hpp>

#include "cli/context.hpp"

int main(int argc, char** argv) {
  CLI::App app{"caremarket: the shared register and market of social care"};
  app.require_subcommand(1);
  int exit_status = 0;
  caremarket::cli::add_serve_command(app, exit_status);
  caremarket::cli::add_demo_command(app, exit_status);
  caremarket::cli::add_import_command(app, exit_status);
  caremarket::cli::add_search_command(app, exit_status);
  caremarket::cli::add_user_command(app, exit_status);
  caremarket::cli::add_brokerage_commands(app, exit_status);
  caremarket::cli::add_contract_commands(app, exit_status);
  caremarket::cli::add_invoice_commands(app, exit_status);
  caremarket::cli::add_price_commands(app, exit_status);
  caremarket::cli::add_audit_command(app, exit_status);
  caremarket::cli::add_allocate_command(app, exit_status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_status;
}
