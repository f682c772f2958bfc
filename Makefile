# A thin layer over CMake presets (CMakePresets.json): dev, asan, release.
# `make run` and `make test` install what is missing first, so both work on
# a fresh Debian 12 machine.

DB ?= caremarket.db
PORT ?= 8080
JOBS ?= $(shell nproc)

.PHONY: deps build run test test-all bench bench-load bench-http bench-durable fuzz format clean

deps:
	@scripts/install-deps.sh

# The command-line program, optimised, at build/caremarket.
build: deps
	@cmake --preset release -DCAREMARKET_BUILD_TESTS=OFF >/dev/null
	@cmake --build build/release -j $(JOBS) --target caremarket
	@cp build/release/caremarket build/caremarket
	@echo "built build/caremarket"

# The server on http://127.0.0.1:$(PORT) over the demo register; the
# database is created (with the demo data and logins) on the first run.
run: build
	@build/caremarket demo --db $(DB)
	@build/caremarket serve --db $(DB) --port $(PORT)

# Every test except the slow label, built with AddressSanitizer and UBSan;
# then each fuzz target for a few seconds from its seed corpus (clang).
test: deps
	@cmake --preset asan >/dev/null
	@cmake --build build/asan -j $(JOBS)
	@ctest --preset asan -j $(JOBS)
	@cmake --preset fuzz >/dev/null
	@cmake --build build/fuzz -j $(JOBS) --target fuzzers
	@ctest --preset fuzz -j $(JOBS)

# Ten minutes of mixed reads and writes against the server (wrk), minute by
# minute, with the server's memory at the start and the end.
bench-load:
	@scripts/install-deps.sh --bench
	@cmake --preset release >/dev/null
	@cmake --build build/release -j $(JOBS) --target caremarket
	@bench/load/sustained_load.sh

# HTTP side by side with nginx serving the same bytes (wrk, kept-alive
# connections): /health on 1 and 16 connections, the register search on 16.
bench-http:
	@scripts/install-deps.sh --bench
	@cmake --preset release >/dev/null
	@cmake --build build/release -j $(JOBS) --target caremarket
	@bench/http/http_vs_nginx.sh

# Acknowledged writes a second (referrals, vacancy reports), SQLite and
# PostgreSQL side by side, through the server (wrk, kept-alive connections).
bench-durable:
	@scripts/install-deps.sh --bench
	@cmake --preset release >/dev/null
	@cmake --build build/release -j $(JOBS) --target caremarket
	@bench/durable/durable_writes.sh

# A fuzzing campaign: every target until it has used CPU_SECONDS of CPU
# (see scripts/fuzz.sh for the other settings).
fuzz:
	@scripts/fuzz.sh

# Benchmarks: an optimised build, then each program prints its figures.
bench:
	@scripts/install-deps.sh --bench
	@cmake --preset release >/dev/null
	@cmake --build build/release -j $(JOBS) --target register_search_bench brokerage_bench allocation_bench forecast_bench
	@build/release/bench/register_search_bench
	@build/release/bench/brokerage_bench
	@build/release/bench/allocation_bench
	@build/release/bench/forecast_bench

# Formats the C++ with .clang-format (the test run checks it: scripts/format.sh --check).
format:
	@scripts/format.sh

clean:
	@rm -rf build
