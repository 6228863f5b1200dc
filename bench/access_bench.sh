#!/usr/bin/env bash
# The cost of access control, in one run on one store: GetContext (and the
# ping beside it) on a plaintext server without tokens, with tokens only
# (loopback), and with TLS and tokens, each `idres bench --workload
# context` for DURATION seconds at INFLIGHT calls in flight. docs/
# performance.md quotes it. The three settings take turns ROUNDS times,
# so that a shared machine's drift falls on each alike.
# Usage: access_bench.sh IDRES RECORDS.jsonl [DURATION] [INFLIGHT] [ROUNDS]
# Prints one machine-readable line per setting and round, prefixed with
# the setting's name.
set -euo pipefail
idres=$(realpath "$1")
records=$2
duration=${3:-10}
inflight=${4:-8}
rounds=${5:-1}
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill -TERM "$server" 2>/dev/null; wait; rm -rf "$work"' EXIT

( cd "$work" && printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >san.cnf \
  && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
       -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=bench-ca \
  && openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
       -keyout server.key -out server.csr -subj /CN=localhost \
  && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key \
       -CAcreateserial -out server.pem -days 2 -extfile san.cnf ) >/dev/null 2>&1
agent=$("$idres" token add --tokens "$work/tokens" --name desk --role agent \
  2>/dev/null)

# serve [serve flags...]: starts the server on $work/db, port 0.
serve() {
  rm -f "$work/serve.log"
  "$idres" serve --db "$work/db" --listen 127.0.0.1:0 "$@" 2>"$work/serve.log" &
  server=$!
  for _ in $(seq 200); do
    grep -qs "(port " "$work/serve.log" && break
    sleep 0.05
  done
  port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$work/serve.log")
  [ -n "$port" ] || { cat "$work/serve.log" >&2; exit 1; }
  export IDRES_ADDR=127.0.0.1:$port
}
stop() { kill -TERM "$server"; wait "$server" || true; server=; }

serve
"$idres" ingest "$records" >/dev/null 2>&1 || true
stop
context() {  # NAME [client flags...]
  local name=$1
  shift
  echo "$name $("$idres" bench --workload context --records "$records" \
    --inflight "$inflight" --duration "$duration" "$@" | tail -1)"
}
for _ in $(seq "$rounds"); do
  serve
  context plain
  stop
  serve --tokens "$work/tokens"
  context token --token "$agent"
  stop
  serve --tokens "$work/tokens" --tls-cert "$work/server.pem" \
    --tls-key "$work/server.key"
  context tls+token --ca "$work/ca.pem" --token "$agent"
  stop
done
