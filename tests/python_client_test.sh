#!/usr/bin/env bash
# The Python chatbot of examples/python against the real binary: it
# fetches the context by phone, records an interaction, and the agent's
# `idres context` (the C++ client) then shows what the bot recorded; an
# unknown number exits 3 without writing; through TLS with a bot's token
# it reads masked identifiers, and without a token it is refused.
# Usage: python_client_test.sh IDRES CHATBOT_PY PYTHON_STUBS_DIR
set -euo pipefail
. "$(dirname "$0")/server_harness.sh" "$1"
chatbot=$2
export PYTHONPATH=$3
python=/usr/bin/python3
records="$(dirname "$0")/../examples/customers.jsonl"

start_server
"$idres" ingest "$records" >/dev/null || fail "ingest"

"$python" "$chatbot" --phone "06 48 51 00 52" --summary "Où est ma commande ?" \
  --intent delivery_delay --fact order_number=4471 --case C-7 \
  >"$work/bot.txt" 2>"$work/err" || fail "chatbot: $(cat "$work/err")"
# What the bot knew before it wrote: the CRM customer, reached by the
# phone of the IVR record, with the e-mail of the chat record.
sed -n '/^bot knows:/,/^recorded/p' "$work/bot.txt" >"$work/before.txt"
grep -q "^profile p-[0-9]*: .*PHILIPPE\|^profile p-[0-9]*: .*Philippe" \
  "$work/before.txt" || fail "no name: $(cat "$work/bot.txt")"
grep -q "identifier email: ephilippe@free.fr" "$work/before.txt" \
  || fail "no e-mail: $(cat "$work/bot.txt")"
if grep -q "order_number" "$work/before.txt"; then
  fail "fact before it was given: $(cat "$work/bot.txt")"
fi
grep -q "^recorded i-[0-9]* on p-[0-9]*" "$work/bot.txt" \
  || fail "not recorded: $(cat "$work/bot.txt")"
sed -n '/^agent sees:/,$p' "$work/bot.txt" >"$work/after.txt"
grep -q "  fact order_number = 4471" "$work/after.txt" \
  || fail "no fact: $(cat "$work/bot.txt")"
grep -q "  case C-7 CASE_STATUS_OPEN: Où est ma commande ?" "$work/after.txt" \
  || fail "no case: $(cat "$work/bot.txt")"
grep -q "  interaction chat bot-py: Où est ma commande ?" "$work/after.txt" \
  || fail "no interaction: $(cat "$work/bot.txt")"

# The agent, on the C++ client, by another identifier of the same person.
"$idres" context --id email:ephilippe@free.fr >"$work/agent.txt"
grep -q "chat bot-py: Où est ma commande ?" "$work/agent.txt" \
  || fail "agent: $(cat "$work/agent.txt")"
grep -q "fact order_number = 4471" "$work/agent.txt" \
  || fail "agent fact: $(cat "$work/agent.txt")"

# An unknown number: exit 3, the gRPC code and message, nothing written.
records_before=$("$idres" export | sort)
set +e
"$python" "$chatbot" --phone "06 12 98 76 54" --summary x >/dev/null \
  2>"$work/err"
rc=$?
set -e
[ "$rc" = 3 ] || fail "unknown number: exit $rc, $(cat "$work/err")"
grep -q "idres: NOT_FOUND: identifier phone:06 12 98 76 54: unknown" "$work/err" \
  || fail "$(cat "$work/err")"
"$idres" context --id email:ephilippe@free.fr --json >"$work/agent.json"
[ "$(grep -c '"summary"' "$work/agent.json")" = 1 ] \
  || fail "an interaction was added: $(cat "$work/agent.json")"
[ "$("$idres" export | sort)" = "$records_before" ] || fail "records moved"
stop_server

# Through TLS with tokens: a bot's token reads masked identifiers; no
# token is refused.
( cd "$work" && printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >san.cnf \
  && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
       -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=test-ca \
  && openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
       -keyout server.key -out server.csr -subj /CN=localhost \
  && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key \
       -CAcreateserial -out server.pem -days 2 -extfile san.cnf ) \
  >/dev/null 2>&1 || fail "openssl"
tokens="$work/tokens"
bot=$("$idres" token add --tokens "$tokens" --name py-bot --role bot)
start_server --tls-cert "$work/server.pem" --tls-key "$work/server.key" \
  --tokens "$tokens"
IDRES_ADDR="localhost:${IDRES_ADDR##*:}"
"$python" "$chatbot" --addr "$IDRES_ADDR" --ca "$work/ca.pem" --token "$bot" \
  --phone "+33648510052" --summary "Rappel" >"$work/tls.txt" 2>"$work/err" \
  || fail "chatbot over TLS: $(cat "$work/err")"
grep -q "identifier email: e\*\*\*@free.fr" "$work/tls.txt" \
  || fail "not masked: $(cat "$work/tls.txt")"
if grep -q "ephilippe@free.fr" "$work/tls.txt"; then
  fail "the bot read the e-mail: $(cat "$work/tls.txt")"
fi
# The interaction carries the token's name; the bot's claim is a note.
grep -q "interaction chat py-bot (note: bot-py): Rappel" "$work/tls.txt" \
  || fail "actor: $(cat "$work/tls.txt")"
set +e
"$python" "$chatbot" --addr "$IDRES_ADDR" --ca "$work/ca.pem" \
  --phone "+33648510052" --summary x >/dev/null 2>"$work/err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "anonymous: exit $rc"
grep -q "idres: UNAUTHENTICATED" "$work/err" || fail "$(cat "$work/err")"
echo "python client: ok"
