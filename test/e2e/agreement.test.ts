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

  await kommun.getByLabel("Rubrik", { exact: true }).fill("Tillägg om chattstöd");
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
  await jouren.getByText("Delvis underskrivet", { exact: true }).waitFor();
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

it("the coordinator previews Linköping's notice of termination before giving it", async () => {
  const id = await linkopingId();
  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
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
