#!/usr/bin/env bash
# Starts the demo: the reference Rocket.Chat server with seeded data, and
# `trunk serve` with its /api/ proxy to it. Ctrl-C stops both.
#
#   scripts/run.sh                      demo against the reference server
#   ROCKETCHAT_URL=https://chat.example.com scripts/run.sh
#                                       preview against a real Rocket.Chat server
#                                       (Trunk proxies /api/ to it; no reference server)
#   DEVSERVER_ARGS="--flavor 8 --rate-limit 10/60" scripts/run.sh
#                                       reference server options (see devserver --help)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=setup.sh
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

LOGS="$(mktemp -d /tmp/active-sessions-run.XXXXXX)"
PIDS=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo; echo "stopped."
}
trap cleanup EXIT INT TERM

TRUNK_ARGS=()
if [ -n "${ROCKETCHAT_URL:-}" ]; then
  backend="${ROCKETCHAT_URL%/}/api/"
  echo "[run] previewing against ${ROCKETCHAT_URL} (proxy /api/ -> ${backend})"
  # A config of our own so the reference server's proxy in Trunk.toml is not used.
  # Trunk resolves paths against the config's folder: keep it in the repository root.
  sed "s#^backend = .*#backend = \"${backend}\"#" Trunk.toml >"$ROOT/.trunk-rocketchat.toml"
  TRUNK_ARGS+=(--config "$ROOT/.trunk-rocketchat.toml")
else
  port_open 3000 && { echo "[run] port 3000 is busy: stop what listens there first." >&2; exit 1; }
  cargo build -q -p devserver
  # shellcheck disable=SC2086
  target/debug/devserver --addr 127.0.0.1:3000 ${DEVSERVER_ARGS:-} >"$LOGS/devserver.log" 2>&1 &
  PIDS+=($!)
  wait_for_port 3000 10 || { cat "$LOGS/devserver.log"; echo "[run] the reference server did not start" >&2; exit 1; }
fi

port_open 8080 && { echo "[run] port 8080 is busy: stop what listens there first." >&2; exit 1; }
echo "[run] building the app (first build takes a few minutes)…"
trunk serve "${TRUNK_ARGS[@]}" >"$LOGS/trunk.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 3000); do
  port_open 8080 && break
  kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$LOGS/trunk.log"; echo "[run] trunk serve failed" >&2; exit 1; }
  sleep 0.2
done

cat <<MSG

  Active sessions demo:  http://127.0.0.1:8080/
  Sign in with:          demo / demo   (or user ID + personal access token, see README)
  Logs:                  $LOGS
  Press Ctrl-C to stop.

MSG
wait -n "${PIDS[@]}" || true
