#!/usr/bin/env bash
# Privacy verbs through the real binary: export-person prints one JSON
# document about the person, erase removes them (no API shows them, no file
# of the store holds their e-mail, server running and after a restart),
# and verify checks the store, retention included.
# Usage: cli_privacy_test.sh IDRES
set -euo pipefail
. "$(dirname "$0")/server_harness.sh" "$1"

start_server
cat >"$work/people.jsonl" <<'JSONL'
{"source":"crm","source_id":"c-501","name":{"given":"Yann","family":"Oubli"},"address":{"line1":"17 rue des Tanneurs","postal_code":"59200","city":"Tourcoing"},"identifiers":[{"type":"email","value":"yann.oubli@laposte.net"}]}
{"source":"chat","source_id":"chat:yann.oubli@laposte.net","identifiers":[{"type":"email","value":"yann.oubli@laposte.net"}]}
{"source":"crm","source_id":"c-502","name":{"given":"Inès","family":"Garnier"},"identifiers":[{"type":"email","value":"ines.garnier@mail.fr"}]}
JSONL
"$idres" ingest "$work/people.jsonl" >/dev/null || fail "ingest"
"$idres" interact --id email:yann.oubli@laposte.net --channel chat \
  --summary "colis jamais arrivé à Tourcoing" --fact order=CMD-77120 >/dev/null \
  || fail "interact"

"$idres" export-person --id email:yann.oubli@laposte.net >"$work/export.json" \
  || fail "export-person"
grep -q '"source_id": "chat:yann.oubli@laposte.net"' "$work/export.json" \
  || fail "export lacks the chat record: $(cat "$work/export.json")"
grep -q '"CMD-77120"' "$work/export.json" || fail "export lacks the fact"

if "$idres" erase --id email:yann.oubli@laposte.net 2>"$work/err"; then
  fail "erase without a reason"
fi
"$idres" erase --id email:yann.oubli@laposte.net --reason "GDPR request" \
  >"$work/erase.out" || fail "erase: $(cat "$work/erase.out")"
grep -q "erased p-1: 2 records, 1 interactions" "$work/erase.out" \
  || fail "$(cat "$work/erase.out")"
if "$idres" get --id email:yann.oubli@laposte.net 2>"$work/err"; then
  fail "the erased person still answers"
fi
grep -q NOT_FOUND "$work/err" || fail "$(cat "$work/err")"

on_disk() { grep -rlai -e "yann.oubli" -e "Tanneurs" -e "CMD-77120" "$work/db" || true; }
[ -z "$(on_disk)" ] || fail "still on disk: $(on_disk)"
"$idres" get --id email:ines.garnier@mail.fr >/dev/null || fail "Inès is gone"
stop_server
[ -z "$(on_disk)" ] || fail "still on disk after stop: $(on_disk)"
"$idres" verify --db "$work/db" >"$work/verify.out" || fail "$(cat "$work/verify.out")"
grep -q "^clean" "$work/verify.out" || fail "$(cat "$work/verify.out")"
"$idres" verify --db "$work/db" --retain-interactions 730d --retain-events 90d \
  >"$work/verify.out" || fail "$(cat "$work/verify.out")"
grep -q "^clean" "$work/verify.out" || fail "$(cat "$work/verify.out")"
if "$idres" verify --db "$work/db" --retain-events 5x 2>"$work/err"; then
  fail "a bad period"
fi
grep -q "retain-events" "$work/err" || fail "$(cat "$work/err")"
echo "cli_privacy: ok"
