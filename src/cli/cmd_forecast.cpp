// `caremarket forecast children`: the stock-and-flow forecast of children in
// care from a council's SSDA903 returns (a folder of CSV tables).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "core/csv.hpp"
#include "core/text.hpp"
#include "forecast/intervals.hpp"
#include "forecast/projection.hpp"

namespace caremarket::cli {
namespace {
namespace fs = std::filesystem;
using namespace caremarket::forecast;

struct ForecastOptions {
  bool json = false;
  std::string folder;
  std::string reference_start, reference_end, start;  // ISO dates; defaults from the data
  int step_days = 30;
  int steps = 24;
  int interval_windows = 12;
  std::vector<std::string> weekly_cost;  // "category=pounds a week"
};

// Every .csv in the folder, in name order (years ascending when named by year).
Result<Ssda903Return> read_folder(const std::string& folder, std::size_t& rejected) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return Error::invalid("'" + folder + "' is not a folder of SSDA903 CSV tables");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".csv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  Ssda903Return out;
  for (const auto& file : files) {
    CM_ASSIGN_OR_RETURN(const std::string text, read_file(file.string()));
    auto table = read_ssda903(text);
    if (!table) return Error::invalid(file.filename().string() + ": " + table.error().message);
    for (const auto& r : table->rejected) {
      std::fprintf(stderr, "%s line %zu: %s (row left out)\n", file.filename().c_str(), r.line, r.reason.c_str());
    }
    rejected += table->rejected.size();
    if (table->kind == Ssda903Table::Kind::episodes) out.episodes_by_year.push_back(std::move(table->episodes));
    else out.headers_by_year.push_back(std::move(table->headers));
  }
  if (out.episodes_by_year.empty() || out.headers_by_year.empty()) {
    return Error::invalid("'" + folder + "' needs at least one episodes table and one header table");
  }
  return out;
}

Result<Date> date_or(const std::string& text, Date fallback, const char* field) {
  if (text.empty()) return fallback;
  auto d = Date::parse_iso(text);
  if (!d) return Error::invalid(std::string(field) + ": " + d.error().message, field);
  return *d;
}

int run(const ForecastOptions& o) {
  std::size_t rejected = 0;
  auto input = read_folder(o.folder, rejected);
  if (!input) return fail(input.error(), o.json);
  const Brackets brackets;
  CleanReport report;
  const auto episodes = clean_episodes(*input, brackets, report);
  const DailyStock stock(episodes);
  auto ref_end = date_or(o.reference_end, stock.last(), "reference_end");
  if (!ref_end) return fail(ref_end.error(), o.json);
  auto ref_start = date_or(o.reference_start, ref_end->plus_days(-364), "reference_start");
  if (!ref_start) return fail(ref_start.error(), o.json);
  auto start = date_or(o.start, stock.last(), "start");
  if (!start) return fail(start.error(), o.json);
  auto model = estimate_rates(episodes, stock, {*ref_start, *ref_end}, brackets);
  if (!model) return fail(model.error(), o.json);
  std::map<Category, double> costs;
  for (const auto& pair : o.weekly_cost) {
    const auto eq = pair.find('=');
    const std::string name = pair.substr(0, eq);
    const auto weekly = eq == std::string::npos ? std::nullopt : parse_decimal(std::string_view(pair).substr(eq + 1));
    if (!weekly || *weekly < 0) {
      return fail(Error::invalid("--weekly-cost '" + pair + "': write category=pounds, e.g. residential=5200"), o.json);
    }
    const auto category = category_from(name);
    if (category && *category != Category::not_in_care) costs[*category] = *weekly;
    else
      return fail(Error::invalid("--weekly-cost: '" + name + "' is not fostering, residential, supported or other"),
                  o.json);
  }
  const StateVector population = stock.on(std::min(*start, stock.last()));
  const ProjectionOptions projection{o.step_days, o.steps, {}};
  auto steps = project(population, *model, projection);
  if (!steps) return fail(steps.error(), o.json);
  auto interval = reference_interval(episodes, stock, {*ref_start, *ref_end}, brackets, population, projection,
                                     {o.interval_windows, 30});
  if (!interval) return fail(interval.error(), o.json);

  const Category shown[] = {Category::fostering, Category::residential, Category::supported, Category::other};
  if (o.json) {
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < steps->size(); ++i) {
      const auto& s = (*steps)[i];
      nlohmann::json row{{"date", start->plus_days(s.day).to_string()},
                         {"in_care", in_care(s.population)},
                         {"in_care_low", (*interval)[i].low},
                         {"in_care_high", (*interval)[i].high}};
      for (const auto c : shown) row[std::string(to_string(c))] = in_category(s.population, c);
      if (!costs.empty()) row["cost_per_day"] = daily_cost(s.population, costs);
      rows.push_back(std::move(row));
    }
    nlohmann::json out{{"reference_period", {{"start", ref_start->to_string()}, {"end", ref_end->to_string()}}},
                       {"episodes",
                        {{"read", report.episodes_read},
                         {"used", episodes.size()},
                         {"without_header", report.without_header},
                         {"duplicates_dropped", report.duplicates_dropped},
                         {"ends_corrected", report.ends_corrected},
                         {"outside_age_brackets", report.outside_brackets},
                         {"rows_rejected", rejected}}},
                       {"interval",
                        {{"method",
                          "the same projection with rates from earlier 12-month windows, each 30 days before the next; "
                          "low and high of children in care"},
                         {"windows_used", interval->front().windows_used}}},
                       {"steps", rows}};
    std::cout << out.dump(2) << std::endl;
    return 0;
  }
  std::printf("%zu episodes read, %zu used (%zu without a header, %zu repeats dropped, %zu ends corrected)\n",
              report.episodes_read, episodes.size(), report.without_header, report.duplicates_dropped,
              report.ends_corrected);
  std::printf("rates from %s to %s; projection from %s in steps of %d days\n", ref_start->to_string().c_str(),
              ref_end->to_string().c_str(), start->to_string().c_str(), o.step_days);
  std::printf("range: the same projection with rates from %d reference windows, each 30 days earlier\n\n",
              interval->front().windows_used);
  std::printf("%-10s %9s %15s %9s %11s %9s %9s%s\n", "date", "in care", "range", "fostering", "residential",
              "supported", "other", costs.empty() ? "" : "  cost a day");
  for (std::size_t i = 0; i < steps->size(); ++i) {
    const auto& s = (*steps)[i];
    const std::string range = std::to_string(static_cast<long>((*interval)[i].low + 0.5)) + " to " +
                              std::to_string(static_cast<long>((*interval)[i].high + 0.5));
    std::printf("%-10s %9.1f %15s %9.1f %11.1f %9.1f %9.1f", start->plus_days(s.day).to_string().c_str(),
                in_care(s.population), range.c_str(), in_category(s.population, Category::fostering),
                in_category(s.population, Category::residential), in_category(s.population, Category::supported),
                in_category(s.population, Category::other));
    if (!costs.empty()) std::printf("  %11.2f", daily_cost(s.population, costs));
    std::printf("\n");
  }
  return 0;
}
}  // namespace

void add_forecast_command(CLI::App& app, int& exit_status) {
  auto o = std::make_shared<ForecastOptions>();
  auto* forecast = app.add_subcommand("forecast", "Demand forecasts");
  forecast->require_subcommand(1);
  auto* children = forecast->add_subcommand(
      "children", "Children in care by placement type, from a folder of SSDA903 returns (stock-and-flow method)");
  children->add_option("folder", o->folder, "folder of SSDA903 episodes and header CSV tables")->required();
  children->add_option("--reference-start", o->reference_start,
                       "first day the rates are measured over (default: a year before the end)");
  children->add_option("--reference-end", o->reference_end,
                       "last day of the reference period (default: the data's last day)");
  children->add_option("--start", o->start, "day the projection starts (default: the data's last day)");
  children->add_option("--step-days", o->step_days, "days a step")->capture_default_str();
  children->add_option("--steps", o->steps, "number of steps")->capture_default_str();
  children->add_option("--interval-windows", o->interval_windows, "reference windows compared for the range")
      ->capture_default_str();
  children->add_option("--weekly-cost", o->weekly_cost, "category=pounds a week, e.g. residential=5200 (repeat)");
  children->add_flag("--json", o->json, "print the result as JSON");
  children->callback([o, &exit_status] { exit_status = run(*o); });
}

}  // namespace caremarket::cli
