import { expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

const partnershipId = async (like: string) => (await env.db.sql<{ id: string }[]>`select id from partnerships where name like ${like}`)[0].id;

it("Borås's idea party files its 2025 report with the activity report, plan and quality appendix its agreement (003) asks", async () => {
  const id = await partnershipId("IOP Borås%");
  const jouren = await loggedInPage(env.browser, env.server.url, "boras.jouren@samrad.test");
  await jouren.goto(`${env.server.url}/partnerships/${id}/reports?year=2025`);
  await jouren.getByText("Avtalet anger inget datum för rapporten; den visas som inte inlämnad tills den lämnas.").waitFor();
  await jouren.getByText("Bifoga: Verksamhetsberättelse (dokument), Verksamhetsplan, Kvalitetsbilaga.").waitFor();
  await expectAccessible(jouren);

  await jouren.getByLabel("Nådda personer", { exact: true }).fill("212");
  await jouren.getByLabel("Verksamhetsberättelse (dokument)", { exact: true }).fill("https://boras.example/verksamhetsberattelse-2025.pdf");
  await jouren.getByLabel("Verksamhetsplan", { exact: true }).fill("https://boras.example/verksamhetsplan-2026.pdf");
  await jouren.getByRole("button", { name: "Lämna in rapporten" }).click();
  // The quality appendix is missing: said at its field, nothing filed, what was typed kept.
  await jouren.getByText("Länka till dokumentet: avtalet kräver det.").waitFor();
  expect(await jouren.getByLabel("Verksamhetsplan", { exact: true }).inputValue()).toBe("https://boras.example/verksamhetsplan-2026.pdf");
  expect(await env.db.sql`select 1 from yearly_reports`).toHaveLength(0);
  await expectAccessible(jouren);

  await jouren.getByLabel("Kvalitetsbilaga", { exact: true }).fill("https://boras.example/bilaga-kvalitet.pdf");
  await jouren.getByRole("button", { name: "Lämna in rapporten" }).click();
  await jouren.getByText("Rapporten är inlämnad.").waitFor();
  const [row] = await env.db.sql`select statistics, attachments from yearly_reports`;
  expect(row).toEqual({
    statistics: { reached: 212 },
    attachments: {
      activityReport: "https://boras.example/verksamhetsberattelse-2025.pdf",
      activityPlan: "https://boras.example/verksamhetsplan-2026.pdf",
      qualityAppendix: "https://boras.example/bilaga-kvalitet.pdf",
    },
  });
  await jouren
    .getByRole("row", { name: /Kvinno- och tjejjouren Borås/ })
    .getByRole("cell", { name: "Inlämnad" })
    .waitFor();
  await expectAccessible(jouren);
});

it("Österåker's accounts are approved from the steering group's adopted decision, and the compilation prints at A4 with every column", async () => {
  const id = await partnershipId("IOP Österåker%");
  // A steering meeting held yesterday, with the decision to approve the accounts in its register.
  const [decision] = await env.db.sql`
    with m as (
      insert into meetings (group_id, title, starts_at, ends_at, status, created_by)
      select g.id, 'Styrgruppsmöte om bokslutet', now() - interval '1 day', now() - interval '23 hours', 'noticed', u.id
      from groups g, users u where g.partnership_id = ${id} and g.kind = 'steering' and u.email = 'admin@samrad.test'
      returning id, group_id, created_by)
    insert into decisions (group_id, meeting_id, year, number, text, status, proposed_by)
    select group_id, id, 2026, 1, 'Styrgruppen godkänner bokslutet för 2025.', 'adopted', created_by from m returning id`;

  const jouren = await loggedInPage(env.browser, env.server.url, "osteraker.kvinnojouren@samrad.test");
  await jouren.goto(`${env.server.url}/partnerships/${id}/reports?year=2025`);
  await jouren.getByText("Rapporten för 2025 ska lämnas senast 2026-01-31.").waitFor();
  await jouren.getByText("Bokslutet granskas och godkänns av styrgruppen.").waitFor();
  await jouren.getByLabel("Verksamhetsberättelse", { exact: true }).fill("Fler kvinnor har sökt stöd via chatten.");
  const figures: [string, string][] = [
    ["Kontakter: besök", "120"],
    ["Kontakter: telefon", "800"],
    ["Kontakter: chatt", "90"],
    ["Kontakter: e-post", "40"],
    ["Stödsamtal: kvinnor", "300"],
    ["Stödsamtal: män", "12"],
    ["Stödsamtal: annat eller ej angivet", "3"],
    ["Ideella", "25"],
    ["Ideella timmar", "2100"],
    ["Anställda", "3"],
    ["Erhållet bidrag (kr)", "2400000"],
    ["Kostnader (kr)", "2450000"],
    ["Kvar (kr)", "50000"],
    ["Verksamhetsberättelse (dokument)", "https://osteraker.example/vb-2025.pdf"],
    ["Bokslut för helåret", "https://osteraker.example/bokslut-2025.pdf"],
  ];
  for (const [label, value] of figures) await jouren.getByLabel(label, { exact: true }).fill(value);
  await jouren.getByRole("button", { name: "Lämna in rapporten" }).click();
  // A deficit is written with a minus sign: "Kvar" must be the grant minus the costs.
  await jouren.getByText(/^Kvar ska vara erhållet bidrag minus kostnader\./).waitFor();
  await expectAccessible(jouren);
  await jouren.getByLabel("Kvar (kr)", { exact: true }).fill("-50000");
  await jouren.getByRole("button", { name: "Lämna in rapporten" }).click();
  await jouren.getByText("Rapporten är inlämnad.").waitFor();
  await jouren.getByText("Bokslutet väntar på styrgruppens granskning.").waitFor();

  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  await admin.goto(`${env.server.url}/partnerships/${id}/reports?year=2025`);
  const review = admin.getByRole("region", { name: "Granska bokslut" });
  await review.getByRole("heading", { name: "Bokslut för Kvinnojouren i Österåker" }).waitFor();
  await expectAccessible(admin);
  await review.getByLabel("Styrgruppens beslut", { exact: true }).selectOption(decision.id);
  await review.getByLabel("Styrgruppens beslut om bokslutet").selectOption("approved");
  await review.getByRole("button", { name: "Registrera granskningen" }).click();
  await admin.getByText("Bokslutet är godkänt.").waitFor();
  await admin.reload();
  await admin
    .getByRole("row", { name: /Kvinnojouren i Österåker/ })
    .getByRole("cell", { name: "Bokslutet är godkänt av styrgruppen" })
    .waitFor();
  expect(await env.db.sql`select outcome, decision_id from yearly_report_reviews`).toEqual([{ outcome: "approved", decision_id: decision.id }]);
  await expectAccessible(admin);

  // The committee's compilation: party, status, accounts, ten figures and three amounts.
  await admin.goto(`${env.server.url}/partnerships/${id}/reports/print?year=2025`);
  await admin.getByRole("heading", { level: 1, name: /årsrapporter 2025/ }).waitFor();
  await expectAccessible(admin);
  const headers = await admin.locator("table.report-table thead th").allTextContents();
  expect(headers).toHaveLength(16);
  expect(headers.slice(-3)).toEqual(["Erhållet bidrag (kr)", "Kostnader (kr)", "Kvar (kr)"]);

  // Chromium prints it on A4 turned landscape, as the page asks (@page compilation): 297 × 210 mm in points.
  await admin.emulateMedia({ media: "print" });
  const pdf = (await admin.pdf({ format: "A4", preferCSSPageSize: true })).toString("latin1");
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(boxes.length).toBeGreaterThan(0);
  for (const [w, h] of boxes) expect([Math.round(w), Math.round(h)]).toEqual([842, 595]);
  // Laid out as on that page, less its 12 mm margins: every column's right edge within the line, nothing scrolled away.
  const printable = Math.floor((boxes[0][0] / 72) * 96 - 2 * (12 / 25.4) * 96);
  await admin.setViewportSize({ width: printable, height: 700 });
  const edges = await admin.locator("table.report-table thead th").evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().right));
  expect(edges).toHaveLength(16);
  for (const right of edges) expect(right).toBeLessThanOrEqual(printable);
  const table = await admin.locator("table.report-table").evaluate((t) => ({ scroll: t.scrollWidth, width: t.getBoundingClientRect().width }));
  expect(table.scroll).toBeLessThanOrEqual(Math.ceil(table.width));
  // No figure spills out of its cell into the next one.
  const spilling = await admin
    .locator("table.report-table th, table.report-table td")
    .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
  expect(spilling).toEqual([]);
});
