#pragma once
// CQC care-home registers. Three published layouts are recognised by their
// header: the CQC register extract (Birmingham, with ratings), and the two
// care directories of the Trafford Data Lab (Trafford, with CQC ids; Greater
// Manchester, without ids and with malformed area codes).
#include <string>
#include <string_view>

#include "core/geo.hpp"
#include "importers/import_batch.hpp"

namespace caremarket::importers {

Result<ImportBatch> parse_cqc_care_homes(std::string_view text, const Gazetteer& gazetteer, std::string source);

// "E0800005" -> "E08000005": the Greater Manchester file drops a zero.
// Returns "" when the text cannot be read as an ONS code at all.
std::string repair_ons_code(std::string_view text);

}  // namespace caremarket::importers
