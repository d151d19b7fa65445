// What npm/README.md asks of a Vite app for `vite dev` (Vite's dependency pre-bundler
// would move the module away from its wasm) and, for the e2e scenario that runs the dev
// server (s17), the API proxied to the reference server given in AS_API.
export default {
  optimizeDeps: { exclude: ["active-sessions"] },
  server: { proxy: process.env.AS_API ? { "/api": process.env.AS_API } : {} },
};
