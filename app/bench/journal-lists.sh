#!/usr/bin/env bash
# Questlog benchmark for the journal and lists (issue 4), with the method of run.sh: the server jar
# against the very same response bodies served as static files by nginx, wrk on loopback.
#
#   app/bench/journal-lists.sh                 full dataset (20,000 games, 60,000 playthroughs, ...)
#   app/bench/journal-lists.sh --games 500     a quick run on a small dataset
#
# Steps (each is printed as it runs; BENCHMARKS.md has the figures):
#   1. generate the dataset with shared/dataset/gen.py into the run directory
#   2. (re)create the database questlog_bench_issue4 on the local PostgreSQL
#   3. start app/target/questlog.jar serve on port 7301; create a token with `questlog token create`
#   4. time POST /api/import of dataset.json (all seven sections)
#   5. time GET /api/export while sampling the server's RSS every 50 ms; time `questlog export FILE`
#      in a JVM capped at a 64 MB heap (the document is larger: it must stream); re-import the
#      export into the emptied database, export again and compare the bytes
#   6. warm up, then measure GET /api/stats and GET /api/lists/{random list slug} against the app and,
#      at once, against nginx (port 7302) serving the same bodies
#   7. restart with QUESTLOG_RESPONSE_CACHE=false (computed path), check byte-identical bodies,
#      measure the same loads
#   8. write results.md; everything is kept in the run directory
# The server, nginx and the database are removed at the end, also on error or Ctrl-C.
#
# Settings (environment): BENCH_OUT (run directory), BENCH_DATASET_GEN (gen.py), BENCH_PG_URL
# (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_DURATION (10), BENCH_WARMUP (5),
# BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_JVM_OPTS, BENCH_KEEP_DB=1, JAVA_HOME.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=${BENCH_JAR:-$REPO/app/target/questlog.jar}
JVM_OPTS_DEFAULT="-Xms64m -Xmx256m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -Xss512k -XX:+ExitOnOutOfMemoryError"
JVM_OPTS=${BENCH_JVM_OPTS:-$JVM_OPTS_DEFAULT}
PORT=7301
NGINX_PORT=7302
DB_NAME=questlog_bench_issue4

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

# shellcheck source=jdk.sh
. "$HERE/jdk.sh"
JAVA="$JAVA_HOME/bin/java"
for tool in wrk nginx curl psql python3; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done
GEN=$(find_dataset_gen "${BENCH_DATASET_GEN:-}")
[ -n "$GEN" ] && [ -f "$GEN" ] || die "gen.py not found (set BENCH_DATASET_GEN)"
[ -f "$JAR" ] || die "$JAR is missing: build it with ./mvnw -B -q package -pl app -am -DskipTests"

RUN=${BENCH_OUT:-$(mktemp -d /tmp/questlog-bench-issue4.XXXXXX)}
mkdir -p "$RUN/wrk" "$RUN/logs" "$RUN/static/lists"
chmod 755 "$RUN"
: > "$RUN/metrics.env"
metric() { echo "$1=$2" >> "$RUN/metrics.env"; }
log "run directory: $RUN"

SAMPLER_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -z "$SAMPLER_PID" ] || kill "$SAMPLER_PID" 2>/dev/null || true
  stop_server || true
  stop_nginx || true
  if [ "${BENCH_KEEP_DB:-0}" != 1 ]; then
    psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  [ "$rc" -eq 0 ] || log "stopped with status $rc; logs are in $RUN/logs"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

{
  echo "cpu: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "jdk: $("$JAVA" -version 2>&1 | head -n1)"
  echo "postgresql: $(psql -qtA "$PG_URL" -c 'SHOW server_version' 2>/dev/null || echo unknown)"
  echo "jar: $JAR (checkout at commit $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown))"
  echo "jvm flags: $JVM_OPTS"
  echo "load: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency per load, after ${WARMUP} s of warm-up per load; loopback"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RUN/machine.txt"
sed 's/^/  /' "$RUN/machine.txt" >&2

# ---------------------------------------------------------------- 1. dataset
DATA="$RUN/dataset"
log "generating the dataset${GAMES:+ (--games $GAMES)}"
python3 "$GEN" --out "$DATA" ${GAMES:+--games "$GAMES"} > "$RUN/logs/gen.log"
log "dataset: $(du -h "$DATA/dataset.json" | cut -f1), $(wc -l < "$DATA/list-slugs.txt") lists"

# ---------------------------------------------------------------- 2. database
fresh_db() {
  psql -q -v ON_ERROR_STOP=1 "$PG_URL" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" -c "CREATE DATABASE $DB_NAME" >/dev/null
}
fresh_db
DATABASE_URL="${PG_URL%/*}/$DB_NAME"
BASE="http://127.0.0.1:$PORT"

rss_kb() { awk '$1 == "VmRSS:" {print $2}' "/proc/$1/status"; }

# ---------------------------------------------------------------- 3-4. start, token, import
start_server cached
TOKEN=$(env DATABASE_URL="$DATABASE_URL" "$JAVA" -jar "$JAR" token create bench 2> "$RUN/logs/token.log")
[ -n "$TOKEN" ] || die "token create printed no token"
AUTH="Authorization: Bearer $TOKEN"

import_file() {   # import_file FILE LABEL -> prints seconds
  local code seconds
  read -r code seconds < <(curl -sS --max-time 900 -o "$RUN/import-$2.json" -w '%{http_code} %{time_total}\n' \
    -X POST --data-binary @"$1" -H 'Content-Type: application/json' -H "$AUTH" "$BASE/api/import")
  [ "$code" = 200 ] || { head -c 800 "$RUN/import-$2.json" >&2; die "import ($2) answered $code"; }
  echo "$seconds"
}
log "importing dataset.json (all sections) through POST /api/import"
IMPORT_SECONDS=$(import_file "$DATA/dataset.json" dataset)
metric IMPORT_SECONDS "$IMPORT_SECONDS"
log "import took $IMPORT_SECONDS s: $(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print({k: v["created"] for k, v in r["sections"].items()})' "$RUN/import-dataset.json")"

# ---------------------------------------------------------------- 5. export: time, memory, round trip
sample_rss() {   # sample_rss PID FILE: VmRSS in kB every 50 ms until killed
  while kill -0 "$1" 2>/dev/null; do rss_kb "$1" >> "$2" 2>/dev/null || true; sleep 0.05; done
}
RSS_BEFORE=$(rss_kb "$SERVER_PID")
: > "$RUN/logs/export-rss.txt"
sample_rss "$SERVER_PID" "$RUN/logs/export-rss.txt" & SAMPLER_PID=$!
read -r EXPORT_CODE EXPORT_SECONDS EXPORT_BYTES < <(curl -sS --max-time 300 -o "$RUN/export-1.json" \
  -w '%{http_code} %{time_total} %{size_download}\n' -H "$AUTH" "$BASE/api/export")
kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
[ "$EXPORT_CODE" = 200 ] || die "export answered $EXPORT_CODE"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$RUN/export-1.json" || die "the export is not valid JSON"
metric EXPORT_SECONDS "$EXPORT_SECONDS"
metric EXPORT_BYTES "$EXPORT_BYTES"
metric EXPORT_RSS_BEFORE_KB "$RSS_BEFORE"
metric EXPORT_RSS_MIN_KB "$(sort -n "$RUN/logs/export-rss.txt" | head -n1)"
metric EXPORT_RSS_MAX_KB "$(sort -n "$RUN/logs/export-rss.txt" | tail -n1)"
metric EXPORT_RSS_SAMPLES "$(wc -l < "$RUN/logs/export-rss.txt")"
log "GET /api/export: $EXPORT_SECONDS s, $EXPORT_BYTES bytes; server RSS $((RSS_BEFORE / 1024)) MB before, $(( $(sort -n "$RUN/logs/export-rss.txt" | tail -n1) / 1024 )) MB at most during"

CLI_STARTED=$(now_ms)
env DATABASE_URL="$DATABASE_URL" "$JAVA" -Xmx64m -XX:+UseSerialGC -jar "$JAR" export "$RUN/export-cli.json" \
  > "$RUN/logs/export-cli.log" 2>&1 || { tail -n 20 "$RUN/logs/export-cli.log" >&2; die "questlog export failed with a 64 MB heap"; }
metric EXPORT_CLI_MS_64M_HEAP "$(( $(now_ms) - CLI_STARTED ))"
cmp -s "$RUN/export-1.json" "$RUN/export-cli.json" && metric CHECK_CLI_EXPORT "questlog export FILE (64 MB heap) wrote the same bytes as GET /api/export" \
  || metric CHECK_CLI_EXPORT "MISMATCH between questlog export FILE and GET /api/export"

# ---------------------------------------------------------------- 6. loads, cached path, against nginx
pick_list() { head -n1 "$DATA/list-slugs.txt"; }
LOADS="stats list"
load_url() {   # load_url NAME BASE -> URL, SLUGS
  SLUGS=""
  case $1 in
    stats) URL="$2/api/stats" ;;
    list)  URL="$2/api/lists/$(pick_list)"; SLUGS="$DATA/list-slugs.txt" ;;
  esac
}
warm_up() {
  local name
  for name in $LOADS; do
    load_url "$name" "$2"
    expect_200 "$URL"
    [ "$WARMUP" -gt 0 ] || continue
    BENCH_SLUGS=$SLUGS BENCH_PREFIX=/api/lists/ wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" \
      -s "$HERE/wrk.lua" "$URL" > "$RUN/wrk/warmup-$1-$name.txt" 2>&1
  done
}
measure() {
  load_url "$3" "$2"
  BENCH_SLUGS=$SLUGS BENCH_PREFIX=/api/lists/ wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s "$HERE/wrk.lua" "$URL" > "$RUN/wrk/$1-$3.txt" 2>&1
  log "$1 $3: $(sed -n 's/^Requests\/sec: *//p' "$RUN/wrk/$1-$3.txt") req/s, p99 $(awk '$1 == "99%" {print $2}' "$RUN/wrk/$1-$3.txt")"
}

warm_up app "$BASE"
STATIC="$RUN/static"
curl -sS --fail -o "$STATIC/stats.json" "$BASE/api/stats"
while read -r slug; do
  [ -n "$slug" ] && curl -sS --fail -o "$STATIC/lists/$slug" "$BASE/api/lists/$slug"
done < "$DATA/list-slugs.txt"
chmod -R a+rX "$STATIC"
log "saved $(find "$STATIC" -type f | wc -l) response bodies for nginx"

start_nginx "        location = /api/stats { alias $STATIC/stats.json; }
        location /api/lists/ { alias $STATIC/lists/; }" /api/stats
curl -s "$NGINX/api/stats" | cmp -s - "$STATIC/stats.json" || die "nginx does not serve the saved bodies"
warm_up static "$NGINX"
for name in $LOADS; do
  measure app "$BASE" "$name"
  measure static "$NGINX" "$name"
done
metric RSS_KB_APP "$(rss_kb "$SERVER_PID")"
stop_nginx

# ---------------------------------------------------------------- 7. computed path
stop_server
start_server nocache QUESTLOG_RESPONSE_CACHE=false
mismatch=0; checked=0
for path_file in "api/stats:stats.json" $(sed 's|.*|api/lists/&:lists/&|' "$DATA/list-slugs.txt"); do
  checked=$((checked + 1))
  curl -s "$BASE/${path_file%%:*}" | cmp -s - "$STATIC/${path_file#*:}" || { mismatch=$((mismatch + 1)); log "differs: /${path_file%%:*}"; }
done
metric CHECK_IDENTICAL_BODIES "$((checked - mismatch)) of $checked bodies byte-identical between the cached and the computed path"
warm_up nocache "$BASE"
for name in $LOADS; do
  measure nocache "$BASE" "$name"
done

# ---------------------------------------------------------------- round trip at full size
stop_server
fresh_db
start_server roundtrip
TOKEN=$(env DATABASE_URL="$DATABASE_URL" "$JAVA" -jar "$JAR" token create bench 2>> "$RUN/logs/token.log")
AUTH="Authorization: Bearer $TOKEN"
REIMPORT_SECONDS=$(import_file "$RUN/export-1.json" export)
metric REIMPORT_OF_EXPORT_SECONDS "$REIMPORT_SECONDS"
curl -sS --fail -o "$RUN/export-2.json" -H "$AUTH" "$BASE/api/export"
cmp -s "$RUN/export-1.json" "$RUN/export-2.json" \
  && metric CHECK_ROUND_TRIP "export -> import into an empty database -> export: byte-identical ($EXPORT_BYTES bytes)" \
  || metric CHECK_ROUND_TRIP "MISMATCH: the second export differs from the first"
stop_server

# ---------------------------------------------------------------- 8. report
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RUN/machine.txt"
python3 - "$RUN" <<'PY'
import json, sys
from pathlib import Path
run = Path(sys.argv[1])
def wrk(name):
    for line in (run / "wrk" / f"{name}.txt").read_text().splitlines():
        if line.startswith("BENCH_JSON "):
            d = json.loads(line[len("BENCH_JSON "):])
            d["rps"] = d["requests"] / (d["duration_us"] / 1e6)
            return d
metrics = dict(l.split("=", 1) for l in (run / "metrics.env").read_text().splitlines() if "=" in l)
rows = ["| load | app req/s | static req/s | app / static | app p99 | computed req/s | computed p99 | errors |",
        "|---|---|---|---|---|---|---|---|"]
for key, label in [("stats", "GET /api/stats"), ("list", "GET /api/lists/{random slug}")]:
    a, s, n = wrk(f"app-{key}"), wrk(f"static-{key}"), wrk(f"nocache-{key}")
    errors = sum(d[k] for d in (a, s, n) for k in d if k.startswith("errors_"))
    rows.append(f"| {label} | {a['rps']:.0f} | {s['rps']:.0f} | {a['rps'] / s['rps']:.0%} | {a['p99_us'] / 1000:.1f} ms "
                f"| {n['rps']:.0f} | {n['p99_us'] / 1000:.1f} ms | {errors} |")
mb = lambda kb: f"{int(kb) / 1024:.0f} MB"
out = ["# Journal and lists benchmark", "", "```", (run / "machine.txt").read_text().strip(), "```", "", *rows, "",
       f"- import of the whole dataset (all seven sections) through POST /api/import: {float(metrics['IMPORT_SECONDS']):.1f} s",
       f"- GET /api/export: {float(metrics['EXPORT_SECONDS']):.1f} s for {int(metrics['EXPORT_BYTES']) / 1e6:.1f} MB; server RSS "
       f"{mb(metrics['EXPORT_RSS_BEFORE_KB'])} before, {mb(metrics['EXPORT_RSS_MIN_KB'])} to {mb(metrics['EXPORT_RSS_MAX_KB'])} "
       f"during ({metrics['EXPORT_RSS_SAMPLES']} samples)",
       f"- `questlog export FILE` in a JVM with a 64 MB heap: {int(metrics['EXPORT_CLI_MS_64M_HEAP']) / 1000:.1f} s (JVM start included); "
       + metrics["CHECK_CLI_EXPORT"],
       f"- re-import of the export into an empty database: {float(metrics['REIMPORT_OF_EXPORT_SECONDS']):.1f} s; " + metrics["CHECK_ROUND_TRIP"],
       "- " + metrics["CHECK_IDENTICAL_BODIES"],
       f"- server RSS after the cached loads: {mb(metrics['RSS_KB_APP'])}"]
(run / "results.md").write_text("\n".join(out) + "\n")
print("\n".join(out))
PY
log "done; everything is in $RUN"
