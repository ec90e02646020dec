#!/usr/bin/env bash
# Measure what proposed changes to the check would save (see bench/whatif.py), against the
# database a `BENCH_KEEP_DB=1 make bench` left:   bench/whatif.sh [N [ROUNDS]]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

if ! psql_bench -c "SELECT 1 FROM preferences_freelancer LIMIT 1" >/dev/null 2>&1; then
  echo "no loaded $BENCH_DB database: run BENCH_KEEP_DB=1 make bench first" >&2
  exit 1
fi
BENCH_KEY=$(manage create_service_token bench-whatif 2>/dev/null | tail -1)
export BENCH_KEY
"$PY" "$BENCH/load.py" reset
wait_quiet
cd "$SRC" && "$PY" "$BENCH/whatif.py" "${1:-600}" "${2:-5}" | tee "$RESULTS/whatif.md"
redis9 del inbox >/dev/null
