# Shared by bench/run.sh and bench/servers.sh; sourced, not run. Expects ROOT to be the repository.
# shellcheck shell=bash

BENCH=$ROOT/bench
RESULTS=${BENCH_RESULTS:-$BENCH/results}
PY=$ROOT/.venv/bin/python
# The application that is measured: the working tree, or a snapshot of one commit made by
# bench/snapshot.sh (BENCH_SRC=bench/results/src-<commit>), which a busy working tree cannot
# change half-way through a run. Its modules come first on sys.path, before the editable install.
SRC=$(cd "${BENCH_SRC:-$ROOT}" && pwd)
export BENCH_SRC=$SRC

: "${BENCH_DB:=ig_bench}"
: "${BENCH_PORT:=8765}"
: "${BENCH_DURATION:=30}"       # seconds per measured wrk run
: "${BENCH_WARMUP:=10}"         # seconds of unmeasured traffic before the measured runs
: "${BENCH_CONNECTIONS:=16}"    # wrk connections (the target is stated at 16)
: "${BENCH_WRK_THREADS:=2}"
# The server: 4 sync workers (2 per core); docs/benchmarks.md compares the alternatives.
: "${BENCH_WORKER_CLASS:=sync}"
: "${BENCH_WORKERS:=4}"
: "${BENCH_WORKER_THREADS:=1}"
# Before each measured run, wait (at most this long) until the machine is nearly idle.
: "${BENCH_QUIET_WAIT:=90}"
: "${BENCH_QUIET_BUSY:=0.15}"   # busy fraction of all cores that counts as idle enough

case $BENCH_DB in
  *bench*) ;;
  *) echo "BENCH_DB must name a benchmark database (it is dropped and recreated)" >&2; exit 2 ;;
esac

export DATABASE_URL=postgres://postgres@127.0.0.1:5432/$BENCH_DB
export BENCH_DB_NAME=$BENCH_DB
# Cache and (unused here) broker on the benchmark's own Redis database; no Celery worker runs.
export REDIS_URL=redis://127.0.0.1:6379/9
export CELERY_BROKER_URL=redis://127.0.0.1:6379/9
export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_DEBUG=false
export DJANGO_SECURE_SSL_REDIRECT=false   # plain HTTP on the loopback; TLS ends at a proxy
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_LOG_LEVEL=WARNING
DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(60))')}
export DJANGO_SECRET_KEY
export BENCH_DIR=$BENCH BENCH_RESULTS=$RESULTS

SERVER_PID=""

manage() { (cd "$SRC" && "$PY" manage.py "$@"); }

say() { printf '\n[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

redis9() { redis-cli -h 127.0.0.1 -p 6379 -n 9 "$@"; }

psql_bench() { psql -h 127.0.0.1 -U postgres -d "$BENCH_DB" -v ON_ERROR_STOP=1 -qtA "$@"; }

server_command() {
  echo "$ROOT/.venv/bin/gunicorn config.wsgi:application --chdir $SRC --bind 127.0.0.1:$BENCH_PORT" \
    "--workers $BENCH_WORKERS --worker-class $BENCH_WORKER_CLASS --threads $BENCH_WORKER_THREADS" \
    "--log-level warning"
}

start_server() {
  if curl -s -o /dev/null "http://127.0.0.1:$BENCH_PORT/" 2>/dev/null; then
    echo "port $BENCH_PORT is in use; set BENCH_PORT" >&2
    exit 1
  fi
  say "starting: $(server_command)"
  # shellcheck disable=SC2046
  (cd "$SRC" && exec $(server_command)) >>"$RESULTS/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 60); do
    if curl -sf -o /dev/null "http://127.0.0.1:$BENCH_PORT/healthz"; then
      echo "server up (master pid $SERVER_PID)"
      return 0
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "the server exited; see $RESULTS/server.log" >&2
      tail -20 "$RESULTS/server.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "the server did not answer /healthz within 30 s" >&2
  exit 1
}

stop_server() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.25
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

wait_quiet() {
  local seen
  seen=$("$PY" "$BENCH/cpu.py" wait-idle "$BENCH_QUIET_WAIT" "$BENCH_QUIET_BUSY")
  echo "machine busy before the run: $seen"
}

# wrk_run NAME SCRIPT PATH SECONDS OUT_DIR: run wrk; with OUT_DIR, keep its report and CPU split.
wrk_run() {
  local name=$1 script=$2 path=$3 seconds=$4 out=${5:-}
  local nonce
  nonce=$(date +%s%N | cut -c1-15)
  if [[ -z $out ]]; then
    BENCH_NONCE=$nonce BENCH_OUT="" wrk -t"$BENCH_WRK_THREADS" -c"$BENCH_CONNECTIONS" \
      -d"${seconds}s" --timeout 10s -s "$BENCH/$script" "http://127.0.0.1:$BENCH_PORT$path" \
      >/dev/null
    return 0
  fi
  mkdir -p "$out"
  wait_quiet | tee "$out/$name.quiet.txt"
  "$PY" "$BENCH/cpu.py" snapshot "$SERVER_PID" >"$out/$name.cpu-before.json"
  # wrk is gone before the second snapshot: its own CPU time comes from bash's `time`.
  local TIMEFORMAT='%U %S'
  { time BENCH_NONCE=$nonce BENCH_OUT="$out/$name.json" wrk -t"$BENCH_WRK_THREADS" \
    -c"$BENCH_CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$BENCH/$script" \
    "http://127.0.0.1:$BENCH_PORT$path" >"$out/$name.wrk.txt"; } 2>"$out/$name.wrk-cpu.txt"
  "$PY" "$BENCH/cpu.py" snapshot "$SERVER_PID" >"$out/$name.cpu-after.json"
  cat "$out/$name.wrk.txt"
  "$PY" "$BENCH/cpu.py" diff "$out/$name.cpu-before.json" "$out/$name.cpu-after.json" \
    "$(awk '{print $1 + $2}' "$out/$name.wrk-cpu.txt")" >"$out/$name.cpu.json"
  rm -f "$out/$name.cpu-before.json" "$out/$name.cpu-after.json" "$out/$name.wrk-cpu.txt"
  echo "CPU during the run (cores): $(cat "$out/$name.cpu.json")"
}
