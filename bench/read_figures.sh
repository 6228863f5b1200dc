#!/usr/bin/env bash
# The read-side figures of docs/performance.md on an existing store: restart
# time (exec to the first answered call), GetContext at 8 and 64 calls in
# flight and SearchProfiles at 1 and 8, each beside ping from the same run, and
# the server's resident memory after them. Loopback only; bounded (each
# load runs DURATION seconds after a 2 s warm-up).
# Usage: read_figures.sh IDRES DB RECORDS.jsonl [DURATION] [PORT]
# The server must not be running on DB. Prints one machine-readable line
# per figure.
set -euo pipefail
idres=$(realpath "$1")
db=$2
records=$3
duration=${4:-10}
port=${5:-50171}
export IDRES_ADDR=127.0.0.1:$port
log=$(mktemp)
server=
trap '[ -n "$server" ] && kill -TERM "$server" 2>/dev/null; wait; rm -f "$log"' EXIT

started=$(date +%s.%N)
"$idres" serve --db "$db" --listen "$IDRES_ADDR" 2>"$log" &
server=$!
"$idres" bench --workload wait --duration 60 >/dev/null
awk -v a="$started" -v b="$(date +%s.%N)" \
  'BEGIN { printf "figure=restart seconds=%.3f\n", b - a }'
for inflight in 8 64; do
  "$idres" bench --workload context --records "$records" \
    --inflight "$inflight" --duration "$duration" | tail -1
done
# One agent's search at a time, then eight at once.
for inflight in 1 8; do
  "$idres" bench --workload search --records "$records" \
    --inflight "$inflight" --duration "$duration" | tail -1
done
echo "figure=rss vmrss_kb=$(awk '/VmRSS/ { print $2 }' "/proc/$server/status")"
