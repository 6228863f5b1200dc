#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang-14 and AddressSanitizer
# in build-fuzz/ (its own build directory) and runs each for SECONDS
# (default 60) from its committed seed corpus, fuzz/corpus/TARGET (read
# only: new inputs go to a temporary directory). Installs what it needs
# (the build's Debian packages through ./run.sh --install-only, then
# clang-14, libclang-rt-14-dev and libfuzzer-14-dev).
#
# Exits 0 when every target ran its time clean; 1 when one crashed, leaked,
# timed out (-timeout, seconds per input), ran out of memory or broke one
# of its properties (abort). The input at fault is kept as
# build-fuzz/crashes/TARGET/crash-* (or leak-, timeout-, oom-); reproduce
# with `build-fuzz/TARGET FILE`, and turn it into a unit test in tests/.
#
# usage: fuzz/run_fuzz.sh [SECONDS]
set -euo pipefail
seconds="${1:-60}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
targets=(json_record_fuzz request_fuzz normalize_fuzz)
build="$repo/build-fuzz"

install_fuzz_packages() {
  local missing=()
  for p in clang-14 libclang-rt-14-dev libfuzzer-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
      || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "run_fuzz.sh: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

./run.sh --install-only
install_fuzz_packages

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
start=$(date +%s)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-14 -DIDRES_FUZZ=ON "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"
echo "run_fuzz.sh: built in $(( $(date +%s) - start )) s" >&2

failed=()
for t in "${targets[@]}"; do
  seeds="$repo/fuzz/corpus/${t%_fuzz}"
  work="$(mktemp -d)"
  crashes="$build/crashes/$t"
  mkdir -p "$crashes"
  dict=()
  [ -f "$repo/fuzz/${t%_fuzz}.dict" ] && dict=(-dict="$repo/fuzz/${t%_fuzz}.dict")
  echo "run_fuzz.sh: $t for ${seconds} s" >&2
  if ! "$build/$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 \
      -max_len=16384 -print_final_stats=1 -artifact_prefix="$crashes/" \
      "${dict[@]}" "$work" "$seeds" > "$build/$t.log" 2>&1; then
    failed+=("$t")
    tail -n 60 "$build/$t.log" >&2
  else
    grep -E "^stat::number_of_executed_units|^stat::new_units_added" \
      "$build/$t.log" | sed "s/^/  $t /" >&2
  fi
  rm -rf "$work"
done
echo "run_fuzz.sh: done in $(( $(date +%s) - start )) s" >&2
if [ ${#failed[@]} -gt 0 ]; then
  echo "run_fuzz.sh: FAILED: ${failed[*]} (inputs under $build/crashes/)" >&2
  exit 1
fi
