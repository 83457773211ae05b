import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { expectAccessible } from "../support/browser";
import { stockholmSteeringMeetings } from "../support/demo";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

async function openMinutes(email: string, meetingUrl: string): Promise<Page> {
  const page = await loggedInPage(env.browser, env.server.url, email);
  await page.goto(meetingUrl);
  await page.getByRole("textbox", { name: "Protokollets text" }).waitFor();
  await page.getByText("Ansluten", { exact: false }).first().waitFor();
  return page;
}

it("two members write the same minutes and see each other's text, names and carets", async () => {
  const id = (await stockholmSteeringMeetings(env.db.sql)).at(-1)!;
  // The upcoming meeting opens on *Före*; its minutes are written in *Under*.
  const url = `${env.server.url}/meetings/${id}?fas=under`;
  const ahmed = await openMinutes("stockholm.bo-gotland@samrad.test", url);
  const ingrid = await openMinutes("stockholm.bo-sodra@samrad.test", url);

  // The agenda's sections are there once, prefilled by the server.
  const editorA = ahmed.getByRole("textbox", { name: "Protokollets text" });
  const editorB = ingrid.getByRole("textbox", { name: "Protokollets text" });
  for (const editor of [editorA, editorB]) {
    await editor.getByText("§ 1 Mötets öppnande").waitFor();
    expect(await editor.getByText("§ 1 Mötets öppnande").count()).toBe(1);
  }

  // Each sees who else is connected.
  await ahmed.getByRole("list", { name: "Uppkopplade just nu" }).getByText("Ingrid Sjöberg").waitFor();
  await ingrid.getByRole("list", { name: "Uppkopplade just nu" }).getByText("Ahmed Karimi").waitFor();

  await editorA.locator("p").first().click();
  await ahmed.keyboard.type("Ordföranden öppnade mötet.");
  await editorB.getByText("Ordföranden öppnade mötet.").waitFor();
  await editorB.locator("p").nth(1).click();
  await ingrid.keyboard.type("Ingrid valdes till justerare.");
  await editorA.getByText("Ingrid valdes till justerare.").waitFor();
  // Ingrid's caret, labelled with her name, shows in Ahmed's editor.
  await ahmed.locator(".collaboration-carets__label", { hasText: "Ingrid Sjöberg" }).waitFor();
  await ahmed.getByText("Allt sparat", { exact: false }).waitFor();
  await expectAccessible(ahmed);
  await expectAccessible(ingrid);

  // After a reload the text comes back from the server.
  await ingrid.reload();
  await ingrid.getByRole("textbox", { name: "Protokollets text" }).getByText("Ordföranden öppnade mötet.").waitFor();
});

it("the chair and the adjuster approve; the minutes turn read-only in both browsers and print with an approval block", async () => {
  const id = (await stockholmSteeringMeetings(env.db.sql))[0];
  const url = `${env.server.url}/meetings/${id}`;
  // Brottsofferjouren Västerort holds the chair in the demo rotation; Ahmed Karimi adjusts.
  const chair = await openMinutes("stockholm.bo-vasterort@samrad.test", url);
  const adjuster = await openMinutes("stockholm.bo-gotland@samrad.test", url);
  const chairText = chair.getByRole("textbox", { name: "Protokollets text" });
  await chairText.locator("p").first().click();
  await chair.keyboard.type("Mötet öppnades av ordföranden.");
  await adjuster.getByRole("textbox", { name: "Protokollets text" }).getByText("Mötet öppnades av ordföranden.").waitFor();
  await chair.getByText("Allt sparat", { exact: false }).waitFor();

  await chair.getByLabel("Ahmed Karimi (Brottsofferjouren Stockholm-Gotland)").check();
  await chair.getByRole("button", { name: "Skicka protokollet för justering" }).click();
  await chair.getByText("Protokollet är skickat för justering.", { exact: false }).waitFor();
  await expectAccessible(chair);
  await chair.getByRole("button", { name: "Justera protokollet" }).click();
  await chair.getByText("Din justering är registrerad.").waitFor();

  // The adjuster is told by e-mail (a duty: always sent at once) and follows its link; the header counts it unread.
  const [mail] = await env.db.sql<{ subject: string; body: string }[]>`select subject, body from outbox where "to" = 'stockholm.bo-gotland@samrad.test' and subject like 'Protokollet från%'`;
  expect(mail.subject).toMatch(/^Protokollet från .+ väntar på din justering\.$/);
  const link = /Öppna i Samråd: (\S+)/.exec(mail.body)![1];
  expect(link).toBe(url);
  await adjuster.goto(link);
  await adjuster.getByRole("link", { name: "Att göra (1 olästa)" }).waitFor();
  await adjuster.getByRole("button", { name: "Justera protokollet" }).click();
  await adjuster.getByText("Protokollet är justerat och kan inte längre ändras.").waitFor();
  await adjuster.getByText("Du kan läsa men inte ändra protokollet.").waitFor();
  expect(await adjuster.getByRole("textbox", { name: "Protokollets text" }).getAttribute("contenteditable")).toBe("false");
  await expectAccessible(adjuster);

  await chair.reload();
  await chair.getByText("Justerat protokoll – kan inte längre ändras.").waitFor();
  expect(await chair.getByRole("textbox", { name: "Protokollets text" }).getAttribute("contenteditable")).toBe("false");

  await chair.getByRole("link", { name: "Utskriftsvänligt protokoll" }).click();
  await chair.getByRole("heading", { level: 2, name: "Justering" }).waitFor();
  const block = chair.locator(".approval-block");
  await block.getByText("Ordförande: Olof Persson", { exact: false }).waitFor();
  await block.getByText("Justerare: Ahmed Karimi", { exact: false }).waitFor();
  await chair.getByText("Mötet öppnades av ordföranden.").waitFor();
  await expectAccessible(chair);
  await chair.emulateMedia({ media: "print" });
  expect(await chair.locator(".site-header").isVisible()).toBe(false);
  await chair.emulateMedia({ media: "screen" });

  await chair.goto(`${url}/minutes/versions`);
  await chair.getByRole("link", { name: /^Justerat, / }).waitFor();
  await expectAccessible(chair);
});

it("a section keeps its agenda item through a member's rewrite of its heading, so moving the item back still finds it", async () => {
  const id = (await stockholmSteeringMeetings(env.db.sql)).at(-1)!;
  // The upcoming meeting opens on *Före*; its minutes are written in *Under*.
  const url = `${env.server.url}/meetings/${id}?fas=under`;
  const chair = await openMinutes("stockholm.bo-vasterort@samrad.test", url);
  const member = await openMinutes("stockholm.bo-sodra@samrad.test", url);
  const agenda = chair.getByRole("region", { name: "Dagordning" });
  const chairText = chair.getByRole("textbox", { name: "Protokollets text" });
  const memberText = member.getByRole("textbox", { name: "Protokollets text" });

  // Moving § 1 down renumbers the sections; from then on each heading carries its item.
  await agenda.getByRole("button", { name: "Flytta ned Mötets öppnande" }).click();
  await memberText.getByRole("heading", { name: "§ 1 Val av justerare" }).waitFor();
  // The member rewrites that heading entirely, its number too, in the editor.
  await memberText.getByRole("heading", { name: "§ 1 Val av justerare" }).click({ clickCount: 3 });
  await member.keyboard.type("Justerare för dagens möte");
  await chairText.getByRole("heading", { name: /^Justerare för dagens möte/ }).waitFor(); // stored and relayed

  // Only the item the editor kept on the heading can find the section now.
  await agenda.getByRole("button", { name: "Flytta upp Mötets öppnande" }).click();
  await memberText.getByRole("heading", { name: "§ 2 Justerare för dagens möte" }).waitFor();
  await memberText.getByRole("heading", { name: "§ 1 Mötets öppnande" }).waitFor();
  expect(await memberText.getByRole("heading", { name: /Val av justerare/ }).count()).toBe(0);
});
