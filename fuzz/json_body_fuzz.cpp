// The JSON body reader every API route uses: the input policy (UTF-8, depth,
// numbers), then the strict field readers, then writing the document back.
#include <cstdint>

#include "api/input_policy.hpp"
#include "api/json_input.hpp"
#include "fuzz_input.hpp"

using namespace caremarket;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = fuzz::as_text(data, size);
  auto parsed = api::parse_json(body);
  if (!parsed) return 0;
  (void)api::json_text(*parsed, 2);
  auto object = api::JsonObject::parse(body, {"name", "age", "needs", "start", "urgent", "items"});
  if (!object) return 0;
  (void)object->text("name");
  (void)object->integer("age", 0, 130);
  (void)object->text_list("needs");
  (void)object->date("start");
  (void)object->boolean("urgent");
  if (auto items = object->array("items", 20)) {
    for (const auto& item : *items) {
      if (auto inner = api::JsonObject::from(item, {"name", "age"}, "items")) (void)inner->integer("age", 0, 130);
    }
  }
  return 0;
}
