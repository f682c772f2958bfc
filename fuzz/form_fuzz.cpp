// The web pages' form decoding and typed field readers, and the sign-in
// page's `next` check, on any bytes a browser (or an attacker) could post.
#include <cstdint>

#include "core/text.hpp"
#include "fuzz_input.hpp"
#include "web/form.hpp"
#include "web/site.hpp"

using namespace caremarket;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);
  const auto form = web::Form::parse(text);
  (void)form.field_not_text();
  web::FieldErrors errors;
  for (const char* name : {"start", "date_of_birth", "hours", "age", "price", "weekly", "next", "reason"}) {
    (void)form.all(name);
    (void)web::read_date(form, name, errors, "give a date");
    (void)web::read_whole_number(form, name, errors, "give a number", -5, 168, "from -5 to 168");
    (void)web::read_money(form, name, errors, "give an amount");
  }
  const auto next = web::safe_next(form.get("next"));
  // A redirect target is this site's own path: one leading slash, never two,
  // no backslash, no control character and no scheme.
  if (!is_valid_utf8(next)) __builtin_trap();
  if (!next.empty()) {
    if (next[0] != '/' || (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) __builtin_trap();
    for (const char ch : next) {
      const auto c = static_cast<unsigned char>(ch);
      if (c < 0x20 || c == 0x7f || c == '\\') __builtin_trap();
    }
  }
  (void)url_decode(text);
  return 0;
}
