#!/usr/bin/env bash
# Enrichment benchmark (issue: IGDB-backed metadata): 10,000 games with Steam appids enriched by
# the real igdb_enrich job against a local IGDB (FakeIgdb from modules/test-support) that enforces
# 4 requests/s and 8 in flight and counts what reaches it.
#
#   app/bench/enrich.sh                  10,000 games
#   BENCH_GAMES=2000 app/bench/enrich.sh a quicker run
#   BENCH_WARMUP=0 app/bench/enrich.sh   no warm-up run first: a cold JVM
#
# Needs a JDK 21+ and PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres;
# unset it to use an embedded PostgreSQL). Prints requests, elapsed time and both targets.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
RUN=$(mktemp -d /tmp/questlog-enrich-bench.XXXXXX)

# shellcheck source=jdk.sh
. "$HERE/jdk.sh"
export TEST_DATABASE_URL=${TEST_DATABASE_URL-postgres://postgres@127.0.0.1:5432/postgres}

echo "[enrich-bench] building (log: $RUN/build.log)" >&2
(cd "$REPO" && ./mvnw -B -q -pl app -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$RUN/classpath.txt" -Dmdep.includeScope=test) > "$RUN/build.log" 2>&1 \
  || { tail -n 40 "$RUN/build.log" >&2; exit 1; }
CP="$REPO/app/target/test-classes:$REPO/app/target/classes:$(cat "$RUN/classpath.txt")"
echo "[enrich-bench] machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)" >&2
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" -Dlogback.configurationFile="$REPO/app/src/test/resources/logback-test.xml" \
    questlog.app.EnrichBench
