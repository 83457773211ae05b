import axe from "axe-core";
import { chromium, type Browser, type Page } from "playwright-core";
import { expect } from "vitest";
import { CHROMIUM_PATH } from "./global-browser";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // The machine has no outside network: keep Chromium from trying to reach it.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe-core on the page as it is now; any WCAG 2.1 A/AA violation fails the test, listed. */
export async function expectAccessible(page: Page) {
  await page.waitForLoadState("networkidle");
  // Evaluated through DevTools, not as an inline <script>, which the pages' Content-Security-Policy refuses.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(`${axe.source}\n;undefined`);
  const violations = await page.evaluate(async (tags) => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  }, WCAG_21_AA);
  expect(violations, `axe on ${page.url()}`).toEqual([]);
}
