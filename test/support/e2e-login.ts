import type { Browser, Page } from "playwright-core";

/** A fresh browser context (own cookies, Swedish), logged in through the real login form. */
export async function loggedInPage(browser: Browser, baseUrl: string, email: string, password = "samrad-demo"): Promise<Page> {
  const page = await (await browser.newContext({ locale: "sv-SE", acceptDownloads: true })).newPage();
  await page.goto(baseUrl + "/login");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { level: 1, name: "Översikt" }).waitFor();
  return page;
}
