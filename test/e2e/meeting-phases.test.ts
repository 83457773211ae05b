import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

const SF = "Socialförvaltningen, Stockholms stad";
const GOTLAND = "Brottsofferjouren Stockholm-Gotland";
const SODRA = "Brottsofferjouren Södra Stockholm";

/** axe-clean at 1280 and 320 px, with nothing wider than the phone's screen; then a picture of the page. */
async function checkPhase(page: Page, phase: "fore" | "under" | "efter") {
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page);
  await page.setViewportSize({ width: 320, height: 800 });
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > 321 && ![...e.children].some((c) => c.getBoundingClientRect().right > 321))
      // A table scrolls in its own box (WCAG 1.4.10 allows it for data tables): the page does not.
      .filter((e) => !e.closest(".table-wrap"))
      // What a closed <details> holds (the header's menu on a phone) is not shown.
      .filter((e) => !e.closest("details:not([open])"))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent?.slice(0, 40)}`),
  );
  expect(wide, `no horizontal scroll in ${phase} at 320 px`).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/meeting-${phase}.png`, fullPage: true });
}

it("a chair runs a whole meeting: convenes, records the room's presence and positions, writes the minutes with a member and sends them for approval", async () => {
  // Socialförvaltningen holds the chair of Stockholm's steering group from today.
  const [{ id: groupId }] = await env.db.sql<{ id: string }[]>`
    select g.id from groups g join partnerships p on p.id = g.partnership_id where p.reference_number = '2021/630' and g.kind = 'steering'`;
  await env.db.sql`update groups set rotation_order = array_prepend(p.id, array_remove(rotation_order, p.id)),
    rotation_starts_on = ${stockholmDate(new Date())}, rotation_unit = 'months', rotation_length = 1
    from parties p where groups.id = ${groupId} and p.partnership_id = groups.partnership_id and p.sector = 'public'`;

  // *Före*: the chair convenes a meeting a week ahead, adds an item and sends the notice.
  const chair = await loggedInPage(env.browser, env.server.url, "stockholm.socialforvaltningen@samrad.test");
  await chair.goto(`${env.server.url}/groups/${groupId}`);
  await chair.getByRole("link", { name: "Nytt möte" }).click();
  await chair.getByLabel("Rubrik", { exact: true }).fill("Styrgruppen – vårens första möte");
  await chair.getByLabel("Datum").fill(stockholmDate(new Date(Date.now() + 7 * 86_400_000)));
  await chair.getByLabel("Starttid").fill("13:00");
  await chair.getByLabel("Sluttid").fill("15:00");
  await chair.getByLabel("Plats").fill("Stadshuset");
  await chair.getByRole("button", { name: "Skapa mötet" }).click();
  await chair.getByRole("heading", { level: 1, name: "Styrgruppen – vårens första möte" }).waitFor();
  const meetingUrl = chair.url();
  const meetingId = meetingUrl.split("/").pop()!;
  const phases = chair.getByRole("navigation", { name: "Mötets delar" });
  expect(await phases.getByRole("link", { name: "Före (nu)" }).getAttribute("aria-current")).toBe("page");
  await chair.getByText("Utkast – ingen kallelse skickad").first().waitFor();

  await chair.getByText("Lägg till punkt").click();
  await chair.getByLabel("Rubrik", { exact: true }).fill("Verksamhetsplan 2027");
  await chair.getByLabel("Typ", { exact: true }).selectOption("decision");
  await chair.getByLabel("Bilagor (länkar)").fill("https://intranat.stockholm.se/verksamhetsplan");
  await chair.getByRole("button", { name: "Lägg till", exact: true }).click();
  const agenda = chair.getByRole("region", { name: "Dagordning" });
  // The item lands before "Mötets avslutande", and the form starts blank for the next one.
  await agenda.getByText("§ 7 Verksamhetsplan 2027").first().waitFor();
  await agenda.getByText("§ 8 Mötets avslutande").first().waitFor();
  expect(await chair.getByLabel("Rubrik", { exact: true }).inputValue()).toBe("");
  expect(await chair.getByLabel("Bilagor (länkar)").inputValue()).toBe("");
  // Removing an item asks first.
  await agenda.getByText("Ta bort", { exact: true }).first().click();
  await agenda.getByText("Ta bort punkten Mötets öppnande från dagordningen?").first().waitFor();

  await chair.getByRole("button", { name: "Skicka kallelse" }).click();
  await chair.getByText("Kallelsen är skickad till gruppens ledamöter.").waitFor();
  await chair.getByText("Kallat", { exact: true }).first().waitFor();
  await checkPhase(chair, "fore");

  // The meeting is under way (its times moved to now, as the clock would): *Under* is the chair's view.
  await env.db.sql`update meetings set starts_at = now() - interval '30 minutes', ends_at = now() + interval '90 minutes' where id = ${meetingId}`;
  await chair.goto(meetingUrl);
  expect(await phases.getByRole("link", { name: "Under (nu)" }).getAttribute("aria-current")).toBe("page");
  await chair.getByRole("heading", { level: 2, name: "Under mötet" }).waitFor();
  await chair.getByText("Registrera beslut", { exact: true }).click();
  await chair.getByLabel("Punkt på dagordningen").selectOption({ label: "§ 7 Verksamhetsplan 2027" });
  await chair.getByLabel("Beslutstext").fill("Styrgruppen antar verksamhetsplanen för 2027.");
  await chair.getByRole("button", { name: "Registrera beslutet" }).click();
  await chair.getByRole("heading", { level: 1, name: /^SG \d{4} § \d+$/ }).waitFor();
  const decisionUrl = chair.url();

  // Presence and three parties' positions in one go.
  await chair.goto(meetingUrl);
  const room = chair.getByRole("region", { name: "Anteckna för rummet" });
  for (const who of [`Eva Lindqvist (${SF})`, `Ahmed Karimi (${GOTLAND})`, `Ingrid Sjöberg (${SODRA})`]) await room.getByLabel(who).check();
  await room.getByLabel(`Ställningstagande – ${SF}`).selectOption("agree");
  await room.getByLabel(`Ställningstagande – ${GOTLAND}`).selectOption("agree");
  await room.getByLabel(`Ställningstagande – ${SODRA}`).selectOption("object");
  await room.getByLabel(`Reservation eller särskilt yttrande – ${SODRA}`).fill("Södra Stockholm vill se en tydligare budget.");
  await room.getByRole("button", { name: "Spara närvaro och ställningstaganden" }).click();
  await room.getByText("Närvaro och ställningstaganden är antecknade.").waitFor();

  // The minutes, written with a member in the live editor beside the agenda.
  const member = await loggedInPage(env.browser, env.server.url, "stockholm.bo-gotland@samrad.test");
  await member.goto(meetingUrl);
  for (const page of [chair, member]) await page.getByText("Ansluten", { exact: false }).first().waitFor();
  const chairText = chair.getByRole("textbox", { name: "Protokollets text" });
  const memberText = member.getByRole("textbox", { name: "Protokollets text" });
  await chairText.locator("p").first().click();
  await chair.keyboard.type("Ordföranden öppnade mötet.");
  await memberText.getByText("Ordföranden öppnade mötet.").waitFor();
  await memberText.locator("p").nth(1).click();
  await member.keyboard.type("Ahmed Karimi valdes till justerare.");
  await chairText.getByText("Ahmed Karimi valdes till justerare.").waitFor();
  await chair.getByText("Allt sparat", { exact: false }).waitFor();
  await checkPhase(chair, "under");

  // Sent for approval, the page moves on to *Efter*.
  const minutes = chair.getByRole("region", { name: "Protokoll", exact: true });
  await minutes.getByLabel(`Ahmed Karimi (${GOTLAND})`).check();
  await minutes.getByRole("button", { name: "Skicka protokollet för justering" }).click();
  await chair.waitForURL(/\?fas=efter$/);
  await chair.getByRole("heading", { level: 2, name: "Efter mötet" }).waitFor();
  await chair.getByText("Protokollet är skickat för justering.", { exact: false }).waitFor();
  await chair.getByText("Protokoll för justering", { exact: true }).first().waitFor();
  await chair.goto(meetingUrl);
  expect(await phases.getByRole("link", { name: "Efter (nu)" }).getAttribute("aria-current")).toBe("page");
  await checkPhase(chair, "efter");

  // The decision shows the positions as the chair recorded them for the room.
  await chair.goto(decisionUrl);
  await chair.getByText("Södra Stockholm vill se en tydligare budget.").waitFor();
  expect(await chair.getByText("antecknat av ordföranden", { exact: true }).count()).toBe(3);
  await expectAccessible(chair);
});
