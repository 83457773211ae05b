import { expect, it } from "vitest";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("the Linköping chair records a decision, both parties agree, it is adopted and numbered in the register and the printed minutes", async () => {
  // Linköpings kommun holds the chair of "Samverkansmöte" from today.
  const [{ id: groupId }] = await env.db.sql<{ id: string }[]>`select id from groups where name = 'Samverkansmöte'`;
  await env.db.sql`update groups set rotation_order = array_prepend(p.id, array_remove(rotation_order, p.id)),
    rotation_starts_on = ${stockholmDate(new Date())}, rotation_unit = 'months', rotation_length = 1
    from parties p where groups.id = ${groupId} and p.partnership_id = groups.partnership_id and p.sector = 'public'`;
  const [{ id: meetingId }] = await env.db.sql<{ id: string }[]>`
    select id from meetings where group_id = ${groupId} and starts_at < now() and status <> 'cancelled' order by starts_at desc limit 1`;
  const year = stockholmDate(new Date()).slice(0, 4);
  const label = `SG ${year} § 1`;

  const chair = await loggedInPage(env.browser, env.server.url, "linkoping.kommun@samrad.test");
  await chair.goto(`${env.server.url}/meetings/${meetingId}`);
  await chair.getByText("Ansluten", { exact: false }).first().waitFor();
  await chair.getByLabel("Johan Berg närvarande").check();
  await chair.getByLabel("Sara Lind närvarande").check();
  await chair.getByRole("button", { name: "Spara närvaron" }).click();
  await chair.getByText("Närvaron är sparad.").waitFor();

  await chair.getByText("Registrera beslut", { exact: true }).click();
  await chair.getByLabel("Punkt på dagordningen").selectOption({ index: 2 });
  await chair.getByLabel("Beslutstext").fill("Parterna antar en gemensam rutin för skyddat boende.");
  await expectAccessible(chair);
  await chair.getByRole("button", { name: "Registrera beslutet" }).click();
  await chair.getByRole("heading", { level: 1, name: label }).waitFor();
  const decisionUrl = chair.url();
  await chair.getByText("öppet").first().waitFor();
  await expectAccessible(chair);

  const agree = async (page: typeof chair) => {
    await page.getByLabel("Instämmer").check();
    await page.getByRole("button", { name: "Lämna ställningstagande" }).click();
    await page.getByText("Ställningstagandet är sparat.").waitFor();
    await expectAccessible(page);
  };
  await agree(chair);
  const member = await loggedInPage(env.browser, env.server.url, "linkoping.jouren@samrad.test");
  await member.goto(decisionUrl);
  await expectAccessible(member);
  await agree(member);

  await chair.reload();
  await chair.getByText("Avsluta beslutet", { exact: true }).click();
  await expectAccessible(chair);
  await chair.getByRole("button", { name: "Ja, avsluta beslutet" }).click();
  await chair.getByText("Beslutet är avslutat.").waitFor();
  await chair.getByText("antaget", { exact: true }).waitFor();
  await expectAccessible(chair);

  // The register lists it under its year, adopted.
  await chair.getByRole("link", { name: "Beslutsregister – Samverkansmöte" }).click();
  await chair.getByRole("heading", { level: 2, name: `År ${year}` }).waitFor();
  await chair.getByRole("listitem").filter({ hasText: label }).getByText("antaget", { exact: true }).waitFor();
  await expectAccessible(chair);

  // Approving the minutes: the chair sends them to Sara Lind, both approve.
  await chair.goto(`${env.server.url}/meetings/${meetingId}`);
  await chair.getByText("Ansluten", { exact: false }).first().waitFor();
  await chair.getByRole("link", { name: label }).waitFor();
  await chair.getByLabel("Sara Lind (Kvinnojouren Ellinor och Tjejjouren Beata)").check();
  await chair.getByRole("button", { name: "Skicka protokollet för justering" }).click();
  await chair.getByText("Protokollet är skickat för justering.", { exact: false }).waitFor();
  await chair.getByRole("button", { name: "Justera protokollet" }).click();
  await chair.getByText("Din justering är registrerad.").waitFor();
  await member.goto(`${env.server.url}/meetings/${meetingId}`);
  await member.getByRole("button", { name: "Justera protokollet" }).click();
  await member.getByText("Protokollet är justerat och kan inte längre ändras.").waitFor();

  // The printable minutes list the decision under its item and link to it.
  await member.goto(`${env.server.url}/meetings/${meetingId}/minutes`);
  const section = member.getByRole("region", { name: "Beslut" });
  await section.getByRole("heading", { level: 3, name: /^§ 3 / }).waitFor();
  const listed = section.getByRole("listitem").filter({ hasText: label });
  await listed.getByText("antaget", { exact: true }).waitFor();
  await expectAccessible(member);
  await section.getByRole("link", { name: label }).click();
  await member.getByRole("heading", { level: 1, name: label }).waitFor();

  // The Markdown download carries it too, linked to the register.
  const markdown = await (await member.context().request.get(`${env.server.url}/meetings/${meetingId}/minutes.md`)).text();
  expect(markdown).toContain(`- [${label}](${env.server.url}${new URL(decisionUrl).pathname}): Parterna antar en gemensam rutin för skyddat boende. (antaget)`);
});
