#!/usr/bin/env bash
# Questlog against the Django peer of shared/bench (issue 15), in one run on one machine: the
# same PostgreSQL cluster, dataset, requests (shared/bench/load/run.sh: wrk -t2 -c32, random
# slugs and filters from the generated request files) and CPU accounting for both.
#
#   app/bench/peer.sh                  all parts
#   BENCH_PARTS="computed writes" app/bench/peer.sh
#
# Parts (BENCH_PARTS, in this order):
#   peer      the Django peer (gunicorn, 5 sync workers) on the four endpoints
#   computed  this server with QUESTLOG_RESPONSE_CACHE=false (every read computed)
#   cached    this server as shipped (read cache on), no writes
#   writes    the same with app/bench/writer.py sending 2 writes/s (game patch, playthrough,
#             list entry) during every measured load
#   ceiling   nginx serving the peer's bodies (shared/bench/nginx-ceiling), when rendered
#   own       nginx serving this server's own bodies, which the cached part renders (the same
#             bytes: this API's answers are larger than the peer's, e.g. stats 27 KB against 3 KB)
# The server runs through the launcher app/target/questlog with no JVM flags of ours (what a
# user runs); each start is timed from launch to the first 200 of /health/ready, and its RSS is
# read after its loads.
#
# Needs the peer's set-up (shared/bench/README.md steps 1-3: dataset, PostgreSQL cluster, peer
# loaded) with the same QL_BENCH_TMP and PGPORT, and the jar built (./mvnw -B -q package -DskipTests).
# Settings: QL_BENCH_TMP (/tmp/questlog-bench), PGPORT (55432), BENCH_SHARED (shared/ beside the
# repository, else /work/shared), DURATION (10), JAVA_WARMUP (30: the JIT), PEER_WARMUP (2),
# WRITE_RATE (2), BENCH_OUT (run directory).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
T=${QL_BENCH_TMP:-/tmp/questlog-bench}
PGPORT=${PGPORT:-55432}
DURATION=${DURATION:-10}
JAVA_WARMUP=${JAVA_WARMUP:-30}
PEER_WARMUP=${PEER_WARMUP:-2}
WRITE_RATE=${WRITE_RATE:-2}
PARTS=${BENCH_PARTS:-peer computed cached writes ceiling own}
LAUNCHER=$REPO/app/target/questlog
DATASET=$T/dataset
PG_BASE="postgres://postgres@127.0.0.1:$PGPORT"
JAVA_DB=questlog_java

# shellcheck source=lib.sh
. "$HERE/lib.sh"
SHARED=$(find_shared)
[ -x "$LAUNCHER" ] && [ -f "$REPO/app/target/questlog.jar" ] || die "build first: ./mvnw -B -q package -DskipTests"
[ -f "$DATASET/dataset.json" ] || die "no dataset in $DATASET (shared/bench/README.md, step 1)"
psql -qAt "$PG_BASE/questlog" -c 'SELECT 1' >/dev/null || die "no PostgreSQL cluster on port $PGPORT (bench/pg/pg.sh init)"

RUN=${BENCH_OUT:-$(mktemp -d /tmp/questlog-peer-bench.XXXXXX)}
mkdir -p "$RUN/logs"
LOAD_LOGS=$RUN/wrk
DB_PIDS=$(head -n 1 "$T/pgdata/postmaster.pid")
SERVER_PID=""
PEER_PID=""
WRITER_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -z "$WRITER_PID" ] || kill "$WRITER_PID" 2>/dev/null || true
  [ -z "$PEER_PID" ] || kill "$PEER_PID" 2>/dev/null || true
  stop_server || true
  [ -z "${CEILING_PID:-}" ] || kill "$CEILING_PID" 2>/dev/null || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

{
  echo "cpu: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  echo "jdk: $("$LAUNCHER" --find-jdk)"
  echo "postgresql: $(psql -qtA "$PG_BASE/questlog" -c 'SHOW server_version')"
  echo "commit: $(git -C "$REPO" rev-parse --short HEAD)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$RUN/machine.txt" >&2

# load TARGET URL WARMUP: the shared harness on the four endpoints -> $RUN/TARGET.txt
load() {
  log "$1: four endpoints, ${DURATION} s each after ${3} s of warm-up"
  DATASET_DIR=$DATASET WARMUP=$3 DB_PIDS=$DB_PIDS LOG_DIR=$LOAD_LOGS/$1 \
    "$SHARED/bench/load/run.sh" "$2" "$DURATION" | tee "$RUN/$1.txt" >&2
}

# prefill BASE: every URL the loads can ask for, once, in one curl (keep-alive), so that the
# measured cached runs start from a full cache, however slow the machine is today.
prefill() {
  log "prefilling: every request of the request files once"
  {
    while read -r q; do [ -n "$q" ] && echo "url = \"$1/api/games/?$q\"" && echo "output = /dev/null"; done < "$DATASET/queries.txt"
    while read -r s; do [ -n "$s" ] && echo "url = \"$1/api/games/$s/\"" && echo "output = /dev/null"; done < "$DATASET/slugs.txt"
    while read -r s; do [ -n "$s" ] && echo "url = \"$1/api/lists/$s/\"" && echo "output = /dev/null"; done < "$DATASET/list-slugs.txt"
    echo "url = \"$1/api/stats/\""; echo "output = /dev/null"
  } > "$RUN/logs/prefill.curl"
  curl -sS -K "$RUN/logs/prefill.curl" -w '%{http_code}\n' | sort | uniq -c | sed 's/^/  /' >&2
}

rss_mb() { awk '$1 == "VmRSS:" {printf "%d", $2 / 1024}' "/proc/$1/status"; }

# java_server LABEL [VAR=value...]: the launcher, no JVM options; sets SERVER_PID, READY_MS
java_server() {
  local label=$1; shift
  DATABASE_URL="$PG_BASE/$JAVA_DB" start_launcher "$label" "$LAUNCHER" "$@"
  echo "ready_ms_$label=$READY_MS" >> "$RUN/metrics.env"
  log "server ($label) ready in $READY_MS ms"
}

prepare_java_db() {
  dataset_database "$LAUNCHER" "$PG_BASE" "$JAVA_DB" "$DATASET/dataset.json"
  TOKEN=$(DATABASE_URL="$PG_BASE/$JAVA_DB" "$LAUNCHER" token create "bench-$(date +%s)" 2> "$RUN/logs/token.log")
}

for part in $PARTS; do
  case $part in
    peer)
      PEER_PORT=$(free_port)
      PEER_PORT=$PEER_PORT PGHOST=127.0.0.1 PGPORT=$PGPORT PGDATABASE=questlog PGUSER=questlog \
        setsid "$SHARED/bench/peer-django/serve.sh" > "$RUN/logs/peer.log" 2>&1 &
      PEER_PID=$!
      until curl -sf -o /dev/null "http://127.0.0.1:$PEER_PORT/api/stats/"; do sleep 0.1; done
      load peer "http://127.0.0.1:$PEER_PORT" "$PEER_WARMUP"
      kill "$PEER_PID"; wait "$PEER_PID" 2>/dev/null || true; PEER_PID=""
      ;;
    computed)
      prepare_java_db
      java_server computed QUESTLOG_RESPONSE_CACHE=false
      load computed "$BASE" "$JAVA_WARMUP"
      echo "rss_mb_computed=$(rss_mb "$SERVER_PID")" >> "$RUN/metrics.env"
      stop_server
      ;;
    cached)
      prepare_java_db
      java_server cached
      prefill "$BASE"
      load cached "$BASE" "$JAVA_WARMUP"
      echo "rss_mb_cached=$(rss_mb "$SERVER_PID")" >> "$RUN/metrics.env"
      log "rendering this server's bodies for the own ceiling"
      /usr/bin/python3 "$SHARED/bench/nginx-ceiling/render.py" "$BASE" --dataset "$DATASET" --out "$T/ceiling/own" \
        > "$RUN/logs/render-own.log" 2>&1 || log "rendering failed: own ceiling skipped"
      stop_server
      ;;
    writes)
      prepare_java_db
      java_server writes
      # Warm the JIT and the cache without writes, then measure with the writer running.
      prefill "$BASE"
      DATASET_DIR=$DATASET WARMUP=0 LOG_DIR=$LOAD_LOGS/writes-warmup \
        "$SHARED/bench/load/run.sh" "$BASE" "$JAVA_WARMUP" > "$RUN/logs/writes-warmup.txt" 2>&1
      python3 "$HERE/writer.py" "$BASE" "$TOKEN" "$DATASET" --rate "$WRITE_RATE" --report "$RUN/writer.txt" \
        > "$RUN/logs/writer.log" 2>&1 &
      WRITER_PID=$!
      load writes "$BASE" 5
      kill "$WRITER_PID"; wait "$WRITER_PID" 2>/dev/null || true; WRITER_PID=""
      cat "$RUN/writer.txt" >&2
      echo "rss_mb_writes=$(rss_mb "$SERVER_PID")" >> "$RUN/metrics.env"
      stop_server
      ;;
    ceiling|own)
      ROOT=$T/ceiling/root
      LABEL=ceiling
      [ "$part" = ceiling ] || { ROOT=$T/ceiling/own; LABEL=ceiling-own; }
      if [ ! -f "$ROOT/stats.json" ]; then log "no rendered bodies in $ROOT: $part skipped"; continue; fi
      CEILING_PORT=$(free_port)
      CEILING_PORT=$CEILING_PORT CEILING_ROOT=$ROOT CEILING_PREFIX=$RUN/nginx-$part \
        setsid "$SHARED/bench/nginx-ceiling/serve.sh" > "$RUN/logs/$LABEL.log" 2>&1 &
      CEILING_PID=$!
      until curl -sf -o /dev/null "http://127.0.0.1:$CEILING_PORT/api/stats/"; do sleep 0.1; done
      load "$LABEL" "http://127.0.0.1:$CEILING_PORT" "$PEER_WARMUP"
      kill "$(cat "$RUN/nginx-$part/nginx.pid")" 2>/dev/null || true; CEILING_PID=""
      ;;
    *) die "unknown part $part" ;;
  esac
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RUN/machine.txt" >&2
python3 "$HERE/peer_report.py" "$RUN" | tee "$RUN/results.md"
