#!/usr/bin/env bash
# Two builds of the server on the computed path (QUESTLOG_RESPONSE_CACHE=false), taken in turn
# in the same minutes: on a shared machine the same build's throughput moves by tens of percent
# from one minute to the next, so a change is judged against the build before it run beside it,
# not against a figure from another hour. Each round starts the first build, drives the
# endpoints with the shared harness (shared/bench/load/run.sh: wrk -t2 -c32, random slugs and
# filters from the generated request files, CPU per request of the server and of PostgreSQL),
# stops it, then does the same with the second.
#
#   git worktree add /tmp/before <rev> && (cd /tmp/before && ./mvnw -B -q package -DskipTests)
#   BEFORE=/tmp/before/app/target/questlog ENDPOINTS=stats app/bench/pair.sh
#
# Each build reads its own database (a build refuses a schema with migrations it does not know):
# BEFORE_DB (questlog_before) and AFTER_DB (questlog_java, which app/bench/peer.sh imports), on
# the peer bench's PostgreSQL cluster; a missing or partial one is imported by its build's CLI.
# Settings: BEFORE (required), AFTER (this checkout's launcher), ROUNDS (2), ENDPOINTS (all
# four), WARMUP (20 s per endpoint), DURATION (10), QL_BENCH_TMP (/tmp/questlog-bench), PGPORT
# (55432), BENCH_SHARED (shared/ beside the repository, else /work/shared), BENCH_OUT.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
T=${QL_BENCH_TMP:-/tmp/questlog-bench}
PGPORT=${PGPORT:-55432}
SHARED=${BENCH_SHARED:-}
[ -n "$SHARED" ] || for c in "$REPO/../shared" /work/shared; do [ -d "$c/bench" ] && { SHARED=$c; break; }; done
BEFORE=${BEFORE:?BEFORE: the launcher of the build to compare with (app/target/questlog of another checkout)}
AFTER=${AFTER:-$REPO/app/target/questlog}
ROUNDS=${ROUNDS:-2}
ENDPOINTS=${ENDPOINTS:-games-list game-detail list-detail stats}
PG_BASE="postgres://postgres@127.0.0.1:$PGPORT"
DATASET=$T/dataset

# shellcheck source=lib.sh
. "$HERE/lib.sh"
for launcher in "$BEFORE" "$AFTER"; do [ -x "$launcher" ] || die "no launcher at $launcher (build it first)"; done
[ -f "$DATASET/dataset.json" ] || die "no dataset in $DATASET (shared/bench/README.md, step 1)"
psql -qAt "$PG_BASE/postgres" -c 'SELECT 1' >/dev/null || die "no PostgreSQL cluster on port $PGPORT (bench/pg/pg.sh init)"

RUN=${BENCH_OUT:-$(mktemp -d /tmp/questlog-pair.XXXXXX)}
mkdir -p "$RUN/logs"
DB_PIDS=$(head -n 1 "$T/pgdata/postmaster.pid")
trap 'stop_server' EXIT

# database LAUNCHER NAME: NAME holding the dataset, imported by LAUNCHER's own CLI when it does not.
database() {
  if ! psql -qAt "$PG_BASE/postgres" -c "SELECT 1 FROM pg_database WHERE datname = '$2'" | grep -q 1; then
    psql -q "$PG_BASE/postgres" -c "CREATE DATABASE $2" >/dev/null
  fi
  if [ "$(psql -qAt "$PG_BASE/$2" -c 'SELECT count(*) FROM game' 2>/dev/null || echo 0)" != 20000 ]; then
    log "importing the dataset into $2 with $1"
    DATABASE_URL="$PG_BASE/$2" "$1" import json "$DATASET/dataset.json" > "$RUN/logs/import-$2.log" 2>&1 \
      || { tail -n 20 "$RUN/logs/import-$2.log" >&2; die "import into $2 failed"; }
    psql -q "$PG_BASE/$2" -c "VACUUM ANALYZE" >/dev/null
  fi
}
database "$BEFORE" "${BEFORE_DB:-questlog_before}"
database "$AFTER" "${AFTER_DB:-questlog_java}"

{
  echo "cpu: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  echo "before: $BEFORE"
  echo "after: $AFTER ($(git -C "$REPO" rev-parse --short HEAD))"
} | tee "$RUN/machine.txt" >&2

for round in $(seq 1 "$ROUNDS"); do
  for build in before after; do
    if [ "$build" = before ]; then launcher=$BEFORE; db=${BEFORE_DB:-questlog_before}; else launcher=$AFTER; db=${AFTER_DB:-questlog_java}; fi
    PORT=$(free_port)
    BASE="http://127.0.0.1:$PORT"
    env DATABASE_URL="$PG_BASE/$db" PORT="$PORT" QUESTLOG_HOST=127.0.0.1 QUESTLOG_RESPONSE_CACHE=false \
      "$launcher" serve > "$RUN/logs/server-$build-$round.log" 2>&1 &
    SERVER_PID=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready")" = 200 ]; do
      kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$RUN/logs/server-$build-$round.log" >&2; die "server exited"; }
      sleep 0.05
    done
    log "round $round, $build (load average $(cut -d' ' -f1 /proc/loadavg))"
    ENDPOINTS=$ENDPOINTS WARMUP=${WARMUP:-20} SERVER_PIDS=$SERVER_PID DB_PIDS=$DB_PIDS LOG_DIR=$RUN/wrk/$build-$round \
      "$SHARED/bench/load/run.sh" "$BASE" "${DURATION:-10}" 2>/dev/null \
      | awk -v b="$build" -v r="$round" '!/^#/ && !/^endpoint/ {print r, b, $0}' | tee -a "$RUN/results.txt"
    stop_server
  done
done
log "results in $RUN/results.txt (round, build, then the harness's columns: endpoint req/s p50 p99 errors srv_ms/req db_ms/req ...)"
