#!/usr/bin/env bash
# Dataset import from the command line, as a user runs it: `app/target/questlog import json FILE`
# (the launcher, no JVM flags of ours) into a fresh database, RUNS times (3). Each run reports the
# wall time including the JVM's start, the CPU time of the command (user + system, its JVM and
# children; the CPU of the PostgreSQL backends that served it is shown apart, sampled every 0.1 s,
# so a last tenth of a second may be missing), the peak resident memory (`/usr/bin/time -v`), and
# the load average around it. The report's section counts are checked against the document, so a
# run that imported less does not count.
#
#   ./mvnw -B -q package -DskipTests && app/bench/import.sh
#
# Settings: RUNS (3), BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres), DATASET
# (/tmp/questlog-bench/dataset/dataset.json, made by shared/dataset/gen.py when missing),
# LAUNCHER (app/target/questlog of this checkout; another build's launcher to compare).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
RUNS=${RUNS:-3}
PG_URL=${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
LAUNCHER=${LAUNCHER:-$REPO/app/target/questlog}
DATASET=${DATASET:-/tmp/questlog-bench/dataset/dataset.json}
DB=questlog_import_bench
RUN=$(mktemp -d /tmp/questlog-import.XXXXXX)
[ -x "$LAUNCHER" ] || die "build first: ./mvnw -B -q package -DskipTests"
[ -x /usr/bin/time ] || die "needs /usr/bin/time (Debian package time)"
WATCHER=""
cleanup() { [ -z "$WATCHER" ] || kill "$WATCHER" 2>/dev/null || true; psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true; }
trap cleanup EXIT

if [ ! -f "$DATASET" ]; then
  GEN=$(find_dataset_gen "${BENCH_DATASET_GEN:-}")
  [ -n "$GEN" ] || die "no $DATASET and no dataset generator (set DATASET or BENCH_DATASET_GEN)"
  log "generating the dataset with $GEN"
  mkdir -p "$(dirname "$DATASET")"
  (cd "$(dirname "$DATASET")" && /usr/bin/python3 "$GEN") >&2
fi
EXPECTED=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(f"{k}={len(v)}" for k, v in d.items() if isinstance(v, list)))' "$DATASET")

TICKS=$(getconf CLK_TCK)
# watch_backends FILE: until killed, appends "pid cpu_ticks" of every PostgreSQL backend serving
# $DB every 0.1 s (a backend's title names its database); the last line per pid is its CPU.
watch_backends() {
  while :; do
    for p in $(pgrep -f "postgres: .* $DB " || true); do
      awk -v p="$p" '{print p, $14 + $15}' "/proc/$p/stat" 2>/dev/null >> "$1" || true
    done
    sleep 0.1
  done
}
backend_cpu_ms() {  # backend_cpu_ms FILE: the CPU of the import's backends, summed
  awk -v t="$TICKS" '{cpu[$1] = $2} END {s = 0; for (p in cpu) s += cpu[p]; printf "%d", s * 1000 / t}' "$1"
}

log "load average $(cut -d' ' -f1-3 /proc/loadavg); JDK $("$LAUNCHER" --find-jdk); $(du -h "$DATASET" | cut -f1) $DATASET"
walls=(); cpus=(); rsss=(); pgs=()
for i in $(seq 1 "$RUNS"); do
  psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
  # The database's migrations are part of the import, as for a user's first command.
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  watch_backends "$RUN/backends-$i.txt" &
  WATCHER=$!
  /usr/bin/time -v -o "$RUN/time-$i.txt" env DATABASE_URL="${PG_URL%/*}/$DB" \
    "$LAUNCHER" import json "$DATASET" > "$RUN/report-$i.json" 2> "$RUN/stderr-$i.txt" \
    || { tail -n 20 "$RUN/stderr-$i.txt" >&2; die "the import failed (run $i)"; }
  python3 - "$RUN/report-$i.json" "$EXPECTED" <<'EOF' || die "run $i imported less than the document has"
import json, sys
report = json.load(open(sys.argv[1]))
expected = dict(pair.split("=") for pair in sys.argv[2].split())
assert report["ok"], report
for name, count in expected.items():
    got = report["sections"].get(name, {}).get("created", 0)
    assert got == int(count), f"{name}: {got} created, the document has {count}"
EOF
  wall_ms=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + t[j]; printf "%d", s * 1000}' "$RUN/time-$i.txt")
  cpu_ms=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%d", (u + s) * 1000}' "$RUN/time-$i.txt")
  kill "$WATCHER" 2>/dev/null; wait "$WATCHER" 2>/dev/null || true
  pg_ms=$(backend_cpu_ms "$RUN/backends-$i.txt")
  rss_mb=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2 / 1024}' "$RUN/time-$i.txt")
  walls+=("$wall_ms"); cpus+=("$cpu_ms"); rsss+=("$rss_mb"); pgs+=("$pg_ms")
  printf 'run %d: wall %6d ms, CPU %6d ms (PostgreSQL %5d ms), peak RSS %4d MB, load %s -> %s\n' "$i" "$wall_ms" \
    "$cpu_ms" "$pg_ms" "$rss_mb" \
    "$load_before" "$(cut -d' ' -f1 /proc/loadavg)"
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
printf 'import json (%s): median wall %d ms (target <= 10000), median CPU %d ms (PostgreSQL %d ms), max peak RSS %d MB (target <= 300)\n' \
  "$EXPECTED" "$(median "${walls[@]}")" "$(median "${cpus[@]}")" "$(median "${pgs[@]}")" "$(printf '%s\n' "${rsss[@]}" | sort -n | tail -n 1)"
log "load average $(cut -d' ' -f1-3 /proc/loadavg); reports in $RUN"
