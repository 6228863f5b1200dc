#!/usr/bin/env bash
# The review queue through the real binary: namesakes ingested as two
# possible matches; `idres review` lists them ranked with their
# comparison, pages through them, and an agent decides (different people,
# same person); the audit says who and why; ingesting again (and a record
# that would bridge the two people) undoes neither decision; the store
# verifies clean.
# Usage: cli_review_test.sh IDRES
set -euo pipefail
. "$(dirname "$0")/server_harness.sh" "$1"

person() {  # SOURCE ID GIVEN FAMILY EMAIL CITY
  printf '{"source":"%s","source_id":"%s","name":{"given":"%s","family":"%s"},"address":{"city":"%s"},"identifiers":[{"type":"email","value":"%s"}]}\n' \
    "$1" "$2" "$3" "$4" "$6" "$5"
}

start_server
{
  person crm 1 Jeanne Dupont jd1@x.fr Lyon      # p-1
  person web 2 Jeanne Dupont jeanne@y.fr Lyon   # p-2 ~ p-1: 12.5
  person crm 3 Marc Petit mp@x.fr ""            # p-3
  person web 4 Marc Petit marc@y.fr ""          # p-4 ~ p-3: 11
} >"$work/records.jsonl"
"$idres" ingest "$work/records.jsonl" >/dev/null || fail "ingest"

# The queue, ranked, with the comparison behind each pair.
"$idres" review >"$work/queue.out" || fail "review: $(cat "$work/queue.out")"
head -1 "$work/queue.out" | grep -q "^p-1 ~ p-2  score 10.5" \
  || fail "first: $(cat "$work/queue.out")"
grep -q "^p-3 ~ p-4  score 9.0" "$work/queue.out" || fail "$(cat "$work/queue.out")"
grep -q "crm:1 and web:2: pair score 10.5" "$work/queue.out" \
  || fail "$(cat "$work/queue.out")"
grep -q "given exact +5.0, family exact +6.0" "$work/queue.out" \
  || fail "$(cat "$work/queue.out")"

# Paged: one pair, then the other through the token.
"$idres" review --limit 1 --json >"$work/page1.json" || fail "page 1"
token=$(sed -n 's/.*"next_page_token": "\([^"]*\)".*/\1/p' "$work/page1.json")
[ -n "$token" ] || fail "no token: $(cat "$work/page1.json")"
grep -q '"profile_id_b": "p-2"' "$work/page1.json" || fail "$(cat "$work/page1.json")"
"$idres" review --limit 1 --page-token "$token" >"$work/page2.out" || fail "page 2"
grep -q "^p-3 ~ p-4" "$work/page2.out" || fail "$(cat "$work/page2.out")"
if grep -q "more:" "$work/page2.out"; then fail "a third page"; fi

# The decisions.
"$idres" review --different p-1 p-2 --reason "two customers, different addresses" \
  --actor agent-5 >"$work/diff.out" || fail "different: $(cat "$work/diff.out")"
grep -q "different people: p-1 and p-2 kept apart" "$work/diff.out" \
  || fail "$(cat "$work/diff.out")"
"$idres" review --same p-3 p-4 --reason "same, confirmed by phone" \
  --actor agent-6 --json >"$work/same.json" || fail "same"
grep -q '"profile_id": "p-3"' "$work/same.json" || fail "$(cat "$work/same.json")"
"$idres" review | grep -q "no pending possible match" || fail "queue not empty"

# Who decided, and why.
"$idres" audit --profile p-2 >"$work/audit2.out" || fail "audit p-2"
grep -q 'review different-people by agent-5: p-1,p-2 -> p-1,p-2.*"two customers, different addresses"' \
  "$work/audit2.out" || fail "$(cat "$work/audit2.out")"
"$idres" audit --profile p-4 --json >"$work/audit4.json" || fail "audit p-4"
grep -q '"action": "AUDIT_ACTION_REVIEW_SAME_PERSON"' "$work/audit4.json" \
  || fail "$(cat "$work/audit4.json")"
grep -q '"actor": "agent-6"' "$work/audit4.json" || fail "$(cat "$work/audit4.json")"

# Later data undoes neither: the same records again, a record carrying
# both of the Dupont e-mails, and Marc's web record changed, after a
# restart.
stop_server
start_server
"$idres" ingest "$work/records.jsonl" >"$work/again.out" || fail "ingest again"
grep -q "4 unchanged" "$work/again.out" || fail "$(cat "$work/again.out")"
printf '%s\n' \
  '{"source":"shop","source_id":"9","name":{"given":"Jeanne","family":"Dupont"},"identifiers":[{"type":"email","value":"jd1@x.fr"},{"type":"email","value":"jeanne@y.fr"}]}' \
  '{"source":"web","source_id":"4","name":{"given":"Marcel","family":"Petitjean"},"identifiers":[{"type":"email","value":"other@z.fr"}]}' \
  >"$work/later.jsonl"
"$idres" ingest "$work/later.jsonl" >/dev/null || fail "ingest later"
"$idres" get --profile p-2 --json >"$work/p2.json" || fail "get p-2"
grep -q '"redirected"' "$work/p2.json" && fail "p-2 was merged: $(cat "$work/p2.json")"
grep -q '"profile_id": "p-2"' "$work/p2.json" || fail "$(cat "$work/p2.json")"
"$idres" get --profile p-3 | grep -q "2 records" || fail "p-3 was split"
"$idres" review | grep -q "no pending possible match" || fail "queue refilled"

# Bad input: clear errors, non-zero exits.
if "$idres" review --same p-1 p-2 2>"$work/err"; then fail "no reason"; fi
grep -q "INVALID_ARGUMENT: reason" "$work/err" || fail "$(cat "$work/err")"
if "$idres" review --limit 500 2>"$work/err"; then fail "limit"; fi
grep -q "INVALID_ARGUMENT: page_size: must be 0 to 100" "$work/err" || fail "$(cat "$work/err")"
if "$idres" review --same p-1 p-2 --reason x 2>"$work/err"; then fail "decided twice"; fi
grep -q "FAILED_PRECONDITION: p-1 and p-2 were already decided" "$work/err" \
  || fail "$(cat "$work/err")"

stop_server
"$idres" verify --db "$work/db" | tail -1 | grep -q "^clean" || fail "verify not clean"
echo "cli review: ok"
