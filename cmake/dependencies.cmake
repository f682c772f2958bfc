# Every dependency is a Debian package; scripts/install-deps.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark QUIET)
find_package(OpenSSL REQUIRED)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(ARGON2 REQUIRED IMPORTED_TARGET libargon2)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
# LEMON (liblemon-dev): the reference min-cost flow solvers the allocation
# tests and benchmark compare with; GLPK (libglpk-dev) for the benchmark.
find_library(LEMON_LIBRARY lemon REQUIRED)
find_library(GLPK_LIBRARY glpk)
