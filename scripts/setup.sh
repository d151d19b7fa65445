#!/usr/bin/env bash
# Installs what the run and test commands need and skips what is already there.
# Sourced by scripts/run.sh and scripts/test.sh; safe to run on its own.
# Pins come from ../shared/toolchain.md: trunk 0.21.14 (0.22 needs a newer rustc),
# wasm-bindgen-cli exactly Cargo.lock's wasm-bindgen, wasm-opt from npm binaryen
# (Debian's binaryen builds a wasm that crashes), Debian's chromium + chromedriver;
# npm axe-core, vite and typescript (each pinned exactly here) for the e2e accessibility
# check, the e2e Vite app and the type check of the npm package.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"
AXE_VERSION="4.14.1"          # axe-core, injected by the e2e accessibility check (s13_axe_…)
VITE_VERSION="8.4.0"          # builds the e2e's Vite app from the npm package (s14_…)
TYPESCRIPT_VERSION="5.9.3"    # tsc --noEmit on npm/test/consumer.ts

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs) first."
command -v rustup >/dev/null || die "rustup not found: the wasm32 target is installed through rustup."
command -v npm >/dev/null || die "npm not found: install Node.js 20 (npm ships with it); wasm-opt comes from npm's binaryen."
node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 20 ? 1 : 0)' \
  || die "Node.js $(node --version) is too old: install Node.js 20 or newer (vite needs 20.19 or newer)."

# Debian's Chromium and its driver: the only browser the tests use.
missing_pkgs=()
[ -x /usr/bin/chromium ] || missing_pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || missing_pkgs+=(chromium-driver)
if [ ${#missing_pkgs[@]} -gt 0 ]; then
  say "installing ${missing_pkgs[*]} from Debian"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  command -v apt-get >/dev/null || die "apt-get not found: install ${missing_pkgs[*]} with your package manager."
  $SUDO apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_pkgs[@]}" >/dev/null \
    || die "could not install ${missing_pkgs[*]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " ${TRUNK_VERSION}\$"; then
  say "installing trunk ${TRUNK_VERSION} (takes a few minutes once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --quiet
fi

[ -f "$ROOT/Cargo.lock" ] || die "Cargo.lock is missing: it pins wasm-bindgen."
WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock")"
[ -n "$WBG_VERSION" ] || die "could not read wasm-bindgen's version from Cargo.lock"
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WBG_VERSION}\$" \
   || ! wasm-bindgen-test-runner --version 2>/dev/null | grep -q " ${WBG_VERSION}\$"; then
  say "installing wasm-bindgen-cli ${WBG_VERSION} (matches Cargo.lock)"
  # Not --locked: its lockfile wants a crate version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force --quiet
fi

if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  say "installing wasm-opt (npm binaryen@${BINARYEN_VERSION}) into .tools/"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent "binaryen@${BINARYEN_VERSION}" >/dev/null
fi
# npm packages the tests use, each at an exact version, into .tools/ (skipped when there).
npm_tool() { # package version why
  if ! grep -qs "\"version\": \"$2\"" "$TOOLS/node_modules/$1/package.json"; then
    say "installing $1@$2 into .tools/ ($3)"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --silent --save-exact "$1@$2" >/dev/null \
      || die "could not install $1@$2 from the npm registry"
  fi
}
npm_tool axe-core "$AXE_VERSION" "the e2e accessibility check"
npm_tool vite "$VITE_VERSION" "the e2e's Vite app built from the npm package"
npm_tool typescript "$TYPESCRIPT_VERSION" "type-checks the npm package's declarations"
# npm's wasm-opt must come first on PATH, ahead of any Debian binaryen.
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

# Port helpers for the scripts that source this one.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }   # port
wait_for_port() { # port seconds
  for _ in $(seq 1 $(( $2 * 10 ))); do
    port_open "$1" && return 0
    sleep 0.1
  done
  return 1
}
