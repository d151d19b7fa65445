#!/usr/bin/env bash
# Runs every test: host tests (reference server + pure core), the browser tests in
# headless Chromium against the reference server, and the end-to-end suite of the
# served app. Installs what is missing first (scripts/setup.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

LOGS="$(mktemp -d /tmp/active-sessions-test.XXXXXX)"
# wasm-bindgen-test-runner's chromedriver leaves each headless Chromium profile
# (~60 MB per test binary) in TMPDIR: the browser tests get a TMPDIR of their own,
# removed on exit.
CHROME_TMP="$(mktemp -d /tmp/active-sessions-chrome.XXXXXX)"
TEST_PORT="${AS_TEST_PORT:-3917}"
export AS_TEST_SERVER="http://127.0.0.1:${TEST_PORT}"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  rm -rf "$CHROME_TMP"
  return 0
}
trap cleanup EXIT INT TERM

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format and lints (cargo fmt --check; cargo clippy -D warnings, host and wasm)"
cargo fmt --all --check
cargo clippy -q --workspace --all-targets --features active-sessions/internals -- -D warnings
cargo clippy -q --target wasm32-unknown-unknown -p active-sessions --all-targets --features js,internals -- -D warnings
cargo clippy -q --target wasm32-unknown-unknown -p active-sessions --lib --bins --features js,talc -- -D warnings
cargo clippy -q -p active-sessions --lib -- -D warnings   # the API as a Leptos app gets it

step "host tests (cargo test --workspace, without the end-to-end crate)"
cargo test --workspace --exclude e2e --features active-sessions/internals 2>&1 | tee "$LOGS/host.txt"

step "reference server for the browser tests on ${AS_TEST_SERVER}"
if port_open "$TEST_PORT"; then
  echo "port ${TEST_PORT} is busy: stop what listens there or set AS_TEST_PORT" >&2
  exit 1
fi
cargo build -q -p devserver
# The test page has another origin than the server: CORS on, as an admin would turn it
# on for a cross-origin page (off by default, as on Rocket.Chat). The repository is
# served too, for the catalogs (`locales/de.json`) the browser tests fetch.
target/debug/devserver --addr "127.0.0.1:${TEST_PORT}" --test-controls --cors '*' --static . >"$LOGS/devserver.txt" 2>&1 &
SERVER_PID=$!
wait_for_port "$TEST_PORT" 30 || { cat "$LOGS/devserver.txt"; echo "reference server did not start" >&2; exit 1; }

export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
step "browser tests (wasm-bindgen-test in headless Chromium)"
TMPDIR="$CHROME_TMP" cargo test --target wasm32-unknown-unknown -p active-sessions --features internals --test browser --test ui --test real_server --test faults --test leak --test decode_browser --test i18n --test cleanup 2>&1 | tee "$LOGS/browser.txt"

step "embedding tests (JS mount and <active-sessions>, with the js feature)"
TMPDIR="$CHROME_TMP" cargo test --target wasm32-unknown-unknown -p active-sessions --features js,internals --test embed 2>&1 | tee "$LOGS/embed.txt"

step "release builds and size budgets (size-budget.json)"
trunk build --release
bash scripts/check-size.sh dist
bash scripts/example.sh --build-only   # packs the npm package first (scripts/package.sh)
bash scripts/check-size.sh --key embed target/example-account-settings/pkg target/example-account-settings/active-sessions.css
bash scripts/check-size.sh --key npm target/npm/package

step "packages: the npm declarations (tsc --noEmit; the exports against them) and the crate (cargo publish --dry-run)"
tsc -p npm/test                              # against npm/index.d.ts
tsc -p npm/test/tsconfig.package.json        # against the packed package, through its package.json
echo "npm/test/consumer.ts: types check"
node scripts/check-npm-exports.mjs target/npm/package
# --allow-dirty: a local run with uncommitted work checks that work (CI's clone is clean).
cargo publish --dry-run --quiet -p active-sessions --allow-dirty

step "end-to-end suite (the release builds in headless Chromium)"
# The suite serves dist/ and the example with its own reference servers and
# chromedriver on free ports, and stops them itself (e2e/tests/e2e.rs).
AS_E2E=1 cargo test -p e2e -- --test-threads=1 2>&1 | tee "$LOGS/e2e.txt"

step "summary"
passed=0; failed=0
while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  cat "$LOGS"/*.txt | sed -n 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1 \2/p')
echo "logs: $LOGS"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
