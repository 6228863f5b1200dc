#!/usr/bin/env bash
# Runs the accuracy sets through a real idres server on loopback and prints
# one line per set: pairwise precision, recall, F1 and the single-
# interlocutor rate. Each set gets its own server, on a free port, over a
# fresh temporary store, so figures do not depend on earlier runs.
#
# usage: bench/quality/run_quality.sh [--idres PATH] [--shuffle SEED]
#            [--persons N] [--seed S] [--train] [--weights FILE] [SET...]
# SET is any convert.py set (febrl1 febrl3 febrl4 fake_1000 historical_50k
# rldata10000 senzing_v4 ...), "customers" (gen_customers.py, N persons,
# seed S; N defaults to 5000) or "households" (gen_households.py, N
# persons, default 4000, seed S).
# Default: every target set. --shuffle reorders the input records
# with the given seed before ingesting, to measure order independence.
# --train: ingest with the defaults, stop the server, `idres train` on its
# store, then ingest again into a fresh store with `serve --weights` and
# score that (the trained weights are kept as WORK/SET/weights.txt and
# printed with --keep); the defaults line comes first, marked "defaults",
# the trained one last. --weights FILE serves with FILE instead.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
idres="$repo/build/idres"
python=/usr/bin/python3
shuffle=""
persons=""  # default: 5000 for customers, 4000 for households
seed=1
train=""
weights=""
keep=""
sets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --idres) idres="$2"; shift 2 ;;
    --shuffle) shuffle="$2"; shift 2 ;;
    --persons) persons="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --train) train=1; shift ;;
    --weights) weights="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
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
  if [[ -n "$keep" ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() {
  "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

prepare() {  # SET OUTDIR
  if [[ "$1" == customers ]]; then
    "$python" "$repo/bench/datasets/gen_customers.py" --persons "${persons:-5000}" \
      --seed "$seed" --out "$2" 2>/dev/null
  elif [[ "$1" == households ]]; then
    "$python" "$repo/bench/datasets/gen_households.py" --persons "${persons:-4000}" \
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

start_server() {  # DIR DB [WEIGHTS]: sets addr and server_pid
  local port
  port="$(free_port)"
  addr="127.0.0.1:$port"
  "$idres" serve --db "$2" --listen "$addr" ${3:+--weights "$3"} \
    2>>"$1/serve.log" &
  server_pid=$!
  for _ in $(seq 100); do
    if "$idres" export --addr "$addr" >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
}

stop_server() {
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

# Ingests DIR/records.jsonl into a fresh store DB, served with WEIGHTS
# (may be empty); sets line (the eval output) and ingest_s.
ingest_and_eval() {  # DIR DB [WEIGHTS]
  local start end
  start_server "$1" "$2" "${3:-}"
  start=$(date +%s.%N)
  # Rejected records (see ingest.log) make ingest exit non-zero; they are
  # reported, not fatal: the eval scores what was ingested.
  "$idres" ingest --addr "$addr" "$1/records.jsonl" >/dev/null \
    2>"$1/ingest.log" || true
  end=$(date +%s.%N)
  line="$("$idres" eval --addr "$addr" --truth "$1/truth.csv" 2>/dev/null | tail -1)"
  ingest_s="$(echo "$end - $start" | bc)"
  stop_server
}

run_set() {  # SET
  local set="$1" dir="$work/$1" used="$weights" tag=""
  prepare "$set" "$dir"
  if [[ -n "$train" ]]; then
    ingest_and_eval "$dir" "$dir/db0"
    printf '%-15s %s ingest_s=%.1f%s defaults\n' "$set" "$line" "$ingest_s" \
      "${shuffle:+ shuffle=$shuffle}"
    # A training that refuses (nothing the data can support) leaves the
    # defaults in place, as a user would.
    if "$idres" train --db "$dir/db0" --out "$dir/weights.txt" \
        2>"$dir/train.log"; then
      used="$dir/weights.txt"
      tag=" trained"
    else
      tag=" trained=refused"
    fi
  fi
  ingest_and_eval "$dir" "$dir/db" "$used"
  printf '%-15s %s ingest_s=%.1f%s%s\n' "$set" "$line" "$ingest_s" \
    "${shuffle:+ shuffle=$shuffle}" "${tag:-${weights:+ weights=$weights}}"
}

for s in "${sets[@]}"; do run_set "$s"; done
