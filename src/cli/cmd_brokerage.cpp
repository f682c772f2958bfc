// Brokerage from the command line: each subcommand runs the same route
// handler as the HTTP API, in process, as a named user (cli/route_call.hpp),
// so the CLI and the API cannot disagree on rules, checks, errors or JSON.
#include <CLI/CLI.hpp>

#include "app/brokerage.hpp"
#include "cli/route_call.hpp"

namespace caremarket::cli {

void add_brokerage_commands(CLI::App& app, int& exit_status) {
  auto* referral = app.add_subcommand("referral", "Referrals: create, send, rank, award, withdraw, read");
  referral->require_subcommand(1);
  {
    auto call = std::make_shared<Call>();
    auto* cmd = command(*referral, "create", "Record a referral from a JSON file (the body of POST /api/referrals)",
                        "POST", "/api/referrals", exit_status, call);
    cmd->add_option("file", call->body_file, "JSON file")->required()->check(CLI::ExistingFile);
  }
  command(*referral, "list", "The council's referrals, or those sent to your provider", "GET", "/api/referrals",
          exit_status, std::make_shared<Call>());
  command(*referral, "show", "One referral (providers see it redacted until award)", "GET", "/api/referrals/{id}",
          exit_status, std::make_shared<Call>());
  command(*referral, "matches", "Who would be asked and who not, with scores and reasons", "GET",
          "/api/referrals/{id}/matches", exit_status, std::make_shared<Call>());
  command(*referral, "send", "Send to every eligible service", "POST", "/api/referrals/{id}/send", exit_status,
          std::make_shared<Call>());
  command(*referral, "rank", "Rank the offers", "POST", "/api/referrals/{id}/rank", exit_status,
          std::make_shared<Call>());
  {
    auto call = std::make_shared<Call>();
    auto award = std::make_shared<app::AwardInput>();
    auto* cmd = command(*referral, "award", "Award an offer (a reason is needed unless it is the top-ranked)", "POST",
                        "/api/referrals/{id}/award", exit_status, call, [award](Call& c) {
                          c.body = {{"offer_id", award->offer_id},
                                    {"preferred_location", award->preferred_location},
                                    {"education_continuity", award->education_continuity},
                                    {"siblings_placed_together", award->siblings_placed_together}};
                          if (!award->reason.empty()) c.body["reason"] = award->reason;
                        });
    cmd->add_option("--offer", award->offer_id, "the offer to award")->required();
    cmd->add_option("--reason", award->reason, "why, when it is not the top-ranked offer");
    cmd->add_flag("--preferred-location", award->preferred_location, "the placement is in the preferred location");
    cmd->add_flag("--education-continuity", award->education_continuity, "the child keeps their school");
    cmd->add_option("--siblings", award->siblings_placed_together, "siblings placed together");
  }
  {
    auto call = std::make_shared<Call>();
    auto reason = std::make_shared<std::string>();
    auto* cmd = command(*referral, "withdraw", "Withdraw the referral", "POST", "/api/referrals/{id}/withdraw",
                        exit_status, call, [reason](Call& c) {
                          c.body = {{"reason", *reason}};
                        });
    cmd->add_option("--reason", *reason, "why")->required();
  }
  {
    auto call = std::make_shared<Call>();
    auto reason = std::make_shared<std::string>();
    auto* cmd = command(*referral, "person", "The person's details (audited)", "GET", "/api/referrals/{id}/person",
                        exit_status, call, [reason](Call& c) {
                          if (!reason->empty()) c.query.emplace("reason", *reason);
                        });
    cmd->add_option("--reason", *reason, "why (required of the operator)");
  }
  command(*referral, "history", "Every recorded step of the referral", "GET", "/api/referrals/{id}/history",
          exit_status, std::make_shared<Call>());
  command(*referral, "export", "A child's referral as a Placements Data Standard v2 document", "GET",
          "/api/referrals/{id}/pds", exit_status, std::make_shared<Call>());

  auto* offer = app.add_subcommand("offer", "A provider's answers to referrals");
  offer->require_subcommand(1);
  {
    auto call = std::make_shared<Call>();
    struct Args {
      std::int64_t service = 0;
      std::string price, start, conditions;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = command(*offer, "make", "Offer a place", "POST", "/api/referrals/{id}/offers", exit_status, call,
                        [args](Call& c) {
                          c.body = {{"service_id", args->service}, {"price", args->price}, {"start_date", args->start}};
                          if (!args->conditions.empty()) c.body["conditions"] = args->conditions;
                        });
    cmd->add_option("--service", args->service, "your service the referral was sent to")->required();
    cmd->add_option("--price", args->price, "price per week or hour, e.g. 1250.00")->required();
    cmd->add_option("--start", args->start, "start date, YYYY-MM-DD")->required();
    cmd->add_option("--conditions", args->conditions, "conditions of the offer");
  }
  {
    auto call = std::make_shared<Call>();
    auto service = std::make_shared<std::int64_t>(0);
    auto reason = std::make_shared<std::string>();
    auto* cmd = command(*offer, "decline", "Decline for one of your services", "POST", "/api/referrals/{id}/declines",
                        exit_status, call, [service, reason](Call& c) {
                          c.body = {{"service_id", *service}, {"reason", *reason}};
                        });
    cmd->add_option("--service", *service, "your service")->required();
    cmd->add_option("--reason", *reason, "why")->required();
  }
  command(*offer, "withdraw", "Withdraw your offer before award", "POST", "/api/offers/{id}/withdraw", exit_status,
          std::make_shared<Call>());

  auto* placement = app.add_subcommand("placement", "Placements");
  placement->require_subcommand(1);
  command(*placement, "list", "Placements of your council, or with your services", "GET", "/api/placements",
          exit_status, std::make_shared<Call>());
  {
    auto call = std::make_shared<Call>();
    auto date = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>();
    auto* cmd = command(*placement, "end", "End a placement", "POST", "/api/placements/{id}/end", exit_status, call,
                        [date, reason](Call& c) {
                          c.body = {{"end_date", *date}, {"reason", *reason}};
                        });
    cmd->add_option("--date", *date, "end date, YYYY-MM-DD")->required();
    cmd->add_option("--reason", *reason, "planned_move, disruption, died or moved_away")->required();
  }
  {
    auto call = std::make_shared<Call>();
    auto* cmd =
        command(*placement, "import", "Record a placement agreed elsewhere from a Placements Data Standard file",
                "POST", "/api/referrals/{id}/placement", exit_status, call);
    cmd->add_option("file", call->body_file, "ActualPlacement + QualityAssurance JSON")
        ->required()
        ->check(CLI::ExistingFile);
  }
  command(*placement, "export", "A placement as a Placements Data Standard v2 document", "GET",
          "/api/placements/{id}/pds", exit_status, std::make_shared<Call>());
  command(app, "inbox", "Your organisation's notifications", "GET", "/api/inbox", exit_status,
          std::make_shared<Call>());
}

}  // namespace caremarket::cli
