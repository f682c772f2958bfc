// Prices from the command line: `caremarket price ...` runs the API's own
// handlers in process (cli/route_call.hpp). The calculations (templates,
// calculate, block-sizing, fee-review) need no user or database; the stored
// models and open-book submissions act as a named user.
#include <CLI/CLI.hpp>

#include "cli/route_call.hpp"

namespace caremarket::cli {
namespace {

std::shared_ptr<Call> calculation() {
  auto call = std::make_shared<Call>();
  call->calculation = true;
  return call;
}

// "--set care_hours=27.5" pairs into the parameters object.
Result<nlohmann::json> parameters_from(const std::vector<std::string>& pairs) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& p : pairs) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0)
      return Error::invalid("--set takes name=value, e.g. care_hours=27.50", "set");
    out[p.substr(0, eq)] = p.substr(eq + 1);
  }
  return out;
}
}  // namespace

void add_pricing_commands(CLI::App& app, int& exit_status) {
  auto* price = app.add_subcommand("price", "Price models, open-book costs, block sizing and fee reviews");
  price->require_subcommand(1);
  command(*price, "templates", "The price model templates, each parameter with its default and source", "GET",
          "/api/price-templates", exit_status, calculation());
  {
    auto call = calculation();
    struct Args {
      std::string template_name;
      std::vector<std::string> set;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = command(*price, "calculate", "Price a model from a JSON file, or a template with --set parameters",
                        "POST", "/api/price-model/calculate", exit_status, call, [args](Call& c) {
                          if (!c.body_file.empty()) return;
                          c.body = {{"template", args->template_name}};
                          auto parameters = parameters_from(args->set);
                          // A bad pair goes to the handler as a bad value, which names the field.
                          c.body["parameters"] = parameters ? *parameters : nlohmann::json("--set name=value");
                        });
    auto* file = cmd->add_option("file", call->body_file, "JSON file (the body of POST /api/price-model/calculate)")
                     ->check(CLI::ExistingFile);
    auto* tmpl = cmd->add_option("--template", args->template_name, "care_home or home_care")->excludes(file);
    cmd->add_option("--set", args->set, "a parameter, name=value (repeat)")->needs(tmpl);
  }
  {
    auto call = calculation();
    auto* cmd = command(*price, "block-sizing", "Spot only vs rigid block vs soft block, from a JSON file", "POST",
                        "/api/block-sizing", exit_status, call);
    cmd->add_option("file", call->body_file, "JSON file (the body of POST /api/block-sizing)")
        ->required()
        ->check(CLI::ExistingFile);
  }
  {
    auto call = calculation();
    auto* cmd = command(*price, "fee-review",
                        "Quality-weighted uplifts within an envelope, from a JSON file (contracts by 'contract_id' "
                        "need --db and --user)",
                        "POST", "/api/fee-review", exit_status, call);
    cmd->add_option("file", call->body_file, "JSON file (the body of POST /api/fee-review)")
        ->required()
        ->check(CLI::ExistingFile);
  }

  auto* model = price->add_subcommand("model", "A council's price models");
  model->require_subcommand(1);
  command(*model, "list", "A council's price models (id: the council)", "GET", "/api/councils/{id}/price-models",
          exit_status, std::make_shared<Call>());
  {
    auto call = std::make_shared<Call>();
    auto* cmd = command(*model, "set", "Set a council's price models from a JSON file {\"models\": [...]}", "PUT",
                        "/api/councils/{id}/price-models", exit_status, call);
    cmd->add_option("file", call->body_file, "JSON file")->required()->check(CLI::ExistingFile);
  }

  auto* open_book = price->add_subcommand("open-book", "A provider's open-book costs for a service");
  open_book->require_subcommand(1);
  {
    auto call = std::make_shared<Call>();
    auto* cmd = command(*open_book, "submit", "Submit open-book costs for your service (id) from a JSON file", "POST",
                        "/api/services/{id}/open-book", exit_status, call);
    cmd->add_option("file", call->body_file, "JSON file")->required()->check(CLI::ExistingFile);
  }
  command(*open_book, "list", "A service's submissions (id: the service)", "GET", "/api/services/{id}/open-book",
          exit_status, std::make_shared<Call>());

  auto* explain = price->add_subcommand("explain", "Which lines put a price above or below the council's model");
  explain->require_subcommand(1);
  {
    auto call = std::make_shared<Call>();
    auto council = std::make_shared<std::int64_t>(0);
    auto* cmd = command(*explain, "service", "A service's latest open-book submission (id: the service)", "GET",
                        "/api/services/{id}/open-book/explain", exit_status, call, [council](Call& c) {
                          if (*council != 0) c.query.emplace("council_id", std::to_string(*council));
                        });
    cmd->add_option("--council", *council, "the council whose model to compare with");
  }
  command(*explain, "offer", "An offer against the referring council's model (id: the offer)", "GET",
          "/api/offers/{id}/price-explanation", exit_status, std::make_shared<Call>());
}

}  // namespace caremarket::cli
