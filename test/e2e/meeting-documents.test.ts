import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { expectAccessible } from "../support/browser";
import { EXE, PDF } from "../support/document-files";
import { stockholmSteeringChairedBy } from "../support/demo";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

/** The attach form under one agenda item, found by the item its summary names. */
const attachForm = (page: Page, heading: string) => page.locator("details.document-form", { has: page.locator("summary", { hasText: `Bifoga handling till ${heading}` }) });

/** No horizontal scroll at a phone's width (WCAG 1.4.10). */
async function expectReflowAt320(page: Page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  if (size) await page.setViewportSize(size);
}

it("the chair attaches a PDF to an agenda item, a program renamed .pdf is refused, and a member downloads the document", async () => {
  // The Stockholm steering group, with Södra Stockholm holding the chair from today.
  const groupId = await stockholmSteeringChairedBy(env.db.sql, stockholmDate(new Date()));
  const chair = await loggedInPage(env.browser, env.server.url, "stockholm.bo-sodra@samrad.test");
  await chair.setViewportSize({ width: 1280, height: 900 });
  await chair.goto(`${env.server.url}/groups/${groupId}/meetings/new`);
  await chair.getByLabel("Rubrik", { exact: true }).fill("Styrgruppen – mars");
  await chair.getByLabel("Datum").fill("2027-03-11");
  await chair.getByLabel("Starttid").fill("13:00");
  await chair.getByLabel("Sluttid").fill("15:00");
  await chair.getByRole("button", { name: "Skapa mötet" }).click();
  await chair.getByRole("heading", { level: 1, name: "Styrgruppen – mars" }).waitFor();
  const meetingUrl = chair.url();

  // A program renamed .pdf is refused by what it is, with the reason at the file field.
  const previous = attachForm(chair, "§ 4 Föregående mötesprotokoll");
  await previous.locator("summary").click();
  await previous.getByLabel("Fil").setInputFiles({ name: "protokoll.pdf", mimeType: "application/pdf", buffer: EXE });
  await previous.getByRole("button", { name: "Ladda upp" }).click();
  await previous.getByText("Filtypen stöds inte.").waitFor();
  await expectAccessible(chair);

  // The real PDF is attached with a title and listed under its item.
  await previous.getByLabel("Fil").setInputFiles({ name: "protokoll-februari.pdf", mimeType: "application/pdf", buffer: PDF });
  await previous.getByLabel("Handlingens rubrik (valfri)").fill("Protokoll från februarimötet");
  await previous.getByRole("button", { name: "Ladda upp" }).click();
  await previous.getByText("Handlingen är uppladdad.").waitFor();
  const list = chair.getByRole("list", { name: "Handlingar till § 4 Föregående mötesprotokoll" });
  await list.getByRole("link", { name: "Protokoll från februarimötet" }).waitFor();
  expect(await list.textContent()).toMatch(/\(PDF, 1 kB, version 1, /);
  await expectAccessible(chair);
  await expectReflowAt320(chair);

  // A member sees it (without the chair's forms) and downloads it whole, under its own name.
  const member = await loggedInPage(env.browser, env.server.url, "stockholm.bo-vasterort@samrad.test");
  await member.setViewportSize({ width: 1280, height: 900 });
  await member.goto(meetingUrl);
  const memberList = member.getByRole("list", { name: "Handlingar till § 4 Föregående mötesprotokoll" });
  await memberList.waitFor();
  expect(await member.locator("details.document-form").count()).toBe(0);
  await expectAccessible(member);
  await expectReflowAt320(member);
  const [download] = await Promise.all([member.waitForEvent("download"), memberList.getByRole("link", { name: "Protokoll från februarimötet" }).click()]);
  expect(download.suggestedFilename()).toBe("protokoll-februari.pdf");
  expect(Buffer.compare(await readFile((await download.path())!), PDF)).toBe(0);

  // Deleting asks first; then the document is gone from the list.
  const tools = chair.locator("details.document-form", { has: chair.locator("summary", { hasText: "Ta bort Protokoll från februarimötet" }) });
  await tools.locator("summary").click();
  await tools.getByText("Handlingen och alla dess versioner tas bort.").waitFor();
  await tools.getByRole("button", { name: "Ta bort handlingen" }).click();
  await chair.getByText("Handlingen är borttagen.").waitFor();
  await chair.getByRole("link", { name: "Protokoll från februarimötet" }).waitFor({ state: "detached" });
  await expectAccessible(chair);
});
