# Sourced by the benchmark scripts: a throwaway PostgreSQL 15 cluster
# (Debian's programs) in a folder of the caller's, on a free loopback port,
# run as `postgres` when we are root (PostgreSQL refuses root), with its
# defaults for durability (fsync on, synchronous_commit on).
#   pg_start FOLDER   sets PG_URL; pg_stop FOLDER stops it (safe to call twice)
PG_BIN=/usr/lib/postgresql/15/bin
pg_as() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_start() {
  local folder=$1 port
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL 15 is missing: scripts/install-deps.sh installs it" >&2; return 2; }
  mkdir -p "$folder"
  chmod 755 "$(dirname "$folder")"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$folder"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  pg_as "$PG_BIN/initdb" -D "$folder" -U caremarket -A trust -E UTF8 --no-locale >/dev/null
  pg_as "$PG_BIN/pg_ctl" -D "$folder" -l "$folder/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$folder" start >/dev/null
  PG_URL="postgresql://caremarket@127.0.0.1:$port/postgres"
}
pg_stop() {
  [ -f "$1/postmaster.pid" ] && { pg_as "$PG_BIN/pg_ctl" -D "$1" -m immediate -w stop >/dev/null 2>&1 || true; }
  return 0
}
