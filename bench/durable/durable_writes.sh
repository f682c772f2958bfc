#!/usr/bin/env bash
# Durable writes, SQLite and PostgreSQL side by side: acknowledged writes a
# second with p50 and p99, through `caremarket serve` (release build) on the
# demo register, driven by wrk on CONNECTIONS kept-alive connections. Each
# write is a whole use case: checked, stored with its audit entry, committed,
# then answered. Kinds: new referrals, vacancy reports, and the two mixed.
# A benchmark: it prints figures, it never fails on them.
#   DURATION=20 CONNECTIONS=16 bench/durable/durable_writes.sh
#
# PostgreSQL: Debian's 15, a throwaway cluster in a temporary folder on a free
# loopback port, run as `postgres` when we are root, with its defaults for
# durability (fsync on, synchronous_commit on: a commit is acknowledged only
# once its WAL is flushed). SQLite: WAL journal with synchronous=NORMAL, what
# the store sets: a commit survives the program crashing; the last commits
# before a power cut may be lost (SQLite's documentation of WAL mode).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-18090}
bin=build/release/caremarket
[ -x "$bin" ] || { echo "build the release program first: make bench-durable" >&2; exit 2; }
for tool in wrk jq curl; do
  command -v $tool >/dev/null || { echo "$tool is missing: scripts/install-deps.sh --bench installs it" >&2; exit 2; }
done
if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null; then
  echo "something already answers on port $PORT: stop it or set PORT" >&2
  exit 2
fi
source bench/lib/postgres.sh
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && { kill "$server" 2>/dev/null || true; }
  wait 2>/dev/null || true
  pg_stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT
pg_start "$work/pg"
pgurl=$PG_URL
"$bin" audit new-key --out "$work/audit.key" >/dev/null

login() {
  curl -fsS "http://127.0.0.1:$PORT/api/login" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"demo-password-2026\"}" | jq -r .token
}
# One backend: the demo, a server, each kind of write in turn.
measure() {
  local name=$1 db=$2
  "$bin" demo --db "$db" --audit-key-file "$work/audit.key" >/dev/null
  "$bin" serve --db "$db" --audit-key-file "$work/audit.key" --port "$PORT" --quiet >"$work/serve-$name.log" 2>&1 &
  server=$!
  for _ in $(seq 150); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null && break; sleep 0.2; done
  export OFFICER_TOKEN MANAGER_TOKEN SERVICE_ID REFERRAL_ID=1
  OFFICER_TOKEN=$(login officer@birmingham.example)
  MANAGER_TOKEN=$(login manager@provider.example)
  local provider
  provider=$(curl -fsS "http://127.0.0.1:$PORT/api/me" -H "Authorization: Bearer $MANAGER_TOKEN" | jq .organisation.id)
  SERVICE_ID=$(curl -fsS "http://127.0.0.1:$PORT/api/services?provider_id=$provider&limit=1" \
    -H "Authorization: Bearer $OFFICER_TOKEN" | jq .items[0].id)
  for mix in referrals vacancies; do
    MIX=$mix wrk -t "$THREADS" -c "$CONNECTIONS" -d 3s -s bench/load/mixed.lua "http://127.0.0.1:$PORT" >/dev/null  # warm-up
    line=$(MIX=$mix wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" -s bench/load/mixed.lua \
      "http://127.0.0.1:$PORT" | grep '^RESULT')
    read -r _ requests errors p50 p99 rate <<<"$line"
    printf '%-11s %-10s %12.0f %10.2f %10.2f %8d %10d\n' "$name" "$mix" "$rate" \
      "$(awk -v v="$p50" 'BEGIN { print v / 1000 }')" "$(awk -v v="$p99" 'BEGIN { print v / 1000 }')" "$errors" "$requests"
  done
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
}

echo "durable writes: $CONNECTIONS kept-alive connections, ${DURATION}s a run, wrk $THREADS threads, $(nproc) cores shared"
printf '%-11s %-10s %12s %10s %10s %8s %10s\n' backend writes "writes/s" "p50 ms" "p99 ms" errors requests
measure sqlite "$work/durable.db"
measure postgresql "$pgurl"
echo "goal (issue 16): PostgreSQL at least 2,000 writes/s with p99 <= 20 ms"
