#!/usr/bin/env bash
# The agent console in a real headless Chromium, against a real server
# with --http. MODE dom: `chromium --dump-dom` of a profile's deep link
# shows the customer's name, an interaction summary and the consents.
# MODE drive: tests/console/console_e2e.mjs (puppeteer-core, installed
# from npm's registry into the build tree, test-only) searches, opens the
# profile, sees the timeline, splits a record with a reason and sees the
# audit entry; screenshots in BUILD_DIR/console-artefacts. Exit 77 (skip)
# in drive mode only when the driver cannot be installed (no registry).
# Usage: console_browser_test.sh IDRES SOURCE_DIR BUILD_DIR dom|drive
set -euo pipefail
. "$(dirname "$0")/server_harness.sh" "$1"
src=$2
build=$3
mode=$4
chromium=$(command -v chromium || true)
[ -n "$chromium" ] || fail "chromium is not installed (./run.sh --test-build installs it)"

start_server --http 127.0.0.1:0
http_port=$(sed -n 's/.*HTTP gateway on .* (port \([0-9]*\),.*/\1/p' "$work/serve.log")
[ -n "$http_port" ] || fail "no HTTP gateway: $(cat "$work/serve.log")"
base="http://127.0.0.1:$http_port"

"$idres" ingest "$src/examples/customers.jsonl" >/dev/null 2>&1 || fail "ingest"
summary="Colis non reçu, commande 4471"
"$idres" interact --id email:ephilippe@free.fr --channel chat --actor bot-1 \
  --actor-kind bot --summary "$summary" --fact order_number=4471 \
  --case C-88 --status open >/dev/null || fail "interact"
"$idres" consent --id email:ephilippe@free.fr --purpose marketing \
  --granted false --source web_form >/dev/null || fail "consent"
profile=$("$idres" get --id email:ephilippe@free.fr | sed -n 's/^\(p-[0-9]*\).*/\1/p' | head -1)
[ -n "$profile" ] || profile=$("$idres" context --id email:ephilippe@free.fr \
  | grep -o 'p-[0-9]*' | head -1)
[ -n "$profile" ] || fail "no profile id"

if [ "$mode" = dom ]; then
  # Chromium's own profile dir in the work dir; HOME too (it writes there).
  HOME=$work timeout 60 "$chromium" --headless --no-sandbox --disable-gpu \
    --user-data-dir="$work/chrome" --dump-dom --virtual-time-budget=5000 \
    "$base/#/profile/$profile" >"$work/dom.html" 2>"$work/chrome.log" \
    || fail "chromium: $(tail -5 "$work/chrome.log")"
  grep -q "Philippe" "$work/dom.html" || fail "no name: $(head -c 3000 "$work/dom.html")"
  grep -q "$summary" "$work/dom.html" || fail "no interaction summary"
  grep -q 'id="consents"' "$work/dom.html" || fail "no consents"
  grep -q "marketing" "$work/dom.html" || fail "no marketing consent"
  echo "console dom: ok"
  exit 0
fi

driver="$build/console-driver"
if ! cmp -s "$src/tests/console/package-lock.json" "$driver/package-lock.json" \
    || [ ! -d "$driver/node_modules/puppeteer-core" ]; then
  rm -rf "$driver"
  mkdir -p "$driver"
  cp "$src/tests/console/package.json" "$src/tests/console/package-lock.json" "$driver/"
  if ! (cd "$driver" && timeout 300 npm ci --no-audit --no-fund >"$work/npm.log" 2>&1); then
    echo "SKIP: cannot install puppeteer-core from npm's registry: $(tail -3 "$work/npm.log")" >&2
    rm -rf "$driver"
    exit 77
  fi
fi
cp "$src/tests/console/console_e2e.mjs" "$driver/"
artefacts="$build/console-artefacts"
mkdir -p "$artefacts"
HOME=$work timeout 120 node "$driver/console_e2e.mjs" "$base" "$chromium" \
  "$artefacts" "Philippe" "$summary" "ivr:call-20260302-0193" \
  || fail "console_e2e (screenshots in $artefacts)"
for f in console-search.png console-profile.png; do
  [ -s "$artefacts/$f" ] || fail "no screenshot $f"
done
"$idres" audit --profile "$profile" >"$work/audit.txt"
grep -q "checked with the customer" "$work/audit.txt" \
  || fail "the split is not in the audit: $(cat "$work/audit.txt")"
echo "console drive: ok"
