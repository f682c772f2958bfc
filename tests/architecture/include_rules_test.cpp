// The dependency rules of CONTRIBUTING.md, checked against every #include in
// src/: the table there is the single statement of the design, and this test
// keeps the code and the table from drifting apart.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {
namespace fs = std::filesystem;
const fs::path kSource = CAREMARKET_SOURCE_DIR;

struct Rules {
  std::map<std::string, std::set<std::string>> may_include;      // component -> direct entries
  std::map<std::string, std::vector<std::string>> system_where;  // <header> -> folders under src/
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The fenced block after the "include-rules" marker: "name: entry entry ...".
Rules read_rules() {
  Rules rules;
  std::istringstream lines(read_text(kSource / "CONTRIBUTING.md"));
  std::string line;
  bool marker = false, inside = false;
  while (std::getline(lines, line)) {
    if (!marker) {
      marker = line.find("<!-- include-rules") != std::string::npos;
      continue;
    }
    if (line.rfind("```", 0) == 0) {
      if (inside) break;
      inside = true;
      continue;
    }
    if (!inside) continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string name = line.substr(0, colon);
    std::istringstream entries(line.substr(colon + 1));
    std::string entry;
    if (name.front() == '<') {
      auto& where = rules.system_where[name];
      while (entries >> entry) where.push_back(entry);
    } else {
      auto& deps = rules.may_include[name];
      while (entries >> entry) deps.insert(entry);
    }
  }
  return rules;
}

std::set<std::string> reachable(const Rules& rules, const std::string& component) {
  std::set<std::string> seen{component};
  std::vector<std::string> todo{component};
  while (!todo.empty()) {
    const std::string next = todo.back();
    todo.pop_back();
    const auto it = rules.may_include.find(next);
    if (it == rules.may_include.end()) continue;
    for (const auto& dep : it->second) {
      if (seen.insert(dep).second) todo.push_back(dep);
    }
  }
  return seen;
}

struct Include {
  fs::path file;  // relative to src/
  int line;
  std::string target;  // "market/types.hpp" or "<sqlite3.h>"
};

// `#include "x"` or `#include <x>` (target with its angle brackets), else "".
std::string include_target(const std::string& line) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string::npos || line[i] != '#') return {};
  i = line.find_first_not_of(" \t", i + 1);
  if (i == std::string::npos || line.compare(i, 7, "include") != 0) return {};
  i = line.find_first_not_of(" \t", i + 7);
  if (i == std::string::npos) return {};
  if (line[i] == '"') {
    const auto end = line.find('"', i + 1);
    return end == std::string::npos ? std::string() : line.substr(i + 1, end - i - 1);
  }
  if (line[i] == '<') {
    const auto end = line.find('>', i + 1);
    return end == std::string::npos ? std::string() : line.substr(i, end - i + 1);
  }
  return {};
}

const std::vector<Include>& includes_in_src() {
  static const std::vector<Include> all = [] {
    std::vector<Include> out;
    for (const auto& entry : fs::recursive_directory_iterator(kSource / "src")) {
      const auto ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp" && ext != ".in")) continue;
      std::ifstream in(entry.path());
      std::string line;
      int number = 0;
      while (std::getline(in, line)) {
        ++number;
        if (auto target = include_target(line); !target.empty()) {
          out.push_back({fs::relative(entry.path(), kSource / "src"), number, std::move(target)});
        }
      }
    }
    return out;
  }();
  return all;
}

// The folder's component: "storage/sqlite/x.cpp" belongs to "storage/sqlite"
// when the table names it (a component inside another), else to "storage".
std::string component_of(const std::string& path, const Rules& rules) {
  const auto first = path.find('/');
  if (first == std::string::npos) return path;
  const auto second = path.find('/', first + 1);
  if (second != std::string::npos && rules.may_include.contains(path.substr(0, second))) return path.substr(0, second);
  return path.substr(0, first);
}

TEST(IncludeRules, TheTableIsFoundAndNamesEveryComponent) {
  const Rules rules = read_rules();
  ASSERT_GE(rules.may_include.size(), 10u) << "no include-rules table in CONTRIBUTING.md";
  for (const auto& entry : fs::directory_iterator(kSource / "src")) {
    if (!entry.is_directory()) continue;
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(rules.may_include.contains(name))
        << "src/" << name << " is a component missing from CONTRIBUTING.md's include-rules table";
  }
  for (const auto& [component, deps] : rules.may_include) {
    for (const auto& dep : deps) {
      EXPECT_TRUE(rules.may_include.contains(dep)) << component << " names an unknown component " << dep;
      EXPECT_FALSE(reachable(rules, dep).contains(component)) << component << " and " << dep << " form a cycle";
    }
  }
}

TEST(IncludeRules, EveryProjectIncludeFollowsTheTable) {
  const Rules rules = read_rules();
  const auto& includes = includes_in_src();
  ASSERT_GT(includes.size(), 500u) << "src/ was not read";
  std::size_t checked = 0;
  for (const auto& inc : includes) {
    if (inc.target.front() == '<') continue;
    if (inc.target.find('/') == std::string::npos) continue;  // a file beside it
    const std::string target = component_of(inc.target, rules);
    if (!rules.may_include.contains(target)) continue;  // not a component (generated files)
    const std::string from = component_of(inc.file.generic_string(), rules);
    ++checked;
    EXPECT_TRUE(reachable(rules, from).contains(target))
        << "src/" << inc.file.string() << ":" << inc.line << " includes \"" << inc.target << "\", but " << from
        << " may not depend on " << target << " (CONTRIBUTING.md, include-rules)";
  }
  EXPECT_GT(checked, 300u);
}

TEST(IncludeRules, LibraryHeadersStayInTheirFolders) {
  const Rules rules = read_rules();
  ASSERT_FALSE(rules.system_where.empty());
  for (const auto& inc : includes_in_src()) {
    const auto it = rules.system_where.find(inc.target);
    if (it == rules.system_where.end()) continue;
    const std::string file = inc.file.generic_string();
    bool allowed = false;
    for (const auto& folder : it->second) allowed = allowed || file.rfind(folder + "/", 0) == 0;
    EXPECT_TRUE(allowed) << "src/" << file << ":" << inc.line << " includes " << inc.target
                         << ", which belongs only in src/{" <<
        [&] {
          std::string list;
          for (const auto& f : it->second) list += (list.empty() ? "" : ",") + f;
          return list;
        }() << "}";
  }
}

// The checker itself: a rule it must refuse.
TEST(IncludeRules, AnEngineReachingStorageWouldBeRefused) {
  const Rules rules = read_rules();
  EXPECT_FALSE(reachable(rules, "market").contains("storage"));
  EXPECT_FALSE(reachable(rules, "brokerage").contains("app"));
  EXPECT_TRUE(reachable(rules, "cli").contains("core"));
  // Only the CLI chooses a storage backend.
  EXPECT_FALSE(reachable(rules, "app").contains("storage/sqlite"));
  EXPECT_FALSE(reachable(rules, "web").contains("storage/postgres"));
  EXPECT_TRUE(reachable(rules, "cli").contains("storage/sqlite"));
}

}  // namespace
