#!/usr/bin/env bash
# `idres train` through the real binary: serve, ingest a labelled sample,
# stop, train on the store (the report lists the sessions, the guard rails'
# reasons and the expected change), then serve a fresh store with the
# trained weights and ingest again; a store too small to learn from is
# refused.
# Usage: cli_train_test.sh IDRES SAMPLE.jsonl
set -euo pipefail
sample=$2
. "$(dirname "$0")/server_harness.sh" "$1"

start_server
"$idres" ingest "$sample" >/dev/null 2>&1 || fail "ingest failed"
stop_server

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
grep -q "^session birth date" "$work/train.log" || fail "no sessions: $(cat "$work/train.log")"
grep -q "Expected change over the .* blocked pairs" "$work/train.log" \
  || fail "no expected change: $(cat "$work/train.log")"
grep -q "below the link threshold: a strong identifier links alone\|^strong_identifier .* 15.00 *15.00" \
  "$work/train.log" || fail "strong identifier: $(grep strong_identifier "$work/train.log")"

# A store too small to learn from is refused, and nothing is written.
start_server_on "$work/tiny"
head -3 "$sample" | "$idres" ingest - >/dev/null 2>&1 || true
stop_server
set +e
"$idres" train --db "$work/tiny" --out "$work/tiny.txt" 2>"$work/tiny.err"
rc=$?
set -e
[ $rc -eq 1 ] || fail "tiny store: exit $rc: $(cat "$work/tiny.err")"
grep -q "no blocking session can be learnt from" "$work/tiny.err" || fail "$(cat "$work/tiny.err")"
[ ! -e "$work/tiny.txt" ] || fail "tiny store: a file was written"

start_server_on "$work/db2" --weights "$work/weights.txt"
"$idres" ingest "$sample" >"$work/ingest.out" 2>&1 || fail "ingest with weights failed"
grep -q " 0 rejected" "$work/ingest.out" || fail "$(cat "$work/ingest.out")"
echo "cli train: ok"
