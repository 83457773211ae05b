import { beforeAll, expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";
import { DEMO_ADMIN } from "../../db/seed/agreements";
import { addManyPartnerships } from "../support/many-partnerships";

const env = e2eEnvironment();
const MEMBER = "stockholm.bo-sodra@samrad.test";

beforeAll(async () => {
  // Thirty more partnerships with two upcoming meetings each: more than a page of either list.
  await addManyPartnerships(env.db.sql, { memberEmail: MEMBER, adminEmail: DEMO_ADMIN.email, count: 30, meetingsEach: 2 });
});

it("a member of many partnerships goes from the overview's first 20 to all of them, and pages through the upcoming meetings", async () => {
  const [{ partnerships, meetings }] = await env.db.sql<{ partnerships: number; meetings: number }[]>`
    select count(distinct g.partnership_id)::int as partnerships, count(m.id) filter (where m.ends_at >= now())::int as meetings
    from users u join group_members gm on gm.user_id = u.id join groups g on g.id = gm.group_id left join meetings m on m.group_id = g.id
    where lower(u.email) = ${MEMBER}`;
  expect(meetings).toBeGreaterThan(50);
  const page = await loggedInPage(env.browser, env.server.url, MEMBER);

  // The overview: 20 partnership cards, how many there are, and the way to the rest.
  const section = page.getByRole("region", { name: "Partnerskap" });
  expect(await section.locator("li.card").count()).toBe(20);
  await section.getByText(`Visar 20 av ${partnerships} partnerskap.`).waitFor();
  await expectAccessible(page);
  await section.getByRole("link", { name: `Visa alla partnerskap (${partnerships})` }).click();

  // All partnerships, 20 a page.
  await page.getByRole("heading", { level: 1, name: "Alla partnerskap" }).waitFor();
  await page.getByRole("heading", { level: 2, name: `${partnerships} partnerskap` }).waitFor();
  expect(await page.locator("li.card").count()).toBe(20);
  await expectAccessible(page);
  const partnershipPager = page.getByRole("navigation", { name: "Sidor i listan över partnerskap" });
  await partnershipPager.getByRole("link", { name: "Nästa sida, sida 2 av 2" }).click();
  await partnershipPager.getByText("Sida 2 av 2").waitFor();
  expect(await page.locator("li.card").count()).toBe(partnerships - 20);
  await expectAccessible(page);

  // Upcoming meetings, 50 a page, soonest first; the pager fits a 320 px screen.
  await page.goto(env.server.url + "/meetings");
  await page.getByRole("heading", { level: 1, name: "Möten" }).waitFor();
  const items = page.locator(".meeting-list > li");
  expect(await items.count()).toBe(50);
  const pager = page.getByRole("navigation", { name: "Sidor i listan över möten" });
  await pager.getByText("Sida 1 av 2").waitFor();
  expect(await pager.getByRole("link", { name: /^Föregående sida/ }).count()).toBe(0);
  await expectAccessible(page);
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 800 });
  const lastOnFirst = await items.last().locator("time").getAttribute("datetime");

  await pager.getByRole("link", { name: "Nästa sida, sida 2 av 2" }).click();
  await pager.getByText("Sida 2 av 2").waitFor();
  expect(page.url()).toBe(`${env.server.url}/meetings?view=upcoming&page=2`);
  expect(await items.count()).toBe(meetings - 50);
  expect(Date.parse((await items.first().locator("time").getAttribute("datetime"))!)).toBeGreaterThanOrEqual(Date.parse(lastOnFirst!));
  // The tab still says which view this is.
  await page.getByRole("navigation", { name: "Visa möten" }).locator('[aria-current="page"]', { hasText: "Kommande" }).waitFor();
  await expectAccessible(page);

  await pager.getByRole("link", { name: "Föregående sida, sida 1 av 2" }).click();
  await pager.getByText("Sida 1 av 2").waitFor();
  expect(await items.count()).toBe(50);

  // A stale link past the end says so and leads back.
  await page.goto(env.server.url + "/meetings?view=upcoming&page=9");
  await page.getByText("Sidan 9 finns inte.").waitFor();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Gå till första sidan" }).click();
  await pager.getByText("Sida 1 av 2").waitFor();
}, 120_000);
