#pragma once
// Readers for parameters typed as text (query strings, web forms, command
// lines), with the errors a person sees. Shared by the request parsers.
#include <string>

#include "core/result.hpp"

namespace caremarket::app {

struct TextParameter {
  std::string name;
  std::string type;  // "string", "integer", "number", "boolean"
  std::string description;
};

Result<long long> whole_number(const std::string& name, const std::string& text, long long min, long long max);
// true, 1, yes or false, 0, no.
Result<bool> yes_no(const std::string& name, const std::string& text);

}  // namespace caremarket::app
