#!/usr/bin/env bash
# Streaming clients that cannot hang, through the real binary.
# Usage: cli_stream_end_test.sh IDRES MODE
#   kill      `idres ingest` of 60,000 records, server killed with SIGKILL
#             mid-stream: ingest prints its counts and exits 3 within 10 s;
#             after a restart every acknowledged record is stored.
#   term      the same with a clean shutdown (SIGTERM) of the server.
#   bench     the same with `idres bench --workload resolve` (exit 1).
#   longline  a 10 MB line and a 600 KB line among valid ones: each is
#             rejected with its line number, every other line is stored.
set -euo pipefail
mode=$2
. "$(dirname "$0")/server_harness.sh" "$1"

# Writes $1 records, two per e-mail so that some link, one JSON per line.
records() {
  awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
    printf "{\"source\":\"%s\",\"source_id\":\"%d\",\"identifiers\":" \
      "[{\"type\":\"email\",\"value\":\"client%d@mail.fr\"},{\"type\":" \
      "\"phone\",\"value\":\"07 %02d %02d %02d %02d\"}]}\n", \
      (i % 2 ? "shop" : "crm"), i, int(i / 2), int(i / 1000000) % 100, \
      int(i / 10000) % 100, int(i / 100) % 100, i % 100 }'
}

# Prints the sorted "source,source_id" of every record stored.
stored_keys() { "$idres" export | tail -n +2 | cut -d, -f1,2 | sort -u; }

# Waits (up to 60 s) until the file $1 holds at least $2 lines.
await_lines() {
  for _ in $(seq 600); do
    [ "$(cat "$1" 2>/dev/null | wc -l)" -ge "$2" ] && return 0
    sleep 0.1
  done
  fail "$1 did not reach $2 lines"
}

# Waits (up to $2 s) for process $1 to exit; sets rc to its status.
await_exit() {
  for _ in $(seq $(($2 * 10))); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$1" 2>/dev/null; then
    kill -9 "$1"
    fail "client still running $2 s after the server went"
  fi
  rc=0
  wait "$1" || rc=$?
}

# Streams $work/records.jsonl with `ingest` or `bench`, ends the server with
# signal $2 once 3,000 records are acknowledged, checks the client's end and
# then the store.
interrupted_stream() {
  local client=$1 signal=$2 expected_rc=$3 pid
  records 60000 >"$work/records.jsonl"
  start_server
  if [ "$client" = ingest ]; then
    "$idres" ingest --acked "$work/acked" "$work/records.jsonl" \
      >"$work/client.out" 2>"$work/client.err" &
  else
    "$idres" bench --workload resolve --records "$work/records.jsonl" \
      --acked "$work/acked" >"$work/client.out" 2>"$work/client.err" &
  fi
  pid=$!
  await_lines "$work/acked" 3000
  kill "-$signal" "$server"
  await_exit "$pid" 10
  wait "$server" 2>/dev/null || true
  server=""
  [ "$rc" = "$expected_rc" ] \
    || fail "exit $rc, not $expected_rc: $(cat "$work/client.out" "$work/client.err")"
  acked=$(wc -l <"$work/acked")
  [ "$acked" -lt 60000 ] || fail "every record acknowledged: the server was not interrupted"
  if [ "$client" = ingest ]; then
    grep -q "stream ended early: $acked records acknowledged, [0-9]* sent and not acknowledged" \
      "$work/client.out" || fail "no end summary: $(cat "$work/client.out")"
    grep -q "^$work/records.jsonl: $acked records in " "$work/client.out" \
      || fail "summary: $(cat "$work/client.out")"
  else
    grep -q "stream ended early" "$work/client.err" || fail "$(cat "$work/client.err")"
  fi
  start_server
  stored_keys >"$work/stored"
  cut -d, -f1,2 "$work/acked" | sort -u >"$work/acked.keys"
  missing=$(comm -23 "$work/acked.keys" "$work/stored" | wc -l)
  [ "$missing" = 0 ] || fail "$missing of $acked acknowledged records lost"
  stop_server
  echo "cli stream end ($mode): ok: exit $rc, $acked acknowledged, all stored"
}

long_lines() {
  local big=$work/lines.jsonl
  records 10 | head -3 >"$big"
  # Line 4: 10 MB, over the CLI's 1 MiB limit; never sent.
  local head='{"source":"crm","source_id":"huge","attributes":{"x":"'
  { printf '%s' "$head"; head -c 10485760 /dev/zero | tr '\0' a
    printf '"}}\n'; } >>"$big"
  records 10 | sed -n 4,6p >>"$big"
  # Line 8: 600 KB, under the CLI's limit, over the server's 1024 bytes for
  # an attribute: answered with an inline error, the stream goes on.
  { printf '{"source":"crm","source_id":"wide","attributes":{"x":"'
    head -c 614400 /dev/zero | tr '\0' b
    printf '"}}\n'; } >>"$big"
  records 10 | sed -n 7,10p >>"$big"
  start_server
  rc=0
  "$idres" ingest "$big" >"$work/client.out" 2>"$work/client.err" || rc=$?
  [ "$rc" = 1 ] || fail "exit $rc: $(cat "$work/client.out" "$work/client.err")"
  grep -q "^$big:4: line of $((${#head} + 10485760 + 3)) bytes is over the 1048576-byte limit" \
    "$work/client.err" || fail "line 4: $(cat "$work/client.err")"
  grep -q "^$big:8: record.attributes\[x\]: longer than 1024 bytes" \
    "$work/client.err" || fail "line 8: $(cat "$work/client.err")"
  grep -q ": 10 records in .* 2 rejected" "$work/client.out" \
    || fail "summary: $(cat "$work/client.out")"
  stored_keys >"$work/stored"
  records 10 | sed 's/.*"source":"\([a-z]*\)","source_id":"\([0-9]*\)".*/\1,\2/' \
    | sort -u >"$work/expected"
  cmp -s "$work/stored" "$work/expected" \
    || fail "stored: $(tr '\n' ' ' <"$work/stored")"
  stop_server
  echo "cli stream end (longline): ok"
}

case "$mode" in
  kill) interrupted_stream ingest KILL 3 ;;
  term) interrupted_stream ingest TERM 3 ;;
  bench) interrupted_stream bench KILL 1 ;;
  longline) long_lines ;;
  *) fail "unknown mode $mode" ;;
esac
