#!/usr/bin/env bash
# A store written by the previous release (schema 2: tests/data/
# schema2_store, made by tests/data/make_schema2_store.sh) migrated both
# ways, offline by `idres migrate` and by `idres serve` at open: every
# record stays in its profile (the same export), contexts are the same,
# the store verifies clean, and later changes leave no orphan entry.
# Usage: cli_migration_test.sh IDRES FIXTURE_DIR
set -euo pipefail
. "$(dirname "$0")/server_harness.sh" "$1"
fixture=$2

# The server at $IDRES_ADDR answers as the previous release did.
check_answers() {
  "$idres" export >"$work/export.csv" || fail "export"
  diff "$fixture/export.csv" "$work/export.csv" >&2 || fail "export differs"
  for f in "$fixture"/context_*.json; do
    id=$(basename "$f" .json)
    id=${id#context_}
    "$idres" context --profile "$id" --json >"$work/context.json" ||
      fail "context $id"
    diff "$f" "$work/context.json" >&2 || fail "context $id differs"
  done
}

verify_clean() {  # DB
  "$idres" verify --db "$1" >"$work/verify.out" ||
    fail "verify $1: $(cat "$work/verify.out")"
  grep -q "^clean: " "$work/verify.out" || fail "$(cat "$work/verify.out")"
}

# Offline: the old store is refused with the way out, then migrated.
cp -r "$fixture/db" "$work/a"
if "$idres" verify --db "$work/a" 2>"$work/err"; then
  fail "verify read a schema-2 store"
fi
grep -q "schema version 2.*idres migrate --db" "$work/err" ||
  fail "$(cat "$work/err")"
"$idres" migrate --db "$work/a" >"$work/migrate.out" ||
  fail "migrate: $(cat "$work/migrate.out")"
grep -q "from schema 2 to 3 in .*: 1067 records" "$work/migrate.out" ||
  fail "$(cat "$work/migrate.out")"
verify_clean "$work/a"
"$idres" migrate --db "$work/a" >"$work/again.out" || fail "migrate again"
grep -q "nothing to do" "$work/again.out" || fail "$(cat "$work/again.out")"

start_server_on "$work/a"
if grep -q "migrat" "$work/serve.log"; then fail "serve migrated again"; fi
check_answers
# Later changes remove exactly the entries they recorded: an update that
# drops an e-mail, a deletion, a manual merge moving records. The last two
# holders of ephilippe@free.fr (the CRM record changed it in the fixture)
# are the updated and the deleted record: nobody holds it after.
printf '%s\n' '{"source":"chat","source_id":"web-8841","identifiers":[{"type":"email","value":"emilie.p@free.fr"}],"name":{"given":"Emilie"}}' \
  >"$work/update.jsonl"
"$idres" ingest "$work/update.jsonl" >/dev/null || fail "update"
"$idres" delete-record shop:order-77120 --reason "erasure request" >/dev/null ||
  fail "delete-record"
"$idres" merge p-100 p-200 --reason "checked by phone" >/dev/null || fail "merge"
if "$idres" get --id email:ephilippe@free.fr 2>"$work/err"; then
  fail "an e-mail nobody holds any more is still found"
fi
grep -q "NOT_FOUND" "$work/err" || fail "$(cat "$work/err")"
"$idres" get --id email:emilie.p@free.fr >"$work/get.out" || fail "get new"
grep -q "chat:web-8841" "$work/get.out" || fail "$(cat "$work/get.out")"
stop_server
verify_clean "$work/a"

# At open: `idres serve` migrates and says so.
cp -r "$fixture/db" "$work/b"
start_server_on "$work/b"
grep -q "migrated .* from schema 2 to 3 in .* s: 1067 records" \
  "$work/serve.log" || fail "$(cat "$work/serve.log")"
check_answers
stop_server
verify_clean "$work/b"

# Reindex: the same pass on a schema-3 store finds nothing to change.
"$idres" reindex --db "$work/b" >"$work/reindex.out" || fail "reindex"
grep -q "at schema 3 in .*(0 rekeyed), .* 0 written, 0 stale removed" \
  "$work/reindex.out" || fail "$(cat "$work/reindex.out")"
verify_clean "$work/b"
echo "cli_migration: ok"
