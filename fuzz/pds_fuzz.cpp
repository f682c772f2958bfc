// Placements Data Standard validation of referral and placement documents
// as they arrive in a request body.
#include <cstdint>

#include "api/json_input.hpp"
#include "fuzz_input.hpp"
#include "pds/standard.hpp"

using namespace caremarket;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto document = api::parse_json(fuzz::as_text(data, size));
  if (!document) return 0;
  (void)pds::validate_referral(*document);
  (void)pds::validate_placement(*document);
  if (document->is_object()) {
    for (const auto& [key, value] : document->items()) {
      if (value.is_object()) (void)pds::validate_entity(key, value);
    }
  }
  return 0;
}
