import type { Browser, Page } from "playwright-core";
import { expect, it } from "vitest";
import { e2eEnvironment } from "../support/e2e";

const env = e2eEnvironment();

/** A Swedish page that records every Content-Security-Policy violation the browser reports. */
async function watchedPage(browser: Browser): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const context = await browser.newContext({ locale: "sv-SE" });
  await context.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const reported: string[] = [];
  page.on("console", (m) => m.text().includes("Content Security Policy") && reported.push(m.text()));
  return {
    page,
    violations: async () => [...reported, ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))],
  };
}

it("runs pages, navigation and the live minutes editor under the Content-Security-Policy without a violation", async () => {
  const [{ id }] = await env.db.sql<{ id: string }[]>`
    select m.id from meetings m join groups g on g.id = m.group_id join partnerships p on p.id = g.partnership_id
    where p.reference_number = '2021/630' and g.kind = 'steering' order by m.starts_at desc limit 1`;
  const { page, violations } = await watchedPage(env.browser);

  await page.goto(env.server.url + "/login");
  await page.getByLabel("E-postadress").fill("stockholm.bo-gotland@samrad.test");
  await page.getByLabel("Lösenord").fill("samrad-demo");
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { level: 1, name: "Översikt" }).waitFor();
  expect(await violations()).toEqual([]);

  await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Möten" }).click(); // a client-side navigation
  await page.getByRole("heading", { level: 1, name: "Möten" }).waitFor();
  expect(await violations()).toEqual([]);

  // Tiptap (inline styles, carets) on y-websocket (a same-origin socket) saves what is typed.
  await page.goto(`${env.server.url}/meetings/${id}?fas=under`); // the upcoming meeting opens on *Före*; the minutes are in *Under*
  const editor = page.getByRole("textbox", { name: "Protokollets text" });
  await editor.getByText("§ 1 Mötets öppnande").waitFor();
  await editor.locator("p").first().click();
  await page.keyboard.type("Skrivet under en strikt CSP.");
  await page.getByText("Allt sparat", { exact: false }).waitFor();
  expect(await violations()).toEqual([]);
  await page.reload();
  await page.getByRole("textbox", { name: "Protokollets text" }).getByText("Skrivet under en strikt CSP.").waitFor();
  expect(await violations()).toEqual([]);
});
