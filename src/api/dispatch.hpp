#pragma once
// How one HTTP request becomes a call of its route: the input policy, the
// query (only the route's own parameters), the {id} in the path, the caller
// behind the bearer token, then the handler. The server and the fuzz targets
// both call it, so what is fuzzed is what serves.
#include <string>

#include "api/routes.hpp"

namespace httplib {
struct Request;
}

namespace caremarket::api {

// The route's path as the regular expression httplib matches ({id}: digits).
std::string path_pattern(const std::string& path);

// The route's answer to `req` with `body`; `req.matches` holds the {id}
// when the route has one. Throws only what the handler throws.
Result<Response> dispatch(const Route& route, const httplib::Request& req, std::string body, app::Accounts& accounts);

}  // namespace caremarket::api
