#pragma once
// Search filters given as text (HTTP query parameters, CLI options): one
// parser for both edges, so `caremarket search` and GET /api/services accept
// exactly the same filters with the same errors.
#include <map>
#include <string>
#include <vector>

#include "app/market_register.hpp"
#include "app/text_parameters.hpp"

namespace caremarket::app {

using SearchParameter = TextParameter;
const std::vector<SearchParameter>& search_parameters();

Result<SearchRequest> parse_search_request(const std::map<std::string, std::string>& params);

}  // namespace caremarket::app
