#!/usr/bin/env bash
# caremarket's HTTP side beside nginx, in one run: `caremarket serve`
# (release build) on a fresh demo database, and nginx serving the very bytes
# caremarket answered, as static files with the same Content-Type. wrk drives
# each in turn on kept-alive connections, DURATION seconds a run:
#   /health on 1 connection, /health on 16, a register search on 16.
# Prints requests/s, p50 and p99 of each, the ratio to nginx and the goal
# beside it. A benchmark: it prints figures, it never fails on them.
# (`GET /api/referrals/{id}/matches` is measured by bench/brokerage_bench.)
#   DURATION=10 THREADS=2 bench/http/http_vs_nginx.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-10}   # seconds of each measured wrk run ("10" or "10s")
DURATION=${DURATION%s}
WARMUP_SECONDS=${WARMUP_SECONDS:-2}    # a short run before each measured one; 0: none
THREADS=${THREADS:-2}                  # wrk threads (never more than the connections)
PORT=${PORT:-18080}                    # caremarket
NGINX_PORT=${NGINX_PORT:-18081}        # nginx
SERVER_THREADS=${SERVER_THREADS:-128}  # serve's --threads (its default)
# auto: one nginx worker per core, as nginx is deployed. caremarket may use
# every core too (128 worker threads on 2 here), so neither side is held to
# one core; on one connection only one nginx worker is busy either way.
# NGINX_WORKERS=1 gives nginx a single core.
NGINX_WORKERS=${NGINX_WORKERS:-auto}
# nginx keeps a connection for this many requests. caremarket closes each
# connection after its own count (its Keep-Alive header says max=, printed
# below); NGINX_KEEPALIVE_REQUESTS=100 puts nginx under the same rule.
NGINX_KEEPALIVE_REQUESTS=${NGINX_KEEPALIVE_REQUESTS:-1000000}
NGINX=${NGINX:-/usr/sbin/nginx}
SEARCH_PATH='/api/services?kind=care_home_nursing&near=B1%201AA&within_miles=10&limit=20'
bin=build/release/caremarket
[ -x "$bin" ] || { echo "build the release program first: make bench (or cmake --build build/release --target caremarket)" >&2; exit 2; }
for tool in wrk jq curl; do
  command -v $tool >/dev/null || { echo "$tool is missing: scripts/install-deps.sh --bench installs it" >&2; exit 2; }
done
[ -x "$NGINX" ] || { echo "nginx is missing ($NGINX): scripts/install-deps.sh --bench installs it" >&2; exit 2; }
# Another server on a port would answer instead of ours (and be measured).
for p in "$PORT" "$NGINX_PORT"; do
  if timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null; then
    echo "something already listens on port $p: stop it or set PORT / NGINX_PORT" >&2
    exit 2
  fi
done
work=$(mktemp -d)
server=""
nginx_pid=""
# Stop only what this script started, by process id.
trap '[ -n "$server" ] && { pkill -P "$server" 2>/dev/null || true; kill "$server" 2>/dev/null || true; };
      [ -n "$nginx_pid" ] && { kill "$nginx_pid" 2>/dev/null || true; };
      wait 2>/dev/null; rm -rf "$work"' EXIT

db="$work/demo.db"
"$bin" demo --db "$db" >/dev/null
"$bin" serve --db "$db" --port "$PORT" --quiet --threads "$SERVER_THREADS" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null && break; sleep 0.2; done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" || { echo "caremarket did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
token=$(curl -fsS "http://127.0.0.1:$PORT/api/login" -H 'Content-Type: application/json' \
  -d '{"email":"officer@birmingham.example","password":"demo-password-2026"}' | jq -r .token)
auth="Authorization: Bearer $token"

# The exact bytes caremarket answers, kept as nginx's static files.
mkdir -p "$work/static" "$work/nginx-temp"
curl -fsS -D "$work/health.headers" -o "$work/static/health.json" "http://127.0.0.1:$PORT/health"
curl -fsS -D "$work/search.headers" -o "$work/static/search.json" -H "$auth" "http://127.0.0.1:$PORT$SEARCH_PATH"
search_items=$(jq '.items | length' "$work/static/search.json")
header() { awk -v name="$2" 'tolower($0) ~ "^" tolower(name) ":" { sub(/^[^:]*: */, ""); sub(/\r$/, ""); print }' "$1"; }
keep_alive=$(header "$work/health.headers" Keep-Alive)

# Run as root, nginx's workers would otherwise run as nobody, who cannot
# read the temporary folder (mode 700).
user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user root;"
cat >"$work/nginx.conf" <<EOF
$user_line
worker_processes $NGINX_WORKERS;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  server_tokens off;
  client_body_temp_path $work/nginx-temp/body;
  proxy_temp_path $work/nginx-temp/proxy;
  fastcgi_temp_path $work/nginx-temp/fastcgi;
  uwsgi_temp_path $work/nginx-temp/uwsgi;
  scgi_temp_path $work/nginx-temp/scgi;
  keepalive_requests $NGINX_KEEPALIVE_REQUESTS;
  keepalive_timeout 65s;
  sendfile on;
  tcp_nodelay on;
  etag off;
  # nginx at its best for static bytes: no open() per request.
  open_file_cache max=16 inactive=60s;
  types { }
  default_type application/json;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    # The headers caremarket sends on every answer.
    add_header Cache-Control no-store always;
    add_header X-Content-Type-Options nosniff always;
    add_header X-Frame-Options DENY always;
    location = /health { alias $work/static/health.json; }
    location = /api/services { alias $work/static/search.json; }
  }
}
EOF
"$NGINX" -e "$work/nginx-error.log" -p "$work" -c "$work/nginx.conf" &
nginx_pid=$!
for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/health" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/health" || { echo "nginx did not start:" >&2; cat "$work/nginx-error.log" >&2; exit 1; }

# Both must answer the same bytes with the same type, or the comparison means nothing.
same=yes
for c in "health /health" "search $SEARCH_PATH"; do
  read -r name path <<<"$c"
  curl -fsS -D "$work/$name.nginx.headers" -o "$work/$name.nginx.json" -H "$auth" "http://127.0.0.1:$NGINX_PORT$path"
  cmp -s "$work/static/$name.json" "$work/$name.nginx.json" || same=no
  [ "$(header "$work/$name.headers" Content-Type)" = "$(header "$work/$name.nginx.headers" Content-Type)" ] || same=no
done
nginx_version=$("$NGINX" -v 2>&1 | sed 's/^nginx version: //')
echo "caremarket ($bin, --threads $SERVER_THREADS) vs $nginx_version (worker_processes $NGINX_WORKERS, keepalive_requests $NGINX_KEEPALIVE_REQUESTS)"
echo "$(nproc) cores shared with wrk ($THREADS threads); each run ${DURATION}s after ${WARMUP_SECONDS}s of warm-up; kept-alive connections"
printf '%-8s %12s %18s %18s %s\n' body "body bytes" "caremarket header" "nginx header" "Content-Type"
for name in health search; do
  printf '%-8s %12d %16d B %16d B %s\n' "$name" "$(wc -c <"$work/static/$name.json")" "$(wc -c <"$work/$name.headers")" \
    "$(wc -c <"$work/$name.nginx.headers")" "$(header "$work/$name.headers" Content-Type)"
done
echo "search: GET $SEARCH_PATH ($search_items services; with the bearer token to both servers)"
echo "same body bytes and Content-Type from both: $same"
echo "caremarket's Keep-Alive: ${keep_alive:-none} (it closes a connection after max= requests; nginx after $NGINX_KEEPALIVE_REQUESTS)"

# One line per run from wrk's done hook: requests, errors, p50 and p99 in
# microseconds, requests/s (as bench/load/mixed.lua prints it).
cat >"$work/result.lua" <<'EOF'
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %d %.1f\n", summary.requests, errors,
                         latency:percentile(50), latency:percentile(99), summary.requests / (summary.duration / 1e6)))
end
EOF
# measure PORT PATH CONNECTIONS -> "rate p50_ms p99_ms errors"
measure() {
  local port=$1 path=$2 connections=$3
  local threads=$((THREADS < connections ? THREADS : connections))
  local args=(-t "$threads" -c "$connections" -H "$auth" -s "$work/result.lua" "http://127.0.0.1:$port$path")
  [ "$WARMUP_SECONDS" -gt 0 ] && wrk -d "${WARMUP_SECONDS}s" "${args[@]}" >/dev/null
  local line
  line=$(wrk -d "${DURATION}s" "${args[@]}" | grep '^RESULT' || echo "RESULT 0 0 0 0 0")
  local _ _requests errors p50 p99 rate
  read -r _ _requests errors p50 p99 rate <<<"$line"
  awk -v r="$rate" -v a="$p50" -v b="$p99" -v e="$errors" 'BEGIN { printf "%.1f %.3f %.3f %d", r, a / 1000, b / 1000, e }'
}

echo
printf '%-20s %12s %12s %8s %9s %9s %9s %9s %8s  %-30s %s\n' case "caremarket/s" "nginx/s" "ratio %" \
  "cm p50" "cm p99" "ng p50" "ng p99" errors "goal" "met"
for c in "health-1 /health 1" "health-16 /health 16" "search-16 $SEARCH_PATH 16"; do
  read -r name path connections <<<"$c"
  read -r cm_rate cm_p50 cm_p99 cm_err <<<"$(measure "$PORT" "$path" "$connections")"
  read -r ng_rate ng_p50 ng_p99 ng_err <<<"$(measure "$NGINX_PORT" "$path" "$connections")"
  ratio=$(awk -v a="$cm_rate" -v b="$ng_rate" 'BEGIN { if (b > 0) printf "%.1f", a * 100 / b; else print "n/a" }')
  case $name in
    health-1) goal="caremarket p50 under 1 ms"; met=$(awk -v p="$cm_p50" 'BEGIN { print (p < 1 ? "yes" : "no") }') ;;
    health-16) goal="at least 50% of nginx's req/s"; met=$(awk -v r="$ratio" 'BEGIN { print (r + 0 >= 50 ? "yes" : "no") }') ;;
    *) goal="at least 10% of nginx's req/s"; met=$(awk -v r="$ratio" 'BEGIN { print (r + 0 >= 10 ? "yes" : "no") }') ;;
  esac
  printf '%-20s %12.0f %12.0f %8s %9.3f %9.3f %9.3f %9.3f %8s  %-30s %s\n' "$name ($connections conn)" "$cm_rate" "$ng_rate" \
    "$ratio" "$cm_p50" "$cm_p99" "$ng_p50" "$ng_p99" "$cm_err/$ng_err" "$goal" "$met"
done
echo "latencies in ms; errors: caremarket/nginx (connect, read, write, timeout and non-2xx/3xx answers)"
