#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test with ctest.
set -euo pipefail
cd "$(dirname "$0")"
./run.sh --test-build
cd build
ctest --output-on-failure --timeout 600 -j2 "$@"
