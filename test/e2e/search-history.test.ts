import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

/** WCAG 1.4.10: at 320 px the page reflows, nothing scrolls sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  if (size) await page.setViewportSize(size);
}

it("a member searches from the header and finds a decision by an inflected form, the word marked", async () => {
  await env.db.sql`
    insert into decisions (group_id, kind, year, number, text, proposed_by)
    select g.id, 'meeting', 2031, 1, 'Styrgruppens beslut om utökade kvällsöppettider för chatten', u.id
    from groups g join partnerships p on p.id = g.partnership_id, users u
    where p.name like '%Linköping%' and g.kind = 'steering' and u.email = 'linkoping.kommun@samrad.test'`;
  const page = await loggedInPage(env.browser, env.server.url, "linkoping.jouren@samrad.test");

  const box = page.getByRole("searchbox", { name: "Sök i protokoll, beslut och ärenden" }).first();
  await box.fill("   ");
  await box.press("Enter");
  await page.getByText("Skriv ett eller flera ord att söka efter.").waitFor();
  await expectAccessible(page);

  await page.getByRole("searchbox", { name: "Sök i protokoll, beslut och ärenden" }).first().fill("beslutade kvällsöppettider");
  await page.getByRole("searchbox", { name: "Sök i protokoll, beslut och ärenden" }).first().press("Enter");
  await page.getByRole("heading", { level: 2, name: "Träffar för ”beslutade kvällsöppettider”" }).waitFor();
  await page.getByRole("heading", { level: 3, name: "Beslut (1)" }).waitFor();
  expect(await page.locator("mark").allTextContents()).toEqual(expect.arrayContaining(["beslut", "kvällsöppettider"]));
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);

  await page.getByRole("link", { name: "SG 2031 § 1" }).click();
  await page.getByRole("heading", { level: 1, name: "SG 2031 § 1" }).waitFor();

  await page.goto(`${env.server.url}/search?q=finnsinte`);
  await page.getByText("Inga träffar för ”finnsinte”.").waitFor();
  await expectAccessible(page);
});

it("the history reads as sentences, filters by person and shows the stored record on demand", async () => {
  const [ids] = await env.db.sql<{ partnership: string; meeting: string; title: string; ahmed: string; eva: string; group: string }[]>`
    select p.id as partnership, m.id as meeting, m.title, g.id as "group",
      (select id from users where email = 'stockholm.bo-gotland@samrad.test') as ahmed,
      (select id from users where email = 'stockholm.socialforvaltningen@samrad.test') as eva
    from partnerships p join groups g on g.partnership_id = p.id and g.kind = 'steering' join meetings m on m.group_id = g.id
    where p.name like '%Stockholm%' order by m.starts_at limit 1`;
  await env.db.sql`insert into audit_log (actor_id, action, subject, details) values
    (${ids.eva}, 'meeting.notice', ${"meeting:" + ids.meeting}, '{}'),
    (${ids.ahmed}, 'meeting.rsvp', ${"meeting:" + ids.meeting}, '{"rsvp":"attending"}'),
    (${ids.eva}, 'agenda.add', ${"meeting:" + ids.meeting}, '{"title":"Lokalfrågan"}')`;

  const page = await loggedInPage(env.browser, env.server.url, "stockholm.socialforvaltningen@samrad.test");
  await page.goto(`${env.server.url}/partnerships/${ids.partnership}/history`);
  await page.getByRole("heading", { level: 1, name: "Historik" }).waitFor();
  await page.getByText(`Eva Lindqvist skickade kallelse till ${ids.title}`).waitFor();
  await page.getByText(`Ahmed Karimi svarade på kallelsen till ${ids.title} att hen kommer`).waitFor();
  await expectAccessible(page);

  await page.getByLabel("Person").selectOption({ label: "Ahmed Karimi" });
  await page.getByRole("button", { name: "Visa" }).click();
  await page.waitForURL(/person=/);
  await page.getByText("1 händelser").waitFor();
  expect(await page.locator(".history-sentence").allTextContents()).toEqual([`Ahmed Karimi svarade på kallelsen till ${ids.title} att hen kommer`]);

  await page.getByText("Visa posten som den lagrats").click();
  await page.getByText('"action": "meeting.rsvp"').waitFor();
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Ladda ned historiken som CSV (Excel)" }).click();
  expect((await download).suggestedFilename()).toBe("historik.csv");
});
