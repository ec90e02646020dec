#!/usr/bin/env bash
# Compare gunicorn configurations on the database a `BENCH_KEEP_DB=1 make bench` left behind:
#   bench/servers.sh ["sync:4:1 gthread:2:4 ..."]     (class:workers:threads)
# Each configuration: warm-up, then GET /healthz and POST /api/v1/messages for BENCH_DURATION s.
# Results: bench/results/servers/<config>/ and a table on stdout.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
: "${BENCH_DURATION:=15}"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

CONFIGS=${1:-"sync:2:1 sync:3:1 sync:4:1 sync:6:1 gthread:2:4 gthread:3:4 gthread:4:2"}

trap 'stop_server' EXIT
trap 'exit 130' INT TERM

if ! psql_bench -c "SELECT 1 FROM preferences_block LIMIT 1" >/dev/null 2>&1; then
  echo "no loaded $BENCH_DB database: run BENCH_KEEP_DB=1 make bench first" >&2
  exit 1
fi
BENCH_KEY=$(manage create_service_token bench-servers 2>/dev/null | tail -1)
export BENCH_KEY
blocks=$(psql_bench -c "SELECT count(*) FROM preferences_block")
rows=()
for config in $CONFIGS; do
  IFS=: read -r BENCH_WORKER_CLASS BENCH_WORKERS BENCH_WORKER_THREADS <<<"$config"
  out=$RESULTS/servers/${config//:/-}
  rm -rf "$out"
  start_server
  "$PY" "$BENCH/load.py" reset
  wrk_run warmup messages.lua /api/v1/messages "$BENCH_WARMUP"
  wrk_run warmup healthz.lua /healthz 3
  "$PY" "$BENCH/load.py" reset
  redis9 del inbox >/dev/null
  wrk_run healthz healthz.lua /healthz "$BENCH_DURATION" "$out"
  wrk_run messages messages.lua /api/v1/messages "$BENCH_DURATION" "$out"
  redis9 del inbox >/dev/null
  stop_server
  rows+=("$("$PY" - "$out" "$config" <<'PY'
import json, sys
from pathlib import Path
out, config = Path(sys.argv[1]), sys.argv[2]
m = json.loads((out / "messages.json").read_text())
h = json.loads((out / "healthz.json").read_text())
c = json.loads((out / "messages.cpu.json").read_text())["cores_by_group"]
print(f"| {config} | {m['rps']:.0f} | {m['latency_us']['p50']/1000:.1f} | {m['latency_us']['p99']/1000:.1f} "
      f"| {h['rps']:.0f} | {h['latency_us']['p99']/1000:.1f} | {m['rps']/h['rps']:.2f} "
      f"| {c['app']:.2f} / {c['postgres']+c['postgres_bg']:.2f} / {c['wrk']:.2f} / {c['other']:.2f} |")
PY
)")
done
echo
echo "$blocks blocks, $BENCH_CONNECTIONS connections, $BENCH_DURATION s per run"
echo
echo "| class:workers:threads | checks/s | p50 ms | p99 ms | /healthz req/s | p99 ms | ratio | CPU app / pg / wrk / other |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}" | tee "$RESULTS/servers/table.md"
