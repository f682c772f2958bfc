#!/usr/bin/env bash
# Sustained load: `caremarket serve` (release build) on a copy of the demo
# database, driven by wrk with mixed reads and writes (mixed.lua) for
# MINUTES minutes on CONNECTIONS kept-alive connections, one wrk run a
# minute. Prints each minute's requests/s, p50, p99 and errors, and the
# server's resident memory at the start and the end. A benchmark: it prints
# figures, it never fails on them.
#   MINUTES=10 CONNECTIONS=16 THREADS=2 bench/load/sustained_load.sh
# BACKEND=postgresql serves a throwaway PostgreSQL 15 cluster
# (bench/lib/postgres.sh) instead of a SQLite file.
set -euo pipefail
cd "$(dirname "$0")/../.."
MINUTES=${MINUTES:-10}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
STEP_SECONDS=${STEP_SECONDS:-60}     # one wrk run; the figures are per run
WARMUP_SECONDS=${WARMUP_SECONDS:-8}  # each warm-up run (see below)
SERVER_THREADS=${SERVER_THREADS:-128}  # serve's --threads (its default)
bin=build/release/caremarket
[ -x "$bin" ] || { echo "build the release program first: make bench (or cmake --build build/release --target caremarket)" >&2; exit 2; }
for tool in wrk jq; do
  command -v $tool >/dev/null || { echo "$tool is missing: scripts/install-deps.sh --bench installs it" >&2; exit 2; }
done
# Another server on the port would answer instead of ours (and be measured).
if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null; then
  echo "something already answers on port $PORT: stop it or set PORT" >&2
  exit 2
fi
work=$(mktemp -d)
server=""
# A wrapper (below) may leave the server as its child: stop both.
trap '[ -n "$server" ] && { pkill -P "$server" 2>/dev/null || true; kill "$server" 2>/dev/null || true; }; wait 2>/dev/null; rm -rf "$work"' EXIT
db="$work/load.db"
"$bin" demo --db "$db" >/dev/null
# SERVER_WRAPPER runs the server under a tool (heaptrack: find where memory goes).
${SERVER_WRAPPER:-} "$bin" serve --db "$db" --port "$PORT" --quiet --threads "$SERVER_THREADS" ${SERVE_ARGS:-} >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null && break; sleep 0.2; done
login() {
  curl -fsS "http://127.0.0.1:$PORT/api/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"demo-password-2026\"}" | jq -r .token
}
export OFFICER_TOKEN MANAGER_TOKEN SERVICE_ID REFERRAL_ID
OFFICER_TOKEN=$(login officer@birmingham.example)
MANAGER_TOKEN=$(login manager@provider.example)
provider=$(curl -fsS "http://127.0.0.1:$PORT/api/me" -H "Authorization: Bearer $MANAGER_TOKEN" | jq .organisation.id)
SERVICE_ID=$(curl -fsS "http://127.0.0.1:$PORT/api/services?provider_id=$provider&limit=1" -H "Authorization: Bearer $OFFICER_TOKEN" |
  jq .items[0].id)
REFERRAL_ID=$(curl -fsS "http://127.0.0.1:$PORT/api/referrals" -H "Authorization: Bearer $OFFICER_TOKEN" -H 'Content-Type: application/json' \
  -d '{"kind":"care_home_nursing","needs":["dementia"],"home_postcode":"B44 9AA","age":84,"person":{"name":"Load Test"}}' | jq .id)
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$server/status"; }
# Where the resident memory is: the heap (anonymous) and mapped files (the
# database's shared-memory index, libraries).
rss_parts() { awk '/^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } /^RssShmem/ { s = $2 } END { printf "%.1f %.1f", a / 1024, (f + s) / 1024 }' "/proc/$server/status"; }
# Warm-up, so the start figure is the server at work, not idle. A kept-alive
# connection stays with one worker thread, and each new connection goes to
# the worker idle longest, so one long run would warm only CONNECTIONS of
# the workers and the rest would add their stacks and malloc arenas during
# the measurement (a rise that stops once every worker has served: measured
# flat with --threads 20). Short runs with fresh connections reach them all.
for _ in $(seq $(( (SERVER_THREADS + CONNECTIONS - 1) / CONNECTIONS ))); do
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP_SECONDS}s" -s bench/load/mixed.lua "http://127.0.0.1:$PORT" >/dev/null
done
start_rss=$(rss)
echo "sustained load on ${BACKEND:-sqlite}: $MINUTES minutes, $CONNECTIONS connections, $THREADS wrk threads; 80% reads, 20% writes"
printf '%6s %10s %10s %10s %8s %10s %10s %10s\n' minute "req/s" "p50 ms" "p99 ms" errors "rss MiB" "heap MiB" "files MiB"
for minute in $(seq "$MINUTES"); do
  line=$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "${STEP_SECONDS}s" -s bench/load/mixed.lua "http://127.0.0.1:$PORT" | grep '^RESULT')
  read -r _ requests errors p50 p99 rate <<<"$line"
  read -r heap files <<<"$(rss_parts)"
  printf '%6d %10.0f %10.2f %10.2f %8d %10.1f %10.1f %10.1f\n' "$minute" "$rate" "$(echo "$p50" | awk '{ print $1 / 1000 }')" \
    "$(echo "$p99" | awk '{ print $1 / 1000 }')" "$errors" "$(rss | awk '{ print $1 / 1024 }')" "$heap" "$files"
done
end_rss=$(rss)
awk -v s="$start_rss" -v e="$end_rss" 'BEGIN { printf "memory: %.1f MiB after warm-up, %.1f MiB at the end: %+.1f%%\n", s / 1024, e / 1024, (e - s) * 100 / s }'
