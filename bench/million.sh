#!/usr/bin/env bash
# The figures of docs/performance.md at a million records, end to end:
#   1. generates 380,000 persons (1,007,192 records, 450,255 interactions)
#      unless OUT/g already holds them;
#   2. streams every record into an empty store (idres bench --workload
#      resolve, rates of the first and last 100,000), then every
#      interaction, sampling the server's resident memory every 2 s;
#   3. kills the server with SIGKILL right after that load and times the
#      restart (WAL replay), then stops it cleanly;
#   4. runs bench/read_figures.sh on the store: restart after a clean stop,
#      GetContext at 8 and 64 in flight, SearchProfiles, RSS.
# Loopback only; every step bounded. Prints the machine-readable lines of
# each step; keeps the store in OUT/db for further runs.
# Usage: bench/million.sh IDRES OUT [PORT]
set -euo pipefail
idres=$(realpath "$1")
out=$2
port=${3:-50191}
here=$(cd "$(dirname "$0")" && pwd)
export IDRES_ADDR=127.0.0.1:$port
mkdir -p "$out"
server=
sampler=
trap '[ -n "$sampler" ] && kill "$sampler" 2>/dev/null; [ -n "$server" ] && kill -TERM "$server" 2>/dev/null; wait' EXIT

if [ ! -s "$out/g/records.jsonl" ]; then
  python3 "$here/datasets/gen_customers.py" --persons 380000 --seed 1 \
    --out "$out/g" --interactions >/dev/null
fi
echo "records=$(wc -l <"$out/g/records.jsonl") interactions=$(wc -l <"$out/g/interactions.jsonl")"

rm -rf "$out/db"
"$idres" serve --db "$out/db" --listen "$IDRES_ADDR" 2>"$out/serve.log" &
server=$!
"$idres" bench --workload wait --duration 60 >/dev/null
# Peak and current resident memory, every 2 s, until stopped.
( while sleep 2; do
    awk -v t="$(date +%s)" '/VmHWM|VmRSS/ { v[$1] = $2 } END {
      printf "t=%s vmhwm_kb=%s vmrss_kb=%s\n", t, v["VmHWM:"], v["VmRSS:"] }' \
      "/proc/$server/status" 2>/dev/null || break
  done ) >"$out/rss.log" &
sampler=$!

"$idres" bench --workload resolve --records "$out/g/records.jsonl" \
  --segment 100000 --duration 7200 | tail -1
"$idres" bench --workload interact --interactions "$out/g/interactions.jsonl" \
  --inflight 8 --warmup 0 --duration 1800 | tail -1
echo "figure=ingest_memory $(tail -1 "$out/rss.log")"

# A crash right after the load: the restart replays the WAL.
kill -KILL "$server"
wait "$server" 2>/dev/null || true
kill "$sampler" 2>/dev/null || true
sampler=
started=$(date +%s.%N)
"$idres" serve --db "$out/db" --listen "$IDRES_ADDR" 2>>"$out/serve.log" &
server=$!
"$idres" bench --workload wait --duration 120 >/dev/null
awk -v a="$started" -v b="$(date +%s.%N)" \
  'BEGIN { printf "figure=restart_after_kill seconds=%.3f\n", b - a }'
kill -TERM "$server"
wait "$server" 2>/dev/null || true
server=

"$here/read_figures.sh" "$idres" "$out/db" "$out/g/records.jsonl" 10 "$port"
