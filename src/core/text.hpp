#pragma once
// Small string helpers shared by the importers and the edges.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// UTF-8, as every edge requires of text (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF). The offset of the first byte that is
// not part of a valid sequence, or nullopt when all of `text` is valid.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);
inline bool is_valid_utf8(std::string_view text) { return !invalid_utf8_at(text).has_value(); }
// `text` with each invalid byte replaced by U+FFFD, for echoing bad input back
// in a message or a log without passing the bad bytes on.
std::string to_valid_utf8(std::string_view text);
// The 1-based line of the byte at `offset` ("\n" ends a line).
std::size_t line_of(std::string_view text, std::size_t offset);
// `text` for a log line: control characters and bytes that are not UTF-8
// written as \xNN, so a request cannot forge lines or garble the log.
std::string printable(std::string_view text);
// Percent-decoding of a URL's path, query or form body ('+' is a space).
std::string url_decode(std::string_view text);
// "a=1&b=%20&a" as decoded name and value pairs, in order (a bare name has
// the value ""): a URL's query and a form body are read alike.
std::vector<std::pair<std::string, std::string>> parse_urlencoded(std::string_view text);

}  // namespace caremarket
