#!/usr/bin/env bash
# `serve --http` through the real binary and curl: the issue's GetContext
# example, a 404 with the gRPC message, /metrics counting the calls, and
# plain HTTP refused off loopback.
# Usage: cli_gateway_test.sh IDRES
set -euo pipefail
. "$(dirname "$0")/server_harness.sh" "$1"
start_server --http 127.0.0.1:0
http=$(sed -n 's/.*HTTP gateway on .* (port \([0-9]*\), http).*/\1/p' \
  "$work/serve.log")
[ -n "$http" ] || fail "no HTTP gateway: $(cat "$work/serve.log")"
url=http://127.0.0.1:$http

echo '{"source":"crm","source_id":"1","identifiers":[{"type":"email","value":"jean.dupont@free.fr"}],"name":{"given":"Jean","family":"Dupont"}}' \
  | "$idres" ingest - >/dev/null
call() {  # call BODY -> prints "STATUS BODY"
  curl -s -o "$work/body" -w '%{http_code}' -X POST \
    "$url/v1/idres.v1.Identity/GetContext" -d "$1"
  echo " $(cat "$work/body")"
}
out=$(call '{"target":{"identifier":{"type":"email","value":"jean.dupont@free.fr"}}}')
case "$out" in 200\ *'"family":"Dupont"'*) ;; *) fail "GetContext: $out" ;; esac
"$idres" context --id email:jean.dupont@free.fr --json >"$work/grpc.json"
grep -q '"Dupont"' "$work/grpc.json" || fail "gRPC context: $(cat "$work/grpc.json")"

out=$(call '{"target":{"identifier":{"type":"email","value":"marie.curie@orange.fr"}}}')
case "$out" in
  404\ '{"code":"NOT_FOUND","message":"'*marie.curie@orange.fr*) ;;
  *) fail "unknown identifier: $out" ;;
esac
out=$(call '{"target":{"identifier":{"type":"email","value":"x@y.fr"}},"oops":1}')
case "$out" in 400\ *oops*) ;; *) fail "unknown field: $out" ;; esac

metrics=$(curl -s "$url/metrics")
count=$(printf '%s\n' "$metrics" | sed -n \
  's/^idres_rpc_requests_total{method="idres.v1.Identity\/GetContext"} //p')
# Three GetContext reach the server: two over HTTP (the unknown field is
# refused by the gateway), one by `idres context`.
[ "$count" = 3 ] || fail "GetContext counted $count: $metrics"
printf '%s\n' "$metrics" | grep -v '^#' | grep -v '^$' \
  | grep -Ev '^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+0-9.eEInfNa]+$' \
  && fail "lines not in the Prometheus text format"
stop_server

# Plain HTTP on a non-loopback address: refused at start, exit 2.
set +e
"$idres" serve --db "$work/db2" --listen 127.0.0.1:0 --http 0.0.0.0:0 \
  2>"$work/err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "non-loopback --http without TLS: exit $rc"
grep -q -- "--http: refusing" "$work/err" || fail "$(cat "$work/err")"
echo ok
