#!/usr/bin/env bash
# `idres train` through the real binary: serve, ingest a labelled sample,
# stop, train on the store, then serve a fresh store with the trained
# weights and ingest again.
# Usage: cli_train_test.sh IDRES SAMPLE.jsonl
set -euo pipefail
idres=$1
sample=$2
work=$(mktemp -d)
server=""
trap 'kill $server 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

start() {  # DB [flags...]: starts a server, exports IDRES_ADDR
  local db=$1; shift
  "$idres" serve --db "$db" --listen 127.0.0.1:0 "$@" 2>"$work/serve.log" &
  server=$!
  for _ in $(seq 100); do
    grep -q "(port " "$work/serve.log" && break
    sleep 0.1
  done
  port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$work/serve.log")
  [ -n "$port" ] || fail "server did not start: $(cat "$work/serve.log")"
  export IDRES_ADDR=127.0.0.1:$port
}

start "$work/db"
"$idres" ingest "$sample" >/dev/null 2>&1 || fail "ingest failed"
kill -TERM $server; wait $server || true

# Usage errors exit 2; an empty store is refused.
set +e
"$idres" train --db "$work/db" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no --out not 2"
"$idres" train --db "$work/empty" --out "$work/w0.txt" 2>"$work/err"
[ $? -eq 1 ] || fail "missing store did not fail"
set -e

"$idres" train --db "$work/db" --out "$work/weights.txt" --random-pairs 50000 \
  2>"$work/train.log" || fail "train failed: $(cat "$work/train.log")"
grep -q "^given_exact " "$work/weights.txt" || fail "no given_exact: $(cat "$work/weights.txt")"
grep -q "^link_threshold " "$work/weights.txt" || fail "no link_threshold"
grep -q "random pairs" "$work/train.log" || fail "no report: $(cat "$work/train.log")"

start "$work/db2" --weights "$work/weights.txt"
"$idres" ingest "$sample" >"$work/ingest.out" 2>&1 || fail "ingest with weights failed"
grep -q " 0 rejected" "$work/ingest.out" || fail "$(cat "$work/ingest.out")"
echo "cli train: ok"
