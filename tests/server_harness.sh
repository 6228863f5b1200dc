# Sourced by the shell tests that drive the real binary: a work directory
# removed on exit, `fail`, and an `idres serve` on a free loopback port.
#   . "$(dirname "$0")/server_harness.sh" IDRES
#   start_server        # serves $work/db; exports IDRES_ADDR
#   start_server_on DB [serve flags...]   # the same on another store
#   stop_server         # SIGTERM, then waits
# KEEP=1 keeps the work directory for a post-mortem.
idres=$1
work=$(mktemp -d)
server=""
trap 'stop_server 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

start_server() { start_server_on "$work/db" "$@"; }

start_server_on() {
  local db=$1
  shift
  # The child truncates the log only once it runs: remove the previous
  # server's log first, or its "(port N)" line could be read instead.
  rm -f "$work/serve.log"
  "$idres" serve --db "$db" --listen 127.0.0.1:0 "$@" 2>"$work/serve.log" &
  server=$!
  for _ in $(seq 100); do
    grep -q "(port " "$work/serve.log" && break
    sleep 0.1
  done
  port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$work/serve.log")
  [ -n "$port" ] || fail "server did not start: $(cat "$work/serve.log")"
  export IDRES_ADDR=127.0.0.1:$port
}

stop_server() {
  [ -n "$server" ] || return 0
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}
