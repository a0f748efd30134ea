# Sourced by the scripts of app/bench: the plumbing they share (logging, finding the peer's bench,
# loading the dataset, starting and stopping the server, serving saved response bodies with
# nginx). The caller sets RUN (its run directory), before start_server JAVA, JVM_OPTS, JAR,
# DATABASE_URL, PORT and BASE, before start_launcher DATABASE_URL, and before start_nginx
# NGINX_PORT; SERVER_PID and NGINX_PID hold what is running.

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
now_ms() { date +%s%3N; }

SERVER_PID=""
NGINX_PID=""

# find_dataset_gen [GIVEN]: the dataset generator: GIVEN when set, else shared/dataset/gen.py
# beside the repository; prints nothing when there is none.
find_dataset_gen() {
  if [ -n "${1:-}" ]; then echo "$1"; return; fi
  local candidate
  for candidate in "$REPO/../shared/dataset/gen.py" /work/shared/dataset/gen.py; do
    if [ -f "$candidate" ]; then echo "$candidate"; return; fi
  done
}

# find_shared: the shared folder of the Django peer's bench (bench/, dataset/): BENCH_SHARED when
# set, else shared/ beside the repository or /work/shared; prints nothing when there is none.
find_shared() {
  if [ -n "${BENCH_SHARED:-}" ]; then echo "$BENCH_SHARED"; return; fi
  local candidate
  for candidate in "$REPO/../shared" /work/shared; do
    if [ -d "$candidate/bench" ]; then echo "$candidate"; return; fi
  done
}

# A free TCP port on the loopback interface.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server LABEL [VAR=value...]: launches `$JAR serve` with the extra environment given,
# logging to $RUN/logs/server-LABEL.log; waits for $BASE/health/ready (up to 120 s). Sets
# SERVER_PID and READY_MS (launch to first ready answer).
start_server() {
  local label=$1; shift
  local started
  started=$(now_ms)
  env DATABASE_URL="$DATABASE_URL" PORT="$PORT" QUESTLOG_HOST=127.0.0.1 "$@" \
    "$JAVA" $JVM_OPTS -jar "$JAR" serve > "$RUN/logs/server-$label.log" 2>&1 &
  SERVER_PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready" 2>/dev/null)" = 200 ]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$RUN/logs/server-$label.log" >&2; die "server exited during start"; }
    [ $(( $(now_ms) - started )) -lt 120000 ] || die "server not ready after 120 s"
    sleep 0.02
  done
  READY_MS=$(( $(now_ms) - started ))
  log "server ($label, pid $SERVER_PID) ready in $READY_MS ms on $BASE"
}

# start_launcher LABEL LAUNCHER [VAR=value...]: `LAUNCHER serve` as a user runs it (the launcher,
# no JVM options of ours) against $DATABASE_URL on a free port, with the extra environment given,
# logging to $RUN/logs/server-LABEL.log; waits for its /health/ready. Sets PORT, BASE, SERVER_PID
# and READY_MS (launch to first ready answer).
start_launcher() {
  local label=$1 launcher=$2; shift 2
  PORT=$(free_port)
  BASE="http://127.0.0.1:$PORT"
  local started
  started=$(now_ms)
  env DATABASE_URL="$DATABASE_URL" PORT="$PORT" QUESTLOG_HOST=127.0.0.1 "$@" \
    "$launcher" serve > "$RUN/logs/server-$label.log" 2>&1 &
  SERVER_PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready")" = 200 ]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$RUN/logs/server-$label.log" >&2; die "server exited"; }
    sleep 0.01
  done
  READY_MS=$(( $(now_ms) - started ))
}

# dataset_database LAUNCHER SERVER_URL NAME DATASET_JSON: the database NAME of the PostgreSQL at
# SERVER_URL (postgres://user@host:port) holding the bench dataset, created and imported by
# LAUNCHER's own CLI when it does not (then vacuumed and analysed, as the peer's load does).
dataset_database() {
  local launcher=$1 server=$2 name=$3 dataset=$4
  if ! psql -qAt "$server/postgres" -c "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    psql -q "$server/postgres" -c "CREATE DATABASE $name" >/dev/null
  fi
  if [ "$(psql -qAt "$server/$name" -c 'SELECT count(*) FROM game' 2>/dev/null || echo 0)" != 20000 ]; then
    log "importing the dataset into $name"
    DATABASE_URL="$server/$name" "$launcher" import json "$dataset" > "$RUN/logs/import-$name.log" 2>&1 \
      || { tail -n 20 "$RUN/logs/import-$name.log" >&2; die "import into $name failed"; }
    psql -q "$server/$name" -c "VACUUM ANALYZE" >/dev/null
  fi
}

# expect_200 URL: fails the run unless URL answers 200; the body is left in $RUN/logs/last-response.
expect_200() {
  local code
  code=$(curl -s -o "$RUN/logs/last-response" -w '%{http_code}' "$1")
  [ "$code" = 200 ] || { head -c 600 "$RUN/logs/last-response" >&2; echo >&2; die "GET $1 answered $code"; }
}

# Stops the server gracefully (SIGTERM, up to 30 s), else kills it.
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server $SERVER_PID did not stop in 30 s; killing it"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# Stops nginx (graceful QUIT, up to 5 s), else kills it.
stop_nginx() {
  [ -n "$NGINX_PID" ] || return 0
  if kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$NGINX_PID" 2>/dev/null || true
  fi
  wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
}

# start_nginx LOCATIONS PROBE_PATH: serves saved bodies on 127.0.0.1:$NGINX_PORT with the given
# location blocks (nginx syntax), as JSON, access log off; waits until PROBE_PATH answers. Sets
# NGINX_PID and NGINX (its base URL).
start_nginx() {
  local locations=$1 probe=$2
  local dir="$RUN/nginx"
  mkdir -p "$dir/tmp"
  cat > "$dir/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    types { }
    default_type application/json;
    server {
        listen 127.0.0.1:$NGINX_PORT;
$locations
    }
}
CONF
  nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" -t > "$RUN/logs/nginx-test.log" 2>&1 \
    || { cat "$RUN/logs/nginx-test.log" >&2; die "nginx rejected its configuration"; }
  nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" > "$RUN/logs/nginx.log" 2>&1 &
  NGINX_PID=$!
  NGINX="http://127.0.0.1:$NGINX_PORT"
  for _ in $(seq 1 100); do curl -s -o /dev/null "$NGINX$probe" && break; sleep 0.05; done
  log "nginx (pid $NGINX_PID) serving the saved bodies on $NGINX"
}
