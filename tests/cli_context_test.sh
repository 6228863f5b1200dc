#!/usr/bin/env bash
# Issue scenario through the real binary: a customer chats with the bot,
# then calls the hotline from a phone only the CRM record links to; the
# agent's `idres context` shows the chat, the open case and the fact.
# Usage: cli_context_test.sh IDRES
set -euo pipefail
. "$(dirname "$0")/server_harness.sh" "$1"
start_server

echo '{"source":"chat","source_id":"web-1","identifiers":[{"type":"email","value":"sophie.b@gmail.com"}],"name":{"given":"Sophie"}}' \
  | "$idres" ingest - >/dev/null
"$idres" interact --id email:sophie.b@gmail.com --channel chat --actor bot-1 \
  --actor-kind bot --summary "Colis non reçu" --fact order_number=4471 \
  --case C-88 --status open --intent delivery_delay >/dev/null
echo '{"source":"crm","source_id":"CRM-9","identifiers":[{"type":"email","value":"Sophie.B@gmail.com"},{"type":"phone","value":"06 11 22 33 44"}],"name":{"given":"Sophie","family":"Bernard"}}' \
  | "$idres" ingest - >/dev/null

"$idres" context --id phone:"06 11 22 33 44" >"$work/context.txt"
grep -q "Sophie Bernard" "$work/context.txt" || fail "$(cat "$work/context.txt")"
grep -q "case C-88 open" "$work/context.txt" || fail "no open case: $(cat "$work/context.txt")"
grep -q "fact order_number = 4471 (chat" "$work/context.txt" || fail "no fact"
grep -q "chat bot-1: Colis non reçu" "$work/context.txt" || fail "no chat"
"$idres" context --id phone:0611223344 --json | grep -q '"order_number"' || fail "json"

# Bad input: a clear error, exit 1, nothing written.
if "$idres" interact --id email:nobody@mail.fr --channel chat --summary x 2>"$work/err"; then
  fail "unknown identifier accepted"
fi
grep -q NOT_FOUND "$work/err" || fail "$(cat "$work/err")"
# Terminal escapes in text: refused naming the field; the error printed
# escaped, never raw; nothing added to the context.
esc="$(printf '\033[2J')"
if "$idres" interact --id email:sophie.b@gmail.com --channel chat \
    --summary "hi${esc}" --fact "k${esc}=1" 2>"$work/err"; then
  fail "control character accepted"
fi
grep -q "INVALID_ARGUMENT: interaction" "$work/err" || fail "$(cat "$work/err")"
grep -q "U+001B" "$work/err" || fail "$(cat "$work/err")"
if grep -q "$(printf '\033')" "$work/err"; then fail "raw escape printed"; fi
"$idres" context --id phone:0611223344 --json >"$work/after.json"
grep -c '"summary"' "$work/after.json" | grep -qx 1 || fail "interaction added"
"$idres" search --name "bernard sophie" | grep -q "^p-1 " || fail "search"
"$idres" watch --from 1 --max 3 | grep -c "^#" | grep -qx 3 || fail "watch"
echo "cli context: ok"
