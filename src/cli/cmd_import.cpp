#include <CLI/CLI.hpp>

#include <iostream>

#include "api/json_output.hpp"
#include "app/demo.hpp"
#include "cli/context.hpp"

namespace caremarket::cli {
namespace {
struct ImportOptions {
  CommonOptions common;
  std::string kind;
  std::string file;
  std::size_t show = 20;
};

void print_notes(const std::vector<importers::RowNote>& notes, std::size_t show) {
  for (std::size_t i = 0; i < notes.size() && i < show; ++i) {
    std::cout << "    line " << notes[i].line << ": " << notes[i].reason << "\n";
  }
  if (notes.size() > show) std::cout << "    ... and " << notes.size() - show << " more (use --json for all)\n";
}

int run_import(const ImportOptions& options) {
  auto store = open_store(options.common);
  if (!store) return fail(store.error(), options.common.json);
  auto gazetteer = load_gazetteer(options.common);
  if (!gazetteer) return fail(gazetteer.error(), options.common.json);
  auto summary = app::import_register_file(**store, **gazetteer, app::Caller::system_caller(), options.kind,
                                           options.file, terminal_progress("importing " + options.kind));
  if (!summary) return fail(summary.error(), options.common.json);
  if (options.common.json) {
    std::cout << api::to_json(*summary).dump(2) << std::endl;
    return 0;
  }
  std::cout << summary->source << " (" << summary->format << "): " << summary->rows_read << " rows read\n"
            << "  imported:  " << summary->imported << "\n"
            << "  updated:   " << summary->updated << "\n"
            << "  unchanged: " << summary->unchanged << "\n"
            << "  skipped:   " << summary->skipped.size() << " (not care that caremarket places people in)\n"
            << "  rejected:  " << summary->rejected.size() << "\n";
  print_notes(summary->rejected, options.show);
  if (!summary->warnings.empty()) {
    std::cout << "  warnings:  " << summary->warnings.size() << " (imported with a correction)\n";
    print_notes(summary->warnings, options.show);
  }
  std::cout << std::flush;
  return 0;
}
}  // namespace

void add_import_command(CLI::App& app, int& exit_status) {
  auto options = std::make_shared<ImportOptions>();
  auto* cmd =
      app.add_subcommand("import", "Import a regulator's register file (runs again safely: updates, never duplicates)");
  cmd->add_option("kind", options->kind, "cqc or ofsted")->required()->check(CLI::IsMember({"cqc", "ofsted"}));
  cmd->add_option("file", options->file, "the CSV file")->required();
  cmd->add_option("--db", options->common.db, "SQLite database file, or postgresql://user@host/database")
      ->capture_default_str();
  cmd->add_option("--data-dir", options->common.data_dir, "folder with the ONS postcode centroid files");
  add_audit_key_option(cmd, options->common);
  cmd->add_option("--show", options->show, "rejected rows to list")->capture_default_str();
  cmd->add_flag("--json", options->common.json, "print the summary as JSON, with every rejected row");
  cmd->callback([options, &exit_status] { exit_status = run_import(*options); });
}

}  // namespace caremarket::cli
