import type { BrowserContext, Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";

describe("signing in", () => {
  const env = e2eEnvironment();
  let context: BrowserContext;
  let page: Page;

  beforeEach(async () => {
    await context?.close();
    context = await env.browser.newContext({ locale: "sv-SE" });
    page = await context.newPage();
  });

  it("sends a new visitor to the login page", async () => {
    await page.goto(env.server.url + "/");
    expect(new URL(page.url()).pathname).toBe("/login");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Logga in");
    expect(await page.title()).toBe("Logga in – Samråd");
    await expectAccessible(page);
  });

  it("shows a Swedish error for a wrong password and sets no session cookie", async () => {
    await page.goto(env.server.url + "/login");
    await page.getByLabel("E-postadress").fill("admin@samrad.test");
    await page.getByLabel("Lösenord").fill("fel-lösenord");
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toBe("Fel e-postadress eller lösenord.");
    expect((await context.cookies()).map((c) => c.name)).not.toContain("samrad_session");
    await expectAccessible(page);
  });

  it("explains empty fields next to them", async () => {
    await page.goto(env.server.url + "/login");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByText("Fyll i fältet.").first().waitFor();
    expect(await page.getByLabel("E-postadress").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
  });

  it("shows a Swedish 404 page for an unknown address", async () => {
    const res = await page.goto(env.server.url + "/finns-inte");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Sidan finns inte");
    await expectAccessible(page);
  });
});
