#!/usr/bin/env bash
# `make bench`: a production-like server (gunicorn, production settings, DEBUG off, PostgreSQL,
# Redis) measured with wrk: GET /healthz and POST /api/v1/messages at each block-table size.
#
#   BENCH_SIZES="1000000 10000 10000000"  block-table sizes, in this order (the first is the base)
#   BENCH_DURATION=30 BENCH_WARMUP=10 BENCH_CONNECTIONS=16     wrk settings
#   BENCH_ROUNDS=3    measured rounds per size (median and range are reported)
#   BENCH_WORKER_CLASS=sync BENCH_WORKERS=4 BENCH_WORKER_THREADS=1   gunicorn settings
#   BENCH_SRC=$(bench/snapshot.sh)   measure a snapshot of HEAD instead of the working tree
#   BENCH_KEEP_DB=1   keep the ig_bench database afterwards (for profiling); dropped otherwise
#   BENCH_SCAN_WORKER=1   a Celery worker (2 processes) scans on the same machine meanwhile, as a
#                         one-box deployment runs (its CPU counts as "other")
#
# Results: bench/results/ (latest.md is the summary); method and recorded numbers:
# docs/benchmarks.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

: "${BENCH_SIZES:=1000000 10000 10000000}"
: "${BENCH_KEEP_DB:=0}"
: "${BENCH_SCAN_WORKER:=0}"
WORKER_PID=""

start_scan_worker() {
  say "starting a scanning worker: celery -A config worker -c 2"
  (cd "$SRC" && exec "$ROOT/.venv/bin/celery" -A config worker -c 2 -l WARNING --without-mingle \
    --without-gossip --without-heartbeat) >>"$RESULTS/worker.log" 2>&1 &
  WORKER_PID=$!
}

stop_scan_worker() {
  if [[ -n $WORKER_PID ]] && kill -0 "$WORKER_PID" 2>/dev/null; then
    kill -TERM "$WORKER_PID" 2>/dev/null || true
    wait "$WORKER_PID" 2>/dev/null || true
  fi
  WORKER_PID=""
}
# Runs on this kind of machine vary by about +-15 % from one to the next; each size is measured
# this many times and the report gives the median and the range.
: "${BENCH_ROUNDS:=3}"

cleanup() {
  local status=$?
  stop_scan_worker
  stop_server
  redis9 flushdb >/dev/null 2>&1 || true
  if [[ $BENCH_KEEP_DB != 1 ]]; then
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" \
      >/dev/null 2>&1 || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)

# --- Tools ------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  say "installing wrk (apt-get)"
  if [[ $(id -u) == 0 ]]; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null
  fi
fi
for tool in wrk psql redis-cli curl; do
  command -v "$tool" >/dev/null || { echo "error: $tool is needed" >&2; exit 1; }
done

# --- Database and data ------------------------------------------------------------------------
mkdir -p "$RESULTS"
rm -rf "$RESULTS"/blocks-* "$RESULTS/latest.md" "$RESULTS/server.log"
say "creating database $BENCH_DB and migrating (production settings)"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)"
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $BENCH_DB"
manage migrate --no-input -v 0
redis9 flushdb >/dev/null

say "loading freelancers, senders, connections and allowed senders"
"$PY" "$BENCH/load.py" base --out "$RESULTS"
BENCH_KEY=$(manage create_service_token bench 2>/dev/null | tail -1)
export BENCH_KEY

"$PY" - "$RESULTS/meta.json" <<EOF
import json, os, platform, subprocess, sys
def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except Exception:
        return "?"
def commit():
    if os.path.exists("$SRC/COMMIT"):
        return open("$SRC/COMMIT").read().strip() + " (snapshot)"
    head = run("git", "-C", "$ROOT", "rev-parse", "--short", "HEAD")
    dirty = run("git", "--no-optional-locks", "-C", "$ROOT", "status", "--porcelain", "--", ".", ":!bench")
    return head + (" + uncommitted changes" if dirty else "")
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 2**20
json.dump({
    "date": run("date", "-u", "+%Y-%m-%d %H:%M UTC"),
    "cpus": os.cpu_count(), "cpu_model": cpu, "memory": f"{mem:.0f} GiB",
    "postgres": "PostgreSQL " + run("psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"),
    "python": platform.python_version(),
    "commit": commit(),
    "server": "$(server_command | sed "s|$ROOT/||g")",
    "connections": $BENCH_CONNECTIONS, "wrk_threads": $BENCH_WRK_THREADS,
    "duration": $BENCH_DURATION, "warmup": $BENCH_WARMUP, "rounds": $BENCH_ROUNDS,
    "freelancers": "100,000", "senders": "100,000",
}, open(sys.argv[1], "w"), indent=1)
EOF

start_server
if [[ $BENCH_SCAN_WORKER == 1 ]]; then
  start_scan_worker
fi

# --- One block-table size ---------------------------------------------------------------------
measure() {
  local size=$1 round out
  say "block table: $size rows"
  "$PY" "$BENCH/load.py" blocks "$size"
  "$PY" "$BENCH/load.py" reset
  mkdir -p "$RESULTS/blocks-$size"
  # The block lookup on its own, without the application around it: plan and latency.
  psql_bench -c "EXPLAIN (ANALYZE, BUFFERS) SELECT scope, sender_id, organization_id, identity_key
      FROM preferences_block WHERE freelancer_id = 78 AND (sender_id = 'c-5'
      OR (scope = 'organization' AND organization_id = 'org-3')
      OR (scope = 'linked' AND identity_key = 'idk-7'))" >"$RESULTS/blocks-$size/plan.txt"
  if command -v pgbench >/dev/null; then
    pgbench -h 127.0.0.1 -U postgres -n -T 5 -c 1 -f "$BENCH/blocks.sql" "$BENCH_DB" \
      2>/dev/null | grep -E "latency average|tps" | tee "$RESULTS/blocks-$size/lookup.txt"
  fi
  say "warm-up ($BENCH_WARMUP s of checks, 3 s of /healthz; not measured)"
  wrk_run warmup messages.lua /api/v1/messages "$BENCH_WARMUP"
  wrk_run warmup healthz.lua /healthz 3
  for round in $(seq 1 "$BENCH_ROUNDS"); do
    out=$RESULTS/blocks-$size/$round
    mkdir -p "$out"
    # Every measured run starts from empty message, decision and new-contact tables. They are
    # not analysed empty: statistics that say "no rows" (which autovacuum never leaves on a
    # production table) make the planner scan them whole as they grow, run after run.
    "$PY" "$BENCH/load.py" reset
    redis9 del inbox >/dev/null
    say "$size blocks, round $round of $BENCH_ROUNDS: GET /healthz, $BENCH_DURATION s"
    wrk_run healthz healthz.lua /healthz "$BENCH_DURATION" "$out"
    say "$size blocks, round $round of $BENCH_ROUNDS: POST /api/v1/messages, $BENCH_DURATION s"
    wrk_run messages messages.lua /api/v1/messages "$BENCH_DURATION" "$out"
    "$PY" "$BENCH/load.py" mix >"$out/mix.json"
    echo "decisions: $(cat "$out/mix.json")"
    # Without BENCH_SCAN_WORKER no worker runs: the wakes the checks sent are counted, then
    # dropped, and the held messages stay pending.
    echo "scanner wakes queued in Redis: $(redis9 llen inbox)" | tee "$out/queue.txt"
    echo "scans done: $(psql_bench -c "SELECT count(*) FROM inbox_message WHERE scan_state = 'done'")" \
      | tee -a "$out/queue.txt"
    redis9 del inbox >/dev/null
  done
}

for size in $BENCH_SIZES; do
  measure "$size"
done

stop_scan_worker
stop_server
"$PY" "$BENCH/report.py" "$RESULTS" >"$RESULTS/latest.md"
say "done in $(( ($(date +%s) - started) / 60 )) min; $RESULTS/latest.md:"
echo
cat "$RESULTS/latest.md"
