#!/usr/bin/env bash
# Installs the Debian 12 packages caremarket needs to build, run and test.
# Idempotent: asks apt only for what is missing, so a second run is instant.
set -euo pipefail

packages=(
  build-essential g++ cmake ninja-build pkg-config
  libsqlite3-dev libpq-dev postgresql nlohmann-json3-dev libcpp-httplib-dev libcli11-dev
  libargon2-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  sqlite3 curl ca-certificates
  chromium
  liblemon-dev
  clang libclang-rt-14-dev clang-format-14
)
# Node runs the front-end build (govuk-frontend's Sass) and the browser tests.
# A fresh machine gets Debian 12's own nodejs (18) and npm; web/package.json
# pins versions that run on Node 18 (sass 1.99: chokidar 4; playwright-core
# 1.61: engines node >= 18). A machine may have node from elsewhere; only a
# missing one is installed.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi
# `--bench` adds what only the benchmarks use (peers run side by side); the
# build, the tests and the demo never need them (a missing peer is skipped).
bench_packages=(libglpk-dev python3-scipy python3-numpy wrk jq nginx)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=("${bench_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "Installing missing packages: ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "error: need root (or sudo) to install: ${missing[*]}" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  # dpkg's thousands of progress lines go to a log, shown only on failure.
  log="$(mktemp)"
  if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "error: apt-get could not install: ${missing[*]} (full log: $log)" >&2
    exit 1
  fi
  rm -f "$log"
  echo "Installed ${#missing[@]} packages"
  # Debian starts nginx as a system service on port 80 when it installs it;
  # the benchmark runs its own nginx on a free port, so stop that one.
  if [[ " ${missing[*]} " == *" nginx "* ]]; then
    { $sudo systemctl disable --now nginx || $sudo service nginx stop; } >/dev/null 2>&1 || true
  fi
fi

# The npm packages of web/ (govuk-frontend, sass; playwright-core, axe-core for
# the browser tests), exactly as the lock file says. Skipped when node_modules
# was installed from this very lock file.
web="$(cd "$(dirname "$0")/.." && pwd)/web"
stamp="$web/node_modules/.installed-from-lock"
lock_sum="$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
  echo "Installing the npm packages of web/ (npm ci)"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" >"$stamp"
fi
