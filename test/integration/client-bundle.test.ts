import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";

const assets = join(process.cwd(), "build/client/assets");

// Zod's object schemas probe `new Function("")` when they are built; under our CSP (no
// 'unsafe-eval') every page that built one in the browser reported a violation. Forms are parsed
// on the server, so the pages' code must not carry zod at all; its probe names Cloudflare.
it("no page's browser code carries the form schemas", async () => {
  const files = (await readdir(assets)).filter((f) => f.endsWith(".js"));
  expect(files.length).toBeGreaterThan(10);
  const withZod: string[] = [];
  for (const file of files) if ((await readFile(join(assets, file), "utf8")).includes("Cloudflare")) withZod.push(file);
  expect(withZod).toEqual([]);
});
