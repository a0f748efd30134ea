#!/usr/bin/env bash
# Issue 15, target 1's second half: GET /api/stats computed (QUESTLOG_RESPONSE_CACHE=false) in
# under 20 ms. The launcher-started server (no JVM flags of ours) on the peer bench's database
# questlog_java (the 20,000-game dataset, which app/bench/peer.sh imports), one request at a
# time on one kept-alive connection: WARMUP requests unmeasured (300), then ROUNDS measured
# (300); prints p50, p90, p99 and max of the time to the last byte, and the server's and
# PostgreSQL's CPU per request over the measured rounds.
#
#   ./mvnw -B -q package -DskipTests && app/bench/peer.sh && app/bench/stats-latency.sh
#
# Settings: QL_BENCH_TMP (/tmp/questlog-bench), PGPORT (55432), WARMUP (300), ROUNDS (300).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
PGPORT=${PGPORT:-55432}
T=${QL_BENCH_TMP:-/tmp/questlog-bench}
WARMUP=${WARMUP:-300}
ROUNDS=${ROUNDS:-300}
LAUNCHER=$REPO/app/target/questlog
PG_BASE="postgres://postgres@127.0.0.1:$PGPORT"
[ -x "$LAUNCHER" ] || die "build first: ./mvnw -B -q package -DskipTests"
psql -qAt "$PG_BASE/questlog_java" -c 'SELECT 1' >/dev/null 2>&1 \
  || die "no database questlog_java on port $PGPORT (run app/bench/peer.sh first: it imports the dataset)"
PORT=$(free_port)
RUN=$(mktemp -d /tmp/questlog-stats.XXXXXX)
env DATABASE_URL="$PG_BASE/questlog_java" PORT="$PORT" QUESTLOG_HOST=127.0.0.1 QUESTLOG_RESPONSE_CACHE=false \
  "$LAUNCHER" serve > "$RUN/server.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready")" = 200 ]; do
  kill -0 $SERVER 2>/dev/null || die "server exited: $(tail -n 20 "$RUN/server.log")"
  sleep 0.05
done
# The launcher execs the JVM, so $SERVER is the server's own process.
log "load average $(cut -d' ' -f1-3 /proc/loadavg); server pid $SERVER on port $PORT"
python3 "$HERE/stats_latency.py" "http://127.0.0.1:$PORT/api/stats/" "$WARMUP" "$ROUNDS" "$SERVER" "$T/pgdata"
log "load average $(cut -d' ' -f1-3 /proc/loadavg)"
