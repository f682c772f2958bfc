#pragma once
// Small string helpers shared by the importers and the edges.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caremarket {

std::string_view trim(std::string_view text);
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::optional<long long> parse_integer(std::string_view text);
std::optional<double> parse_decimal(std::string_view text);
// Lower case, "&" as "and", punctuation dropped, single spaces: for matching
// names written differently by different publishers.
std::string normalise_name(std::string_view text);

}  // namespace caremarket
