// The npm package's entry point: wasm-bindgen's ES module (`active_sessions.js`, made
// by scripts/package.sh) re-exported. `index.d.ts` (generated from the options table)
// types it.
export { default, mount, defineElement, MountHandle } from "./active_sessions.js";
// The name before defineElement (0.1.0), kept so code written against it still runs.
export { defineElement as define_element } from "./active_sessions.js";
