import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Fails the e2e run at once, with the fix, when the browser is missing. */
export default function setup() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH.`,
    );
  }
}
