// Regional allocation from the command line: the API's own handlers, run
// in process as a named user; `run` prints progress lines on stderr.
#include <CLI/CLI.hpp>

#include "cli/route_call.hpp"
#include "core/csv.hpp"

namespace caremarket::cli {

void add_allocation_commands(CLI::App& app, int& exit_status) {
  auto* allocate = app.add_subcommand("allocate", "Regional allocation: run a proposal, review it, confirm matches");
  allocate->require_subcommand(1);
  {
    struct Args {
      std::int64_t alliance = 0;
      std::string block_file;
      bool no_fairness = false;
    };
    auto args = std::make_shared<Args>();
    auto call = std::make_shared<Call>();
    call->progress = true;
    auto* cmd =
        command(*allocate, "run", "Allocate the waiting referrals of your council, or of an alliance it belongs to",
                "POST", "/api/allocations", exit_status, call, [args](Call& c) {
                  c.body = nlohmann::json::object();
                  if (args->alliance != 0) c.body["alliance_id"] = args->alliance;
                  if (args->no_fairness) c.body["fairness"] = false;
                  if (!args->block_file.empty()) {
                    auto text = read_file(args->block_file);
                    auto parsed = text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
                    // A file that is not a JSON array is passed on as is: the API's checks answer it.
                    c.body["block_places"] = parsed.is_discarded() ? nlohmann::json("not JSON") : parsed;
                  }
                });
    cmd->add_option("--alliance", args->alliance, "an alliance your council belongs to (default: your council alone)");
    cmd->add_option("--block-places", args->block_file,
                    "JSON file: [{\"council_id\", \"service_id\", \"places\"}] block places paid for and empty now")
        ->check(CLI::ExistingFile);
    cmd->add_flag("--no-fairness", args->no_fairness, "leave out the council equity terms");
  }
  command(*allocate, "list", "Allocation runs with your council's referrals in them", "GET", "/api/allocations",
          exit_status, std::make_shared<Call>());
  command(*allocate, "show", "One proposal: every match with its explanation, and each council's shares", "GET",
          "/api/allocations/{id}", exit_status, std::make_shared<Call>());
  {
    auto referrals = std::make_shared<std::vector<std::int64_t>>();
    auto* cmd =
        command(*allocate, "confirm", "Send your council's proposed matches (all, or those of --referral)", "POST",
                "/api/allocations/{id}/confirm", exit_status, std::make_shared<Call>(), [referrals](Call& c) {
                  c.body = nlohmann::json::object();
                  if (!referrals->empty()) c.body["referrals"] = *referrals;
                });
    cmd->add_option("--referral", *referrals, "a referral whose match to send (repeat; default: all of yours)");
  }
  {
    auto name = std::make_shared<std::string>();
    auto members = std::make_shared<std::vector<std::int64_t>>();
    auto* cmd = command(*allocate, "alliance", "Record an alliance of councils (the operator)", "POST",
                        "/api/alliances", exit_status, std::make_shared<Call>(), [name, members](Call& c) {
                          c.body = {{"name", *name}, {"members", *members}};
                        });
    cmd->add_option("--name", *name, "the alliance's name")->required();
    cmd->add_option("--member", *members, "a member council's organisation id (repeat)")->required();
  }
  command(*allocate, "alliances", "The alliances your council belongs to", "GET", "/api/alliances", exit_status,
          std::make_shared<Call>());
}

}  // namespace caremarket::cli
