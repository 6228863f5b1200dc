#!/usr/bin/env bash
# Regenerates tests/data/schema2_store/: a small store written by the
# previous release (schema 2, commit 8f92402), with what that release
# answered about it, for the migration test (tests/cli_migration_test.sh).
#
# usage: tests/data/make_schema2_store.sh IDRES_OF_THE_PREVIOUS_RELEASE [OUT]
#   IDRES_OF_THE_PREVIOUS_RELEASE  an `idres` built from commit 8f92402
#                                  (e.g. git worktree add /tmp/base 8f92402,
#                                  build it, pass /tmp/base/build/idres)
#   OUT                            default tests/data/schema2_store
#
# What the store holds: examples/customers.jsonl and
# examples/quality_customers.jsonl ingested; a manual merge (p-2 + p-3, a
# household) split again (must-links, cannot-links, a moved redirect,
# audit entries); a record re-sent with another e-mail (an update whose
# old index key is gone); a record deleted; an interaction and a consent.
# Beside it: export.csv (every record's profile) and context_p-N.json
# (`idres context --json`) as that release answered them. Timestamps come
# from the clock, so a regenerated store is equivalent, not identical.
set -euo pipefail
base=$1
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out=${2:-$repo/tests/data/schema2_store}
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill -TERM "$server" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "make_schema2_store: $*" >&2; exit 1; }

"$base" serve --db "$work/db" --listen 127.0.0.1:0 2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do
  grep -q "(port " "$work/serve.log" && break
  sleep 0.1
done
port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$work/serve.log")
[ -n "$port" ] || fail "server did not start: $(cat "$work/serve.log")"
export IDRES_ADDR=127.0.0.1:$port

"$base" ingest "$repo/examples/customers.jsonl" >/dev/null 2>&1 ||
  fail "ingest customers"
"$base" ingest "$repo/examples/quality_customers.jsonl" >/dev/null 2>&1 ||
  fail "ingest quality_customers"
"$base" merge p-2 p-3 --reason "one household" --actor agent-1 >/dev/null ||
  fail "merge"
"$base" split p-2 --records crm:CRM-0002211,chat:web-9120,shop:order-80455 \
  --reason "two people of one household" --actor agent-2 >"$work/split.out" ||
  fail "split"
split_id=$(sed -n 's/.* now in \(p-[0-9]*\).*/\1/p' "$work/split.out" | head -1)
[ -n "$split_id" ] || fail "split: $(cat "$work/split.out")"
# An update: the CRM record of p-1 with another e-mail address.
grep '"CRM-0001847"' "$repo/examples/customers.jsonl" |
  sed 's/Ephilippe@Free.fr/emilie.philippe@free.fr/' >"$work/update.jsonl"
"$base" ingest "$work/update.jsonl" >/dev/null 2>&1 || fail "update"
"$base" delete-record ivr:call-20260302-0193 --reason "erasure request" \
  --actor agent-3 >/dev/null || fail "delete-record"
"$base" interact --id email:ephilippe@free.fr --channel chat --actor bot-1 \
  --actor-kind bot --summary "Colis non reçu" --fact order_number=4471 \
  --case C-88 --status open >/dev/null || fail "interact"
"$base" consent --id email:ephilippe@free.fr --purpose marketing \
  --granted false --source web_form >/dev/null || fail "consent"

rm -rf "$out"
mkdir -p "$out"
"$base" export >"$out/export.csv" || fail "export"
for id in p-1 p-2 "$split_id" p-100 p-200; do
  "$base" context --profile "$id" --json >"$out/context_$id.json" ||
    fail "context $id"
done
echo "$split_id" >"$out/split_profile"
kill -TERM "$server"
wait "$server" || true
server=""
# RocksDB's info logs are not part of the store.
rm -f "$work"/db/LOG "$work"/db/LOG.old.* "$work"/db/LOCK
mv "$work/db" "$out/db"
echo "schema-2 store in $out ($(du -sh "$out" | cut -f1))"
