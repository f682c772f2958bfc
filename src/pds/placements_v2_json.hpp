#pragma once
// The text of standards/placements-v2/placements.json, compiled into the
// library (the .cpp is generated in the build tree by CMake).
#include <string_view>

namespace caremarket::pds {

std::string_view placements_v2_json();

}  // namespace caremarket::pds
