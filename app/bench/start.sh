#!/usr/bin/env bash
# Start to ready, as a user starts the server: app/target/questlog serve (the launcher, no JVM
# flags of ours), from launch to the first 200 of /health/ready, RUNS times (5) each:
#   external  against a local PostgreSQL, on a database that is already migrated
#   embedded  the embedded PostgreSQL on an existing data directory (made by a first start)
# and the same for the Django peer of shared/bench (gunicorn, first 200 of /api/games/?limit=20),
# when its PostgreSQL cluster (QL_BENCH_TMP, PGPORT) is up, as the reference of the same minutes.
# Besides the wall time it reports the CPU time the server's process used until ready (user +
# system, from /proc), which a busy machine distorts far less than the wall time.
#
#   ./mvnw -B -q package -DskipTests && app/bench/start.sh
#
# Settings: RUNS (5), BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), MODES
# ("external embedded peer"), QL_BENCH_TMP (/tmp/questlog-bench), PGPORT (55432), LAUNCHER
# (app/target/questlog of this checkout; another build's launcher to compare).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
RUNS=${RUNS:-5}
MODES=${MODES:-external embedded peer}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
LAUNCHER=${LAUNCHER:-$REPO/app/target/questlog}
T=${QL_BENCH_TMP:-/tmp/questlog-bench}
SHARED=$(find_shared)
DB=questlog_bench_start
RUN=$(mktemp -d /tmp/questlog-start.XXXXXX)
mkdir -p "$RUN/logs"
[ -x "$LAUNCHER" ] || die "build first: ./mvnw -B -q package -DskipTests"
PID=""
cleanup() {
  [ -z "$PID" ] || kill -TERM -- "-$PID" 2>/dev/null || true
  psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

TICKS=$(getconf CLK_TCK)
# cpu_ms PID: user + system CPU of the process and its children so far
cpu_ms() {
  local total=0 p
  for p in $1 $(pgrep -P "$1" || true); do
    [ -r "/proc/$p/stat" ] || continue
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat") ))
  done
  echo $(( total * 1000 / TICKS ))
}

# once LABEL URL CMD...: launch in a new process group, poll URL every 10 ms; prints "wall cpu"
once() {
  local label=$1 url=$2; shift 2
  local started
  started=$(now_ms)
  setsid "$@" > "$RUN/logs/$label.log" 2>&1 &
  PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ]; do
    kill -0 "$PID" 2>/dev/null || { tail -n 20 "$RUN/logs/$label.log" >&2; die "$label exited"; }
    sleep 0.01
  done
  local wall=$(( $(now_ms) - started )) cpu
  cpu=$(cpu_ms "$PID")
  kill -TERM -- "-$PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  PID=""
  echo "$wall $cpu"
}

# wait_for_cache: until the AOT cache the first start trains (Java 25+) is assembled, at most 2
# minutes: the launcher neither uses nor trains one while its assembly runs.
wait_for_cache() {
  for _ in $(seq 1 1200); do
    ls "$(dirname "$LAUNCHER")"/*.aot.config > /dev/null 2>&1 || return 0
    sleep 0.1
  done
}

series() {   # series LABEL URL CMD...: RUNS starts, then the median wall and CPU
  local label=$1 walls=() cpus=() w c
  for i in $(seq 1 "$RUNS"); do
    read -r w c < <(once "$label-$i" "$2" "${@:3}")
    walls+=("$w"); cpus+=("$c")
  done
  local mw mc
  mw=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  mc=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  printf '%-10s median wall %5d ms (runs: %s), median CPU %5d ms (runs: %s)\n' "$label" "$mw" "${walls[*]}" "$mc" "${cpus[*]}"
}

log "load average $(cut -d' ' -f1-3 /proc/loadavg); JDK $("$LAUNCHER" --find-jdk)"
for mode in $MODES; do
  case $mode in
    external)
      psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
      PORT=$(free_port)
      # The first start migrates the new database (and trains the AOT cache or writes the class-data
      # archive); not counted.
      once external-first "http://127.0.0.1:$PORT/health/ready" \
        env DATABASE_URL="${PG_URL%/*}/$DB" PORT="$PORT" QUESTLOG_HOST=127.0.0.1 "$LAUNCHER" serve > /dev/null
      wait_for_cache
      series external "http://127.0.0.1:$PORT/health/ready" \
        env DATABASE_URL="${PG_URL%/*}/$DB" PORT="$PORT" QUESTLOG_HOST=127.0.0.1 "$LAUNCHER" serve
      ;;
    embedded)
      PORT=$(free_port)
      once embedded-first "http://127.0.0.1:$PORT/health/ready" \
        env -u DATABASE_URL QUESTLOG_DATA_DIR="$RUN/data" PORT="$PORT" QUESTLOG_HOST=127.0.0.1 "$LAUNCHER" serve > /dev/null
      wait_for_cache
      series embedded "http://127.0.0.1:$PORT/health/ready" \
        env -u DATABASE_URL QUESTLOG_DATA_DIR="$RUN/data" PORT="$PORT" QUESTLOG_HOST=127.0.0.1 "$LAUNCHER" serve
      ;;
    peer)
      if [ -z "$SHARED" ] || ! psql -qAt "postgres://questlog@127.0.0.1:${PGPORT:-55432}/questlog" -c 'SELECT 1' >/dev/null 2>&1; then
        log "no peer database on port ${PGPORT:-55432}: peer skipped"; continue
      fi
      PORT=$(free_port)
      series peer "http://127.0.0.1:$PORT/api/games/?limit=20" \
        env PEER_PORT="$PORT" PGHOST=127.0.0.1 PGPORT="${PGPORT:-55432}" PGDATABASE=questlog PGUSER=questlog \
        "$SHARED/bench/peer-django/serve.sh"
      ;;
  esac
done
log "load average $(cut -d' ' -f1-3 /proc/loadavg); logs in $RUN/logs"
