#!/usr/bin/env bash
# Profile the delivery check in-process against the database a `BENCH_KEEP_DB=1 make bench` left:
#   bench/profile.sh [N]
# 1. per-statement SQL time and statements per check, and a pyinstrument (wall-clock) profile;
# 2. with py-spy installed: a CPU profile of N checks, summarised by step and by layer.
# Neither profiler is a project dependency: `.venv/bin/pip install pyinstrument py-spy`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
N=${1:-2000}

if ! psql_bench -c "SELECT 1 FROM preferences_freelancer LIMIT 1" >/dev/null 2>&1; then
  echo "no loaded $BENCH_DB database: run BENCH_KEEP_DB=1 make bench first" >&2
  exit 1
fi
"$PY" -c "import pyinstrument" 2>/dev/null || {
  echo "pyinstrument is missing: $ROOT/.venv/bin/pip install pyinstrument" >&2
  exit 1
}
BENCH_KEY=$(manage create_service_token bench-profile 2>/dev/null | tail -1)
export BENCH_KEY
"$PY" "$BENCH/load.py" reset
wait_quiet
(cd "$SRC" && "$PY" "$BENCH/profile_check.py" "$N") | tee "$RESULTS/profile.txt"
redis9 del inbox >/dev/null
if [[ -x $ROOT/.venv/bin/py-spy ]]; then
  "$PY" "$BENCH/load.py" reset
  wait_quiet
  say "py-spy: CPU samples of $N checks"
  (cd "$SRC" && "$ROOT/.venv/bin/py-spy" record --nonblocking --rate 250 --format raw \
    -o "$RESULTS/py-spy-checks.txt" -- "$PY" "$BENCH/profile_check.py" replay "$N")
  "$PY" "$BENCH/stacks.py" "$RESULTS/py-spy-checks.txt" | tee "$RESULTS/py-spy-summary.txt"
  redis9 del inbox >/dev/null
fi
