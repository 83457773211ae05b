import { expect, it } from "vitest";
import { addDaysIso } from "../../app/domain/iso-date";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { agreeWithDecision, closeAsAdopted } from "../support/e2e-decisions";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("a shortcoming goes from report through adopted steering decisions and an action plan to termination, the notice dated by the meeting", async () => {
  // Dates come from the demo data: the steering group's meeting held a month ago (D) and the
  // case counted as reported the day before it, whatever day the test runs.
  const [{ id, heldId, meetingDay }] = await env.db.sql`
    select p.id, m.id as "heldId", (m.starts_at at time zone 'Europe/Stockholm')::date::text as "meetingDay"
    from partnerships p join groups g on g.partnership_id = p.id and g.kind = 'steering' join meetings m on m.group_id = g.id
    where p.name like '%Linköping%' and m.starts_at < now() order by m.starts_at desc limit 1`;
  const casesUrl = `${env.server.url}/partnerships/${id}/cases`;

  // The municipality reports that the shelter's phone line was unstaffed.
  const kommun = await loggedInPage(env.browser, env.server.url, "linkoping.kommun@samrad.test");
  await kommun.goto(casesUrl);
  await kommun.getByRole("heading", { level: 1, name: "Ärenden" }).waitFor();
  await kommun.getByText("Det finns inga pågående ärenden.").waitFor();
  await expectAccessible(kommun);
  await kommun.getByLabel("Vilket åtagande gäller det?").fill("Bilaga 1: jourtelefon alla vardagar");
  await kommun.getByLabel("Vad brister?").fill("Telefonen var obemannad i tre veckor i oktober.");
  await kommun.getByRole("button", { name: "Anmäl bristen" }).click();
  await kommun.getByText(/står på dagordningen för Samverkansmöte – möte/).waitFor();
  await expectAccessible(kommun);
  await kommun.getByRole("link", { name: "Bilaga 1: jourtelefon alla vardagar" }).click();
  // The list shows the stage too: wait for the case's own address, or its URL may still be the list's.
  await kommun.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  await kommun.getByRole("heading", { level: 1, name: "Bilaga 1: jourtelefon alla vardagar" }).waitFor();
  await kommun.getByText("Anmäld – till styrgruppen").first().waitFor();
  await expectAccessible(kommun);
  const caseUrl = kommun.url();
  await env.db.sql`update cases set created_at = (select starts_at - interval '1 day' from meetings where id = ${heldId})`;

  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  const jouren = await loggedInPage(env.browser, env.server.url, "linkoping.jouren@samrad.test");
  /** The coordinator records a decision at the meeting with both parties present; both agree, so it is adopted (004 §3.1). */
  const adopt = async (meetingId: string, text: string) => {
    await admin.goto(`${env.server.url}/meetings/${meetingId}`);
    await admin.getByLabel("Johan Berg närvarande").check();
    await admin.getByLabel("Sara Lind närvarande").check();
    await admin.getByRole("button", { name: "Spara närvaron" }).click();
    await admin.getByText("Närvaron är sparad.").waitFor();
    await admin.getByText("Registrera beslut", { exact: true }).click();
    await admin.getByLabel("Punkt på dagordningen").selectOption({ index: 2 });
    await admin.getByLabel("Beslutstext").fill(text);
    await admin.getByRole("button", { name: "Registrera beslutet" }).click();
    await admin.getByRole("heading", { level: 1, name: /^SG \d{4} § \d+$/ }).waitFor();
    await agreeWithDecision([kommun, jouren], admin.url());
    await closeAsAdopted(admin);
    await expectAccessible(admin);
  };
  /** A step at the newest held meeting (chosen first), citing the register's `decision`-th adopted decision. */
  const takeStep = async (step: string, decision: number, fill: Record<string, string> = {}) => {
    await admin.goto(caseUrl);
    await admin.getByText(step, { exact: true }).click();
    await admin.locator("details[open] select[name=decisionId]").selectOption({ index: decision });
    for (const [selector, value] of Object.entries(fill)) await admin.locator(selector).fill(value);
    await admin.getByRole("button", { name: `Bekräfta: ${step}` }).click();
  };

  // Before the register holds an adopted decision, the steering group's steps cannot be recorded.
  await admin.goto(caseUrl);
  await admin.getByText("Begär åtgärdsplan", { exact: true }).click();
  await admin.locator("details[open]").getByText("Styrgruppen har inget antaget beslut från ett hållet möte efter att ärendet anmäldes.").waitFor();

  // At the held meeting the group decides that a plan is due the same day.
  await adopt(heldId, `Kvinnojouren lämnar en åtgärdsplan senast ${meetingDay}.`);
  await takeStep("Begär åtgärdsplan", 1, { "#requirePlan-due": meetingDay });
  await admin.getByText("Steget är registrerat: Åtgärdsplan begärd.").waitFor();
  await expectAccessible(admin);

  // Termination is refused while the plan is not yet overdue.
  await takeStep("Säg upp partens deltagande", 1);
  await admin.getByText("Uppsägning kräver att bristen bedömts som inte åtgärdad eller att dagen för åtgärdsplanen har passerat vid mötet.").waitFor();
  await admin.getByText("Åtgärdsplan begärd").first().waitFor();
  await expectAccessible(admin);

  // The shelter writes and submits its plan; the overview's Att göra shows it owes one, with its deadline,
  // and the step reached it as a notification too.
  await jouren.goto(env.server.url);
  const todo = jouren.getByRole("region", { name: "Att göra" });
  await todo.getByRole("listitem").filter({ hasText: /Åtgärdsplan: Bilaga 1: jourtelefon alla vardagar/ }).getByText(`senast ${meetingDay}`).waitFor();
  await jouren.getByRole("link", { name: /^Att göra \(\d+ olästa\)$/ }).waitFor();
  await expectAccessible(jouren);
  // The header's counter opens the list: the report and the required plan, with its deadline; one is marked read.
  await jouren.getByRole("link", { name: /^Att göra \(\d+ olästa\)$/ }).click();
  await jouren.getByRole("heading", { level: 1, name: "Att göra" }).waitFor();
  await jouren.getByRole("listitem").filter({ hasText: "Ärendet Bilaga 1: jourtelefon alla vardagar: Ärendet registrerades." }).waitFor();
  const required = jouren.getByRole("listitem").filter({ hasText: "Ärendet Bilaga 1: jourtelefon alla vardagar: Begär åtgärdsplan." });
  await required.getByText(`senast ${meetingDay}`).waitFor();
  await expectAccessible(jouren);
  await required.getByRole("button", { name: /^Markera som läst: / }).click();
  await jouren.getByRole("status").getByText("Markerat som läst.").waitFor();
  await expect.poll(() => required.getByText("Oläst").count()).toBe(0);
  await expectAccessible(jouren);
  await jouren.goto(env.server.url);
  await todo.getByRole("link", { name: /Åtgärdsplan: Bilaga 1: jourtelefon alla vardagar/ }).click();
  await jouren.getByLabel("Åtgärd", { exact: true }).fill("Bemanningsschema med reserver");
  await jouren.getByLabel("Ansvarig", { exact: true }).fill("Verksamhetschefen");
  await jouren.getByLabel("Klart senast").fill(addDaysIso(meetingDay, 20));
  await jouren.getByRole("button", { name: "Lägg till åtgärden" }).click();
  await jouren.getByRole("cell", { name: "Bemanningsschema med reserver", exact: true }).waitFor();
  await expectAccessible(jouren);
  await jouren.getByText("Lämna in åtgärdsplanen", { exact: true }).click();
  await jouren.getByRole("button", { name: "Bekräfta: Lämna in åtgärdsplanen" }).click();
  await jouren.getByText("Steget är registrerat: Åtgärdsplan inlämnad.").waitFor();
  await expectAccessible(jouren);

  // An extra meeting the next day finds the plan late and not enough: it is sent back and the participation terminated.
  const [{ id: extraId }] = await env.db.sql`
    insert into meetings (group_id, kind, title, starts_at, ends_at, status, created_by, extra_reason)
    select group_id, 'extra', 'Extra styrgruppsmöte', starts_at + interval '1 day', ends_at + interval '1 day', 'noticed', created_by, 'Åtgärdsplanen'
    from meetings where id = ${heldId} returning id`;
  await env.db.sql`insert into agenda_items (meeting_id, position, title, type, created_by)
    select ${extraId}, position, title, type, created_by from agenda_items where meeting_id = ${heldId}`;
  await adopt(extraId, "Planen kom in för sent och räcker inte; styrgruppen säger upp jourens deltagande.");
  await takeStep("Skicka tillbaka åtgärdsplanen", 2, { "#returnPlan-note": "Planen saknar bemanning för helger." });
  await admin.getByText("Steget är registrerat: Åtgärdsplan begärd.").waitFor();
  await takeStep("Säg upp partens deltagande", 2, { "#terminate-note": "Styrgruppen säger upp jourens deltagande." });
  await admin.getByText("Steget är registrerat: Partens deltagande uppsagt.").waitFor();
  await admin.getByText("Ärendet är avslutat.").waitFor();
  await expectAccessible(admin);

  // The notice is the steering group's and dates from the meeting, not from the day it was typed in.
  const endDay = addDaysIso(meetingDay, 1);
  await kommun.goto(`${env.server.url}/partnerships/${id}/termination`);
  await kommun.getByText(new RegExp(`^Styrgruppen sade upp deltagandet för Kvinnojouren Ellinor och Tjejjouren Beata ${endDay}\\.`)).waitFor();
  await expectAccessible(kommun);
});

it("a disagreement in Stockholm's cooperation group is escalated to the steering group in one action", async () => {
  const [{ id }] = await env.db.sql`select id from groups where kind = 'cooperation' and partnership_id = (select id from partnerships where reference_number = '2021/630')`;
  const sodra = await loggedInPage(env.browser, env.server.url, "stockholm.bo-sodra@samrad.test");
  await sodra.goto(`${env.server.url}/groups/${id}`);
  await sodra.getByText("Eskalera oenighet till styrgruppen").last().click();
  await sodra.locator("#escalate-title").fill("Fördelning av helgjouren");
  await sodra.locator("#escalate-description").fill("Parterna är oeniga om vem som bemannar helgerna.");
  await expectAccessible(sodra);
  await sodra.getByRole("button", { name: "Eskalera", exact: true }).click();
  await sodra.getByText("Oenigheten är eskalerad till styrgruppen.").waitFor();
  await sodra.getByRole("cell", { name: "I styrgruppen" }).waitFor();
  await expectAccessible(sodra);
});
