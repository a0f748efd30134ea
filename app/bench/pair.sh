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
BEFORE=${BEFORE:?BEFORE: the launcher of the build to compare with (app/target/questlog of another checkout)}
AFTER=${AFTER:-$REPO/app/target/questlog}
ROUNDS=${ROUNDS:-2}
ENDPOINTS=${ENDPOINTS:-games-list game-detail list-detail stats}
PG_BASE="postgres://postgres@127.0.0.1:$PGPORT"
DATASET=$T/dataset

# shellcheck source=lib.sh
. "$HERE/lib.sh"
SHARED=$(find_shared)
[ -n "$SHARED" ] || die "no shared/ folder with the peer's bench (set BENCH_SHARED)"
for launcher in "$BEFORE" "$AFTER"; do [ -x "$launcher" ] || die "no launcher at $launcher (build it first)"; done
[ -f "$DATASET/dataset.json" ] || die "no dataset in $DATASET (shared/bench/README.md, step 1)"
psql -qAt "$PG_BASE/postgres" -c 'SELECT 1' >/dev/null || die "no PostgreSQL cluster on port $PGPORT (bench/pg/pg.sh init)"

RUN=${BENCH_OUT:-$(mktemp -d /tmp/questlog-pair.XXXXXX)}
mkdir -p "$RUN/logs"
DB_PIDS=$(head -n 1 "$T/pgdata/postmaster.pid")
trap 'stop_server' EXIT

dataset_database "$BEFORE" "$PG_BASE" "${BEFORE_DB:-questlog_before}" "$DATASET/dataset.json"
dataset_database "$AFTER" "$PG_BASE" "${AFTER_DB:-questlog_java}" "$DATASET/dataset.json"

{
  echo "cpu: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  echo "before: $BEFORE"
  echo "after: $AFTER ($(git -C "$REPO" rev-parse --short HEAD))"
} | tee "$RUN/machine.txt" >&2

for round in $(seq 1 "$ROUNDS"); do
  for build in before after; do
    if [ "$build" = before ]; then launcher=$BEFORE; db=${BEFORE_DB:-questlog_before}; else launcher=$AFTER; db=${AFTER_DB:-questlog_java}; fi
    DATABASE_URL="$PG_BASE/$db" start_launcher "$build-$round" "$launcher" QUESTLOG_RESPONSE_CACHE=false
    log "round $round, $build (load average $(cut -d' ' -f1 /proc/loadavg))"
    ENDPOINTS=$ENDPOINTS WARMUP=${WARMUP:-20} SERVER_PIDS=$SERVER_PID DB_PIDS=$DB_PIDS LOG_DIR=$RUN/wrk/$build-$round \
      "$SHARED/bench/load/run.sh" "$BASE" "${DURATION:-10}" 2>/dev/null \
      | awk -v b="$build" -v r="$round" '!/^#/ && !/^endpoint/ {print r, b, $0}' | tee -a "$RUN/results.txt"
    stop_server
  done
done
log "results in $RUN/results.txt (round, build, then the harness's columns: endpoint req/s p50 p99 errors srv_ms/req db_ms/req ...)"
