import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

/** What sticks out past the window, for the failure message: the widest elements wider than the viewport. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest(".table-wrap, .visually-hidden, details:not([open])"))
      .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
      .slice(0, 4)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} → ${Math.round(el.getBoundingClientRect().right)} px`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide };
  });
}

it("every main page reflows at 320 and 360 px: no horizontal scroll, the header on one line, axe-clean", async () => {
  // Stockholm: a partnership with a steering group, a noticed meeting and, for the case page, an open shortcoming.
  const [ids] = await env.db.sql`
    select p.id as partnership, g.id as "group",
      (select m.id from meetings m where m.group_id = g.id order by m.starts_at desc limit 1) as meeting,
      (select pa.id from parties pa where pa.partnership_id = p.id and pa.sector = 'idea' limit 1) as party,
      (select u.id from users u where u.email = 'admin@samrad.test') as admin
    from partnerships p join groups g on g.partnership_id = p.id and g.kind = 'steering'
    where p.name like '%Stockholm%' limit 1`;
  const [c] = await env.db.sql`
    insert into cases (partnership_id, kind, stage, title, description, concerns_party, commitment, plan_due_on, created_by)
    values (${ids.partnership}, 'shortcoming', 'planRequired', 'Jourtelefonen obemannad under tre veckor i oktober',
      'Telefonen var obemannad, vilket bilaga 1 inte medger.', ${ids.party}, 'Bilaga 1: jourtelefon', '2026-01-15', ${ids.admin})
    returning id`;
  const p = `/partnerships/${ids.partnership}`;
  const pages = [
    "/",
    p,
    `${p}/cases`,
    `${p}/amendments`,
    `${p}/reports?year=2025`,
    `${p}/follow-ups`,
    `${p}/funding`,
    `${p}/appendices`,
    `${p}/history`,
    `${p}/termination`,
    `/groups/${ids.group}`,
    `/meetings/${ids.meeting}`,
    "/meetings",
    `/cases/${c.id}`,
    "/settings",
    "/todo",
    "/partnerships/new",
  ];
  const page = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  const failures: string[] = [];
  for (const width of [320, 360]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of pages) {
      await page.goto(env.server.url + path);
      await page.waitForLoadState("networkidle");
      const o = await overflow(page);
      if (o.scrollWidth > o.innerWidth) failures.push(`${path} at ${width} px is ${o.scrollWidth} px wide: ${o.wide.join("; ")}`);
      // The header keeps to one line: brand, to-do counter and the folded menu.
      const header = await page.locator(".site-header-inner").boundingBox();
      if (!header || header.height > 64) failures.push(`${path} at ${width} px: header ${header?.height} px tall`);
    }
  }
  if (process.env.REFLOW_SHOTS)
    for (const path of pages) {
      await page.setViewportSize({ width: 360, height: 800 });
      await page.goto(env.server.url + path);
      await page.screenshot({ path: `${process.env.REFLOW_SHOTS}/${path.replace(/\W+/g, "_").slice(0, 60)}.png`, fullPage: true, clip: { x: 0, y: 0, width: 360, height: 1100 } });
    }
  expect(failures).toEqual([]);
  // axe at 320 px (and the default width) on each page type.
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const path of pages) {
    await page.goto(env.server.url + path);
    await expectAccessible(page);
  }
});
