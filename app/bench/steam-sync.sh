#!/usr/bin/env bash
# Steam library sync benchmark (issue 11): a 5,000-game Steam library synced by the real
# steam_library_sync job against a local Steam (FakeSteam) and a local IGDB (FakeIgdb, enforcing
# 4 requests/s and 8 in flight), both from modules/test-support, counting what reaches them.
#
#   app/bench/steam-sync.sh
#
# Needs a JDK 21+ and PostgreSQL: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres;
# unset it to use an embedded PostgreSQL). Prints the machine and its load, the requests per
# upstream against the budget, the sync's time against the requests' own spacing, a re-run, and
# a database reference measured in the same run.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
RUN=$(mktemp -d /tmp/questlog-steam-sync-bench.XXXXXX)

# shellcheck source=jdk.sh
. "$HERE/jdk.sh"
export TEST_DATABASE_URL=${TEST_DATABASE_URL-postgres://postgres@127.0.0.1:5432/postgres}

echo "[steam-sync-bench] building (log: $RUN/build.log)" >&2
(cd "$REPO" && ./mvnw -B -q -pl app -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$RUN/classpath.txt" -Dmdep.includeScope=test) > "$RUN/build.log" 2>&1 \
  || { tail -n 40 "$RUN/build.log" >&2; exit 1; }
CP="$REPO/app/target/test-classes:$REPO/app/target/classes:$(cat "$RUN/classpath.txt")"
echo "[steam-sync-bench] machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)" >&2
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" -Dlogback.configurationFile="$REPO/app/src/test/resources/logback-test.xml" \
    questlog.app.SteamSyncBench
echo "[steam-sync-bench] load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
