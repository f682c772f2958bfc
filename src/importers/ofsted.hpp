#pragma once
// Ofsted's register of children's social care providers (provider level).
// Children's homes are published with names and addresses REDACTED: they are
// placed at their local authority's centroid and a note says so.
#include <string>
#include <string_view>

#include "core/geo.hpp"
#include "importers/import_batch.hpp"

namespace caremarket::importers {

Result<ImportBatch> parse_ofsted_providers(std::string_view text, const Gazetteer& gazetteer, std::string source);

}  // namespace caremarket::importers
