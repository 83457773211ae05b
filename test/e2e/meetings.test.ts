import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("coordinator sets up a partnership and steering group, the chair convenes, a member accepts and downloads the .ics, an outsider is kept out", async () => {
  const today = stockholmDate(new Date());
  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");

  // The coordinator sets up the partnership with two parties.
  await admin.getByRole("link", { name: "Nytt partnerskap" }).click();
  await admin.getByRole("heading", { level: 1, name: "Nytt partnerskap" }).waitFor();
  await expectAccessible(admin);
  await admin.getByLabel("Namn", { exact: true }).first().fill("IOP Västerort – brottsofferstöd");
  await admin.getByLabel("Diarienummer").fill("SN 2026/99");
  await admin.locator("#f-publicName").fill("Socialförvaltningen, Stockholms stad");
  await admin.locator("#f-publicOrgNumber").fill("2120000142");
  await admin.getByLabel("Idéburen part 1: namn").fill("Brottsofferjouren Västerort");
  await admin.getByLabel("Idéburen part 1: organisationsnummer").fill("802015-4823"); // a typo first
  await admin.getByLabel("Hur löper avtalet?").selectOption("fixed");
  await admin.getByLabel("Startdatum").fill("2026-01-01");
  await admin.getByLabel("Slutdatum").fill("2028-12-31");
  await admin.getByRole("button", { name: "Skapa partnerskapet" }).click();
  // The error is under the number, not under the name that was right; the summary links to it.
  await admin.locator("#f-ideaOrgNumber1-error", { hasText: "kontrollsiffran stämmer inte" }).waitFor();
  await admin.getByRole("alert").getByRole("link", { name: /^Idéburen part 1: organisationsnummer: .*kontrollsiffran stämmer inte/ }).waitFor();
  expect(await admin.getByText("Ange minst en idéburen part.").count()).toBe(0);
  await expectAccessible(admin);
  await admin.getByLabel("Idéburen part 1: organisationsnummer").fill("802015-4822");
  await admin.getByRole("button", { name: "Skapa partnerskapet" }).click();
  await admin.getByRole("heading", { level: 1, name: "IOP Västerort – brottsofferstöd" }).waitFor();
  await admin.getByText("Löper till 2028-12-31.").waitFor();
  await expectAccessible(admin);

  // …and a steering group with two representatives and a chair rotation starting today.
  await admin.getByText("Lägg till grupp").click();
  await admin.getByLabel("Gruppens namn").fill("Styrgrupp Västerort");
  await admin.getByRole("button", { name: "Skapa gruppen" }).click();
  await admin.getByRole("heading", { level: 1, name: "Styrgrupp Västerort" }).waitFor();
  await expectAccessible(admin);
  for (const [email, party] of [
    ["stockholm.socialforvaltningen@samrad.test", "Socialförvaltningen, Stockholms stad"],
    ["stockholm.bo-vasterort@samrad.test", "Brottsofferjouren Västerort"],
  ]) {
    // The form stays open after a save, so it is only opened when closed.
    if (!(await admin.getByLabel("Användarens e-postadress").isVisible())) await admin.getByText("Lägg till eller ändra ledamot").click();
    await admin.getByLabel("Användarens e-postadress").fill(email);
    await admin.getByLabel("Part", { exact: true }).selectOption({ label: party });
    await admin.getByRole("button", { name: "Spara ledamot" }).click();
    await admin.getByText("Ledamoten är sparad.").waitFor();
    await admin.getByRole("cell", { name: party }).first().waitFor();
  }
  await admin.getByText("Bestäm rotation").click();
  await admin.getByLabel("Rotationen börjar").fill(today);
  await admin.getByRole("button", { name: "Spara rotationen" }).click();
  await admin.getByText("Rotationen är sparad.").waitFor();
  await admin.getByText("Ordförande:").waitFor();
  await expectAccessible(admin);
  const groupUrl = admin.url();

  // The chair's party (the public party holds the first turn) convenes a meeting with an agenda.
  const chair = await loggedInPage(env.browser, env.server.url, "stockholm.socialforvaltningen@samrad.test");
  await chair.goto(groupUrl);
  await chair.getByRole("link", { name: "Nytt möte" }).click();
  await chair.getByRole("heading", { level: 1, name: "Nytt möte" }).waitFor();
  await expectAccessible(chair);
  await chair.getByLabel("Rubrik", { exact: true }).fill("Styrgruppsmöte januari");
  await chair.getByLabel("Datum").fill("2027-01-14");
  await chair.getByLabel("Starttid").fill("13:00");
  await chair.getByLabel("Sluttid").fill("15:00");
  await chair.getByLabel("Plats").fill("Stadshuset");
  await chair.getByRole("button", { name: "Skapa mötet" }).click();
  await chair.getByRole("heading", { level: 1, name: "Styrgruppsmöte januari" }).waitFor();
  await chair.getByText("Lägg till punkt").click();
  await chair.getByLabel("Rubrik", { exact: true }).fill("Verksamhetsplan 2027");
  await chair.getByLabel("Typ", { exact: true }).selectOption("decision");
  await chair.getByRole("button", { name: "Lägg till", exact: true }).click();
  await chair.getByRole("region", { name: "Dagordning" }).getByText("§ 7 Verksamhetsplan 2027").first().waitFor();
  await chair.getByRole("button", { name: "Skicka kallelse" }).click();
  await chair.getByText("Kallelsen är skickad till gruppens ledamöter.").waitFor();
  await expectAccessible(chair);
  const meetingUrl = chair.url();

  // A member finds it among their meetings, accepts, and downloads a valid calendar file.
  const member = await loggedInPage(env.browser, env.server.url, "stockholm.bo-vasterort@samrad.test");
  await member.getByRole("link", { name: "Möten", exact: true }).click();
  await member.getByRole("heading", { level: 1, name: "Möten" }).waitFor();
  await expectAccessible(member);
  await member.goto(env.server.url + "/meetings?view=month&month=2027-01");
  await member.getByRole("table", { name: "januari 2027" }).waitFor();
  await expectAccessible(member);
  await member.getByRole("link", { name: "13:00 Styrgruppsmöte januari" }).click();
  await member.getByRole("region", { name: "Dagordning" }).getByText("§ 7 Verksamhetsplan 2027").first().waitFor();
  await member.getByRole("button", { name: "Jag kommer", exact: true }).click();
  await member.getByText("Ditt svar är sparat: du kommer.").waitFor();
  await expectAccessible(member);
  const [download] = await Promise.all([member.waitForEvent("download"), member.getByRole("link", { name: "Lägg till i kalendern (.ics)" }).click()]);
  const ics = await readFile((await download.path())!, "utf8");
  expect(ics).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
  expect(ics).toContain("METHOD:REQUEST");
  expect(ics).toContain("DTSTART:20270114T120000Z");
  expect(ics).toContain("SUMMARY:Styrgruppsmöte januari");
  expect(ics.trimEnd().endsWith("END:VCALENDAR")).toBe(true);

  // Someone from another partnership gets the same answer as for a page that does not exist.
  const outsider = await loggedInPage(env.browser, env.server.url, "boras.jouren@samrad.test");
  const res = await outsider.goto(meetingUrl);
  expect(res?.status()).toBe(404);
  await outsider.getByRole("heading", { level: 1, name: "Sidan finns inte" }).waitFor();
  expect(await outsider.content()).not.toContain("Styrgruppsmöte januari");
  await expectAccessible(outsider);
});
