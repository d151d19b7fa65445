// Minifies the npm package's JavaScript and CSS in place, as Trunk does for the demo:
//
//   node scripts/minify.mjs FILE.js|FILE.css ...
//
// With the minifiers Vite brings (rolldown's oxc for JS, lightningcss for CSS), from
// .tools/ (scripts/setup.sh installs Vite there at an exact version). Exports and
// `new URL("…_bg.wasm", import.meta.url)` stay as they are: bundlers find the wasm by it.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const tools = join(dirname(fileURLToPath(import.meta.url)), "..", ".tools", "node_modules");
const { minifySync } = await import(join(tools, "rolldown", "dist", "utils-index.mjs"));
const { transform } = createRequire(join(tools, "lightningcss", "package.json"))("lightningcss");

for (const file of process.argv.slice(2)) {
  const code = readFileSync(file, "utf8");
  let out;
  if (file.endsWith(".css")) {
    out = transform({ filename: file, code: Buffer.from(code), minify: true }).code.toString();
  } else if (file.endsWith(".js")) {
    const r = minifySync(file, code, { module: true, compress: true, mangle: true });
    if (r.errors && r.errors.length) throw new Error(`${file}: ${r.errors.map((e) => e.message).join("; ")}`);
    out = r.code;
  } else {
    throw new Error(`${file}: only .js and .css files are minified`);
  }
  writeFileSync(file, out);
}
