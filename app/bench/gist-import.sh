#!/usr/bin/env bash
# Gist import: a generated 1,000-item gist (app/bench/gist-gen.py: series, nested expansions,
# replays, an abandoned section, a numbered top 100) imported into a running server with
# `questlog import gist FILE --api URL --token T`, timed from the command's start to its exit
# (JVM start included), then once more (it must create nothing), and the dry run. Target: the
# import under 20 s. Reference, in the same run against a second fresh database: the same games
# and playthroughs written the way a per-item client does it, one POST /api/games and one
# POST /api/games/{slug}/playthroughs per item over one keep-alive connection.
#
#   ./mvnw -B -q package -pl app -am -DskipTests && app/bench/gist-import.sh
#
# Needs a local PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres),
# psql, curl, python3 and a JDK 21+. Uses the databases questlog_bench_gist and
# questlog_bench_gist_ref and port 7601. GIST_ITEMS changes the size (default 1000).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
source "$REPO/app/bench/jdk.sh"
source "$REPO/app/bench/lib.sh"

ITEMS=${GIST_ITEMS:-1000}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PORT=7601
BASE="http://127.0.0.1:$PORT"
TOKEN=bench-gist-import-token-0123456789
JAR="$REPO/app/target/questlog.jar"
JAVA="$JAVA_HOME/bin/java"
JVM_OPTS=""
RUN=$(mktemp -d /tmp/questlog-gist.XXXXXX)
mkdir -p "$RUN/logs"
[ -f "$JAR" ] || die "build the jar first: ./mvnw -B -q package -pl app -am -DskipTests"

admin() { psql "$PG_URL" -v ON_ERROR_STOP=1 -qAt -c "$1"; }
db_url() { echo "${PG_URL%/*}/$1"; }
fresh_db() { admin "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null; admin "CREATE DATABASE $1" >/dev/null; }
cleanup() {
  stop_server
  for db in questlog_bench_gist questlog_bench_gist_ref; do
    admin "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

python3 "$REPO/app/bench/gist-gen.py" --items "$ITEMS" > "$RUN/gist.md"
log "gist: $ITEMS items, $(wc -c < "$RUN/gist.md") bytes, $(grep -c '^## ' "$RUN/gist.md") sections ($RUN/gist.md)"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The command under test, timed from its start to its exit.
import_gist() {
  local label=$1; shift
  local started=$(now_ms)
  "$JAVA" -jar "$JAR" import gist "$RUN/gist.md" --api "$BASE" --token "$TOKEN" "$@" > "$RUN/logs/$label.out" 2> "$RUN/logs/$label.err" \
    || { cat "$RUN/logs/$label.err" >&2; die "import gist ($label) failed"; }
  echo $(( $(now_ms) - started ))
}

fresh_db questlog_bench_gist
DATABASE_URL=$(db_url questlog_bench_gist)
start_server gist QUESTLOG_API_KEY="$TOKEN"
DRY_MS=$(import_gist dry-run --dry-run)
FIRST_MS=$(import_gist first)
SECOND_MS=$(import_gist second)
tail -n 1 "$RUN/logs/first.out" >&2
tail -n 1 "$RUN/logs/second.out" >&2
COUNTS=$(psql "$DATABASE_URL" -qAt -c "SELECT (SELECT count(*) FROM game) || ' games, ' || (SELECT count(*) FROM playthrough) || ' playthroughs, ' || (SELECT count(*) FROM list_entry) || ' list entries'")
stop_server
LOAD_MID=$(cut -d' ' -f1-3 /proc/loadavg)

# The reference: the same games and playthroughs, one request each.
fresh_db questlog_bench_gist_ref
DATABASE_URL=$(db_url questlog_bench_gist_ref)
start_server reference QUESTLOG_API_KEY="$TOKEN"
REF_MS=$(python3 - "$RUN/gist.md" "$PORT" "$TOKEN" <<'PY'
import http.client, json, re, sys, time
path, port, token = sys.argv[1], int(sys.argv[2]), sys.argv[3]
names = []
for line in open(path, encoding="utf-8"):
    m = re.match(r"^\s*-\s+(.*?)(?:\s+\(|\s+—\s+|$)", line.rstrip("\n"))
    if m:
        names.append(m.group(1))
conn = http.client.HTTPConnection("127.0.0.1", port)
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
slugs = {}
started = time.monotonic()
for name in names:
    if name not in slugs:
        conn.request("POST", "/api/games", json.dumps({"name": name}), headers)
        r = conn.getresponse(); body = json.loads(r.read())
        assert r.status == 201, (r.status, body)
        slugs[name] = body["slug"]
    conn.request("POST", f"/api/games/{slugs[name]}/playthroughs", json.dumps({"status": "planned", "notes": name}), headers)
    r = conn.getresponse(); r.read()
    assert r.status == 201, r.status
print(int((time.monotonic() - started) * 1000))
PY
)
stop_server
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$ITEMS" "$FIRST_MS" "$SECOND_MS" "$DRY_MS" "$REF_MS" "$COUNTS" "$LOAD_MID" "$LOAD_END" <<'PY'
import sys
items, first, second, dry, ref = (int(x) for x in sys.argv[1:6])
counts, load_mid, load_end = sys.argv[6:9]
print(f"| gist items | import (CLI, JVM start included) | second run | dry run | one request per item (reference) | reference / import |")
print(f"|---|---|---|---|---|---|")
print(f"| {items} | {first/1000:.2f} s ({'met' if first < 20000 else 'NOT met'}: < 20 s) | {second/1000:.2f} s | {dry/1000:.2f} s | {ref/1000:.2f} s | {ref/first:.1f}x |")
print(f"written: {counts}; load average {load_mid} (after the import runs), {load_end} (after the reference)")
PY
log "logs in $RUN/logs"
