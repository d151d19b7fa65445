#!/usr/bin/env bash
# Builds the npm package and packs it:
#
#   scripts/package.sh    → target/npm/package/ and target/npm/active-sessions-<version>.tgz
#
# The package is the library with its JavaScript API (`--features js`) for the web:
# wasm-bindgen's ES module (`--target web`, works with and without a bundler; minified),
# the wasm after wasm-opt -Oz, `index.js` / `index.d.ts` (npm/, the declarations generated
# from the options table), the CSS as `style.css`, the catalogs in `locales/`, a README
# for JavaScript users and the license. Its version is the crate's (Cargo.toml).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

OUT="$ROOT/target/npm/package"
VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)"
[ -n "$VERSION" ] || die "could not read the version from Cargo.toml"
say() { printf '\033[1m[package]\033[0m %s\n' "$*"; }

say "building the library for the web (cargo rustc --release --features js,talc --crate-type cdylib)"
# cdylib alone: with Cargo.toml's `["cdylib", "rlib"]` both at once the wasm came out
# 18 KB gzipped larger (183,508 → 165,248 B after wasm-opt). talc as in the demo.
cargo rustc -q --lib --release --target wasm32-unknown-unknown --features js,talc --crate-type cdylib
rm -rf "$ROOT/target/npm"
mkdir -p "$OUT"
wasm-bindgen --target web --weak-refs --no-typescript --out-dir "$OUT" \
  target/wasm32-unknown-unknown/release/active_sessions.wasm
# npm binaryen's wasm-opt (first on PATH after setup.sh); never Debian's.
# Without the producers and target-features sections, as the demo (index.html): metadata no browser reads.
wasm-opt -Oz --strip-producers --strip-target-features "$OUT/active_sessions_bg.wasm" -o "$OUT/active_sessions_bg.wasm"
cp npm/index.js npm/index.d.ts npm/README.md LICENSE "$OUT/"
cp style/active-sessions.css "$OUT/style.css"
# Minified as Trunk minifies the demo's (the JS 10.4 → 7.4 KB gzipped, the CSS 2.8 → 2.3 KB).
node scripts/minify.mjs "$OUT/active_sessions.js" "$OUT/style.css" $(find "$OUT/snippets" -name '*.js')
cp -r locales "$OUT/locales"
sed "s/\"version\": \"0.0.0\"/\"version\": \"$VERSION\"/" npm/package.json >"$OUT/package.json"
grep -q "\"version\": \"$VERSION\"" "$OUT/package.json" || die "npm/package.json has no \"version\": \"0.0.0\" to set"
(cd "$ROOT/target/npm" && npm pack --silent ./package >/dev/null)
# Also under a name without the version, for the e2e's Vite app (e2e/vite-app/package.json).
cp "$ROOT/target/npm/active-sessions-$VERSION.tgz" "$ROOT/target/npm/active-sessions.tgz"
say "packed target/npm/active-sessions-$VERSION.tgz ($(wc -c <"$OUT/active_sessions_bg.wasm") bytes of wasm)"
