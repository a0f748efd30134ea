#!/usr/bin/env bash
# Questlog search benchmark: how often GET /api/games?q= puts the intended game in its top 5 for
# queries typed the way people type them, and how fast it answers with the read cache off; then
# the two candidate matchers (words with prefixes, pg_trgm word similarity) side by side.
#
#   app/bench/search.sh                  full dataset (20,000 games), 200 queries
#   app/bench/search.sh --games 2000     a quicker run on a smaller dataset
#
# Steps (each is printed as it runs; BENCHMARKS.md has the figures):
#   1. generate the dataset with shared/dataset/gen.py into the run directory
#   2. create a fresh database on the local PostgreSQL
#   3. start app/target/questlog.jar serve with QUESTLOG_RESPONSE_CACHE=false (every answer
#      computed); create a token with `questlog token create`
#   4. POST /api/import of dataset.json, then POST /api/games of the real titles in
#      search-titles.txt (accents, apostrophes, colons, articles: the generated names have none)
#   5. make the queries (search.py queries: deterministic, from the names of both)
#   6. GET /api/games?q=...&limit=5 for each query: once to warm up, then BENCH_ROUNDS times
#      measured, one at a time (search.py http): recall in the top 5, p50/p99 latency
#   7. stop the server; run both candidates inside PostgreSQL on the same queries
#      (search-candidates.sql): recall, p50/p99 of the statement
#   8. write results.md; everything is kept in the run directory
# The server and the database are removed at the end, also on error or Ctrl-C.
#
# Settings (environment):
#   BENCH_OUT          run directory (default: a new /tmp/questlog-bench-search.XXXXXX)
#   BENCH_DATASET_GEN  gen.py (default: ../shared/dataset/gen.py beside the repo, else /work/shared/...)
#   BENCH_PG_URL       PostgreSQL to create the database on (default postgres://postgres@127.0.0.1:5432/postgres)
#   BENCH_QUERIES      how many queries (200); BENCH_SEED their seed (20261206)
#   BENCH_ROUNDS       measured rounds over all queries (3)
#   BENCH_JVM_OPTS     JVM flags of the server; BENCH_JAR the server jar (app/target/questlog.jar)
#   BENCH_KEEP_DB=1    keep the benchmark database afterwards
#   JAVA_HOME          a JDK 21+; when unset or older, the newest JDK 21+ under /usr/lib/jvm is used
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=${BENCH_JAR:-$REPO/app/target/questlog.jar}
JVM_OPTS=${BENCH_JVM_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -Xss512k -XX:+ExitOnOutOfMemoryError}

GAMES=""
while [ $# -gt 0 ]; do
  case "$1" in
    --games) GAMES=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo pipefail/p' "$0" | sed -n 's/^# \{0,1\}//p'; exit 0 ;;
    *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

QUERIES=${BENCH_QUERIES:-200}
SEED=${BENCH_SEED:-20261206}
ROUNDS=${BENCH_ROUNDS:-3}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}

# shellcheck source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=jdk.sh
. "$HERE/jdk.sh"
JAVA="$JAVA_HOME/bin/java"

for tool in curl psql python3; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y curl postgresql-client python3)"
done
GEN=$(find_dataset_gen "${BENCH_DATASET_GEN:-}")
[ -n "$GEN" ] && [ -f "$GEN" ] || die "gen.py not found (set BENCH_DATASET_GEN)"
[ -f "$JAR" ] || die "$JAR is missing: build it with ./mvnw -B -q package -pl app -am -DskipTests"

RUN=${BENCH_OUT:-$(mktemp -d /tmp/questlog-bench-search.XXXXXX)}
mkdir -p "$RUN/logs"
log "run directory: $RUN"

DB_NAME=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server || true
  if [ -n "$DB_NAME" ] && [ "${BENCH_KEEP_DB:-0}" != 1 ]; then
    psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  [ "$rc" -eq 0 ] || log "stopped with status $rc; logs are in $RUN/logs"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
{
  echo "cpu: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo "jdk: $("$JAVA" -version 2>&1 | head -n1) ($JAVA_HOME)"
  echo "postgresql: $(psql -qtA "$PG_URL" -c 'SHOW server_version' 2>/dev/null || echo unknown)"
  echo "jar: $JAR (checkout at commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown))"
  echo "jvm flags: $JVM_OPTS"
  echo "queries: $QUERIES (seed $SEED), $ROUNDS measured rounds after one warm-up round, one request at a time, loopback"
  echo "load average at start: $(loadavg)"
} > "$RUN/machine.txt"
sed 's/^/  /' "$RUN/machine.txt" >&2

# ---------------------------------------------------------------- 1. dataset
DATA="$RUN/dataset"
log "generating the dataset${GAMES:+ (--games $GAMES)} with $GEN"
python3 "$GEN" --out "$DATA" ${GAMES:+--games "$GAMES"} > "$RUN/logs/gen.log"

# ---------------------------------------------------------------- 2. database
DB_NAME="questlog_bench_search_$(date +%Y%m%d%H%M%S)_$$"
psql -q -v ON_ERROR_STOP=1 "$PG_URL" -c "CREATE DATABASE $DB_NAME" >/dev/null
DATABASE_URL="${PG_URL%/*}/$DB_NAME"
log "database: $DATABASE_URL"

# ---------------------------------------------------------------- 3. server, token
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
start_server nocache QUESTLOG_RESPONSE_CACHE=false
TOKEN=$(env DATABASE_URL="$DATABASE_URL" "$JAVA" -jar "$JAR" token create bench 2> "$RUN/logs/token.log")
[ -n "$TOKEN" ] || die "token create printed no token (see $RUN/logs/token.log)"

# ---------------------------------------------------------------- 4. import, titles
log "importing dataset.json through POST /api/import"
read -r IMPORT_CODE IMPORT_SECONDS < <(curl -sS --max-time 900 -o "$RUN/import-response.json" \
  -w '%{http_code} %{time_total}\n' -X POST --data-binary @"$DATA/dataset.json" \
  -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" "$BASE/api/import")
case $IMPORT_CODE in 2??) ;; *) head -c 600 "$RUN/import-response.json" >&2; die "import failed with HTTP $IMPORT_CODE" ;; esac
TITLES=$(QUESTLOG_TOKEN=$TOKEN python3 "$HERE/search.py" titles "$BASE" "$HERE/search-titles.txt")
expect_200 "$BASE/api/games?limit=1"
TOTAL=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["total"])' "$RUN/logs/last-response")
log "imported in $IMPORT_SECONDS s, added $TITLES titles: $TOTAL games"

# ---------------------------------------------------------------- 5. queries
python3 "$HERE/search.py" queries "$DATA/dataset.json" "$HERE/search-titles.txt" "$RUN/queries.tsv" \
  --count "$QUERIES" --seed "$SEED"
log "queries: $RUN/queries.tsv ($(wc -l < "$RUN/queries.tsv")), e.g. $(head -n3 "$RUN/queries.tsv" | cut -f1 | paste -sd'|' | sed 's/|/, /g')"

# ---------------------------------------------------------------- 6. HTTP, cache off
LOAD_BEFORE=$(loadavg)
log "measuring GET /api/games?q=...&limit=5 (load average $LOAD_BEFORE)"
python3 "$HERE/search.py" http "$BASE" "$RUN/queries.tsv" "$RUN" --rounds "$ROUNDS" > "$RUN/logs/http.log"
LOAD_AFTER=$(loadavg)
log "http: $(cat "$RUN/logs/http.log")"
stop_server

# ---------------------------------------------------------------- 7. candidates in PostgreSQL
log "measuring both candidates inside PostgreSQL"
psql -q -X -v rounds="$ROUNDS" -f "$HERE/search-candidates.sql" "$DATABASE_URL" < "$RUN/queries.tsv" \
  > "$RUN/candidates.txt" 2> "$RUN/logs/candidates.log" || { cat "$RUN/logs/candidates.log" >&2; die "search-candidates.sql failed"; }
LOAD_END=$(loadavg)

# ---------------------------------------------------------------- 8. results
{
  echo "# Search benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  sed 's/^/    /' "$RUN/machine.txt"
  echo "    games: $TOTAL ($IMPORT_SECONDS s import + $TITLES real titles)"
  echo "    load average: $LOAD_BEFORE before the HTTP run, $LOAD_AFTER after it, $LOAD_END after the candidates"
  echo
  echo "## GET /api/games?q=...&limit=5, read cache off"
  echo
  sed 's/^/    /' "$RUN/http.json"
  echo
  echo "## Candidates inside PostgreSQL"
  echo
  sed 's/^/    /' "$RUN/candidates.txt"
} > "$RUN/results.md"
cat "$RUN/results.md"
log "done: $RUN/results.md (misses: $RUN/misses.tsv)"
