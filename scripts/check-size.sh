#!/usr/bin/env bash
# Size budget (issue 8): sums the gzip -9 sizes of every .wasm, .js and .css file
# in a built dist directory and fails when the total exceeds size-budget.json.
#
#   scripts/check-size.sh dist          # after `trunk build --release`
#
# gzip -9 -n (no file name or time stamp in the header) of each file on its own,
# so the same toolchain and sources always give the same number. When the total
# drops, lower "budget_gzip9_bytes" in size-budget.json to the new total + 5 %:
# growth must be a deliberate decision.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:?usage: scripts/check-size.sh DIST_DIR}"
BUDGET_FILE="${SIZE_BUDGET_FILE:-$ROOT/size-budget.json}"

[ -d "$DIST" ] || { echo "check-size: $DIST is not a directory" >&2; exit 2; }
BUDGET="$(sed -n 's/.*"budget_gzip9_bytes"[[:space:]]*:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$BUDGET_FILE" | head -n1)"
[ -n "$BUDGET" ] || { echo "check-size: no \"budget_gzip9_bytes\" in $BUDGET_FILE" >&2; exit 2; }

total=0; files=0
while IFS= read -r -d '' f; do
  n="$(gzip -9 -n -c "$f" | wc -c)"
  total=$((total + n)); files=$((files + 1))
done < <(find "$DIST" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -print0)
[ "$files" -gt 0 ] || { echo "check-size: no .wasm/.js/.css in $DIST: build it first (trunk build --release)" >&2; exit 2; }

echo "size: ${total} bytes gzipped (budget ${BUDGET})"
if [ "$total" -gt "$BUDGET" ]; then
  echo "size: over budget by $((total - BUDGET)) bytes: cut the growth, or raise size-budget.json deliberately" >&2
  exit 1
fi
