#!/usr/bin/env bash
# Builds the account-settings example (examples/account-settings/): the library
# with its JavaScript API (`--features js`) for the web, the page and the CSS, and
# serves it with the reference server on one origin, so the page's same-origin
# `/api/` calls reach it.
#
#   scripts/example.sh               build, then serve on http://127.0.0.1:3001/ (Ctrl-C stops)
#   scripts/example.sh --build-only  build into target/example-account-settings/ and exit
#   EXAMPLE_PORT=3101 scripts/example.sh
#   DEVSERVER_ARGS="--no-license" scripts/example.sh   reference server options
#
# The output directory is what any non-Leptos page needs: pkg/ (the wasm and its
# ES module), active-sessions.css, and the page itself.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

OUT="$ROOT/target/example-account-settings"   # e2e/tests/e2e.rs and scripts/test.sh read it here
PORT="${EXAMPLE_PORT:-3001}"
BUILD_ONLY=0
[ "${1:-}" = "--build-only" ] && BUILD_ONLY=1

say() { printf '\033[1m[example]\033[0m %s\n' "$*"; }

say "building the library for the web (scripts/package.sh: the npm package's files)"
bash "$ROOT/scripts/package.sh" >/dev/null
rm -rf "$OUT"
mkdir -p "$OUT/pkg"
PKG="$ROOT/target/npm/package"
cp -r "$PKG/active_sessions.js" "$PKG/active_sessions_bg.wasm" "$PKG/snippets" "$OUT/pkg/"
cp "$PKG/style.css" "$OUT/active-sessions.css"
# The catalogs the panel fetches for a language other than English (`locales/de.json`, …).
cp -r "$PKG/locales" "$OUT/locales"
cp examples/account-settings/index.html examples/account-settings/settings.css "$OUT/"
say "built $OUT ($(wc -c <"$OUT/pkg/active_sessions_bg.wasm") bytes of wasm)"
[ "$BUILD_ONLY" -eq 1 ] && exit 0

if port_open "$PORT"; then
  echo "[example] port $PORT is busy: stop what listens there or set EXAMPLE_PORT" >&2
  exit 1
fi
cargo build -q -p devserver
cat <<MSG

  Account-settings example:  http://127.0.0.1:${PORT}/
  Sign in with:              demo / demo
  Press Ctrl-C to stop.

MSG
# shellcheck disable=SC2086
exec target/debug/devserver --static "$OUT" --addr "127.0.0.1:${PORT}" ${DEVSERVER_ARGS:-}
