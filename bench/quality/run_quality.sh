#!/usr/bin/env bash
# Runs the accuracy sets through a real idres server on loopback and prints
# one line per set: pairwise precision, recall, F1 and the single-
# interlocutor rate. Each set gets its own server, on a free port, over a
# fresh temporary store, so figures do not depend on earlier runs.
#
# usage: bench/quality/run_quality.sh [--idres PATH] [--shuffle SEED]
#            [--persons N] [--seed S] [SET...]
# SET is any convert.py set (febrl1 febrl3 febrl4 fake_1000 historical_50k
# rldata10000 senzing_v4 ...) or "customers" (gen_customers.py, N persons,
# seed S). Default: every target set. --shuffle reorders the input records
# with the given seed before ingesting, to measure order independence.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
idres="$repo/build/idres"
python=/usr/bin/python3
shuffle=""
persons=5000
seed=1
sets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --idres) idres="$2"; shift 2 ;;
    --shuffle) shuffle="$2"; shift 2 ;;
    --persons) persons="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) sets+=("$1"); shift ;;
  esac
done
if [[ ${#sets[@]} -eq 0 ]]; then
  sets=(febrl1 febrl3 febrl4 fake_1000 senzing_v4 rldata10000 customers
        historical_50k)
fi

work="$(mktemp -d /tmp/idres-quality.XXXXXX)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

prepare() {  # SET OUTDIR
  if [[ "$1" == customers ]]; then
    "$python" "$repo/bench/datasets/gen_customers.py" --persons "$persons" \
      --seed "$seed" --out "$2" 2>/dev/null
  else
    "$python" "$repo/bench/datasets/convert.py" "$1" --out "$2" >/dev/null 2>&1
  fi
  if [[ -n "$shuffle" ]]; then
    "$python" -c 'import random,sys
lines=open(sys.argv[1]).readlines(); random.Random(int(sys.argv[2])).shuffle(lines)
open(sys.argv[1],"w").writelines(lines)' "$2/records.jsonl" "$shuffle"
  fi
}

run_set() {  # SET
  local set="$1" dir="$work/$1" port addr
  prepare "$set" "$dir"
  port="$(free_port)"
  addr="127.0.0.1:$port"
  "$idres" serve --db "$dir/db" --listen "$addr" 2>"$dir/serve.log" &
  server_pid=$!
  for _ in $(seq 100); do
    if "$idres" export --addr "$addr" >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
  local start end
  start=$(date +%s.%N)
  # Rejected records (see ingest.log) make ingest exit non-zero; they are
  # reported, not fatal: the eval scores what was ingested.
  "$idres" ingest --addr "$addr" "$dir/records.jsonl" >/dev/null \
    2>"$dir/ingest.log" || true
  end=$(date +%s.%N)
  local line
  line="$("$idres" eval --addr "$addr" --truth "$dir/truth.csv" 2>/dev/null | tail -1)"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  printf '%-15s %s ingest_s=%.1f%s\n' "$set" "$line" \
    "$(echo "$end - $start" | bc)" "${shuffle:+ shuffle=$shuffle}"
}

for s in "${sets[@]}"; do run_set "$s"; done
