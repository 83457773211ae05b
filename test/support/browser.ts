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

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const NARROW = { width: 320, height: 800 };

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, not as an inline <script>, which the pages' Content-Security-Policy refuses.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(`${axe.source}\n;undefined`);
  return page.evaluate(async (tags) => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  }, WCAG_22_AA);
}

/**
 * Runs axe-core on the page as it is now, at its width and again at 320 px (WCAG 1.4.10 reflow's
 * width); any WCAG 2.2 A/AA violation fails the test, listed with the width it was found at.
 */
export async function expectAccessible(page: Page) {
  await page.waitForLoadState("networkidle");
  const size = page.viewportSize();
  const violations = (await axeViolations(page)).map((v) => `${size?.width ?? "default"} px: ${v}`);
  if (size?.width !== NARROW.width) {
    await page.setViewportSize(NARROW);
    violations.push(...(await axeViolations(page)).map((v) => `320 px: ${v}`));
    if (size) await page.setViewportSize(size);
  }
  expect(violations, `axe on ${page.url()}`).toEqual([]);
}
