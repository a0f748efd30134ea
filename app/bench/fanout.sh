#!/usr/bin/env bash
# WebSocket fan-out measured by an independent client (issue 15, target 7): 1,000 sockets of
# Node's `ws` package in one Node process (app/bench/node/fanout.js), games created one at a time,
# the time from each HTTP response to the receipt by the last socket; beside the Java-client
# benchmark app/bench/realtime.sh.
#
#   ./mvnw -B -q package -DskipTests && app/bench/fanout.sh
#   SOCKETS=100 app/bench/fanout.sh
#
# The server runs through the launcher (app/target/questlog serve), on a fresh database
# questlog_bench_fanout_<pid> of BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), without
# Redis. Needs node 18+ and npm (the first run installs ws into app/bench/node/node_modules).
# Settings: SOCKETS (1000), EVENTS (300), WARMUP_EVENTS (30), BENCH_LAUNCHER (app/target/questlog:
# another build's launcher, to measure it beside this one in the same time window).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
DB=questlog_bench_fanout_$$  # one per run: two runs at once must not drop each other's
LAUNCHER=${BENCH_LAUNCHER:-$REPO/app/target/questlog}
RUN=$(mktemp -d /tmp/questlog-fanout.XXXXXX)
mkdir -p "$RUN/logs"
[ -x "$LAUNCHER" ] || die "build first: ./mvnw -B -q package -DskipTests"
command -v node >/dev/null || die "node is not installed"
[ -d "$HERE/node/node_modules/ws" ] || (cd "$HERE/node" && npm ci --no-audit --no-fund --loglevel=error)
cleanup() { stop_server; psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true; }
trap cleanup EXIT
psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
DATABASE_URL="${PG_URL%/*}/$DB"
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
env DATABASE_URL="$DATABASE_URL" PORT="$PORT" QUESTLOG_HOST=127.0.0.1 REDIS_URL= "$LAUNCHER" serve > "$RUN/logs/server.log" 2>&1 &
SERVER_PID=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready")" = 200 ]; do
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$RUN/logs/server.log" >&2; die "server exited"; }
  sleep 0.05
done
TOKEN=$(DATABASE_URL="$DATABASE_URL" "$LAUNCHER" token create fanout 2> "$RUN/logs/token.log")
log "load average $(cut -d' ' -f1-3 /proc/loadavg); node $(node --version), ws $(node -p 'require("'"$HERE"'/node/node_modules/ws/package.json").version')"
node "$HERE/node/fanout.js" "$BASE" "$TOKEN" --sockets "${SOCKETS:-1000}" --events "${EVENTS:-300}" \
  --warmup "${WARMUP_EVENTS:-30}" --server-pid "$SERVER_PID" | tee "$RUN/results.txt"
log "load average $(cut -d' ' -f1-3 /proc/loadavg); logs in $RUN"
