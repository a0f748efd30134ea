#!/usr/bin/env bash
# Realtime benchmark: WebSocket fan-out latency with 1,000 connected clients, and replay speed.
#
#   app/bench/realtime.sh                       1,000 clients, 1,000 events, replay of 10,000
#   BENCH_CLIENTS=100 app/bench/realtime.sh     a quicker run
#
# Steps (each is printed as it runs; BENCHMARKS.md has the method and the figures):
#   1. build the server jar and app's test classes through the reactor (nothing is installed)
#   2. create the database questlog_bench_issue5 on the local PostgreSQL
#   3. start app/target/questlog.jar serve on 127.0.0.1:$BENCH_PORT, publishing to Redis on a
#      channel of its own when BENCH_REDIS_URL is set (the full relay path is then running)
#   4. run questlog.app.RealtimeBench (Java-WebSocket clients, app's test sources):
#      connect the clients; create games one at a time with POST /api/games and time, for each,
#      the HTTP response -> the last client's receipt; then import BENCH_REPLAY games in one
#      POST /api/import and time a client that connects with ?since= until it has them all
#   5. print the figures; the server is stopped and the database dropped, also on error or Ctrl-C
#
# Settings (environment): BENCH_PORT (7401; 7400-7499 are this benchmark's), BENCH_CLIENTS (1000),
# BENCH_EVENTS (1000), BENCH_WARMUP (50), BENCH_REPLAY (10000), BENCH_REPLAY_RUNS (5),
# BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), BENCH_REDIS_URL
# (redis://127.0.0.1:6379; empty: no Redis), BENCH_JVM_OPTS (server JVM flags),
# BENCH_OUT (run directory, default a new /tmp/questlog-realtime-bench.XXXXXX), JAVA_HOME (JDK 21+).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

PORT=${BENCH_PORT:-7401}
CLIENTS=${BENCH_CLIENTS:-1000}
EVENTS=${BENCH_EVENTS:-1000}
WARMUP=${BENCH_WARMUP:-50}
REPLAY=${BENCH_REPLAY:-10000}
REPLAY_RUNS=${BENCH_REPLAY_RUNS:-5}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
REDIS_URL=${BENCH_REDIS_URL-redis://127.0.0.1:6379}
DB_NAME=questlog_bench_issue5
JVM_OPTS=${BENCH_JVM_OPTS:--Xms128m -Xmx512m -XX:+ExitOnOutOfMemoryError}

log() { printf '[realtime-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# shellcheck source=jdk.sh
. "$HERE/jdk.sh"
JAVA="$JAVA_HOME/bin/java"
for tool in curl psql; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done
# 1,000 sockets on each side, plus the JVMs' own files
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

RUN=${BENCH_OUT:-$(mktemp -d /tmp/questlog-realtime-bench.XXXXXX)}
mkdir -p "$RUN"
log "run directory: $RUN"

SERVER_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping the server (pid $SERVER_PID)"
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  psql "$PG_URL" -q -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT INT TERM

# ---------------------------------------------------------------- 1. build
log "building the server jar and test classes (reactor, no install)"
(cd "$REPO" && ./mvnw -B -q -pl app -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$RUN/classpath.txt" -Dmdep.includeScope=test) > "$RUN/build.log" 2>&1 \
  || { tail -30 "$RUN/build.log" >&2; die "build failed (see $RUN/build.log)"; }
JAR="$REPO/app/target/questlog.jar"
[ -f "$JAR" ] || die "$JAR was not built"
BENCH_CP="$REPO/app/target/test-classes:$REPO/app/target/classes:$(cat "$RUN/classpath.txt")"

# ---------------------------------------------------------------- 2. database
psql "$PG_URL" -q -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
psql "$PG_URL" -q -c "CREATE DATABASE $DB_NAME" >/dev/null
DB_URL="${PG_URL%/*}/$DB_NAME"

# ---------------------------------------------------------------- 3. server
TOKEN="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
CHANNEL="bench:issue5:$$"
log "starting the server on 127.0.0.1:$PORT ($JVM_OPTS)${REDIS_URL:+, publishing to $REDIS_URL channel $CHANNEL}"
env DATABASE_URL="$DB_URL" PORT="$PORT" QUESTLOG_HOST=127.0.0.1 QUESTLOG_API_KEY="$TOKEN" \
    REDIS_URL="$REDIS_URL" REDIS_CHANNEL="$CHANNEL" QUESTLOG_HTTP_LOG_LEVEL=WARN \
    "$JAVA" $JVM_OPTS -jar "$JAR" serve > "$RUN/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready")" = 200 ]; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$RUN/server.log" >&2; die "the server exited"; }
  sleep 0.2
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready")" = 200 ] || die "the server is not ready"

# ---------------------------------------------------------------- 4. clients
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
log "running RealtimeBench: $CLIENTS clients, $WARMUP + $EVENTS events, replay of $REPLAY x $REPLAY_RUNS"
"$JAVA" -Xss256k -Xmx1g -cp "$BENCH_CP" questlog.app.RealtimeBench --base "http://127.0.0.1:$PORT" --token "$TOKEN" \
    --clients "$CLIENTS" --events "$EVENTS" --warmup "$WARMUP" --replay "$REPLAY" --replay-runs "$REPLAY_RUNS" \
    | tee "$RUN/results.txt"
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -q '^replay_median_ms=' "$RUN/results.txt" || die "the benchmark did not finish"
RSS=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo "?")
echo "server_rss_kb=$RSS" | tee -a "$RUN/results.txt"
log "done; results in $RUN/results.txt"
