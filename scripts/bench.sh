#!/usr/bin/env bash
# Benchmark (issue 8): builds the release demo, the hello-world Leptos floor
# (bench/hello) and the lower bound (bench/lowerbound: the client core, Leptos and a
# plain list; issue 17) in the same run, with the same profile and wasm-opt, then
# drives them in headless Chromium and prints a table; the figures also go to
# target/bench/bench.json. Not part of the tests: timings are medians on a shared
# machine, not pass/fail. See README.md, "Performance".
#
#   scripts/bench.sh                          # everything (≈ 5 min after the builds)
#   scripts/bench.sh --runs 20 --filter-changes 100    # options go to bench-runner
#
# Runner options: --runs N (time to first card, default 10), --render-runs N
# (page changes of 100 cards, default 20), --filter-changes N (memory, default 500),
# --sessions N (seeded rows, default 250), --out FILE.
# The runner (bench/runner) starts the reference servers, chromedriver and Chromium
# on free ports in their own process groups and ends them itself, also on failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

OUT="$ROOT/target/bench"
DEMO_DIST="$OUT/demo-dist"
FLOOR_DIST="$OUT/floor-dist"
LOWER_DIST="$OUT/lower-dist"
mkdir -p "$OUT"
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

say "release build of the demo → $DEMO_DIST"
trunk build --release --dist "$DEMO_DIST" >"$OUT/trunk-demo.log" 2>&1 || { cat "$OUT/trunk-demo.log"; exit 1; }
# Trunk's wasm-bindgen output before wasm-opt: what twiggy reads (names intact).
PRE_OPT="$OUT/demo-pre-opt_bg.wasm"
cp "$ROOT/target/wasm-bindgen/release/active-sessions-demo_bg.wasm" "$PRE_OPT"

# The render baseline (bench/baseline): the same cards with plain DOM calls, served
# with the demo (same origin, same reference server) and the component's CSS.
# (in its own folder, which the runner leaves out of the demo's bytes).
mkdir -p "$DEMO_DIST/baseline"
cp bench/baseline/baseline.html bench/baseline/baseline.js "$DEMO_DIST/baseline/"
cp style/active-sessions.css "$DEMO_DIST/baseline/baseline.css"

say "release build of the hello-world floor (bench/hello) → $FLOOR_DIST"
(cd bench/hello && trunk build --release --dist "$FLOOR_DIST") >"$OUT/trunk-floor.log" 2>&1 \
  || { cat "$OUT/trunk-floor.log"; exit 1; }

say "release build of the lower bound (bench/lowerbound) → $LOWER_DIST"
(cd bench/lowerbound && trunk build --release --dist "$LOWER_DIST") >"$OUT/trunk-lower.log" 2>&1 \
  || { cat "$OUT/trunk-lower.log"; exit 1; }

say "the npm package (scripts/package.sh) → target/npm/package"
bash "$ROOT/scripts/package.sh" >"$OUT/package.log" 2>&1 || { cat "$OUT/package.log"; exit 1; }

say "reference server and bench runner"
cargo build -q -p devserver -p bench-runner

TWIGGY_ARGS=()
if command -v twiggy >/dev/null; then
  TWIGGY_ARGS=(--twiggy "$PRE_OPT")
else
  say "twiggy not found (cargo install twiggy): skipping where-the-bytes-go"
fi

exec "$ROOT/target/debug/bench-runner" \
  --demo-dist "$DEMO_DIST" --floor-dist "$FLOOR_DIST" --lower-dist "$LOWER_DIST" \
  --devserver "$ROOT/target/debug/devserver" --out "$OUT/bench.json" --npm-dir "$ROOT/target/npm/package" \
  "${TWIGGY_ARGS[@]}" "$@"
