// A register importer on any file an operator could be given; built twice,
// as cqc_import_fuzz and ofsted_import_fuzz (CAREMARKET_FUZZ_OFSTED).
#include <cstdint>

#include "core/geo.hpp"
#include "fuzz_input.hpp"
#include "importers/cqc.hpp"
#include "importers/ofsted.hpp"

using namespace caremarket;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto gazetteer = Gazetteer::load(CAREMARKET_DATA_DIR).value();
  const auto file = fuzz::as_text(data, size);
#ifdef CAREMARKET_FUZZ_OFSTED
  (void)importers::parse_ofsted_providers(file, *gazetteer, "fuzz.csv");
#else
  (void)importers::parse_cqc_care_homes(file, *gazetteer, "fuzz.csv");
#endif
  (void)importers::repair_ons_code(file.substr(0, 64));
  return 0;
}
