// Checks that the packed npm package exports what its declarations say, no more and
// no less: imports `index.js` in Node (a re-export of a name wasm-bindgen did not
// write fails right there, at link time) and compares its exports with the values
// `index.d.ts` declares (functions, classes, consts, the default `init`). tsc checks a
// consumer against the declarations; this checks the declarations against the code.
//
//   node scripts/check-npm-exports.mjs [target/npm/package]
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const dir = resolve(process.argv[2] ?? "target/npm/package");
const dts = readFileSync(resolve(dir, "index.d.ts"), "utf8");
const declared = new Set();
for (const [, isDefault, name] of dts.matchAll(/^export\s+(default\s+)?(?:declare\s+)?(?:function|class|const|let)\s+(\w+)/gm)) {
  declared.add(isDefault ? "default" : name);
}
const mod = await import(pathToFileURL(resolve(dir, "index.js")).href);
const exported = new Set(Object.keys(mod));
const missing = [...declared].filter((n) => !exported.has(n));
const undeclared = [...exported].filter((n) => !declared.has(n));
if (missing.length || undeclared.length) {
  console.error(`npm package ${dir}:`);
  if (missing.length) console.error(`  declared in index.d.ts but not exported: ${missing.join(", ")}`);
  if (undeclared.length) console.error(`  exported but not declared in index.d.ts: ${undeclared.join(", ")}`);
  process.exit(1);
}
console.log(`npm package exports match index.d.ts: ${[...exported].sort().join(", ")}`);
