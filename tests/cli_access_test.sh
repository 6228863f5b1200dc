#!/usr/bin/env bash
# Access control through the real binary: `idres token add`, a TLS server
# with a token file, clients with --ca and --token (or IDRES_CA,
# IDRES_TOKEN), refusals, the audit naming the token, SIGHUP reloading the
# tokens, backups only under --backup-dir, the exposure rule, no port
# reuse, and files readable by their owner only.
# Usage: cli_access_test.sh IDRES
set -euo pipefail
. "$(dirname "$0")/server_harness.sh" "$1"

# A throwaway CA and a server certificate for localhost and 127.0.0.1.
( cd "$work" && printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >san.cnf \
  && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
       -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=test-ca \
  && openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
       -keyout server.key -out server.csr -subj /CN=localhost \
  && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key \
       -CAcreateserial -out server.pem -days 2 -extfile san.cnf ) \
  >/dev/null 2>&1 || fail "openssl"

tokens="$work/tokens"
admin=$("$idres" token add --tokens "$tokens" --name ops --role admin)
agent=$("$idres" token add --tokens "$tokens" --name ann --role agent)
bot=$("$idres" token add --tokens "$tokens" --name bot-1 --role bot)
auditor=$("$idres" token add --tokens "$tokens" --name audit --role auditor \
  2>/dev/null)
[ -n "$admin" ] && [ "$admin" != "$agent" ] || fail "tokens: '$admin' '$agent'"
grep -q "$admin" "$tokens" && fail "the token itself is stored"
[ "$(stat -c %a "$tokens")" = 600 ] || fail "token file mode $(stat -c %a "$tokens")"
if "$idres" token add --tokens "$tokens" --name ops --role bot 2>"$work/err"; then
  fail "duplicate name accepted"
fi
grep -q "ops is already in" "$work/err" || fail "$(cat "$work/err")"
if "$idres" token add --tokens "$tokens" --name x --role root 2>/dev/null; then
  fail "unknown role accepted"
fi

mkdir -p "$work/backups"
start_server --tls-cert "$work/server.pem" --tls-key "$work/server.key" \
  --tokens "$tokens" --backup-dir "$work/backups"
export IDRES_CA="$work/ca.pem"

printf '%s\n' \
  '{"source":"crm","source_id":"1","name":{"given":"Jean","family":"Dupont"},"identifiers":[{"type":"email","value":"jean.dupont@free.fr"},{"type":"phone","value":"06 12 34 56 52"}]}' \
  '{"source":"shop","source_id":"7","name":{"given":"Paul","family":"Martin"},"identifiers":[{"type":"email","value":"paul.martin@gmail.com"}]}' \
  >"$work/records.jsonl"
IDRES_TOKEN=$admin "$idres" ingest "$work/records.jsonl" >/dev/null \
  || fail "ingest with the admin token"

# Anonymous, unknown, outside the role, and without TLS: refused.
if "$idres" get --profile p-1 2>"$work/err"; then fail "anonymous get"; fi
grep -q "UNAUTHENTICATED" "$work/err" || fail "$(cat "$work/err")"
if "$idres" get --profile p-1 --token idres_nope 2>"$work/err"; then
  fail "unknown token"
fi
grep -q "UNAUTHENTICATED: unknown token" "$work/err" || fail "$(cat "$work/err")"
if "$idres" get --profile p-1 --token "$bot" 2>"$work/err"; then
  fail "a bot read a profile"
fi
grep -q "PERMISSION_DENIED: role bot (bot-1) may not call GetProfile" \
  "$work/err" || fail "$(cat "$work/err")"
if IDRES_CA= "$idres" get --profile p-1 --token "$agent" 2>"$work/err"; then
  fail "plaintext client talked to the TLS server"
fi
"$idres" get --profile p-1 --token "$agent" --ca "$work/ca.pem" >/dev/null \
  || fail "agent get with --ca"

# A bot reads masked identifiers.
"$idres" context --id email:jean.dupont@free.fr --token "$bot" \
  >"$work/bot.txt" || fail "bot context"
grep -q "j\*\*\*@free.fr" "$work/bot.txt" || fail "$(cat "$work/bot.txt")"
if grep -q "jean.dupont@free.fr" "$work/bot.txt"; then
  fail "bot saw the e-mail: $(cat "$work/bot.txt")"
fi

# The audit names the token, whatever --actor said.
"$idres" merge p-1 p-2 --reason "same person" --actor the-ceo \
  --token "$agent" >/dev/null || fail "merge"
"$idres" audit --profile p-1 --token "$auditor" >"$work/audit.txt" \
  || fail "audit"
grep -q "ann (note: the-ceo)" "$work/audit.txt" || fail "$(cat "$work/audit.txt")"

# SIGHUP re-reads the token file.
late=$("$idres" token add --tokens "$tokens" --name late --role auditor)
kill -HUP "$server"
ok=""
for _ in $(seq 50); do
  if "$idres" audit --profile p-1 --token "$late" >/dev/null 2>&1; then
    ok=1; break
  fi
  sleep 0.1
done
[ -n "$ok" ] || fail "token added and SIGHUP: still refused"

# Backups: admin only, under --backup-dir only, owner-only files.
if "$idres" backup --to "$work/backups/b0" --token "$agent" 2>/dev/null; then
  fail "agent backup"
fi
if "$idres" backup --to "$work/elsewhere" --token "$admin" 2>"$work/err"; then
  fail "backup outside --backup-dir"
fi
grep -q "PERMISSION_DENIED" "$work/err" || fail "$(cat "$work/err")"
"$idres" backup --to "$work/backups/b1" --token "$admin" >/dev/null \
  || fail "admin backup"
for d in "$work/db" "$work/backups/b1"; do
  loose=$(find "$d" -perm /077 | head -3)
  [ -z "$loose" ] || fail "readable by others: $loose"
done

# Only one server per port.
if "$idres" serve --db "$work/db2" --listen "127.0.0.1:$port" \
    2>"$work/second.log"; then
  fail "a second server started on port $port"
fi
grep -q "cannot listen on 127.0.0.1:$port" "$work/second.log" \
  || fail "$(cat "$work/second.log")"
stop_server

# Tokens without TLS, on loopback: the token still goes with every call.
start_server --tokens "$tokens"
IDRES_CA= "$idres" get --profile p-1 --token "$agent" >/dev/null \
  || fail "plaintext loopback with a token"
if IDRES_CA= "$idres" get --profile p-1 2>"$work/err"; then
  fail "plaintext loopback without a token"
fi
grep -q "UNAUTHENTICATED" "$work/err" || fail "$(cat "$work/err")"
stop_server

# Mutual TLS: the server asks for a client certificate signed by its
# --client-ca; a client with --cert and --key gets in, one without does
# not.
( cd "$work" && openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
       -nodes -keyout client.key -out client.csr -subj /CN=desk-1 \
  && openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key \
       -CAcreateserial -out client.pem -days 2 ) >/dev/null 2>&1 \
  || fail "openssl client certificate"
start_server --tls-cert "$work/server.pem" --tls-key "$work/server.key" \
  --client-ca "$work/ca.pem" --tokens "$tokens"
"$idres" get --profile p-1 --token "$agent" --cert "$work/client.pem" \
  --key "$work/client.key" >/dev/null || fail "mTLS client with --cert"
IDRES_CERT="$work/client.pem" IDRES_KEY="$work/client.key" \
  "$idres" get --profile p-1 --token "$agent" >/dev/null \
  || fail "mTLS client with IDRES_CERT"
if "$idres" get --profile p-1 --token "$agent" 2>"$work/err"; then
  fail "a client without a certificate passed mutual TLS"
fi
if "$idres" get --profile p-1 --token "$agent" --cert "$work/client.pem" \
    2>"$work/err"; then
  fail "--cert without --key accepted"
fi
grep -q -- "--cert and --key: give both" "$work/err" || fail "$(cat "$work/err")"
stop_server

# Off loopback: TLS and tokens, or --insecure.
if "$idres" serve --db "$work/db3" --listen 0.0.0.0:0 2>"$work/open.log"; then
  fail "served on 0.0.0.0 without TLS"
fi
grep -q "refusing to listen on 0.0.0.0:0" "$work/open.log" \
  || fail "$(cat "$work/open.log")"
[ ! -e "$work/db3" ] || fail "a store was created before the refusal"
echo "cli_access: ok"
