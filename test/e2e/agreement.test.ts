import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

const linkopingId = async () =>
  (await env.db.sql<{ id: string }[]>`select id from partnerships where name like 'IOP Linköpings kommun%'`)[0].id;

it("an amendment in Linköping becomes valid once both parties' representatives have signed it with their passwords", async () => {
  const id = await linkopingId();
  const kommun = await loggedInPage(env.browser, env.server.url, "linkoping.kommun@samrad.test");
  await kommun.goto(`${env.server.url}/partnerships/${id}/amendments`);
  await kommun.getByRole("heading", { level: 1, name: "Ändringar och tillägg" }).waitFor();
  await expectAccessible(kommun);

  await kommun.getByLabel("Rubrik").fill("Tillägg om chattstöd");
  // A draft without its text is answered at the field, on the page.
  await kommun.getByRole("button", { name: "Spara utkastet" }).click();
  await kommun.getByText("Fyll i fältet.").first().waitFor();
  await kommun.getByLabel("Text", { exact: true }).fill("Jouren bemannar chatten tre kvällar i veckan.");
  await kommun.getByRole("button", { name: "Spara utkastet" }).click();
  await kommun.getByRole("heading", { level: 1, name: "Tillägg om chattstöd" }).waitFor();
  await kommun.getByText("0 av 2 parter har skrivit under.").waitFor();
  await expectAccessible(kommun);

  await kommun.getByLabel("Ditt lösenord").fill("inte-mitt-losenord");
  await kommun.getByRole("button", { name: "Skriv under ändringen" }).click();
  await kommun.getByRole("alert").getByText("Fel lösenord. Ingen underskrift har registrerats.").waitFor();
  await expectAccessible(kommun);
  await kommun.getByLabel("Ditt lösenord").fill("samrad-demo");
  await kommun.getByRole("button", { name: "Skriv under ändringen" }).click();
  await kommun.getByText("Din underskrift är registrerad.").waitFor();
  await kommun.getByText("1 av 2 parter har skrivit under.").waitFor();
  await expectAccessible(kommun);
  const url = kommun.url();

  const jouren = await loggedInPage(env.browser, env.server.url, "linkoping.jouren@samrad.test");
  await jouren.goto(url);
  await jouren.getByText("Delvis underskrivet.").waitFor();
  await jouren.getByText(/Om du sparar en ändring upphävs alla underskrifter/).waitFor();
  await expectAccessible(jouren);
  await jouren.getByLabel("Ditt lösenord").fill("samrad-demo");
  await jouren.getByRole("button", { name: "Skriv under ändringen" }).click();
  await jouren.getByText("Alla parter har skrivit under. Ändringen gäller.").waitFor();
  const signatures = jouren.getByRole("region", { name: "Underskrifter" });
  await signatures.getByRole("row", { name: /Kvinnojouren Ellinor och Tjejjouren Beata Sara Lind/ }).waitFor();
  await signatures.getByRole("row", { name: /Linköpings kommun, Social- och omsorgsnämnden Johan Berg/ }).waitFor();
  expect(await jouren.getByLabel("Ditt lösenord").count()).toBe(0);
  await expectAccessible(jouren);

  await jouren.getByRole("link", { name: "Alla ändringar och tillägg" }).click();
  const valid = jouren.getByRole("region", { name: "Gällande ändringar" });
  await valid.getByRole("link", { name: "Tillägg om chattstöd" }).waitFor();
  await expectAccessible(jouren);
});

it("linkoping.jouren files the 2025 report and the coordinator compiles it, with charts, CSV and a printable page", async () => {
  const id = await linkopingId();
  const jouren = await loggedInPage(env.browser, env.server.url, "linkoping.jouren@samrad.test");
  await jouren.goto(`${env.server.url}/partnerships/${id}/reports?year=2025`);
  await jouren.getByRole("heading", { level: 2, name: "Rapport för Kvinnojouren Ellinor och Tjejjouren Beata 2025" }).waitFor();
  await expectAccessible(jouren);
  await jouren.getByLabel("Verksamhetsberättelse").fill("Fler unga har nått oss via chatten.");
  const figures: [string, string][] = [
    ["Nådda personer: kvinnor", "300"],
    ["Nådda personer: män", "60"],
    ["Nådda personer: annat eller ej angivet", "40"],
    ["Kontakter: chatt", "640"],
    ["Stödsamtal", "1320"],
    ["Ideella", "38"],
    ["Erhållet bidrag (kr)", "1850000"],
  ];
  for (const [label, value] of figures) await jouren.getByLabel(label, { exact: true }).fill(value);
  await jouren.getByLabel("Länk till den ekonomiska redovisningen").fill("https://example.se/ellinor-2025.pdf");
  await jouren.getByRole("button", { name: "Lämna in rapporten" }).click();
  await jouren.getByText("Rapporten är inlämnad.").waitFor();
  await expectAccessible(jouren);

  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  await admin.goto(`${env.server.url}/partnerships/${id}/reports?year=2025`);
  await admin.getByRole("heading", { level: 2, name: "Sammanställning 2025" }).waitFor();
  const row = admin.getByRole("row", { name: /Kvinnojouren Ellinor och Tjejjouren Beata/ });
  await row.getByRole("cell", { name: "Inlämnad" }).waitFor();
  await row.getByRole("cell", { name: /^1\s320$/ }).waitFor(); // Swedish digit grouping
  await admin.getByText("Kvinnor: 300 (75 %)").waitFor();
  await admin.getByText("Män: 60 (15 %)").waitFor();
  await admin.getByText("2025: 400").waitFor();
  await expectAccessible(admin);

  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Ladda ner sammanställningen (CSV för Excel)" }).click()]);
  expect(download.suggestedFilename()).toBe("arsrapporter-2025.csv");
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.startsWith("\uFEFFPart;Nådda personer: kvinnor;")).toBe(true);
  expect(csv).toContain("Kvinnojouren Ellinor och Tjejjouren Beata;300;60;40;");
  expect(csv).toContain("Totalt;300;60;40;");

  await admin.getByRole("link", { name: "Utskriftsvänlig sida för nämnden" }).click();
  await admin.getByRole("heading", { level: 1, name: /årsrapporter 2025/ }).waitFor();
  await admin.getByText("Fler unga har nått oss via chatten.").waitFor();
  await expectAccessible(admin);

  // The notice form previews the end before anything is recorded.
  await admin.goto(`${env.server.url}/partnerships/${id}/termination`);
  await admin.getByRole("heading", { level: 1, name: "Uppsägning av avtalet" }).waitFor();
  await expectAccessible(admin);
  await admin.getByLabel("Dag då den skriftliga uppsägningen kom in").fill("2026-06-01");
  await admin.getByLabel("Skäl och meddelande").fill("Verksamheten upphandlas.");
  // The city's notice names the nämnd's decision behind it (004 §3).
  await admin.getByRole("button", { name: "Visa när avtalet upphör" }).click();
  await admin.getByText("Ange diarienumret för nämndens beslut om uppsägningen.").first().waitFor();
  await expectAccessible(admin);
  await admin.getByLabel("Diarienummer för nämndens beslut").fill("SON 2026-0412");
  await admin.getByLabel("Dag för nämndens beslut").fill("2026-05-20");
  await admin.getByRole("button", { name: "Visa när avtalet upphör" }).click();
  await admin.getByText(/upphör det att gälla 2026-12-01\./).waitFor();
  await admin.getByText("Nämndens beslut SON 2026-0412, 2026-05-20.").waitFor();
  await expectAccessible(admin);
  // Binding like a signature: confirmed with the password.
  await admin.getByLabel("Ditt lösenord").fill("samrad-demo");
  await admin.getByRole("button", { name: "Säg upp avtalet" }).click();
  await admin.getByText("Uppsägningen är registrerad. Partens åtagande upphör 2026-12-01.").waitFor();
  await expectAccessible(admin);
  await admin.goto(`${env.server.url}/partnerships/${id}`);
  await admin.getByText("Avtalet är uppsagt och upphör 2026-12-01.").waitFor();
  await expectAccessible(admin);
});
