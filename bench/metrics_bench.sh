#!/usr/bin/env bash
# The cost of metrics, in one run on one store: GetContext (and the ping
# beside it) on a server without --http (no metrics recorded), with
# --http (every RPC counted and timed, nobody scraping), and with --http
# while /metrics is scraped every SCRAPE_MS milliseconds (Prometheus
# scrapes every 15 to 60 s: this is far harsher). Each `idres bench
# --workload context` for DURATION seconds at INFLIGHT calls in flight;
# the three settings take turns ROUNDS times so that a shared machine's
# drift falls on each alike. docs/performance.md quotes it.
# Usage: metrics_bench.sh IDRES RECORDS.jsonl [DURATION] [INFLIGHT]
#          [ROUNDS] [SCRAPE_MS]
# Prints one machine-readable line per setting and round, prefixed with
# the setting's name; the scraping rounds add scrapes=N (and fail if a
# scrape failed).
set -euo pipefail
idres=$(realpath "$1")
records=$2
duration=${3:-10}
inflight=${4:-8}
rounds=${5:-1}
scrape_ms=${6:-100}
work=$(mktemp -d)
server=
scraper=
trap '[ -n "$scraper" ] && kill "$scraper" 2>/dev/null;
      [ -n "$server" ] && kill -TERM "$server" 2>/dev/null; wait; rm -rf "$work"' EXIT

serve() {  # [serve flags...]: starts the server on $work/db, port 0.
  rm -f "$work/serve.log"
  "$idres" serve --db "$work/db" --listen 127.0.0.1:0 "$@" 2>"$work/serve.log" &
  server=$!
  for _ in $(seq 200); do
    grep -qs "(port " "$work/serve.log" && break
    sleep 0.05
  done
  port=$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$work/serve.log")
  [ -n "$port" ] || { cat "$work/serve.log" >&2; exit 1; }
  http_port=$(sed -n 's/.*HTTP gateway on .* (port \([0-9]*\),.*/\1/p' "$work/serve.log")
  export IDRES_ADDR=127.0.0.1:$port
}
stop() { kill -TERM "$server"; wait "$server" || true; server=; }
context() {  # NAME
  echo "$1 $("$idres" bench --workload context --records "$records" \
    --inflight "$inflight" --duration "$duration" | tail -1)"
}
# scrape_loop URL: GETs URL every scrape_ms until killed; counts in
# $work/scrapes, failures in $work/scrape_errors.
scrape_loop() {
  local pause
  pause=$(awk -v ms="$scrape_ms" 'BEGIN { printf "%.3f", ms / 1000 }')
  while true; do
    if curl -sf -o /dev/null "$1"; then echo >>"$work/scrapes"
    else echo >>"$work/scrape_errors"; fi
    sleep "$pause"
  done
}

serve
"$idres" ingest "$records" >/dev/null 2>&1 || true
stop
for _ in $(seq "$rounds"); do
  serve
  context no-metrics
  stop
  serve --http 127.0.0.1:0
  context metrics
  rm -f "$work/scrapes" "$work/scrape_errors"
  scrape_loop "http://127.0.0.1:$http_port/metrics" &
  scraper=$!
  context scraped
  kill "$scraper"; wait "$scraper" 2>/dev/null || true; scraper=
  echo "scraped scrapes=$(wc -l <"$work/scrapes" 2>/dev/null || echo 0)" \
    "scrape_errors=$(wc -l <"$work/scrape_errors" 2>/dev/null || echo 0)"
  [ ! -s "$work/scrape_errors" ] || { echo "a scrape failed" >&2; exit 1; }
  stop
done
