import { expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

const partnershipId = async (like: string) => (await env.db.sql<{ id: string }[]>`select id from partnerships where name like ${like}`)[0].id;

it("the coordinator records Linköping's January payment and, once the index figure is in, sees 2026's indexed amount", async () => {
  const id = await partnershipId("IOP Linköpings kommun%");
  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  await admin.goto(`${env.server.url}/partnerships/${id}`);
  await admin.getByRole("link", { name: "Ekonomi" }).click();
  await admin.getByRole("heading", { level: 1, name: "Ekonomi" }).waitFor();
  await admin.getByLabel("År", { exact: true }).first().fill("2025");
  await admin.getByRole("button", { name: "Visa år" }).click();
  await admin.waitForURL(/year=2025/);
  const next = admin.getByRole("region", { name: "Nästa utbetalning" });
  // Its due day has passed whatever day this runs, and the page says so.
  await next.getByText(/^2025-01-31: Kvinnojouren Ellinor och Tjejjouren Beata, 1\s571\s605 kr\.\s*Förfallodagen har passerat$/).waitFor();
  const proposals = admin.getByRole("region", { name: "Belopp enligt avtalet" });
  await proposals.getByRole("row", { name: /2026 Indextalet saknas 2026-01-31/ }).waitFor();
  await expectAccessible(admin);

  await admin.getByText(/^Registrera Kvinnojouren Ellinor och Tjejjouren Beata 2025-01-31/).click();
  await admin.getByLabel("Status").selectOption({ label: "Utbetald" });
  await admin.getByLabel("Datum", { exact: true }).fill("2025-01-24");
  await admin.getByRole("button", { name: "Registrera", exact: true }).click();
  await admin.getByText("Utbetalningen har registrerats som utbetald.").waitFor();
  await next.getByText("Inga utbetalningar väntar.").waitFor();
  const payments = admin.getByRole("region", { name: "Utbetalningar" });
  await payments.getByRole("row", { name: /2025-01-31 Kvinnojouren Ellinor och Tjejjouren Beata 2025 1\s571\s605 kr Utbetald 2025-01-24/ }).waitFor();
  await admin
    .getByRole("region", { name: "Per år" })
    .getByRole("row", { name: /^2025 1\s571\s605 kr 1\s571\s605 kr 0 kr 0 kr 0 kr$/ })
    .waitFor();
  await expectAccessible(admin);

  const index = admin.locator("details", { hasText: "Registrera indextal" });
  await index.getByText("Registrera indextal").click();
  await index.getByLabel("År").fill("2026");
  await index.getByLabel("Index (procent)").fill("2,6");
  await index.getByRole("button", { name: "Spara indextalet" }).click();
  await admin.getByText("Indextalet har registrerats.").waitFor();
  // 1 571 605 × 1,026 = 1 612 466,73, rounded to whole kronor.
  await proposals.getByRole("row", { name: /2026 1\s612\s467 kr 2026-01-31/ }).waitFor();
  await admin.getByText("2026: 2.6 % (—)").waitFor();
  await expectAccessible(admin);

  const [row] = await env.db.sql`select p.status, p.settled_on::text from payments p join grants g on g.id = p.grant_id where g.partnership_id = ${id}`;
  expect(row).toEqual({ status: "paid", settled_on: "2025-01-24" });
});

it("Stockholm's period is conditional on funds until the coordinator records the decision; its funds page says what is missing", async () => {
  const id = await partnershipId("IOP Socialförvaltningen Stockholm%");
  const rep = await loggedInPage(env.browser, env.server.url, "stockholm.bo-gotland@samrad.test");
  await rep.goto(`${env.server.url}/partnerships/${id}`);
  await rep.getByText(/^Avtalsperioden gäller under förutsättning att det finns medel \(004 §5\.1\)\./).waitFor();
  await expectAccessible(rep);

  await rep.goto(`${env.server.url}/partnerships/${id}/funding`);
  await rep.getByRole("heading", { level: 1, name: "Ekonomi" }).waitFor();
  await rep.getByText("Inga utbetalningar väntar.").waitFor();
  await rep.getByText("Inga beviljade medel är registrerade än.").first().waitFor();
  await rep.getByText("Inga utbetalningar är registrerade än.").waitFor();
  await rep.getByText("Inga utbetalningar är stoppade.").waitFor();
  await rep.getByRole("region", { name: "Belopp enligt avtalet" }).getByText("Anges inte i avtalet").first().waitFor();
  // An idea-based party sees the funds but records nothing.
  expect(await rep.getByText("Registrera beviljade medel").count()).toBe(0);
  expect(await rep.getByText("Registrera beslut om medel").count()).toBe(0);
  await expectAccessible(rep);

  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  await admin.goto(`${env.server.url}/partnerships/${id}/funding`);
  await admin.getByText("Registrera beslut om medel").click();
  await expectAccessible(admin);
  await admin.getByLabel("Beslutsdatum").fill("2026-02-12");
  await admin.locator("details", { hasText: "Registrera beslut om medel" }).getByLabel("Beslut (diarienummer)").fill("SoN 2026/41");
  await admin.getByRole("button", { name: "Spara beslutet" }).click();
  await admin.getByText("Beslutet om medel har registrerats.").waitFor();
  await admin.getByText("Beslut om medel fattat 2026-02-12 (SoN 2026/41); avtalsperioden gäller.").waitFor();
  await expectAccessible(admin);

  await rep.goto(`${env.server.url}/partnerships/${id}`);
  await rep.getByRole("heading", { level: 1 }).waitFor();
  expect(await rep.getByText(/Avtalsperioden gäller under förutsättning/).count()).toBe(0);
});

it("the coordinator marks a period as conditional on funds, citing the clause; the partnership page says so until the decision", async () => {
  const id = await partnershipId("IOP Borås%");
  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  await admin.goto(`${env.server.url}/partnerships/${id}/funding`);
  await admin.getByText("Villkora avtalsperioden av medel").click();
  await expectAccessible(admin);
  await admin.getByLabel("Avtalets bestämmelse om medel").fill("Ekonomi");
  await admin.getByRole("button", { name: "Villkora avtalsperioden" }).click();
  await admin.getByText("Avtalsperioden är villkorad av medel tills beslutet om medel registreras.").waitFor();
  await admin
    .getByText("Avtalsperioden gäller under förutsättning att det finns medel (Ekonomi). Beslut om medel är inte registrerat än.")
    .waitFor();
  expect(await admin.getByText("Villkora avtalsperioden av medel").count()).toBe(0);
  await admin.getByText("Registrera beslut om medel").waitFor();
  await expectAccessible(admin);

  await admin.goto(`${env.server.url}/partnerships/${id}`);
  await admin.getByText(/^Avtalsperioden gäller under förutsättning att det finns medel \(Ekonomi\)\./).waitFor();
  await expectAccessible(admin);
});
