#!/usr/bin/env bash
# The README's quick start through the real binary: serve, ingest the
# example customers, get a merged profile, export, verify offline.
# Usage: cli_quickstart_test.sh IDRES EXAMPLES.jsonl
set -euo pipefail
examples=$2
. "$(dirname "$0")/server_harness.sh" "$1"
start_server

"$idres" ingest "$examples" >"$work/ingest.out" 2>"$work/ingest.err" \
  || fail "ingest failed: $(cat "$work/ingest.out" "$work/ingest.err")"
grep -q " 0 rejected" "$work/ingest.out" || fail "rejections: $(cat "$work/ingest.out")"

# Émilie Philippe reached us through five channels: one profile.
"$idres" get --id email:EPhilippe@free.fr >"$work/get.out"
grep -q "(version [0-9]*, 5 records)" "$work/get.out" || fail "$(cat "$work/get.out")"
"$idres" get --id phone:+33648510052 --json | grep -q '"profile_id": "p-1"' \
  || fail "phone lookup did not find p-1"

# Unknown identifiers fail cleanly.
if "$idres" get --id email:nobody@nowhere.fr 2>"$work/err"; then
  fail "unknown identifier succeeded"
fi
grep -q "NOT_FOUND" "$work/err" || fail "$(cat "$work/err")"

# A malformed line is rejected with its line number; the rest goes on.
printf '%s\n%s\n' '{"source":"crm","source_id":"X1","identifiers":[{"type":"email","value":"x1@mail.fr"}]}' \
  '{"source":"crm",' >"$work/bad.jsonl"
if "$idres" ingest "$work/bad.jsonl" >"$work/bad.out" 2>"$work/bad.err"; then
  fail "ingest with a malformed line exited 0"
fi
grep -q "bad.jsonl:2:" "$work/bad.err" || fail "no line number: $(cat "$work/bad.err")"
grep -q "1 records" "$work/bad.out" || fail "$(cat "$work/bad.out")"

"$idres" export >"$work/export.csv"
head -1 "$work/export.csv" | grep -qx "source,source_id,profile_id" || fail "export header"
[ "$(wc -l <"$work/export.csv")" -eq 22 ] || fail "export has $(wc -l <"$work/export.csv") lines"

stop_server
"$idres" verify --db "$work/db" | tail -1 | grep -q "^clean" || fail "verify not clean"
echo "cli quickstart: ok"
