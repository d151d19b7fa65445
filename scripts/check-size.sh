#!/usr/bin/env bash
# Size budgets (issue 8): sums the gzip -9 sizes of every .wasm, .js and .css file
# under the given directories (or files) and fails when the total exceeds the
# budget in size-budget.json.
#
#   scripts/check-size.sh dist                      # the demo, after `trunk build --release`
#   scripts/check-size.sh --key embed DIR FILE…     # another budget: "embed_budget_gzip9_bytes"
#
# Budgets: "budget_gzip9_bytes" (the demo's dist/: what a Leptos app adds) and
# "embed_budget_gzip9_bytes" (the js-feature build that scripts/example.sh makes:
# what a page without Leptos loads through `mount` / `<active-sessions>`).
# gzip -9 -n (no file name or time stamp in the header) of each file on its own,
# so the same toolchain and sources always give the same number. When a total
# drops, lower its budget in size-budget.json to the new total + 5 %: growth
# must be a deliberate decision.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUDGET_FILE="$ROOT/size-budget.json"
PREFIX=""
LABEL="size"
if [ "${1:-}" = "--key" ]; then
  PREFIX="${2:?--key needs a name}_"; LABEL="size ($2)"; shift 2
fi
[ "$#" -gt 0 ] || { echo "usage: scripts/check-size.sh [--key NAME] DIR_OR_FILE..." >&2; exit 2; }
for p in "$@"; do
  [ -e "$p" ] || { echo "check-size: $p does not exist: build it first" >&2; exit 2; }
done
BUDGET="$(sed -n "s/.*\"${PREFIX}budget_gzip9_bytes\"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p" "$BUDGET_FILE" | head -n1)"
[ -n "$BUDGET" ] || { echo "check-size: no \"${PREFIX}budget_gzip9_bytes\" in $BUDGET_FILE" >&2; exit 2; }

total=0; files=0
while IFS= read -r -d '' f; do
  n="$(gzip -9 -n -c "$f" | wc -c)"
  total=$((total + n)); files=$((files + 1))
done < <(find "$@" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -print0)
[ "$files" -gt 0 ] || { echo "check-size: no .wasm/.js/.css in $*: build it first" >&2; exit 2; }

echo "${LABEL}: ${total} bytes gzipped (budget ${BUDGET})"
if [ "$total" -gt "$BUDGET" ]; then
  echo "${LABEL}: over budget by $((total - BUDGET)) bytes: cut the growth, or raise size-budget.json deliberately" >&2
  exit 1
fi
