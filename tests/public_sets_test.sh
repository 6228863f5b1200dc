#!/usr/bin/env bash
# Match quality floors on the small public sets (FEBRL1, Splink fake_1000,
# Senzing truth set v4) through the real binary: each set is converted by
# bench/datasets/convert.py into a temporary directory, ingested into a
# fresh server on a free loopback port, and scored by `idres eval`. Fails
# when an F1 falls under its floor, set a little below the figure in
# docs/quality.md. Skips (exit 77) when ../shared/datasets is absent.
# Usage: public_sets_test.sh IDRES REPO
set -euo pipefail
idres=$1
repo=$2
data="$repo/../shared/datasets"
python=/usr/bin/python3
if [[ ! -d "$data/febrl" || ! -d "$data/splink_fake_1000" ||
      ! -d "$data/senzing_truth_sets" ]]; then
  echo "SKIPPED: public datasets not found under $data"
  exit 77
fi
work=$(mktemp -d)
server=""
trap '[[ -n "$server" ]] && kill $server 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Floors: measured F1 (docs/quality.md) minus about 0.01-0.02.
floors=(febrl1:0.97 fake_1000:0.79 senzing_v4:0.74)

for entry in "${floors[@]}"; do
  set_name=${entry%%:*}
  floor=${entry#*:}
  dir="$work/$set_name"
  "$python" "$repo/bench/datasets/convert.py" "$set_name" --data "$data" \
    --out "$dir" >/dev/null 2>"$work/convert.log" \
    || fail "$set_name: convert failed: $(cat "$work/convert.log")"
  "$idres" serve --db "$dir/db" --listen 127.0.0.1:0 2>"$dir/serve.log" &
  server=$!
  for _ in $(seq 100); do
    grep -q "(port " "$dir/serve.log" && break
    sleep 0.1
  done
  port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$dir/serve.log")
  [[ -n "$port" ]] || fail "$set_name: server did not start"
  # Records the server rejects are reported, not fatal (see run_quality.sh).
  "$idres" ingest --addr "127.0.0.1:$port" "$dir/records.jsonl" \
    >/dev/null 2>&1 || true
  line=$("$idres" eval --addr "127.0.0.1:$port" --truth "$dir/truth.csv" \
    2>"$dir/eval.err" | tail -1)
  kill $server; wait $server 2>/dev/null || true; server=""
  f1=$(sed -n 's/.*f1=\([0-9.]*\).*/\1/p' <<<"$line")
  [[ -n "$f1" ]] || fail "$set_name: no score: $line $(cat "$dir/eval.err")"
  echo "$set_name: $line (floor F1 $floor)"
  awk -v f="$f1" -v m="$floor" 'BEGIN { exit !(f >= m) }' \
    || fail "$set_name: F1 $f1 under floor $floor"
done
echo "PASS"
