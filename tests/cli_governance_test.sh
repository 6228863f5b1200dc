#!/usr/bin/env bash
# The twins scenario through the real binary: two twins' records merged by
# hand by mistake, split again by an agent with a reason; a new record of
# one twin lands in her own profile; explain and audit tell the story;
# delete-record removes a record; the store verifies clean.
# Usage: cli_governance_test.sh IDRES
set -euo pipefail
. "$(dirname "$0")/server_harness.sh" "$1"

twin() {  # SOURCE ID GIVEN EMAIL
  printf '{"source":"%s","source_id":"%s","name":{"given":"%s","family":"Martin"},"birth_date":"1990-05-12","address":{"line1":"4 rue des Lilas","postal_code":"69003","city":"Lyon"},"identifiers":[{"type":"email","value":"%s"}]}\n' "$@"
}

start_server
{ twin crm 1 Léa lea.martin@x.fr; twin crm 2 Zoé zoe.martin@x.fr; } >"$work/twins.jsonl"
"$idres" ingest "$work/twins.jsonl" >/dev/null || fail "ingest"

# The mistake, then the fix.
"$idres" merge p-1 p-2 --reason "looked like one customer" --actor agent-7 \
  >"$work/merge.out" || fail "merge: $(cat "$work/merge.out")"
grep -q "merged p-2 into p-1" "$work/merge.out" || fail "$(cat "$work/merge.out")"
"$idres" split p-1 --records crm:2 --reason "twins, merged by mistake" \
  --actor agent-9 >"$work/split.out" || fail "split"
grep -q "crm:2 now in p-3" "$work/split.out" || fail "$(cat "$work/split.out")"
grep -q "p-2 now redirects to p-3" "$work/split.out" || fail "$(cat "$work/split.out")"

# A new record of Zoé lands in her own profile, after a restart too.
stop_server
start_server
twin shop 9 Zoé zoe.martin@x.fr >"$work/new.jsonl"
"$idres" ingest "$work/new.jsonl" >/dev/null || fail "ingest new"
"$idres" get --id email:zoe.martin@x.fr --json >"$work/zoe.json" || fail "get"
grep -q '"profile_id": "p-3"' "$work/zoe.json" || fail "Zoé's new record is not in p-3"
"$idres" get --profile p-1 | grep -q "1 records" || fail "p-1 changed"

# Why each record sits where it does.
"$idres" explain --records crm:1 crm:2 >"$work/pair.out" || fail "explain pair"
grep -q "apart: cannot-link set by agent-9: twins, merged by mistake" \
  "$work/pair.out" || fail "$(cat "$work/pair.out")"
"$idres" explain --profile p-3 >"$work/explain.out" || fail "explain profile"
grep -q "shop:9" "$work/explain.out" || fail "$(cat "$work/explain.out")"
grep -q "cannot-link with crm:1" "$work/explain.out" || fail "$(cat "$work/explain.out")"
"$idres" explain --profile p-3 --json >"$work/explain.json" || fail "explain json"
grep -q '"provenance"' "$work/explain.json" || fail "no provenance"

# The history, by the id the twin first had.
"$idres" audit --profile p-2 >"$work/audit.out" || fail "audit"
grep -q "merge by agent-7" "$work/audit.out" || fail "$(cat "$work/audit.out")"
grep -q "split by agent-9" "$work/audit.out" || fail "$(cat "$work/audit.out")"
"$idres" audit --profile p-1 --json >"$work/audit.json" || fail "audit json"
grep -q '"action": "AUDIT_ACTION_MANUAL_SPLIT"' "$work/audit.json" || fail "audit json"

# Bad input: clear errors, non-zero exits.
if "$idres" merge p-1 p-1 --reason x 2>"$work/err"; then fail "self merge"; fi
grep -q "INVALID_ARGUMENT: profile_ids\[1\]" "$work/err" || fail "$(cat "$work/err")"
if "$idres" split p-1 --records crm:1 --reason x 2>"$work/err"; then fail "split all"; fi
grep -q "INVALID_ARGUMENT" "$work/err" || fail "$(cat "$work/err")"
if "$idres" merge p-1 p-77 --reason x 2>"$work/err"; then fail "unknown id"; fi
grep -q "NOT_FOUND: profile p-77" "$work/err" || fail "$(cat "$work/err")"

"$idres" delete-record shop:9 --reason "duplicate" >"$work/del.out" || fail "delete"
grep -q "deleted shop:9 from p-3" "$work/del.out" || fail "$(cat "$work/del.out")"

stop_server
"$idres" verify --db "$work/db" | tail -1 | grep -q "^clean" || fail "verify not clean"
echo "cli governance: ok"
