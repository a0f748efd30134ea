#!/usr/bin/env bash
# Questlog benchmark: the server jar against the same responses served as static files by nginx.
#
#   app/bench/run.sh                 full dataset (20,000 games), 10 s per load
#   app/bench/run.sh --games 500     a quick run on a small dataset
#
# Steps (each is printed as it runs; see BENCHMARKS.md for the method and the figures):
#   1. generate the dataset with shared/dataset/gen.py into the run directory (not the repo)
#   2. create a fresh database on the local PostgreSQL
#   3. start app/target/questlog.jar serve on a free loopback port; time launch -> first 200
#      from /health/ready; create a token with `questlog token create`
#   4. time POST /api/import of dataset.json
#   5. warm the server up with wrk on GET /api/games?limit=50,
#      GET /api/games/{random slug from slugs.txt} and GET /api/works?limit=2000
#   6. save the very same response bodies as files, serve them with a private nginx; measure
#      each load with wrk against the app, then at once against nginx; read VmRSS
#   7. restart the server with QUESTLOG_RESPONSE_CACHE=false (computed path), check that it
#      answers byte-identical bodies, same loads
#   8. print the table (report.py); everything is kept in the run directory
# The server, nginx and the database are removed at the end, also on error or Ctrl-C.
#
# Settings (environment):
#   BENCH_OUT          run directory (default: a new /tmp/questlog-bench.XXXXXX)
#   BENCH_DATASET_GEN  gen.py (default: ../shared/dataset/gen.py beside the repo, else /work/shared/...)
#   BENCH_PG_URL       PostgreSQL to create the database on (default postgres://postgres@127.0.0.1:5432/postgres)
#   BENCH_DURATION     seconds per measured load (10); BENCH_WARMUP seconds of warm-up per load and
#                      server (5), all run before the first measured load
#   BENCH_CONNECTIONS  wrk connections (32); BENCH_THREADS wrk threads (2)
#   BENCH_JVM_OPTS     JVM flags of the server (default below, in JVM_OPTS_DEFAULT)
#   BENCH_JAR          the server jar (default app/target/questlog.jar of this checkout)
#   BENCH_KEEP_DB=1    keep the benchmark database afterwards
#   JAVA_HOME          a JDK 21+; when unset or older, the newest JDK 21+ under /usr/lib/jvm is used
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=${BENCH_JAR:-$REPO/app/target/questlog.jar}

# Heap capped at 256 MB: the dataset (41 MB of JSON) is imported in one request, and the response
# cache defaults to 128 MB; Serial GC because the server has 2 cores to share with wrk and
# PostgreSQL, and it returns freed heap to the OS after a full collection (lower RSS than G1).
# Application class-data sharing: the first run writes the jar's loaded classes to an archive
# beside it, later starts map it instead of loading and verifying them again (about a second less).
CDS_ARCHIVE=${JAR%.jar}.jsa
JVM_OPTS_DEFAULT="-Xms64m -Xmx256m -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+ExitOnOutOfMemoryError -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$CDS_ARCHIVE"
JVM_OPTS=${BENCH_JVM_OPTS:-$JVM_OPTS_DEFAULT}

GAMES=""
while [ $# -gt 0 ]; do
  case "$1" in
    --games) GAMES=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo pipefail/p' "$0" | sed -n 's/^# \{0,1\}//p'; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}

# shellcheck source=lib.sh
. "$HERE/lib.sh"

# ---------------------------------------------------------------- preflight
# shellcheck source=jdk.sh
. "$HERE/jdk.sh"
JAVA="$JAVA_HOME/bin/java"

for tool in wrk nginx curl psql python3; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y wrk nginx-light curl postgresql-client python3)"
done

GEN=$(find_dataset_gen "${BENCH_DATASET_GEN:-}")
[ -n "$GEN" ] && [ -f "$GEN" ] || die "gen.py not found (set BENCH_DATASET_GEN)"

if [ ! -f "$JAR" ]; then
  log "building $JAR"
  (cd "$REPO" && ./mvnw -B -q install -DskipTests)
fi

RUN=${BENCH_OUT:-$(mktemp -d /tmp/questlog-bench.XXXXXX)}
mkdir -p "$RUN/wrk" "$RUN/logs" "$RUN/static"
chmod 755 "$RUN"   # nginx workers (user nobody when started as root) read the static files
: > "$RUN/metrics.env"
metric() { echo "$1=$2" >> "$RUN/metrics.env"; }
log "run directory: $RUN"

# ---------------------------------------------------------------- cleanup (always)
DB_NAME=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server || true
  stop_nginx || true
  if [ -n "$DB_NAME" ] && [ "${BENCH_KEEP_DB:-0}" != 1 ]; then
    psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  [ "$rc" -eq 0 ] || log "stopped with status $rc; logs are in $RUN/logs"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- machine
{
  echo "cpu: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo "jdk: $("$JAVA" -version 2>&1 | head -n1) ($JAVA_HOME)"
  echo "postgresql: $(psql -qtA "$PG_URL" -c 'SHOW server_version' 2>/dev/null || echo unknown)"
  echo "nginx: $(nginx -v 2>&1 | sed 's/^nginx version: //')"
  echo "wrk: $(wrk -v 2>&1 | head -n1 | awk '{print $2}')"
  echo "jar: $JAR ($(date -u -r "$JAR" +%Y-%m-%dT%H:%M:%SZ), checkout at commit $(git -C "$(dirname "$JAR")/../.." rev-parse --short HEAD 2>/dev/null || echo unknown))"
  echo "jvm flags: $JVM_OPTS"
  echo "load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency per load, after ${WARMUP} s of warm-up per load; all on loopback"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RUN/machine.txt"
sed 's/^/  /' "$RUN/machine.txt" >&2

# ---------------------------------------------------------------- 1. dataset
DATA="$RUN/dataset"
log "generating the dataset${GAMES:+ (--games $GAMES)} with $GEN"
python3 "$GEN" --out "$DATA" ${GAMES:+--games "$GAMES"} > "$RUN/logs/gen.log"
EXPECTED_GAMES=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["games"]))' "$DATA/dataset.json")
log "dataset: $(du -h "$DATA/dataset.json" | cut -f1), $EXPECTED_GAMES games"

# ---------------------------------------------------------------- 2. database
DB_NAME="questlog_bench_$(date +%Y%m%d%H%M%S)_$$"
psql -q -v ON_ERROR_STOP=1 "$PG_URL" -c "CREATE DATABASE $DB_NAME" >/dev/null
PG_BASE=${PG_URL%/*}
DATABASE_URL="$PG_BASE/$DB_NAME"
log "database: $DATABASE_URL"

# ---------------------------------------------------------------- server
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
READY_MS=""

status_field() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }   # VmRSS/VmHWM in kB, Threads

LOADS="list detail works"

# load_url NAME BASE_URL: sets URL and SLUGS (the slug file for the random-detail load, else empty)
load_url() {
  SLUGS=""
  case $1 in
    list)   URL="$2/api/games?limit=50" ;;
    detail) URL="$2/api/games/$(head -n1 "$DATA/slugs.txt")"; SLUGS="$DATA/slugs.txt" ;;
    works)  URL="$2/api/works?limit=2000" ;;
  esac
}

# warm_up TARGET BASE_URL: checks each load answers 200, then runs it for WARMUP seconds (JIT,
# caches, connection pools); nothing of it is measured
warm_up() {
  local name
  for name in $LOADS; do
    load_url "$name" "$2"
    expect_200 "$URL"
    [ "$WARMUP" -gt 0 ] || continue
    BENCH_SLUGS=$SLUGS BENCH_PREFIX=/api/games/ wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" \
      -s "$HERE/wrk.lua" "$URL" > "$RUN/wrk/warmup-$1-$name.txt" 2>&1
  done
}

# measure TARGET BASE_URL NAME: the measured run of one load
measure() {
  load_url "$3" "$2"
  BENCH_SLUGS=$SLUGS BENCH_PREFIX=/api/games/ wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s "$HERE/wrk.lua" "$URL" > "$RUN/wrk/$1-$3.txt" 2>&1
  log "$1 $3: $(sed -n 's/^Requests\/sec: *//p' "$RUN/wrk/$1-$3.txt") req/s, p99 $(awk '$1 == "99%" {print $2}' "$RUN/wrk/$1-$3.txt")"
}

# ---------------------------------------------------------------- 3. start, token
if [[ "$JVM_OPTS" == *SharedArchiveFile* ]]; then
  # Writes (or refreshes, after a rebuild) the class-data archive; it also applies the migrations,
  # so the start measured next is that of a server on an existing, up-to-date database.
  log "priming start: writes the jar's class-data archive ($CDS_ARCHIVE)"
  start_server prime
  stop_server
fi
log "starting the server (response cache on)"
start_server cached
metric READY_MS_FIRST "$READY_MS"
TOKEN=$(env DATABASE_URL="$DATABASE_URL" "$JAVA" -jar "$JAR" token create bench 2> "$RUN/logs/token.log")
[ -n "$TOKEN" ] || die "token create printed no token (see $RUN/logs/token.log)"

# ---------------------------------------------------------------- 4. import
log "importing dataset.json through POST /api/import"
read -r IMPORT_CODE IMPORT_SECONDS < <(curl -sS --max-time 900 -o "$RUN/import-response.json" \
  -w '%{http_code} %{time_total}\n' -X POST --data-binary @"$DATA/dataset.json" \
  -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" "$BASE/api/import")
log "import answered $IMPORT_CODE in $IMPORT_SECONDS s: $(head -c 400 "$RUN/import-response.json")"
case $IMPORT_CODE in 2??) ;; *) die "import failed with HTTP $IMPORT_CODE" ;; esac
metric IMPORT_SECONDS "$IMPORT_SECONDS"

expect_200 "$BASE/api/games?limit=1"
TOTAL=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["total"])' "$RUN/logs/last-response")
if [ "$TOTAL" = "$EXPECTED_GAMES" ]; then
  metric CHECK_GAMES_AFTER_IMPORT "GET /api/games reports total $TOTAL, as in the dataset"
else
  metric CHECK_GAMES_AFTER_IMPORT "MISMATCH: GET /api/games reports total $TOTAL, the dataset has $EXPECTED_GAMES"
  log "WARNING: $TOTAL games served, $EXPECTED_GAMES in the dataset"
fi

# ---------------------------------------------------------------- 5. app warm-up (fills the cache)
log "warming the server up (${WARMUP} s per load)"
warm_up app "$BASE"

# ---------------------------------------------------------------- 6. static copies, nginx
STATIC="$RUN/static"
mkdir -p "$STATIC/games"
{
  echo "url = \"$BASE/api/games?limit=50\""; echo "output = \"$STATIC/games-list.json\""
  echo "url = \"$BASE/api/works?limit=2000\""; echo "output = \"$STATIC/works.json\""
  while read -r slug; do
    [ -n "$slug" ] || continue
    echo "url = \"$BASE/api/games/$slug\""; echo "output = \"$STATIC/games/$slug\""
  done < "$DATA/slugs.txt"
} > "$RUN/logs/fetch.curl"
curl -sS --fail -K "$RUN/logs/fetch.curl" -w '%{http_code}\n' > "$RUN/logs/fetch-codes.txt" \
  || die "saving the response bodies failed"
chmod -R a+rX "$STATIC"
log "saved $(find "$STATIC" -type f | wc -l) response bodies ($(du -sh "$STATIC" | cut -f1)) for nginx"

NGINX_PORT=$(free_port)
start_nginx "        location = /api/games { alias $STATIC/games-list.json; }
        location /api/games/ { alias $STATIC/games/; }
        location = /api/works { alias $STATIC/works.json; }" /api/works
curl -s "$NGINX/api/works?limit=2000" | cmp -s - "$STATIC/works.json" || die "nginx does not serve the saved bodies"
warm_up static "$NGINX"

# Each load against the app, then at once against nginx, so that both meet the same machine
# (anything else running on it shifts both figures alike).
for name in $LOADS; do
  measure app "$BASE" "$name"
  measure static "$NGINX" "$name"
done
metric RSS_KB_APP "$(status_field "$SERVER_PID" VmRSS)"
metric RSS_HWM_KB_APP "$(status_field "$SERVER_PID" VmHWM)"
metric THREADS_APP "$(status_field "$SERVER_PID" Threads)"
log "server RSS $(( $(status_field "$SERVER_PID" VmRSS) / 1024 )) MB (peak $(( $(status_field "$SERVER_PID" VmHWM) / 1024 )) MB)"
stop_nginx

# ---------------------------------------------------------------- 7. computed path
stop_server
log "restarting the server with QUESTLOG_RESPONSE_CACHE=false (computed path)"
start_server nocache QUESTLOG_RESPONSE_CACHE=false
metric READY_MS_RESTART "$READY_MS"
mismatch=0
checked=0
for path_file in "api/games?limit=50:games-list.json" "api/works?limit=2000:works.json" \
                 $(head -n 50 "$DATA/slugs.txt" | sed 's|.*|api/games/&:games/&|'); do
  checked=$((checked + 1))
  curl -s "$BASE/${path_file%%:*}" | cmp -s - "$STATIC/${path_file#*:}" \
    || { mismatch=$((mismatch + 1)); log "differs without cache: /${path_file%%:*}"; }
done
metric CHECK_IDENTICAL_BODIES "$((checked - mismatch)) of $checked bodies byte-identical between the cached and the computed path"
warm_up nocache "$BASE"
for name in $LOADS; do
  measure nocache "$BASE" "$name"
done
metric RSS_KB_NOCACHE "$(status_field "$SERVER_PID" VmRSS)"
metric THREADS_NOCACHE "$(status_field "$SERVER_PID" Threads)"
stop_server

# ---------------------------------------------------------------- 8. report
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RUN/machine.txt"
echo
python3 "$HERE/report.py" "$RUN"
echo
log "done; raw wrk output, logs and results.md are in $RUN"
