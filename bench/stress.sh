#!/usr/bin/env bash
# Endurance run on the loopback interface: two concurrent ingest streams
# (whose records merge profiles), interactions, context and search reads,
# and an online backup, for SECONDS; with `kill`, the server is killed with
# SIGKILL halfway and restarted on the same store and port. Then: the store
# and the backup verify clean, every acknowledged record is exported and
# every acknowledged interaction is in its profile's context.
# Stops by itself: every client is bounded by the deadline, the whole run
# by a watchdog at 3 x SECONDS + 120 s.
# Usage: stress.sh IDRES SECONDS PERSONS [kill]     (records ~ 2.65 x PERSONS)
# Exit 0 when every check passes; 1 otherwise. Work files in a temp dir,
# kept on failure (printed).
set -euo pipefail
idres=$(realpath "$1")
seconds=$2
persons=$3
mode=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/idres-stress.XXXXXX")
server=
ok=0
cleanup() {
  [ -n "$server" ] && kill -9 "$server" 2>/dev/null || true
  [ -n "${watchdog:-}" ] && kill "$watchdog" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ "$ok" = 1 ]; then rm -rf "$work"; else echo "work files: $work" >&2; fi
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
log() { echo "stress: $*" >&2; }

# The watchdog's output goes nowhere: a sleeper holding our stdout open would
# keep a reader of it (ctest, a pipe) waiting after we exit.
(
  trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
  sleep $((3 * seconds + 120)) & sleeper=$!
  wait "$sleeper"
  kill -TERM $$
) >/dev/null 2>&1 &
watchdog=$!

/usr/bin/python3 "$here/datasets/gen_customers.py" --persons "$persons" \
  --seed 7 --out "$work/g" --interactions 2>/dev/null
records=$(wc -l <"$work/g/records.jsonl")
log "$records records, $(wc -l <"$work/g/interactions.jsonl") interactions"

# Starts the server on port $1 (0: any) and sets $server and $port.
starts=0
start_server() {
  local started log="$work/serve.$starts.log"
  starts=$((starts + 1))
  started=$(date +%s.%N)
  # The generated interactions are dated like their records, years back:
  # a retention longer than that keeps the default sweep from removing the
  # interactions whose survival this run checks.
  "$idres" serve --db "$work/db" --listen "127.0.0.1:$1" --backup-dir "$work" \
    --retain-interactions 36500d 2>"$log" &
  server=$!
  for _ in $(seq 300); do
    grep -q "(port " "$log" 2>/dev/null && break
    sleep 0.1
  done
  port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$log")
  [ -n "$port" ] || fail "server did not start: $(cat "$log")"
  log "serving on port $port after $(awk -v a="$started" -v b="$(date +%s.%N)" \
    'BEGIN { printf "%.2f", b - a }') s"
}
start_server 0
export IDRES_ADDR=127.0.0.1:$port
began=$(date +%s.%N)
deadline=$(( $(date +%s) + seconds ))
left() { echo $(( deadline - $(date +%s) )); }
# Sleeps until fraction $1/$2 of the run has passed.
pace() {
  local wait
  wait=$(awk -v b="$began" -v n="$(date +%s.%N)" -v i="$1" -v k="$2" \
    -v s="$seconds" 'BEGIN { w = b + s * i / k - n; print (w > 0 ? w : 0) }')
  sleep "$wait"
}

# Ingest: the records in 40 chunks, odd and even chunks on two streams,
# chunk i starting no earlier than i/40 of the run so that writes go on
# until the end (and through the kill). A stream broken by the kill loses
# its unanswered records only.
chunk=$(( records / 40 + 1 ))
split -l "$chunk" -d -a 3 "$work/g/records.jsonl" "$work/chunk."
ingest_loop() {  # $1: 0 or 1, the parity of the chunks this loop sends
  local i=0
  for f in "$work"/chunk.*; do
    i=$((i + 1))
    [ $((i % 2)) = "$1" ] || continue
    pace $((i - 1)) 40
    [ "$(left)" -gt 0 ] || break
    timeout $((seconds + 60)) "$idres" bench --workload resolve \
      --records "$f" --duration "$(left)" --window 256 \
      --acked "$work/acked_records.$1" >>"$work/ingest.$1.log" 2>&1 || true
  done
}
# Interactions: one slice per second, sent once each, so that most target
# records ingested by then (the others answer NOT_FOUND, not acknowledged).
split -n "l/$seconds" -d -a 4 "$work/g/interactions.jsonl" "$work/inter."
interact_loop() {
  local i=0
  for f in "$work"/inter.*; do
    pace "$i" "$seconds"; i=$((i + 1))
    [ "$(left)" -gt 0 ] || break
    timeout 60 "$idres" bench --workload interact --interactions "$f" \
      --inflight 4 --warmup 0 --duration 30 \
      --acked "$work/acked_interactions" >>"$work/interact.log" 2>&1 || true
  done
}
read_loop() {
  while [ "$(left)" -gt 4 ]; do
    timeout 60 "$idres" bench --workload context --records \
      "$work/g/records.jsonl" --samples 2000 --inflight 4 --warmup 0 \
      --duration 2 >>"$work/read.log" 2>&1 || true
    timeout 60 "$idres" bench --workload search --records \
      "$work/g/records.jsonl" --samples 2000 --inflight 2 --warmup 0 \
      --duration 1 >>"$work/read.log" 2>&1 || true
  done
}
ingest_loop 0 & a=$!
ingest_loop 1 & b=$!
interact_loop & c=$!
read_loop & d=$!

sleep $(( seconds / 3 ))
"$idres" backup --to "$work/backup" >"$work/backup.log" 2>&1 \
  || fail "online backup: $(cat "$work/backup.log")"
if [ "$mode" = kill ]; then
  sleep $(( seconds / 2 - seconds / 3 ))
  log "kill -9 of the server"
  kill -9 "$server"; wait "$server" 2>/dev/null || true
  start_server "$port"
fi
wait $a $b $c $d

# Checks, first on the stopped store, then through a restarted server.
kill -TERM "$server"; wait "$server" 2>/dev/null || true; server=
"$idres" verify --db "$work/db" >"$work/verify.out" || fail "$(tail -5 "$work/verify.out")"
"$idres" verify --db "$work/backup" >"$work/verify_backup.out" \
  || fail "backup: $(tail -5 "$work/verify_backup.out")"
start_server "$port"
"$idres" export >"$work/export.csv"
cat "$work"/acked_records.* 2>/dev/null | cut -d, -f1,2 | sort -u >"$work/acked.keys"
tail -n +2 "$work/export.csv" | cut -d, -f1,2 | sort -u >"$work/export.keys"
missing=$(comm -23 "$work/acked.keys" "$work/export.keys" | wc -l)
acked=$(wc -l <"$work/acked.keys")
[ "$acked" -gt 0 ] || fail "no record acknowledged"
[ "$missing" = 0 ] || fail "$missing of $acked acknowledged records missing"
touch "$work/acked_interactions"
"$idres" bench --workload check --acked "$work/acked_interactions" \
  >"$work/check.out" 2>&1 || fail "$(tail -5 "$work/check.out")"
merged=$(cat "$work"/ingest.*.log | sed -n 's/.* merged=\([0-9]*\).*/\1/p' \
  | awk '{ n += $1 } END { print n + 0 }')
echo "stress${mode:+ ($mode)}: ok: $acked records acknowledged and present" \
  "($merged merges), $(wc -l <"$work/acked_interactions") interactions" \
  "acknowledged and present, $(grep -c '^workload=context' "$work/read.log" || true)" \
  "context runs; $(tail -1 "$work/verify.out")"
ok=1
