import { it } from "vitest";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { expectAccessible } from "../support/browser";
import { stockholmSteeringMeetings } from "../support/demo";
import { e2eEnvironment } from "../support/e2e";
import { agreeWithDecision, closeAsAdopted } from "../support/e2e-decisions";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("after Västerort's notice has taken effect the chair passes on, three parties adopt a steering decision and sign an amendment", async () => {
  const [{ id: partnershipId, groupId }] = await env.db.sql<{ id: string; groupId: string }[]>`
    select p.id, g.id as "groupId" from partnerships p join groups g on g.partnership_id = p.id where p.reference_number = '2021/630' and g.kind = 'steering'`;
  // Västerort's written notice reached the steering group on 2025-09-30, by the notice day of
  // 004 §5.3, so it took effect at the end of the first period, 2025-12-31: in the past on any run.
  await env.db.sql`insert into terminations (partnership_id, party_id, given_on, effective_on, reason, given_by)
    select ${partnershipId}, p.id, '2025-09-30', '2025-12-31', 'Styrelsebeslut om att lämna partnerskapet.', u.id
    from parties p join organisations o on o.id = p.organisation_id, users u
    where p.partnership_id = ${partnershipId} and o.name = 'Brottsofferjouren Västerort' and u.email = 'stockholm.bo-vasterort@samrad.test'`;
  // Monthly chair turns from today with Västerort first: today's turn would be Västerort's.
  await env.db.sql`update groups set rotation_order = array_prepend(p.id, array_remove(rotation_order, p.id)),
    rotation_starts_on = ${stockholmDate(new Date())}, rotation_unit = 'months', rotation_length = 1
    from parties p join organisations o on o.id = p.organisation_id where groups.id = ${groupId} and p.partnership_id = groups.partnership_id and o.name = 'Brottsofferjouren Västerort'`;
  const [held] = await stockholmSteeringMeetings(env.db.sql); // a few weeks back, in 2026 or later

  const city = await loggedInPage(env.browser, env.server.url, "stockholm.socialforvaltningen@samrad.test");
  await city.goto(`${env.server.url}/partnerships/${partnershipId}`);
  await city.getByText("Brottsofferjouren Västerort lämnar partnerskapet 2025-12-31.").waitFor();
  await city.goto(`${env.server.url}/groups/${groupId}`);
  const chairLine = (page: typeof city) => page.locator("p", { hasText: "Ordförande:" }).filter({ hasText: "(Socialförvaltningen, Stockholms stad)" });
  await chairLine(city).waitFor();
  await city.getByText("Brottsofferjouren Västerort lämnade partnerskapet 2025-12-31 och får inga fler turer.").waitFor();
  await city.getByRole("link", { name: "Nytt möte" }).waitFor();
  await expectAccessible(city);
  const vasterort = await loggedInPage(env.browser, env.server.url, "stockholm.bo-vasterort@samrad.test");
  await vasterort.goto(`${env.server.url}/groups/${groupId}`);
  await vasterort.getByRole("heading", { level: 1, name: "Styrgruppen" }).waitFor();
  await chairLine(vasterort).waitFor();
  if (await vasterort.getByRole("link", { name: "Nytt möte" }).count()) throw new Error("a party that has left still convenes");

  // The three remaining parties, present with mandate, agree: adopted, with no one missing.
  await city.goto(`${env.server.url}/meetings/${held}`);
  await city.getByText("Ansluten", { exact: false }).first().waitFor();
  for (const name of ["Eva Lindqvist", "Ahmed Karimi", "Ingrid Sjöberg"]) await city.getByLabel(`${name} närvarande`).check();
  await city.getByRole("button", { name: "Spara närvaron" }).click();
  await city.getByText("Närvaron är sparad.").waitFor();
  await city.getByText("Registrera beslut", { exact: true }).click();
  await city.getByLabel("Punkt på dagordningen").selectOption({ index: 2 });
  await city.getByLabel("Beslutstext").fill("Styrgruppen fördelar Västerorts stadsdelar mellan de kvarvarande jourerna.");
  await city.getByRole("button", { name: "Registrera beslutet" }).click();
  await city.getByRole("heading", { level: 1, name: /^SG \d{4} § 1$/ }).waitFor();
  const decisionUrl = city.url();
  const gotland = await loggedInPage(env.browser, env.server.url, "stockholm.bo-gotland@samrad.test");
  const sodra = await loggedInPage(env.browser, env.server.url, "stockholm.bo-sodra@samrad.test");
  await agreeWithDecision([city, gotland, sodra], decisionUrl);
  await closeAsAdopted(city);
  if (await city.getByText("Brottsofferjouren Västerort saknas", { exact: false }).count()) throw new Error("Västerort still counted");
  await expectAccessible(city);

  // An amendment needs the three remaining parties' signatures.
  await city.goto(`${env.server.url}/partnerships/${partnershipId}/amendments`);
  await city.getByLabel("Rubrik", { exact: true }).fill("Västerorts uppdrag fördelas");
  await city.getByLabel("Text", { exact: true }).fill("Från 2026 delar Stockholm-Gotland och Södra Stockholm på Västerorts stadsdelar.");
  await city.getByRole("button", { name: "Spara utkastet" }).click();
  await city.getByText("0 av 3 parter har skrivit under.").waitFor();
  const amendmentUrl = city.url();
  for (const page of [city, gotland, sodra]) {
    await page.goto(amendmentUrl);
    await page.getByLabel("Ditt lösenord").fill("samrad-demo");
    await page.getByRole("button", { name: "Skriv under ändringen" }).click();
    await page.getByText(/Din underskrift är registrerad\.|Alla parter har skrivit under\. Ändringen gäller\./).first().waitFor();
  }
  await sodra.getByText("Alla parter har skrivit under. Ändringen gäller.").waitFor();
  await expectAccessible(sodra);
});

it("Linköping's municipality convenes the meetings, as its agreement (002) says, with no rotation", async () => {
  const [{ id: groupId }] = await env.db.sql<{ id: string }[]>`select id from groups where name = 'Samverkansmöte'`;
  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  await admin.goto(`${env.server.url}/groups/${groupId}`);
  await admin.getByText("Bestäm vem som kallar till möten").click();
  const convener = admin.getByLabel("Kallar till möten", { exact: true });
  await convener.waitFor();
  if ((await convener.locator("option:checked").textContent()) !== "Linköpings kommun, Social- och omsorgsnämnden") throw new Error("not set from the agreement");
  await expectAccessible(admin);

  const kommun = await loggedInPage(env.browser, env.server.url, "linkoping.kommun@samrad.test");
  await kommun.goto(`${env.server.url}/groups/${groupId}`);
  await kommun.getByText("Rotationen är inte bestämd ännu", { exact: false }).waitFor();
  await kommun.getByRole("link", { name: "Nytt möte" }).click();
  await kommun.getByRole("heading", { level: 1, name: "Nytt möte" }).waitFor();
  await expectAccessible(kommun);
  await kommun.getByLabel("Rubrik", { exact: true }).fill("Samverkansmöte våren 2027");
  await kommun.getByLabel("Datum").fill("2027-03-11");
  await kommun.getByLabel("Starttid").fill("09:00");
  await kommun.getByLabel("Sluttid").fill("11:00");
  await kommun.getByLabel("Plats").fill("Stadshuset, Linköping");
  await kommun.getByRole("button", { name: "Skapa mötet" }).click();
  await kommun.getByRole("heading", { level: 1, name: "Samverkansmöte våren 2027" }).waitFor();
  await kommun.getByRole("button", { name: "Skicka kallelse" }).click();
  await kommun.getByText("Kallelsen är skickad till gruppens ledamöter.").waitFor();
  await expectAccessible(kommun);
});
