#!/usr/bin/env bash
# Runs run_quality.sh for the generated sets over several seeds, each in
# its natural order and shuffled, and prints one table: set, seed, order,
# precision, recall, F1, single-interlocutor rate; then, per set and seed,
# the F1 spread over the orders (max - min), and per set the mean and
# range over all runs.
#
# usage: bench/quality/run_matrix.sh [--idres PATH] [--persons N]
#            [--seeds "1 2 3"] [--shuffles "1 2"] [--sets "customers
#            households"] [--train] [--analyse DIR]
# --persons N is passed to both generators (default: run_quality.sh's,
# 5000 for customers and 4000 for households). --shuffles "" runs the
# natural order only. --train is passed through to run_quality.sh; each
# row is then the trained run, followed by the same run's defaults F1 and
# the difference.
# --analyse DIR keeps each run's store, exports its profiles and writes
# DIR/SET-seedS-ORDER.txt with bench/quality/false_pairs.py's report (false
# merges by category, split patterns); the category counts are printed
# after the table.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
python=/usr/bin/python3
idres="$repo/build/idres"
persons=""
seeds="1 2 3"
shuffles="1 2"
sets="customers households"
train=""
analyse=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --idres) idres="$2"; shift 2 ;;
    --persons) persons="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --shuffles) shuffles="$2"; shift 2 ;;
    --sets) sets="$2"; shift 2 ;;
    --train) train=1; shift ;;
    --analyse) analyse="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "run_matrix.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [[ -n "$analyse" ]]; then mkdir -p "$analyse"; fi

# field NAME LINE: the value of NAME=... in a run_quality.sh line.
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"; }

free_port() {
  "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Exports the kept store DIR/db and writes the false-pair report to OUT.
report() {  # DIR OUT
  local port addr pid
  port="$(free_port)"
  addr="127.0.0.1:$port"
  "$idres" serve --db "$1/db" --listen "$addr" 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do
    if "$idres" export --addr "$addr" >"$1/export.csv" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  "$python" "$here/false_pairs.py" --truth "$1/truth.csv" \
    --export "$1/export.csv" --split-examples 3 >"$2"
}

results="$(mktemp /tmp/idres-matrix.XXXXXX)"
trap 'rm -f "$results"' EXIT
printf '%-11s %4s %-9s %9s %7s %7s %7s\n' set seed order precision recall \
  f1 single
for set in $sets; do
  for seed in $seeds; do
    for order in natural $shuffles; do
      args=(--idres "$idres" --seed "$seed")
      if [[ -n "$persons" ]]; then args+=(--persons "$persons"); fi
      if [[ "$order" != natural ]]; then args+=(--shuffle "$order"); fi
      if [[ -n "$train" ]]; then args+=(--train); fi
      if [[ -n "$analyse" ]]; then args+=(--keep); fi
      err="$(mktemp /tmp/idres-matrix-err.XXXXXX)"
      out="$("$repo/bench/quality/run_quality.sh" "${args[@]}" "$set" \
        2>"$err")"
      line="$(tail -1 <<<"$out")"
      dline="$(grep ' defaults$' <<<"$out" | tail -1 || true)"
      tag="$order"
      if [[ "$order" != natural ]]; then tag="shuffle$order"; fi
      p="$(field precision "$line")"; r="$(field recall "$line")"
      f="$(field f1 "$line")"; s="$(field single_interlocutor "$line")"
      if [[ -z "$f" ]]; then
        echo "run_matrix.sh: $set seed $seed $tag: no result" >&2
        cat "$err" >&2
        rm -f "$err"
        continue
      fi
      extra=""
      if [[ -n "$dline" ]]; then
        df="$(field f1 "$dline")"
        extra="$(printf '  defaults f1 %s, trained - defaults %+.4f' "$df" \
          "$(echo "$f - $df" | bc)")"
      fi
      printf '%-11s %4s %-9s %9s %7s %7s %7s%s\n' "$set" "$seed" "$tag" \
        "$p" "$r" "$f" "$s" "$extra"
      echo "$set $seed $tag $p $r $f $s" >>"$results"
      if [[ -n "$analyse" ]]; then
        kept="$(sed -n 's/^kept //p' "$err" | tail -1)"
        if [[ -n "$kept" ]]; then
          report "$kept/$set" "$analyse/$set-seed$seed-$tag.txt"
          rm -rf "$kept"
        fi
      fi
      rm -f "$err"
    done
  done
done

echo
echo "F1 spread over orders (max - min), per set and seed:"
awk '{k=$1" seed "$2; if (!(k in lo) || $6<lo[k]) lo[k]=$6;
      if (!(k in hi) || $6>hi[k]) hi[k]=$6; n[k]++}
     END {for (k in lo) printf "  %-22s runs=%d f1 %.4f..%.4f spread=%.4f\n",
                                k, n[k], lo[k], hi[k], hi[k]-lo[k]}' \
  "$results" | sort
echo "Per set over all runs (mean, min..max):"
awk '{n[$1]++; for (i=4;i<=7;i++) {s[$1,i]+=$i;
      if (!(($1,i) in lo) || $i<lo[$1,i]) lo[$1,i]=$i;
      if (!(($1,i) in hi) || $i>hi[$1,i]) hi[$1,i]=$i}}
     END {split("precision recall f1 single", name, " ");
          for (k in n) for (i=4;i<=7;i++)
            printf "  %-11s %-9s %.4f (%.4f..%.4f)\n", k, name[i-3],
                   s[k,i]/n[k], lo[k,i], hi[k,i]}' "$results" | sort

if [[ -n "$analyse" ]]; then
  echo
  echo "False merges by category (person pairs / false record pairs):"
  for f in "$analyse"/*.txt; do
    [[ -e "$f" ]] || continue
    printf '  %s:' "$(basename "$f" .txt)"
    awk 'NR>2 && /^[ ]|^$/ {exit}
         NR>2 && NF==4 {printf " %s %s/%s", $1, $3, $2}' "$f"
    echo
  done
fi
