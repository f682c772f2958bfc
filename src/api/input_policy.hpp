#pragma once
// The one input policy for what comes with a request besides its body: the
// path, the query and the headers must be UTF-8 text. The API's routes and
// the web pages check it before anything reads them, so no bad byte reaches
// a use case, the store, a log line or a JSON document.
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace httplib {
struct Request;
}

namespace caremarket::api {

// The parameters of a request target's query string ("/x?a=1&b=%20"),
// percent-decoded. Only the URL's query: httplib also folds a form body into
// its params, and a JSON body sent as a form must not be read as parameters.
std::multimap<std::string, std::string> query_of(std::string_view target);

// An error naming the part of the request that is not UTF-8 text, if any.
Status check_request_text(const httplib::Request& req);

// A JSON document as text. Bad bytes never get this far (every edge checks),
// but if one did it is written as U+FFFD rather than throwing mid-answer.
std::string json_text(const nlohmann::json& value, int indent = -1);

}  // namespace caremarket::api
