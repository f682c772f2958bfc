// Every API route's input handling, through the same dispatch the server
// runs (api/dispatch.hpp), on the demo data set in memory. The input is
// lines: "METHOD /api/path/{id}" (the route; any other text picks one by its
// hash), who calls ("0" placement officer, "1" provider manager, "2"
// operator, else nobody), the target's {id} and query ("17?kind=x"), a
// Content-Type, and then the body (the rest, newlines and all).
// Writes accumulate, so the world is rebuilt every kRebuildEvery inputs to
// keep memory flat.
#include <httplib.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <regex>

#include "api/dispatch.hpp"
#include "app/demo.hpp"
#include "fuzz_input.hpp"
#include "storage/sqlite/sqlite_store.hpp"

using namespace caremarket;

namespace {

constexpr std::size_t kRebuildEvery = 50000;
constexpr const char* kPassword = "demo-password-2026";

struct World {
  std::unique_ptr<storage::sqlite::SqliteStore> store;
  std::unique_ptr<app::Application> application;
  std::vector<api::Route> routes;
  std::vector<std::regex> patterns;
  std::vector<std::string> names;   // "METHOD /api/path", as the input's first line names a route
  std::vector<std::string> tokens;  // officer, provider, operator
};

std::unique_ptr<World> build_world() {
  static const auto gazetteer = Gazetteer::load(CAREMARKET_DATA_DIR).value();
  auto w = std::make_unique<World>();
  w->store = storage::sqlite::SqliteStore::open(":memory:").value();
  (void)app::build_demo(*w->store, *gazetteer, CAREMARKET_DATA_DIR, {}).value();
  w->application = app::Application::open(*w->store, gazetteer).value();
  w->routes = api::all_routes(*w->application);
  for (const auto& route : w->routes) {
    w->patterns.emplace_back(api::path_pattern(route.path));
    w->names.push_back(route.method + " " + route.path);
  }
  for (const char* email : {"officer@birmingham.example", "manager@provider.example", "operator@caremarket.example"}) {
    w->tokens.push_back(w->application->accounts.login(email, kPassword, "127.0.0.1").value().token);
  }
  return w;
}

}  // namespace

static std::unique_ptr<World> world;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  world = build_world();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::size_t runs = 0;
  if (++runs % kRebuildEvery == 0) {
    world.reset();
    world = build_world();
  }
  const auto parts = fuzz::split(fuzz::as_text(data, size), '\n', 5);
  const auto named = std::find(world->names.begin(), world->names.end(), parts[0]);
  const auto index = named != world->names.end() ? static_cast<std::size_t>(named - world->names.begin())
                                                 : std::hash<std::string_view>{}(parts[0]) % world->routes.size();
  const auto& route = world->routes[index];
  const auto& pattern = world->patterns[index];
  const auto line = [&](std::size_t i) { return i < parts.size() ? parts[i] : std::string_view(); };

  httplib::Request req;
  req.method = route.method;
  req.remote_addr = "127.0.0.1";
  const auto target = line(2);
  const auto question = target.find('?');
  std::string path = route.path;
  if (const auto at = path.find("{id}"); at != std::string::npos) {
    path.replace(at, 4, std::string(target.substr(0, question)));
  }
  req.path = path;
  req.target = path + (question == std::string_view::npos ? std::string() : std::string(target.substr(question)));
  // httplib routes by the decoded path; a path that does not match is its 404.
  if (!std::regex_match(req.path, req.matches, pattern)) return 0;
  req.headers.emplace("Content-Type", std::string(line(3)));
  const auto who = line(1);
  if (who.size() == 1 && who[0] >= '0' && who[0] <= '2') {
    req.headers.emplace("Authorization", "Bearer " + world->tokens[static_cast<std::size_t>(who[0] - '0')]);
  }
  const std::string body(line(4));
  // A handler that throws is a 500: libFuzzer reports the uncaught exception.
  (void)api::dispatch(route, req, body, world->application->accounts);
  return 0;
}
