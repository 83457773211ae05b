import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

/** What sticks out past the window, for the failure message: the elements reaching furthest right. */
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

// Every main page type: overview, the partnership's tabs, group, meeting, case, reports, funding, settings, to-do.
let pages: string[] = [];

beforeAll(async () => {
  // Stockholm: a partnership with a steering group and meetings; for the case page, an overdue shortcoming.
  const [ids] = await env.db.sql`
    select p.id as partnership, g.id as "group",
      (select m.id from meetings m where m.group_id = g.id order by m.starts_at desc limit 1) as meeting,
      (select pa.id from parties pa where pa.partnership_id = p.id and pa.sector = 'idea' limit 1) as party,
      (select u.id from users u where u.email = 'admin@samrad.test') as admin
    from partnerships p join groups g on g.partnership_id = p.id and g.kind = 'steering'
    where p.reference_number = '2021/630'`;
  const [c] = await env.db.sql`
    insert into cases (partnership_id, kind, stage, title, description, concerns_party, commitment, plan_due_on, created_by)
    values (${ids.partnership}, 'shortcoming', 'planRequired', 'Jourtelefonen obemannad under tre veckor i oktober',
      'Telefonen var obemannad, vilket bilaga 1 inte medger.', ${ids.party}, 'Bilaga 1: jourtelefon', '2026-01-15', ${ids.admin})
    returning id`;
  const p = `/partnerships/${ids.partnership}`;
  pages = [
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
    `/groups/${ids.group}/decisions`,
    `/groups/${ids.group}/meetings/new`,
    `/meetings/${ids.meeting}`,
    "/meetings",
    "/partnerships",
    `/cases/${c.id}`,
    "/settings",
    "/todo",
    "/partnerships/new",
    "/admin/invitations",
    "/admin/outbox",
  ];
});

it.each([320, 360])(
  "every main page reflows at %i px: no horizontal scroll, the header on one line",
  async (width) => {
    const page = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
    await page.setViewportSize({ width, height: 800 });
    const failures: string[] = [];
    for (const path of pages) {
      await page.goto(env.server.url + path);
      await page.waitForLoadState("networkidle");
      const o = await overflow(page);
      if (o.scrollWidth > o.innerWidth) failures.push(`${path} is ${o.scrollWidth} px wide: ${o.wide.join("; ")}`);
      // Brand, to-do counter and the folded menu: one line of the header, not a third of the screen.
      const header = await page.locator(".site-header-inner").boundingBox();
      if (!header || header.height > 64) failures.push(`${path}: header ${header?.height} px tall`);
    }
    expect(failures).toEqual([]);
    // The folded menu opens and leads on.
    await page.goto(env.server.url + "/");
    await page.getByText("Meny", { exact: true }).click();
    await page.getByRole("navigation", { name: "Huvudmeny" }).getByRole("link", { name: "Möten" }).click();
    await page.getByRole("heading", { level: 1, name: "Möten" }).waitFor();
  },
  120_000,
);

it("every main page is axe-clean at 1280 and 320 px", async () => {
  const page = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  for (const path of pages) {
    await page.goto(env.server.url + path);
    await expectAccessible(page);
  }
}, 180_000);
