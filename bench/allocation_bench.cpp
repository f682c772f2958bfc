// Regional allocation benchmark: placement-shaped markets (2,000 referrals x
// 500 services, 20,000 x 5,000, 100,000 x 20,000; about 50 candidate
// services each) through caremarket's whole pipeline (eligibility and
// scores, graph, exact solve, explanations), and the identical graph handed
// to LEMON's NetworkSimplex and CostScaling and GLPK's relax4 (raw solve
// only, graph building not timed), and the problem expanded to one column
// per place for scipy's linear_sum_assignment and
// min_weight_full_bipartite_matching (bench/allocation_scipy.py), side by
// side in one run. Every solver's optimum must equal ours (exit 1 if not).
// Every contender but GLPK and scipy (minutes, and a separate process) runs
// once to warm up and then in rounds (--repeat, 3, or more until our
// pipeline has run for a second), one run of each per round; medians.
// Usage: allocation_bench [--sizes small,medium,large] [--seed N] [--repeat N]
//        [--no-scipy] [--pipeline-only]  (our pipeline alone, for profiling)
#ifdef CAREMARKET_HAVE_GLPK
#include <glpk.h>
#endif
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include "allocation/pipeline.hpp"
#include "allocation/random_market.hpp"
#include "lemon_peers.hpp"

namespace al = caremarket::allocation;
using Clock = std::chrono::steady_clock;

namespace {
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Size {
  std::string name;
  int referrals, services;
};

struct Timed {
  double seconds = -1;  // -1: not run
  std::int64_t objective = -1;
  std::string note;
};

Timed lemon_network_simplex(const al::TransportProblem& p) {
  const auto r = caremarket::bench::lemon_network_simplex(p);
  return {r.seconds, r.objective, {}};
}
Timed lemon_cost_scaling(const al::TransportProblem& p) {
  const auto r = caremarket::bench::lemon_cost_scaling(p);
  return {r.seconds, r.objective, {}};
}

#ifdef CAREMARKET_HAVE_GLPK
struct VData {
  double rhs;
};
struct AData {
  double low, cap, cost;
};

// Debian builds GLPK without relax4 ("disabled due to licensing problems":
// calling it aborts the process), so GLPK's peer is its out-of-kilter solver.
Timed glpk_okalg(const al::TransportProblem& p) {
  glp_graph* g = glp_create_graph(sizeof(VData), sizeof(AData));
  const int n = p.num_left + p.num_right() + 1;
  glp_add_vertices(g, n);
  auto vdata = [&](int i) { return static_cast<VData*>(g->v[i]->data); };
  for (int i = 0; i < p.num_left; ++i) {
    vdata(i + 1)->rhs = 1;
    for (auto a = p.arc_begin[static_cast<std::size_t>(i)]; a < p.arc_begin[static_cast<std::size_t>(i) + 1]; ++a) {
      auto* arc = glp_add_arc(g, i + 1, p.num_left + p.arc_right[static_cast<std::size_t>(a)] + 1);
      *static_cast<AData*>(arc->data) = {0, 1, static_cast<double>(p.arc_cost[static_cast<std::size_t>(a)])};
    }
  }
  for (int j = 0; j < p.num_right(); ++j) {
    vdata(p.num_left + j + 1)->rhs = 0;
    auto* arc = glp_add_arc(g, p.num_left + j + 1, n);
    *static_cast<AData*>(arc->data) = {0, static_cast<double>(p.right_capacity[static_cast<std::size_t>(j)]), 0};
  }
  vdata(n)->rhs = -p.num_left;
  double sol = 0;
  const auto t = Clock::now();
  const int rc = glp_mincost_okalg(g, offsetof(VData, rhs), offsetof(AData, low), offsetof(AData, cap),
                                   offsetof(AData, cost), &sol, -1, -1);
  Timed out{seconds_since(t), -1, {}};
  if (rc == 0) out.objective = static_cast<std::int64_t>(sol + 0.5);
  else out.note = "okalg returned " + std::to_string(rc);
  glp_delete_graph(g);
  return out;
}
#else
Timed glpk_okalg(const al::TransportProblem&) {
  return {-1, -1, "not built: libglpk-dev missing (scripts/install-deps.sh --bench)"};
}
#endif

// One column per place (each capacity node's places, and a private
// "unplaced" column per unit): the assignment problem scipy solves.
// Written as int32 rows, int32 cols, int64 costs. Only valid without equity
// terms (then "unplaced" has no capacity).
std::int64_t write_expanded(const al::TransportProblem& p, const std::string& path, std::int64_t& columns) {
  std::vector<std::int64_t> first_column(static_cast<std::size_t>(p.num_right()));
  columns = 0;
  for (int j = 0; j < p.num_right(); ++j) {
    first_column[static_cast<std::size_t>(j)] = columns;
    // Unplaced nodes have capacity "all units"; they become private columns below.
    if (p.right_capacity[static_cast<std::size_t>(j)] < p.num_left)
      columns += p.right_capacity[static_cast<std::size_t>(j)];
  }
  std::vector<std::int32_t> rows, cols;
  std::vector<std::int64_t> costs;
  for (int i = 0; i < p.num_left; ++i) {
    for (auto a = p.arc_begin[static_cast<std::size_t>(i)]; a < p.arc_begin[static_cast<std::size_t>(i) + 1]; ++a) {
      const auto j = static_cast<std::size_t>(p.arc_right[static_cast<std::size_t>(a)]);
      const auto c = p.arc_cost[static_cast<std::size_t>(a)];
      if (p.right_capacity[j] >= p.num_left) {
        rows.push_back(i);
        cols.push_back(static_cast<std::int32_t>(columns + i));  // this unit's own unplaced column
        costs.push_back(c);
        continue;
      }
      for (int k = 0; k < p.right_capacity[j]; ++k) {
        rows.push_back(i);
        cols.push_back(static_cast<std::int32_t>(first_column[j] + k));
        costs.push_back(c);
      }
    }
  }
  columns += p.num_left;
  std::ofstream out(path, std::ios::binary);
  const std::int64_t header[3] = {p.num_left, columns, static_cast<std::int64_t>(rows.size())};
  out.write(reinterpret_cast<const char*>(header), sizeof header);
  out.write(reinterpret_cast<const char*>(rows.data()),
            static_cast<std::streamsize>(rows.size() * sizeof(std::int32_t)));
  out.write(reinterpret_cast<const char*>(cols.data()),
            static_cast<std::streamsize>(cols.size() * sizeof(std::int32_t)));
  out.write(reinterpret_cast<const char*>(costs.data()),
            static_cast<std::streamsize>(costs.size() * sizeof(std::int64_t)));
  return static_cast<std::int64_t>(rows.size());
}

// Runs the python script; it prints "name seconds objective note" lines.
std::map<std::string, Timed> run_scipy(const std::string& file) {
  std::map<std::string, Timed> out;
  const std::string cmd = "/usr/bin/python3 " CAREMARKET_BENCH_DIR "/allocation_scipy.py " + file;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return out;
  char line[512];
  while (fgets(line, sizeof line, pipe)) {
    char name[64], note[400] = "";
    double secs = -1;
    long long objective = -1;
    if (std::sscanf(line, "%63s %lf %lld %399[^\n]", name, &secs, &objective, note) >= 3) {
      out[name] = {secs, objective, note};
    }
  }
  pclose(pipe);
  return out;
}

void set_affinity(const cpu_set_t& cpus) { sched_setaffinity(0, sizeof cpus, &cpus); }

// At least this many timed runs, and at least kMinSeconds of them in all
// (as Google Benchmark's min_time does), so that a contender taking a few
// milliseconds is timed over dozens of runs, not three.
constexpr double kMinSeconds = 1.0;
constexpr int kMaxRuns = 200;
bool more_runs(int done, int wanted, double total) { return done < wanted || (total < kMinSeconds && done < kMaxRuns); }

// A contender's runs: the warm-up's time, then the median of the rest, with
// the objective of the last.
class Rounds {
 public:
  void warm_up(const Timed& t) { first_ = t.seconds; }
  void add(const Timed& t) {
    seconds_.push_back(t.seconds);
    last_ = t;
  }
  Timed median() const {
    auto s = seconds_;
    std::sort(s.begin(), s.end());
    Timed out = last_;
    out.seconds = s[s.size() / 2];
    char note[64];
    std::snprintf(note, sizeof note, "first run %.3f s; %zu runs", first_, s.size());
    out.note = note;
    return out;
  }

 private:
  double first_ = -1;
  std::vector<double> seconds_;
  Timed last_;
};

std::string fmt(const Timed& t) {
  if (t.seconds < 0) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f s", t.seconds);
  return buf;
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<Size> all{{"small", 2000, 500}, {"medium", 20000, 5000}, {"large", 100000, 20000}};
  std::string wanted = "small,medium,large";
  std::uint64_t seed = 2026;
  bool scipy = true;
  bool pipeline_only = false;
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--sizes" && i + 1 < argc) wanted = argv[++i];
    else if (a == "--seed" && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--no-scipy") scipy = false;
    else if (a == "--pipeline-only") pipeline_only = true;
    else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else {
      std::fprintf(stderr,
                   "usage: allocation_bench [--sizes small,medium,large] [--seed N] [--repeat N] [--no-scipy] "
                   "[--pipeline-only]\n");
      return 2;
    }
  }
  // scipy is an optional peer (scripts/install-deps.sh --bench): skipped, with one line, when absent.
  if (scipy && std::system("/usr/bin/python3 -c 'import scipy' >/dev/null 2>&1") != 0) {
    std::fprintf(stderr,
                 "scipy not installed: its peer is skipped (scripts/install-deps.sh --bench installs python3-scipy)\n");
    scipy = false;
  }

#ifdef CAREMARKET_HAVE_GLPK
  glp_term_out(GLP_OFF);
#endif
  // The single-threaded contenders are compared on one CPU: these virtual
  // CPUs differ in speed (here by a third), and a process the scheduler
  // moves between them would compare peers measured on different ones.
  cpu_set_t every_cpu, one_cpu;
  sched_getaffinity(0, sizeof every_cpu, &every_cpu);
  CPU_ZERO(&one_cpu);
  CPU_SET(static_cast<std::size_t>(std::max(0, sched_getcpu())), &one_cpu);
  set_affinity(one_cpu);
  bool all_equal = true;
  std::vector<std::string> table;
  for (const auto& size : all) {
    if (wanted.find(size.name) == std::string::npos) continue;
    al::testing::MarketShape shape;
    shape.referrals = size.referrals;
    shape.services = size.services;
    shape.candidates = 50;
    shape.seed = seed;
    auto problem = al::testing::random_market(shape);

    // Every timed contender runs once to warm up (the first run of a process
    // also pays for fresh memory from the kernel, which a long-running server
    // pays once; it is printed beside the median), then the single-threaded
    // ones run in rounds, one run of each per round, so that the noise of a
    // shared machine falls on all of them alike: at least `repeat` rounds,
    // and more until our pipeline has run for a second. Medians are reported.
    // Only the first outcome is kept (for the checks below); later ones are
    // freed as a server frees a run once it has answered. The stage times
    // shown are the median run's.
    struct Run {
      double seconds;
      al::Stats stats;
      std::int64_t objective;
    };
    auto run_once = [&]() -> std::pair<Run, al::Outcome> {
      const auto t = Clock::now();
      auto o = al::allocate(problem);
      const double secs = seconds_since(t);
      if (!o) {
        std::fprintf(stderr, "allocate: %s\n", o.error().message.c_str());
        std::exit(1);
      }
      Run r{secs, o->stats, o->objective};
      return {r, std::move(*o)};
    };
    auto median_run = [](std::vector<Run> runs) {
      std::sort(runs.begin(), runs.end(), [](const Run& x, const Run& y) { return x.seconds < y.seconds; });
      return runs[runs.size() / 2];
    };
    problem.config.threads = 1;
    auto [first_run, first_outcome] = run_once();
    const double cold = first_run.seconds;
    const std::optional<al::Outcome> outcome = std::move(first_outcome);

    auto instance = al::build_instance(problem).value();
    if (outcome->fairness_repair) {
      std::vector<int> floors;
      for (const auto& c : outcome->councils) floors.push_back(c.fair_floor);
      al::add_equity_terms(instance, floors, problem.config);
    }
    const auto flow = al::build_transport(instance);
    auto raw_solve = [&] {
      const auto t = Clock::now();
      const auto cost = al::solve_transport(flow).cost;
      return Timed{seconds_since(t), cost, {}};
    };
    std::vector<Run> single_runs;
    Rounds raw, ns, cs;
    if (!pipeline_only) {
      std::fprintf(stderr,
                   "[%s] %d referrals x %d services: %lld arcs; ours %.3f s; LEMON NetworkSimplex and CostScaling "
                   "beside it...\n",
                   size.name.c_str(), size.referrals, size.services, static_cast<long long>(first_run.stats.arcs),
                   cold);
      raw.warm_up(raw_solve());
      ns.warm_up(lemon_network_simplex(flow));
      cs.warm_up(lemon_cost_scaling(flow));
    }
    double total = 0;
    while (more_runs(static_cast<int>(single_runs.size()), repeat, total)) {
      single_runs.push_back(run_once().first);
      total += single_runs.back().seconds;
      if (pipeline_only) continue;
      raw.add(raw_solve());
      ns.add(lemon_network_simplex(flow));
      cs.add(lemon_cost_scaling(flow));
    }
    const auto single = median_run(single_runs);
    const double ours = single.seconds;
    const auto& st = single.stats;
    if (pipeline_only) {
      std::printf(
          "%s: pipeline median of %zu runs %.3f s (first run %.3f s): eligibility %.3f + graph and solve %.3f + "
          "explanations %.3f; objective %lld\n",
          size.name.c_str(), single_runs.size(), ours, cold, st.seconds_eligibility, st.seconds_solve,
          st.seconds_explain, static_cast<long long>(single.objective));
      continue;
    }
    const auto our_raw = raw.median();
    const auto lemon_ns = ns.median();
    const auto lemon_cs = cs.median();

    // On every core (the scheduler may place the threads anywhere).
    problem.config.threads = 0;
    set_affinity(every_cpu);
    auto [parallel_first, parallel_outcome] = run_once();
    const std::optional<al::Outcome> parallel = std::move(parallel_outcome);
    std::vector<Run> parallel_runs;
    total = 0;
    while (more_runs(static_cast<int>(parallel_runs.size()), repeat, total)) {
      parallel_runs.push_back(run_once().first);
      total += parallel_runs.back().seconds;
    }
    set_affinity(one_cpu);
    const auto all_cores = median_run(parallel_runs);
    const double ours_parallel = all_cores.seconds;
    (void)parallel_first;

    std::fprintf(stderr, "[%s] GLPK okalg...\n", size.name.c_str());
    // Out-of-kilter took a minute on the smallest size: the larger ones are not attempted.
    const auto okalg =
        flow.num_arcs() <= 200000 ? glpk_okalg(flow) : Timed{-1, -1, "not run: over a minute already at 70,000 arcs"};
    std::map<std::string, Timed> sp;
    std::int64_t columns = 0, edges = 0;
    if (scipy && !outcome->fairness_repair) {
      const auto file = (std::filesystem::temp_directory_path() / ("allocation_bench_" + size.name + ".bin")).string();
      const auto te = Clock::now();
      edges = write_expanded(flow, file, columns);
      const double expand = seconds_since(te);
      std::fprintf(stderr, "[%s] scipy on the expanded problem (%lld x %lld, %lld edges)...\n", size.name.c_str(),
                   static_cast<long long>(flow.num_left), static_cast<long long>(columns),
                   static_cast<long long>(edges));
      sp = run_scipy(file);
      std::filesystem::remove(file);
      for (auto& [name, t] : sp)
        if (t.seconds >= 0)
          t.note = (t.note.empty() ? "" : t.note + "; ") + "expansion " + std::to_string(expand).substr(0, 5) + " s";
    }
    const Timed lsa = sp.count("linear_sum_assignment")
                          ? sp["linear_sum_assignment"]
                          : Timed{-1, -1, scipy ? "not run" : "skipped (--no-scipy or scipy missing)"};
    const Timed mw = sp.count("min_weight_full_bipartite_matching")
                         ? sp["min_weight_full_bipartite_matching"]
                         : Timed{-1, -1, scipy ? "not run" : "skipped (--no-scipy or scipy missing)"};
    const Timed scipy_load = sp.count("load") ? sp["load"] : Timed{};

    auto check = [&](const char* name, const Timed& t) {
      if (t.objective >= 0 && t.objective != outcome->objective) {
        std::fprintf(stderr, "MISMATCH %s %s: %lld vs ours %lld\n", size.name.c_str(), name,
                     static_cast<long long>(t.objective), static_cast<long long>(outcome->objective));
        all_equal = false;
      }
    };
    check("ours raw", our_raw);
    check("ours on all cores", Timed{ours_parallel, parallel->objective, {}});
    check("ours, median run", Timed{ours, single.objective, {}});
    check("ours on all cores, median run", Timed{ours_parallel, all_cores.objective, {}});
    check("LEMON NetworkSimplex", lemon_ns);
    check("LEMON CostScaling", lemon_cs);
    check("GLPK okalg", okalg);
    check("scipy linear_sum_assignment", lsa);
    check("scipy min_weight_full_bipartite_matching", mw);
    const double lemon_best = std::min(lemon_ns.seconds, lemon_cs.seconds);
    double scipy_best = -1;
    for (const auto* t : {&lsa, &mw})
      if (t->seconds >= 0) scipy_best = scipy_best < 0 ? t->seconds : std::min(scipy_best, t->seconds);

    char head[512];
    std::snprintf(head, sizeof head,
                  "\n%s: %d referrals x %d services, %lld candidates checked (%.1f each), %d units, %lld arcs; placed "
                  "%d of %d places; "
                  "objective %lld (%s)%s",
                  size.name.c_str(), size.referrals, size.services, static_cast<long long>(st.candidates_checked),
                  static_cast<double>(st.candidates_checked) / size.referrals, st.units,
                  static_cast<long long>(st.arcs), outcome->places_placed, outcome->places_needed,
                  static_cast<long long>(outcome->objective), outcome->optimal ? "optimal" : "NOT proven optimal",
                  outcome->fairness_repair ? ", equity terms applied" : "");
    table.push_back(head);
    char row[512];
    auto add = [&](const char* name, const Timed& t, const char* what) {
      const std::string note = t.note.empty() ? what : (std::string(what).empty() ? t.note : t.note + "; " + what);
      std::snprintf(row, sizeof row, "  %-44s %12s  %-14s %s", name, fmt(t).c_str(),
                    t.objective < 0 ? "-" : (t.objective == outcome->objective ? "same optimum" : "DIFFERENT"),
                    note.c_str());
      table.push_back(row);
    };
    Timed whole{ours, outcome->objective, {}};
    char parts[200];
    std::snprintf(parts, sizeof parts, "eligibility %.3f + graph and solve %.3f + explanations %.3f; first run %.3f s",
                  st.seconds_eligibility, st.seconds_solve, st.seconds_explain, cold);
    add("caremarket whole pipeline, 1 thread", whole, parts);
    const Timed whole_parallel{ours_parallel, parallel->objective, {}};
    std::snprintf(parts, sizeof parts,
                  "%d threads for eligibility and explanations; eligibility %.3f + solve %.3f + explanations %.3f",
                  all_cores.stats.threads, all_cores.stats.seconds_eligibility, all_cores.stats.seconds_solve,
                  all_cores.stats.seconds_explain);
    add("caremarket whole pipeline, all cores", whole_parallel, parts);
    add("caremarket solver alone (same graph)", our_raw, "");
    add("LEMON NetworkSimplex (raw solve)", lemon_ns, "");
    add("LEMON CostScaling (raw solve)", lemon_cs, "");
    add("GLPK glp_mincost_okalg (raw solve)", okalg, "relax4 is disabled in Debian's GLPK");
    add("scipy linear_sum_assignment (expanded, dense)", lsa, "");
    add("scipy min_weight_full_bipartite_matching", mw, "");
    (void)scipy_load;
    std::snprintf(
        row, sizeof row, "  whole pipeline (1 thread) vs best LEMON raw solve: %.2fx as fast; all cores: %.2fx%s",
        lemon_best / ours, lemon_best / ours_parallel,
        scipy_best > 0 ? ("; vs best scipy solve alone (1 thread): " + std::to_string(scipy_best / ours).substr(0, 6) +
                          "x as fast")
                             .c_str()
                       : "");
    table.push_back(row);
  }
  std::printf(
      "Regional allocation benchmark (seed %llu; one process, single-threaded contenders on one CPU, release build; "
      "after one warm-up, the median of at least %d rounds, one run of each contender a round, and of at least 1 s of "
      "our runs)\n",
      static_cast<unsigned long long>(seed), repeat);
  for (const auto& line : table) std::printf("%s\n", line.c_str());
  std::printf("\nreproduce: make bench  (or build/release/bench/allocation_bench --sizes %s --seed %llu --repeat %d)\n",
              wanted.c_str(), static_cast<unsigned long long>(seed), repeat);
  if (!all_equal) {
    std::printf("FAIL: a solver found a different optimum\n");
    return 1;
  }
  return 0;
}
