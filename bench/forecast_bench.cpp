// Children's forecast benchmark: the goal is every English council (153),
// ten years of monthly steps, in under a second on one core. Each council's
// return is the bundled synthetic SSDA903 sample (2017-2021), its children
// renamed per council and repeated --scale times to reach a large council's
// size; each council runs the whole pipeline (clean, daily stock, rates over
// the last year, 120 steps of 30 days, the 12-window range). The published
// Python model, the natural peer, is not installable here (no PyPI), so no
// ratio is printed: only our figures against the goal.
// Usage: forecast_bench [--councils N] [--scale N] [--steps N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "forecast/intervals.hpp"
#include "forecast/projection.hpp"

namespace fc = caremarket::forecast;
using Clock = std::chrono::steady_clock;

namespace {
std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
}  // namespace

int main(int argc, char** argv) {
  int councils = 153, scale = 4, steps = 120;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--councils") councils = std::atoi(argv[i + 1]);
    else if (a == "--scale") scale = std::atoi(argv[i + 1]);
    else if (a == "--steps") steps = std::atoi(argv[i + 1]);
    else {
      std::fprintf(stderr, "usage: forecast_bench [--councils N] [--scale N] [--steps N]\n");
      return 2;
    }
  }
  fc::Ssda903Return base;
  for (int year = 2017; year <= 2021; ++year) {
    const std::string dir = std::string(CAREMARKET_DATA_DIR) + "/ssda903_sample/" + std::to_string(year);
    auto e = fc::read_ssda903(read(dir + "-episodes.csv"));
    auto h = fc::read_ssda903(read(dir + "-header.csv"));
    if (!e || !h) {
      std::fprintf(stderr, "cannot read the sample in %s\n", CAREMARKET_DATA_DIR);
      return 1;
    }
    base.episodes_by_year.push_back(e->episodes);
    base.headers_by_year.push_back(h->headers);
  }
  // One large council: the sample's children repeated `scale` times under new ids.
  fc::Ssda903Return council;
  for (std::size_t y = 0; y < base.episodes_by_year.size(); ++y) {
    council.episodes_by_year.emplace_back();
    council.headers_by_year.emplace_back();
    for (int copy = 0; copy < scale; ++copy) {
      const std::string suffix = "-" + std::to_string(copy);
      for (auto e : base.episodes_by_year[y]) {
        e.child += suffix;
        council.episodes_by_year.back().push_back(std::move(e));
      }
      for (auto h : base.headers_by_year[y]) {
        h.child += suffix;
        council.headers_by_year.back().push_back(std::move(h));
      }
    }
  }
  std::size_t episodes = 0;
  for (const auto& y : council.episodes_by_year) episodes += y.size();

  double clean_s = 0, stock_s = 0, rates_s = 0, project_s = 0, range_s = 0, checksum = 0;
  const auto all = Clock::now();
  for (int c = 0; c < councils; ++c) {
    auto t = Clock::now();
    fc::CleanReport report;
    const auto clean = fc::clean_episodes(council, fc::Brackets{}, report);
    clean_s += seconds_since(t);
    t = Clock::now();
    const fc::DailyStock stock(clean);
    stock_s += seconds_since(t);
    t = Clock::now();
    const fc::ReferencePeriod period{stock.last().plus_days(-364), stock.last()};
    const auto model = fc::estimate_rates(clean, stock, period, fc::Brackets{});
    rates_s += seconds_since(t);
    if (!model) return 1;
    t = Clock::now();
    const fc::StateVector start = stock.on(stock.last());
    const auto projection = fc::project(start, *model, {30, steps, {}});
    project_s += seconds_since(t);
    if (!projection) return 1;
    t = Clock::now();
    const auto range = fc::reference_interval(clean, stock, period, fc::Brackets{}, start, {30, steps, {}}, {12, 30});
    range_s += seconds_since(t);
    if (!range) return 1;
    checksum += fc::in_care(projection->back().population) + range->back().high;
  }
  const double total = seconds_since(all);
  std::printf("children's forecast: %d councils x %zu episodes each (sample x %d), %d steps of 30 days\n", councils,
              episodes, scale, steps);
  std::printf("  clean %.3f s, daily stock %.3f s, rates %.3f s, projection %.4f s, 12-window range %.3f s\n", clean_s,
              stock_s, rates_s, project_s, range_s);
  std::printf("  all councils: %.3f s on one core (goal: under 1 s); %.2f ms a council\n", total,
              1000 * total / councils);
  std::printf("  projection alone: %.1f us a council\n", 1e6 * project_s / councils);
  std::printf("  (checksum %.3f)\n", checksum);
  std::printf("  peer: the published Python model is not installable on this machine (no PyPI): no ratio\n");
  return 0;
}
