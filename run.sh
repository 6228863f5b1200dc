#!/usr/bin/env bash
# Installs the Debian packages idres needs (if missing), builds it (Release)
# and serves it on 127.0.0.1:50051 with its RocksDB store under ./data.
#   ./run.sh                 install, build, serve
#   ./run.sh --build-only    install and build
#   ./run.sh --test-build    the same with the test-only packages (the
#                            browser and Node for the console's test;
#                            used by ./test.sh)
#   ./run.sh --install-only  install only (used by fuzz/run_fuzz.sh)
# Extra arguments after the options go to `idres serve`.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(cmake make pkg-config g++ python3
  librocksdb-dev libabsl-dev libgrpc++-dev protobuf-compiler-grpc
  libprotobuf-dev protobuf-compiler libbenchmark-dev libgtest-dev
  libgmock-dev libphonenumber-dev libicu-dev libssl-dev openssl
  python3-grpcio python3-protobuf libcpp-httplib-dev prometheus-cpp-dev curl)
# Test-only: a real headless browser and Node for its driver
# (tests/console_browser_test.sh); ./run.sh alone does not install them.
# Node and npm come with the machine (Node 20, whose npm is in its nodejs
# package: Debian's npm conflicts with it); Debian's only where missing.
TEST_PACKAGES=(chromium)
command -v npm >/dev/null 2>&1 || TEST_PACKAGES+=(nodejs npm)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
      || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "run.sh: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

build() {
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build -j"$(nproc)"
}

build_only=false
case "${1:-}" in
  --build-only) build_only=true; shift ;;
  --test-build) build_only=true; shift; PACKAGES+=("${TEST_PACKAGES[@]}") ;;
esac

install_missing
[ "${1:-}" = "--install-only" ] && exit 0
build
$build_only && exit 0
mkdir -p data
exec build/idres serve --db ./data --listen 127.0.0.1:50051 "$@"
