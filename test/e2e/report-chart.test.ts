import { expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("the yearly reports' chart compares people reached by gender over the years, with a legend and every bar said in words", async () => {
  // Stockholm (004 §4) splits people reached by gender; two parties filed for 2024 and 2025.
  const [s] = await env.db.sql`
    select p.id, (select u.id from users u where u.email = 'admin@samrad.test') as admin
    from partnerships p where p.reference_number = '2021/630'`;
  await env.db.sql`
    insert into yearly_reports (partnership_id, party_id, year, statistics, submitted_at, submitted_by, updated_by)
    select ${s.id}, pa.id, y.year, jsonb_build_object('reachedWomen', y.women, 'reachedMen', y.men, 'reachedOther', y.other), now(), ${s.admin}, ${s.admin}
    from (select id from parties where partnership_id = ${s.id} and sector = 'idea' order by id limit 2) pa,
      (values (2024, 100, 50, 10), (2025, 150, 40, 10)) as y(year, women, men, other)`;

  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  await admin.goto(`${env.server.url}/partnerships/${s.id}/reports?year=2025`);
  const chart = admin.getByRole("figure", { name: "Nådda personer per år och kön" });
  await chart.waitFor();
  expect(await chart.getByRole("list", { name: "Förklaring" }).getByRole("listitem").allTextContents()).toEqual([" Kvinnor", " Män", " Annat eller ej angivet"]);
  // One group per year, the same three series in each, the figures in words beside the bars.
  expect(await chart.locator("dt").allTextContents()).toEqual(["2024", "2025"]);
  expect(await chart.locator("dd").allTextContents()).toEqual([
    "Kvinnor: 200 (63 %)",
    "Män: 100 (31 %)",
    "Annat eller ej angivet: 20 (6 %)",
    "Kvinnor: 300 (75 %)",
    "Män: 80 (20 %)",
    "Annat eller ej angivet: 20 (5 %)",
  ]);
  // One scale for all years: the longest bar is 2025's women, every other bar is shorter.
  const widths = await chart.locator(".chart-bar").evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().width));
  expect(Math.max(...widths)).toBe(widths[3]);
  expect(widths[0] / widths[3]).toBeCloseTo(200 / 300, 1);
  await expectAccessible(admin);
});
