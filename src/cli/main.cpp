// caremarket: the command-line program. Each subcommand lives in its own
// cmd_*.cpp; this file only assembles them.
#include <CLI/CLI.hpp>

#include "cli/context.hpp"
#include "core/text.hpp"

int main(int argc, char** argv) {
  CLI::App app{"caremarket: the shared register and market of social care"};
  app.require_subcommand(1);
  int exit_status = 0;
  caremarket::cli::add_serve_command(app, exit_status);
  caremarket::cli::add_demo_command(app, exit_status);
#define CAREMARKET_AREA(name) caremarket::cli::add_##name##_commands(app, exit_status);
#include "core/areas.inc"
#undef CAREMARKET_AREA
  caremarket::cli::add_audit_command(app, exit_status);
  caremarket::cli::add_forecast_command(app, exit_status);
  caremarket::cli::add_migrate_command(app, exit_status);
  // The command line is an edge like any other: its arguments must be text.
  for (int i = 1; i < argc; ++i) {
    if (!caremarket::is_valid_utf8(argv[i])) {
      return caremarket::cli::fail(caremarket::Error::invalid("argument " + std::to_string(i) + " ('" +
                                                              caremarket::printable(argv[i]) + "') is not UTF-8 text"),
                                   false);
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) { return app.exit(e); }
  return exit_status;
}
