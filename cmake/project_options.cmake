# One INTERFACE target for warnings and one for sanitizers, linked into every
# target, so a flag is decided in one place.
add_library(caremarket_warnings INTERFACE)
target_compile_options(caremarket_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
  -Wimplicit-fallthrough -Werror
  # GCC 12 reports false -Wrestrict errors inside std::string's operator+ when
  # optimising (GCC bug 105329); the check is noise there, not a finding.
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>
  # GCC 12 at -O3 also reports false -Wmaybe-uninitialized inside std::string
  # members of brace-initialised aggregates: kept as a
  # warning, so a real case still shows, but it cannot break the release build.
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-error=maybe-uninitialized>)

option(CAREMARKET_SANITIZE "build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
# The fuzz build (clang only) instruments every library for libFuzzer's
# coverage feedback; the fuzz targets themselves link libFuzzer's main.
option(CAREMARKET_FUZZ "build the libFuzzer targets in fuzz/ (clang)" OFF)
add_library(caremarket_options INTERFACE)
if(CAREMARKET_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "the fuzz build needs clang (libFuzzer): use `cmake --preset fuzz`")
  endif()
  target_compile_options(caremarket_options INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(caremarket_options INTERFACE -fsanitize=address,undefined)
elseif(CAREMARKET_SANITIZE)
  target_compile_options(caremarket_options INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(caremarket_options INTERFACE -fsanitize=address,undefined)
endif()

# caremarket_component(NAME SOURCES... DEPENDS ...) declares one component
# library with its sources listed by name (never globbed).
function(caremarket_component name)
  cmake_parse_arguments(arg "" "" "SOURCES;DEPENDS;SYSTEM_DEPENDS" ${ARGN})
  add_library(caremarket_${name} STATIC ${arg_SOURCES})
  target_include_directories(caremarket_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(caremarket_${name}
    PUBLIC ${arg_DEPENDS} ${arg_SYSTEM_DEPENDS} caremarket_options
    PRIVATE caremarket_warnings)
endfunction()
