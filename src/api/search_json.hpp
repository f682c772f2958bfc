#pragma once
// The register search's answer written straight to text (json_writer.hpp):
// the same bytes json_text(to_json(result)) gives, without the tree.
// tests/api/search_json_test.cpp holds the two to the same output.
#include <string>

#include "app/market_register.hpp"

namespace caremarket::api {

std::string search_result_text(const app::SearchResult& result);
std::string service_text(const app::ServiceView& view);

}  // namespace caremarket::api
