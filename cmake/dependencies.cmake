# Every dependency is a Debian package; scripts/install-deps.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark QUIET)
find_package(OpenSSL REQUIRED)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
# libpq (libpq-dev): the PostgreSQL backend's client library.
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(ARGON2 REQUIRED IMPORTED_TARGET libargon2)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
# LEMON (liblemon-dev): the reference min-cost flow solvers the allocation
# tests and benchmark compare with.
find_library(LEMON_LIBRARY lemon REQUIRED)
# GLPK (libglpk-dev) is only a benchmark peer, installed by
# `scripts/install-deps.sh --bench`: without it the peer is skipped.
find_library(GLPK_LIBRARY glpk)
find_path(GLPK_INCLUDE_DIR glpk.h)
if(GLPK_LIBRARY AND GLPK_INCLUDE_DIR)
  set(CAREMARKET_HAVE_GLPK ON)
else()
  set(CAREMARKET_HAVE_GLPK OFF)
  message(STATUS "GLPK not found: allocation_bench skips its GLPK peer (scripts/install-deps.sh --bench installs libglpk-dev)")
endif()
