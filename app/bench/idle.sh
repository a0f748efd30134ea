#!/usr/bin/env bash
# Idle cost: starts the server on a fresh database, lets it settle, then leaves it alone for
# IDLE_SECONDS (default 60) and reports what it spent meanwhile: the JVM's CPU (user + system,
# from /proc, as a share of one core) and the database's transactions per second (commits +
# rollbacks of the server's database, from pg_stat_database). Targets: under 1 % of a core and
# under 2 transactions per second. Optional: BENCH_REDIS_URL (a Redis the server publishes to).
#
#   ./mvnw -B -q package -pl app -am -DskipTests && app/bench/idle.sh
#
# Needs a local PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres),
# psql and a JDK 21+. Uses the database questlog_bench_idle and port 7501.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$REPO/app/bench/jdk.sh"
source "$REPO/app/bench/lib.sh"

IDLE_SECONDS=${IDLE_SECONDS:-60}
SETTLE_SECONDS=${SETTLE_SECONDS:-10}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
DB=questlog_bench_idle
PORT=7501
JAR="$REPO/app/target/questlog.jar"
RUN=$(mktemp -d /tmp/questlog-idle.XXXXXX)
mkdir -p "$RUN/logs"
[ -f "$JAR" ] || die "build the jar first: ./mvnw -B -q package -pl app -am -DskipTests"

admin() { psql "$PG_URL" -v ON_ERROR_STOP=1 -qAt -c "$1"; }
db_url() { echo "${PG_URL%/*}/$DB"; }
cleanup() { stop_server; admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true; }
trap cleanup EXIT

admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
admin "CREATE DATABASE $DB" >/dev/null

# The JVM's CPU seconds so far: utime + stime of /proc/PID/stat, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
xacts() { psql "$(db_url)" -qAt -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"; }

log "starting the server (JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1))"
DATABASE_URL=$(db_url) PORT=$PORT QUESTLOG_HOST=127.0.0.1 REDIS_URL=${BENCH_REDIS_URL:-} \
  "$JAVA_HOME/bin/java" -jar "$JAR" serve > "$RUN/logs/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/health/ready" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$RUN/logs/server.log" >&2; die "the server stopped"; }
  sleep 0.1
done
log "ready; settling for ${SETTLE_SECONDS} s"
sleep "$SETTLE_SECONDS"

TICKS=$(getconf CLK_TCK)
cpu0=$(cpu_ticks "$SERVER_PID"); x0=$(xacts); t0=$(now_ms)
log "idle for ${IDLE_SECONDS} s: no requests"
sleep "$IDLE_SECONDS"
cpu1=$(cpu_ticks "$SERVER_PID"); x1=$(xacts); t1=$(now_ms)

# Our own two psql calls count as transactions too (one each way): take them off.
python3 - "$cpu0" "$cpu1" "$x0" "$x1" "$t0" "$t1" "$TICKS" <<'PY'
import sys
cpu0, cpu1, x0, x1, t0, t1, ticks = map(float, sys.argv[1:])
seconds = (t1 - t0) / 1000
cpu = (cpu1 - cpu0) / ticks / seconds * 100
tps = (x1 - x0 - 1) / seconds
print(f"idle {seconds:.1f} s | JVM CPU {cpu:.2f} % of a core (target < 1 %) | "
      f"database {tps:.2f} transactions/s (target < 2) | "
      f"{'met' if cpu < 1 and tps < 2 else 'NOT met'}")
PY
log "load average: $(cut -d' ' -f1-3 /proc/loadavg); logs in $RUN/logs"
