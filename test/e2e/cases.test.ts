import { it } from "vitest";
import { addDaysIso } from "../../app/domain/iso-date";
import { stockholmDate } from "../../app/domain/stockholm-date";
import { expectAccessible } from "../support/browser";
import { e2eEnvironment } from "../support/e2e";
import { loggedInPage } from "../support/e2e-login";

const env = e2eEnvironment();

it("a shortcoming goes from report through an action plan to remedied, with both parties and the coordinator", async () => {
  const today = stockholmDate(new Date());
  const [{ id }] = await env.db.sql`select id from partnerships where name like '%Linköping%'`;
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
  await kommun.getByText("Anmäld – till styrgruppen").first().waitFor();
  await expectAccessible(kommun);
  const caseUrl = kommun.url();

  // At the held steering meeting the group requires an action plan; the coordinator records it.
  const admin = await loggedInPage(env.browser, env.server.url, "admin@samrad.test");
  await admin.goto(caseUrl);
  await admin.getByText("Begär åtgärdsplan", { exact: true }).click();
  await admin.getByLabel("Åtgärdsplan senast").fill(addDaysIso(today, 30));
  await admin.locator("#requirePlan-note").fill("Styrgruppen begär en åtgärdsplan inom en månad.");
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "Bekräfta: Begär åtgärdsplan" }).click();
  await admin.getByText("Steget är registrerat: Åtgärdsplan begärd.").waitFor();
  await expectAccessible(admin);

  // The shelter writes and submits its plan; the overview shows it owes one.
  const jouren = await loggedInPage(env.browser, env.server.url, "linkoping.jouren@samrad.test");
  await jouren.getByRole("link", { name: /Åtgärdsplan: Bilaga 1: jourtelefon alla vardagar/ }).click();
  await jouren.getByLabel("Åtgärd", { exact: true }).fill("Bemanningsschema med reserver");
  await jouren.getByLabel("Ansvarig", { exact: true }).fill("Verksamhetschefen");
  await jouren.getByLabel("Klart senast").fill(addDaysIso(today, 20));
  await jouren.getByRole("button", { name: "Lägg till åtgärden" }).click();
  await jouren.getByRole("cell", { name: "Bemanningsschema med reserver", exact: true }).waitFor();
  await expectAccessible(jouren);
  await jouren.getByText("Lämna in åtgärdsplanen", { exact: true }).click();
  await jouren.getByRole("button", { name: "Bekräfta: Lämna in åtgärdsplanen" }).click();
  await jouren.getByText("Steget är registrerat: Åtgärdsplan inlämnad.").waitFor();
  await expectAccessible(jouren);

  // The steering group accepts it.
  await admin.goto(caseUrl);
  await admin.getByText("Godkänn åtgärdsplanen", { exact: true }).click();
  await admin.getByRole("button", { name: "Bekräfta: Godkänn åtgärdsplanen" }).click();
  await admin.getByText("Steget är registrerat: Åtgärdsplan godkänd – uppföljning.").waitFor();

  // The shelter follows up its action.
  await jouren.goto(caseUrl);
  await jouren.getByLabel("Uppföljning av Bemanningsschema med reserver").fill("Schemat gäller från 1 december.");
  await jouren.getByLabel("Bemanningsschema med reserver är klar").check();
  await expectAccessible(jouren);
  await jouren.getByRole("button", { name: "Spara uppföljningen" }).click();
  await jouren.getByText("Schemat gäller från 1 december.").first().waitFor();

  // The steering group closes the case as remedied.
  await admin.goto(caseUrl);
  await admin.getByText("Bristen är åtgärdad", { exact: true }).click();
  await admin.getByRole("button", { name: "Bekräfta: Bristen är åtgärdad" }).click();
  await admin.getByText("Steget är registrerat: Åtgärdad.").waitFor();
  await admin.getByText("Ärendet är avslutat.").waitFor();
  await expectAccessible(admin);

  await kommun.goto(casesUrl);
  await kommun.getByText("Det finns inga pågående ärenden.").waitFor();
  await kommun.getByRole("cell", { name: "Åtgärdad" }).waitFor();
  await expectAccessible(kommun);
});

it("a disagreement in Stockholm's cooperation group is escalated to the steering group in one action", async () => {
  const [{ id }] = await env.db.sql`select id from groups where kind = 'cooperation'`;
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
