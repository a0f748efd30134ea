# Sourced by the benchmark scripts: exports JAVA_HOME as a JDK 21 or newer, keeping the one given
# when it qualifies, else the newest under /usr/lib/jvm; exits when there is none.

java_major() {
  local v
  v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  echo "${v:-0}"
}

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
  best=0; JAVA_HOME=""
  for dir in /usr/lib/jvm/*; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(java_major "$dir")
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best" ]; then JAVA_HOME=$dir; best=$major; fi
  done
  [ -n "$JAVA_HOME" ] || { echo "no JDK 21+ found (set JAVA_HOME)" >&2; exit 1; }
fi
export JAVA_HOME
