#!/usr/bin/env bash
# Before/after figures of two builds on the same data, alternating them
# ROUNDS times (docs/performance.md, "Identifier lookups by point read"):
#   1. each round, each build ingests RECORDS into an empty store
#      (`idres bench --workload resolve`, its machine-readable line);
#   2. the store BEFORE wrote in round 1 is copied for AFTER (which
#      converts it at its first open, e.g. builds tables it adds), then
#      each round runs bench/read_figures.sh with each build on its copy.
# A store written by AFTER may not open with BEFORE (a newer store), so
# both read the store BEFORE wrote. Loopback only; bounded by the scripts
# it runs. Prints each figure line prefixed with round= and build=.
# Usage: bench/compare_builds.sh BEFORE AFTER RECORDS.jsonl OUT [ROUNDS] [DURATION]
set -euo pipefail
before=$(realpath "$1")
after=$(realpath "$2")
records=$(realpath "$3")
out=$4
rounds=${5:-2}
duration=${6:-8}
here=$(cd "$(dirname "$0")" && pwd)
port=50241
mkdir -p "$out"
server=
trap '[ -n "$server" ] && kill -TERM "$server" 2>/dev/null; wait' EXIT

# Ingests `records` with build $1 into the empty store $2.
ingest() {
  rm -rf "$2"
  export IDRES_ADDR=127.0.0.1:$port
  "$1" serve --db "$2" --listen "$IDRES_ADDR" 2>>"$out/serve.log" &
  server=$!
  "$1" bench --workload wait --duration 60 >/dev/null
  "$1" bench --workload resolve --records "$records" --duration 3600 | tail -1
  kill -TERM "$server"
  wait "$server" 2>/dev/null || true
  server=
}

for round in $(seq 1 "$rounds"); do
  for build in before after; do
    bin=$before; [ "$build" = after ] && bin=$after
    ingest "$bin" "$out/ingest-$build" | sed "s/^/round=$round build=$build /"
    if [ "$round" = 1 ] && [ "$build" = before ]; then
      rm -rf "$out/db-before" "$out/db-after"
      cp -r "$out/ingest-before" "$out/db-before"
      cp -r "$out/ingest-before" "$out/db-after"
    fi
  done
done
for round in $(seq 1 "$rounds"); do
  for build in before after; do
    bin=$before; [ "$build" = after ] && bin=$after
    "$here/read_figures.sh" "$bin" "$out/db-$build" "$records" "$duration" \
      $((port + 1)) | sed "s/^/round=$round build=$build /"
  done
done
