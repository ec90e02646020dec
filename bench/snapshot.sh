#!/usr/bin/env bash
# Export one commit of the application (default HEAD) for benchmarking, so that edits to the
# working tree during a long run cannot change what is measured:
#   BENCH_SRC=$(bench/snapshot.sh [REV]) make bench
# Prints the snapshot's directory (bench/results/src-<commit>). Read-only for the repository.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rev=$(git -C "$ROOT" rev-parse --short "${1:-HEAD}")
dir=$ROOT/bench/results/src-$rev
if [[ ! -f $dir/COMMIT ]]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  git -C "$ROOT" archive "$rev" | tar -x -C "$dir"
  echo "$rev" >"$dir/COMMIT"
fi
echo "$dir"
