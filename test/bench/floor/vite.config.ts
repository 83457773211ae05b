import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { remixFuture } from "../../../app/remix-future";

/**
 * The floor app of the page benchmark (test/bench/floor.ts): built from this folder into
 * ./build, with the same Remix future flags and `~` alias as the real app (vite.config.ts).
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  resolve: { alias: { "~": fileURLToPath(new URL("../../../app", import.meta.url)) } },
  logLevel: "warn",
  plugins: [
    remix({
      future: remixFuture,
    }),
  ],
});
