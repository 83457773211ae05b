import { it } from "vitest";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("the party holding the chair names its chair and then passes the turn on, from the group page", async () => {
  const [{ id: groupId }] = await env.db.sql<{ id: string }[]>`
    select g.id from groups g join partnerships p on p.id = g.partnership_id where p.reference_number = '2021/630' and g.kind = 'steering'`;
  // Monthly chair turns from today with Gotland first: today's turn is Gotland's.
  await env.db.sql`update groups set rotation_order = array_prepend(p.id, array_remove(rotation_order, p.id)),
    rotation_starts_on = ${stockholmDate(new Date())}, rotation_unit = 'months', rotation_length = 1
    from parties p join organisations o on o.id = p.organisation_id where groups.id = ${groupId} and p.partnership_id = groups.partnership_id and o.name = 'Brottsofferjouren Stockholm-Gotland'`;
  const gotland = await loggedInPage(env.browser, env.server.url, "stockholm.bo-gotland@samrad.test");
  await gotland.goto(`${env.server.url}/groups/${groupId}`);
  const chairLine = gotland.locator("p", { hasText: "Ordförande:" });
  await chairLine.filter({ hasText: "person ej utsedd (Brottsofferjouren Stockholm-Gotland)" }).waitFor();
  await gotland.getByRole("button", { name: "Utse", exact: true }).click();
  await gotland.getByText("Personen är utsedd.").waitFor();
  await chairLine.filter({ hasText: "(Brottsofferjouren Stockholm-Gotland)" }).filter({ hasNotText: "person ej utsedd" }).waitFor();
  await expectAccessible(gotland);

  await gotland.getByText("Hoppa över en part i rotationen").click();
  await gotland.getByLabel("Skäl").fill("Ordföranden är föräldraledig");
  await gotland.getByRole("button", { name: "Hoppa över turen" }).click();
  // The turn has gone on: Gotland holds none now, so its form is gone and what was done stays shown.
  await gotland.getByText("Turen är överhoppad och skälet registrerat.").waitFor();
  await gotland.getByText("Brottsofferjouren Stockholm-Gotland avstod sin tur: Ordföranden är föräldraledig").waitFor();
  if (await gotland.getByText("Hoppa över en part i rotationen").count()) throw new Error("the form stayed for a party holding no turn");
  await expectAccessible(gotland);
});

it("the coordinator registers an appendix and a new version of it, with the reason", async () => {
  const [{ id }] = await env.db.sql<{ id: string }[]>`select id from partnerships where reference_number = '2021/630'`;
  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  await admin.goto(`${env.server.url}/partnerships/${id}/appendices`);
  await admin.getByText("Lägg till bilaga").click();
  await admin.getByLabel("Part", { exact: true }).selectOption({ label: "Brottsofferjouren Södra Stockholm" });
  await admin.getByLabel("Bilagans namn").fill("Bilaga 3: Södra Stockholm");
  await admin.getByLabel("Åtaganden").fill("Stödsamtal vardagar 9–16.");
  await admin.getByLabel("Skäl och beslut").fill("Överenskommelsen 2025");
  await admin.getByRole("button", { name: "Spara bilagan" }).click();
  await admin.getByText("Bilagan är sparad.").waitFor();
  const card = admin.getByRole("article").filter({ hasText: "Bilaga 3: Södra Stockholm" });
  await card.getByText("Ändra åtagandena").click();
  await card.getByLabel("Åtaganden").fill("Stödsamtal alla dagar 9–16.");
  await card.getByLabel("Skäl och beslut").fill("Styrgruppens beslut 2026-03-12 § 4");
  await card.getByRole("button", { name: "Spara ny version" }).click();
  await admin.getByText("En ny version av bilagan är sparad.").waitFor();
  await card.getByText(/^Version 2,/).waitFor();
  await expectAccessible(admin);
});
